/** What the CLI touches of the outside world, injectable so tests run it in-process. */
export interface Output {
  /** false: the stream is full; wait for 'drain' (when `once` is there) before writing more. */
  write(chunk: string): unknown;
  readonly isTTY?: boolean;
  once?(event: 'drain', listener: () => void): unknown;
  /** true once the reader has gone away or a write failed: nothing more will be read. */
  gone?(): boolean;
  /**
   * Resolves once what was written so far has reached the OS: false when a write failed (the
   * failure is reported as it happens; a reader that went away is not one).
   */
  flushed?(): Promise<boolean>;
}

export interface Io {
  readonly stdout: Output;
  readonly stderr: Output;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Aborted on Ctrl-C, SIGTERM or SIGHUP: long commands stop cleanly, keeping what they wrote. */
  readonly signal?: AbortSignal;
  /** Real paths of the files this run has read (cli/files.ts): an --output may not replace one. */
  readonly inputs?: Map<string, string>;
}

/** Colour when the stream is a terminal and NO_COLOR (no-color.org) is unset or empty. */
export function wantsColor(stream: Output, env: Io['env']): boolean {
  return stream.isTTY === true && !env.NO_COLOR && env.TERM !== 'dumb';
}
