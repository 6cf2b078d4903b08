/**
 * Scenario arguments → files: a file as given, a directory's *.yaml/*.yml
 * files and links to them (recursively), or a glob pattern (for shells that do
 * not expand it). Directories and globs walk the tree the same way and see the
 * same files: a symbolic link counts as the file it points to (a breached
 * budget must not pass by being a link), and the reader names a link loop or
 * a link to a device as such. Sorted, each once, in the order the arguments
 * were given.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { IoError } from '../errors.js';
import { singleLine } from '../formats/text-safety.js';
import { reason } from './files.js';

const GLOB_CHARS = /[*?[\]{}]/;
const SCENARIO_FILE = /\.ya?ml$/i;

/**
 * Files and symbolic links below `dir` (relative to cwd as `dir/…`), recursively, sorted. A
 * directory in the tree that cannot be read fails the walk with its name: skipping it could let a
 * breached budget in it pass.
 */
async function filesBelow(dir: string, cwd: string): Promise<string[]> {
  const root = path.resolve(cwd, dir);
  let entries;
  try {
    entries = await fs.readdir(root, { recursive: true, withFileTypes: true });
  } catch (e) {
    const failed = (e as NodeJS.ErrnoException).path;
    const where = failed === undefined ? dir : path.join(dir, path.relative(root, failed)) || dir;
    throw new IoError(`${singleLine(where)}: cannot read this directory: ${reason(e)}`, { cause: e });
  }
  return entries
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.join(dir, path.relative(root, path.join(e.parentPath ?? e.path, e.name))))
    .sort();
}

/** Which files of a directory an argument stands for, and how to say so when there are none. */
export interface FileKind {
  readonly pattern: RegExp;
  readonly none: string;
}
const SCENARIOS: FileKind = { pattern: SCENARIO_FILE, none: 'no .yaml or .yml files in this directory' };

export async function expandScenarioArgs(
  args: readonly string[],
  cwd: string,
  kind: FileKind = SCENARIOS,
): Promise<string[]> {
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
      const { default: picomatch } = await import('picomatch');
      const base = picomatch.scan(arg).base || '.';
      const matches = picomatch(arg, { dot: false });
      let below: string[] = [];
      try {
        below = await filesBelow(base, cwd);
      } catch (e) {
        // No such base directory: no match. One that cannot be read is said as such.
        const code = ((e as IoError).cause as NodeJS.ErrnoException | undefined)?.code;
        if (code !== 'ENOENT' && code !== 'ENOTDIR') throw e;
      }
      const found = below.filter((f) => matches(f.split(path.sep).join('/')));
      if (found.length === 0) throw new IoError(`${singleLine(arg)}: no files match this pattern`);
      found.forEach(add);
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
    const files = (await filesBelow(arg, cwd)).filter((f) => kind.pattern.test(f));
    if (files.length === 0) throw new IoError(`${singleLine(arg)}: ${kind.none}`);
    files.forEach(add);
  }
  return out;
}
