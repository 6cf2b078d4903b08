import { readFileSync } from 'node:fs';

let cached: string | undefined;

/**
 * The package version, read once from infercost's package.json: the nearest
 * one above this module (the same lookup works from src/, dist/ or the bundle).
 */
export function version(): string {
  if (cached !== undefined) return cached;
  for (let dir = new URL('.', import.meta.url); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'infercost' && pkg.version) return (cached = pkg.version);
    } catch {
      // not here: look one level up
    }
    if (dir.pathname === '/') throw new Error('infercost package.json not found');
  }
}
