/**
 * The hostile-input corpus: every `NAME.yaml` in test/fixtures/bad that has a
 * `NAME.expected` beside it is run as `infercost simulate NAME.yaml` (in-process,
 * cwd = test/fixtures/bad, so messages carry the bare file name) and must exit 2
 * with nothing on stdout, no stack trace, and exactly the expected text on stderr.
 *
 * Add a case: drop `my-case.yaml` (and an empty `my-case.expected`) into the
 * directory, run with UPDATE_GOLDEN=1 to record what the CLI prints, then READ
 * the recorded message as a user would before committing it:
 *
 *   UPDATE_GOLDEN=1 npx vitest run test/cli/bad-input.test.ts
 *
 * With UPDATE_GOLDEN=1 the actual stderr is written to each `.expected` file
 * instead of being compared (exit code, stdout and stack-trace checks still run).
 * Some `.expected` files hold the message the CLI SHOULD print rather than what
 * it prints today; do not regenerate those blindly.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers.js';

const BAD_DIR = path.resolve(__dirname, '../fixtures/bad');
const UPDATE = process.env.UPDATE_GOLDEN === '1';

const cases = readdirSync(BAD_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('hostile scenario files (test/fixtures/bad)', () => {
  it('the corpus is there', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
  });

  it.each(cases)(
    '%s: exit 2, the expected message, nothing on stdout',
    async (file) => {
      const expectedFile = path.join(BAD_DIR, file.replace(/\.yaml$/, '.expected'));
      // A case without its .expected is a failure, not a skip (UPDATE_GOLDEN=1 writes it for review).
      if (!UPDATE && !existsSync(expectedFile))
        throw new Error(`${file} has no ${path.basename(expectedFile)}: write it with UPDATE_GOLDEN=1 and review it`);
      const r = await runCli(['simulate', file], { cwd: BAD_DIR });

      expect(r.stderr).not.toMatch(/^\s+at /m); // no stack trace
      expect(r.stderr).not.toMatch(/internal error/);
      if (UPDATE) writeFileSync(expectedFile, r.stderr);
      else expect(r.stderr).toBe(readFileSync(expectedFile, 'utf8'));
      expect(r.stdout).toBe('');
      expect(r.code).toBe(2);
    },
    10_000,
  );
});
