// V8's code cache for the one-file CLI bundle (bin/cli-loader.cjs reads it): the bundle is loaded
// and the commands most starts run are run once in this process, so the functions they compile
// are in the cache too; then the compiled script is written out. Made with this Node's V8: another
// V8 rejects it and compiles the bundle as if there were none (start-up is then what it was).
import { writeFileSync } from 'node:fs';
import { CLI_BUNDLE, loadCli } from '../bin/cli-loader.cjs';

const cli = loadCli(CLI_BUNDLE, undefined);
if (cli === undefined) throw new Error(`code-cache: no ${CLI_BUNDLE}; run scripts/bundle.mjs first`);
const quiet = { write: () => true, isTTY: false };
const io = { stdout: quiet, stderr: quiet, cwd: process.cwd(), env: {} };
for (const argv of [
  ['simulate'],
  ['simulate', 'scenarios/mistral-small-4-h100.yaml'],
  ['explain', 'scenarios/mistral-small-4-h100.yaml'],
  ['check', 'scenarios/'],
  ['validate', 'test/fixtures/bad/duplicate-keys.yaml'],
])
  await cli.exports.run(argv, io);
writeFileSync(`${CLI_BUNDLE}.cache`, cli.script.createCachedData());
