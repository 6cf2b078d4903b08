/**
 * Temporary files being written (cli/files.ts, cli/sink.ts), removed by
 * `removeLiveTemporaries` when a signal stops the process. Its own small
 * module: main.ts loads it on every run, and it needs nothing but `rmSync`.
 */
import { rmSync } from 'node:fs';

const LIVE = new Set<string>();

/** Note a temporary file being written; the returned function forgets it (written or removed). */
export function trackTemporary(tmp: string): () => void {
  LIVE.add(tmp);
  return () => LIVE.delete(tmp);
}

/** Remove every temporary file still being written (synchronous: called from a signal handler before exit). */
export function removeLiveTemporaries(): void {
  for (const tmp of LIVE) rmSync(tmp, { force: true });
  LIVE.clear();
}
