// The command-line bundle gives chalk a supports-color that detects nothing (scripts/bundle.mjs,
// scripts/supports-color-none.cjs): right only while infercost never uses chalk's default
// instances, whose level that detection sets. Every Chalk made in src/ must be given its level.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = path.join(dir, name);
    return statSync(p).isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

describe('chalk in src/', () => {
  const files = sources('src').map((f) => [f, readFileSync(f, 'utf8')] as const);

  it('is imported only as the Chalk class', () => {
    const imports = files.flatMap(([f, text]) =>
      [...text.matchAll(/import\s+([^;]*?)\s+from\s+'chalk'/g)].map((m) => `${f}: ${m[1]}`),
    );
    expect(imports.length).toBeGreaterThan(5);
    for (const i of imports) expect(i).toMatch(/: \{ Chalk \}$/);
  });

  it('makes every Chalk with its level', () => {
    const made = files.flatMap(([f, text]) => [...text.matchAll(/new Chalk\(([^)]*)\)/g)].map((m) => `${f}: ${m[1]}`));
    expect(made.length).toBeGreaterThan(5);
    for (const m of made) expect(m).toMatch(/: \{ level: /);
  });
});
