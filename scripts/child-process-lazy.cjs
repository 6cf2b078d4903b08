'use strict';
// commander requires node:child_process at load, for subcommands that are separate executables
// (`git-style`), which infercost has none of; loading it (and net, dgram, … with it) cost ~3 ms
// of every start. scripts/bundle.mjs substitutes this for commander's require: the one function
// commander calls, loading the module the first time it is called.
module.exports = {
  spawn: (...args) => require('node:child_process').spawn(...args),
};
