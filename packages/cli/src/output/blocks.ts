/**
 * Output lines written as JSON straight into blocks of UTF-8 bytes (json-bytes.ts), and the
 * blocks handed to the stream as they are: no string of a line is built, no block is copied.
 * A block goes back to a small free list once the stream has written it, so a long run reuses
 * the same few blocks instead of allocating memory outside the heap for each (decision 020).
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { JsonBytes } from './json-bytes.js';

/** A block is written once it holds this many bytes. */
const FLUSH_AT = 256 * 1024;
/** Each block's size: a line that does not fit makes its own, bigger block, used once. */
const BLOCK = 512 * 1024;
/** Blocks kept for reuse. */
const SPARE = 4;

export class BlockWriter {
  /** Where the lines are written: `json.line(value)`, `json.value(…)`, `json.byte(…)`. */
  readonly json = new JsonBytes(BLOCK);
  private readonly spare: Buffer[] = [];
  private draining: Promise<unknown> | undefined;
  private scheduled = false;
  /** Blocks handed to the stream and not yet written. */
  private pending = 0;
  private idle: (() => void) | undefined;

  constructor(private readonly output: Writable) {}

  /**
   * Call after each line: writes the block once it is full, else once the lines read so far are
   * done (setImmediate runs when the reader waits for more input), so a line fed through a pipe
   * is answered at once. Resolves when the stream can take more.
   */
  async wrote(): Promise<void> {
    if (this.json.pos >= FLUSH_AT) this.flush();
    else if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushSoon);
    }
    if (this.draining !== undefined) await this.draining;
  }

  private readonly flushSoon = (): void => {
    this.scheduled = false;
    this.flush();
  };

  /** Whether the block is full enough to be written. */
  get full(): boolean {
    return this.json.pos >= FLUSH_AT;
  }

  /** Adds bytes made elsewhere (a pool worker's lines); `done` runs once their memory may be reused. */
  bytes(b: Uint8Array, done?: () => void): void {
    if (b.length >= FLUSH_AT) {
      // big enough to go as it is, after what is gathered
      this.flush();
      this.pending++;
      const ok = this.output.write(b, () => {
        done?.();
        if (--this.pending === 0) this.idle?.();
      });
      if (!ok) this.draining ??= once(this.output, 'drain').finally(() => (this.draining = undefined));
      return;
    }
    this.json.ensure(b.length);
    this.json.buf.set(b, this.json.pos);
    this.json.pos += b.length;
    done?.();
  }

  /** Writes what has been gathered. */
  flush(): void {
    const json = this.json;
    if (json.pos === 0) return;
    const block = json.buf;
    const bytes = block.subarray(0, json.pos);
    json.buf = this.spare.pop() ?? Buffer.allocUnsafeSlow(BLOCK);
    json.pos = 0;
    this.pending++;
    const ok = this.output.write(bytes, () => {
      if (block.length === BLOCK && this.spare.length < SPARE) this.spare.push(block);
      if (--this.pending === 0) this.idle?.();
    });
    if (!ok) this.draining ??= once(this.output, 'drain').finally(() => (this.draining = undefined));
  }

  /** Writes what is left and waits until the stream has written every block. */
  async end(): Promise<void> {
    this.flush();
    if (this.pending > 0) await new Promise<void>((resolve) => (this.idle = resolve));
  }
}
