'use strict';
// chalk's supports-color, for the command-line bundle (scripts/bundle.mjs): no colour support
// detected, as its browser build answers without a navigator. chalk reads it only for the level of
// its default instances (`chalk`, `chalkStderr`); infercost gives every Chalk it makes its level
// (`new Chalk({ level })`, from wantsColor in cli/io.ts), so nothing it prints changes, and a start
// skips loading node:tty and reading the environment for them.
const supportsColor = { stdout: false, stderr: false };
module.exports = { __esModule: true, default: supportsColor };
