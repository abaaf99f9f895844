/**
 * Output lines gathered into one buffer of UTF-8 and written in blocks. Writing each line as its
 * own string made the stream encode and queue about 17 bytes of JSON for each byte of notes, one
 * line at a time; here each line is encoded once, straight into the block (decision 020).
 */
export class OutBlock {
  private buf: Buffer;
  private pos = 0;

  constructor(size = 1 << 20) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Bytes gathered and not yet taken. */
  get length(): number {
    return this.pos;
  }

  /** Appends the text, encoded as UTF-8. */
  write(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 unit
    const need = this.pos + s.length * 3;
    if (need > this.buf.length) {
      const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, need));
      this.buf.copy(next, 0, 0, this.pos);
      this.buf = next;
    }
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  /** The bytes gathered so far (a copy, so the block can be reused at once), and a fresh start. */
  take(): Buffer {
    const out = Buffer.from(this.buf.subarray(0, this.pos));
    this.pos = 0;
    return out;
  }
}
