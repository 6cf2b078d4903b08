/**
 * Golden files: expected output kept in test/golden/, reviewed like code.
 * After a deliberate change, regenerate with UPDATE_GOLDEN=1 npx vitest run
 * and read the diff before committing it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';

const DIR = path.resolve(__dirname, 'golden');

export function expectGolden(name: string, actual: string): void {
  const file = path.join(DIR, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  if (!existsSync(file))
    throw new Error(`golden file test/golden/${name} is missing: write it with UPDATE_GOLDEN=1 and review it`);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}
