'use strict';
// The command line as one CommonJS bundle (dist/bundle/chunks/cli.cjs) compiled with V8's code
// cache for it (cli.cjs.cache, written by scripts/code-cache.mjs at build time): most of a start
// was compiling the bundle's functions. The cache is V8's stable vm.Script cachedData, not a
// startup snapshot: made for another V8 (another Node), it is rejected and the bundle compiles as
// it would without one. No bundle (a build that stopped early): undefined, and the shim loads the
// ES module build instead. CommonJS, like the shim (bin/package.json): an ES module entry costs
// the loader's start-up on every run.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const path = require('node:path');
const { Script } = require('node:vm');

const CLI_BUNDLE = path.join(__dirname, '../dist/bundle/chunks/cli.cjs');

/** The bundle's exports ({ main, run }) and its compiled script (for a cache of it); undefined without a bundle. */
function loadCli(file = CLI_BUNDLE, cachedData = readCache(`${file}.cache`)) {
  let source;
  try {
    // latin1: the bundle is ASCII (scripts/bundle.mjs refuses to write it otherwise), the same
    // text as UTF-8 would give, without decoding ~800 KB of UTF-8 at every start (~2 ms).
    source = readFileSync(file, 'latin1');
  } catch {
    return undefined;
  }
  const script = new Script(Module.wrap(source), { filename: file, ...(cachedData === undefined ? {} : { cachedData }) });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  return { exports: module.exports, script };
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

exports.CLI_BUNDLE = CLI_BUNDLE;
exports.loadCli = loadCli;
