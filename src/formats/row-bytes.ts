/**
 * A streamed output's rows as UTF-8 in one growing buffer: what a sweep
 * writes its rows into (formats/sweep.ts), on one thread or in a worker that
 * hands the buffer over without a copy (cli/sweep-worker.ts).
 *
 * Numbers go straight in as digits (writePlainDecimal) and each text is
 * encoded as soon as it is made, so a row leaves no string behind. Holding a
 * block's rows as strings until the block was written (a rope of 2,048 rows
 * of some 30 pieces each) kept them past V8's young generation: copying and
 * promoting them took 40% of a sweep worker's time.
 */
import { PLAIN_DECIMAL_MAX_BYTES, writePlainDecimal } from './csv.js';

export class RowBytes {
  private buffer: Uint8Array<ArrayBuffer> = new Uint8Array(0);
  private end = 0;
  /** The size a buffer starts at: the guess, or the largest taken so far. */
  private capacity: number;
  private static readonly encoder = new TextEncoder();

  constructor(bytesGuess: number) {
    this.capacity = Math.max(PLAIN_DECIMAL_MAX_BYTES, bytesGuess);
  }

  /** Bytes written since the last take. */
  get length(): number {
    return this.end;
  }

  /** Text, UTF-8 encoded. */
  text(s: string): void {
    for (;;) {
      const { read, written } = RowBytes.encoder.encodeInto(s, this.buffer.subarray(this.end));
      if (read === s.length) {
        this.end += written;
        return;
      }
      // Not enough room: grow and encode the text again from its start. A UTF-16 unit is at most 3 bytes.
      this.grow(s.length * 3);
    }
  }

  /** Bytes already encoded (an axis value's cell, made once). */
  bytes(b: Uint8Array): void {
    this.room(b.length);
    this.buffer.set(b, this.end);
    this.end += b.length;
  }

  /** One ASCII character, by its code. */
  ascii(code: number): void {
    this.room(1);
    this.buffer[this.end++] = code;
  }

  /** plainDecimal(x) (nothing for a non-finite x). */
  decimal(x: number): void {
    this.room(PLAIN_DECIMAL_MAX_BYTES);
    this.end = writePlainDecimal(this.buffer, this.end, x);
  }

  /** The bytes so far, in a buffer of their own (it can be transferred); writing goes on in a new one. */
  take(): Uint8Array<ArrayBuffer> {
    const out = this.buffer.subarray(0, this.end);
    this.capacity = Math.max(this.capacity, this.buffer.length);
    this.buffer = new Uint8Array(0); // made when the next row is written
    this.end = 0;
    return out;
  }

  private room(bytes: number): void {
    if (this.end + bytes > this.buffer.length) this.grow(bytes);
  }

  private grow(bytes: number): void {
    const grown = new Uint8Array(this.buffer.length === 0 ? this.capacity + bytes : this.buffer.length * 2 + bytes);
    grown.set(this.buffer.subarray(0, this.end));
    this.buffer = grown;
  }
}
