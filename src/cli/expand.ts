/**
 * Scenario arguments → files: a file as given, a directory's *.yaml/*.yml
 * files (recursively), or a glob pattern (for shells that do not expand it).
 * Sorted, each once, in the order the arguments were given.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';

const GLOB_CHARS = /[*?[\]{}]/;
const SCENARIO_FILE = /\.ya?ml$/i;

export async function expandScenarioArgs(args: readonly string[], cwd: string): Promise<string[]> {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (file: string) => {
    const key = path.resolve(cwd, file);
    if (!seen.has(key)) {
      seen.add(key);
      out.push(file);
    }
  };
  for (const arg of args) {
    if (GLOB_CHARS.test(arg)) {
      const { glob } = await import('tinyglobby');
      const matches = (await glob(arg, { cwd, onlyFiles: true, dot: false })).sort();
      if (matches.length === 0) throw new IoError(`${arg}: no files match this pattern`);
      matches.forEach(add);
      continue;
    }
    let stat;
    try {
      stat = await fs.stat(path.resolve(cwd, arg));
    } catch {
      add(arg); // reported by the reader, with the reason
      continue;
    }
    if (!stat.isDirectory()) {
      add(arg);
      continue;
    }
    const entries = await fs.readdir(path.resolve(cwd, arg), { recursive: true, withFileTypes: true });
    const files = entries
      .filter((e) => e.isFile() && SCENARIO_FILE.test(e.name))
      .map((e) => path.join(arg, path.relative(path.resolve(cwd, arg), path.join(e.parentPath ?? e.path, e.name))))
      .sort();
    if (files.length === 0) throw new IoError(`${arg}: no .yaml or .yml files in this directory`);
    files.forEach(add);
  }
  return out;
}
