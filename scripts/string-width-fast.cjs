// string-width for cli-table3, with a fast path that gives the same answer: a string of printable
// ASCII and the few other width-1 characters the tables print (Latin-1, dashes, ellipsis, arrows,
// ≤ ≥ ≈, primes) is as wide as it is long. string-width itself strips ANSI codes and replaces
// emoji (emoji-regex: a very large pattern, most of what a first table costs to draw), then counts
// code points, wide ones twice; none of these characters is an escape, an emoji, combining or wide.
// scripts/bundle.mjs substitutes it for cli-table3's require('string-width'); test/unit/string-width-fast.test.ts
// compares it with string-width.
'use strict';
const stringWidth = require('string-width');

const NARROW =
  /^[\x20-\x7e\u00a0-\u00a8\u00aa-\u00ad\u00af-\u00ff\u2013\u2014\u2026\u2190\u2192\u2264\u2265\u2248\u2032\u2033]*$/;

module.exports = function width(s) {
  return typeof s === 'string' && NARROW.test(s) ? s.length : stringWidth(s);
};
