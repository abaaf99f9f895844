/**
 * Bytes to text, refusing what is not text: a binary file (a NUL byte among the first 8 KB,
 * as git decides) or bytes that are not valid UTF-8 (with the line of the first bad byte).
 * A UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark is decoded.
 */
import { isUtf8 } from 'node:buffer';

export type Decoded =
  | { readonly ok: true; readonly text: string }
  | { readonly ok: false; readonly code: 'binary' | 'not_utf8'; readonly reason: string; readonly line?: number };

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** The offset of the first byte that breaks UTF-8, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      continue;
    }
    let n: number;
    if (b >= 0xc2 && b <= 0xdf) n = 1;
    else if (b >= 0xe0 && b <= 0xef) n = 2;
    else if (b >= 0xf0 && b <= 0xf4) n = 3;
    else return i;
    if (i + n >= bytes.length) return i;
    for (let k = 1; k <= n; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += n + 1;
  }
  return -1;
}

export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8000);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return true;
  return false;
}

export function decodeText(bytes: Uint8Array): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
    return { ok: true, text: new TextDecoder('utf-16le').decode(bytes.subarray(2)) };
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
    return { ok: true, text: new TextDecoder('utf-16be').decode(bytes.subarray(2)) };
  if (looksBinary(bytes)) return { ok: false, code: 'binary', reason: 'binary file, not text' };
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = at >= 0 ? lineAt(bytes, at) : undefined;
    return {
      ok: false,
      code: 'not_utf8',
      reason: `not valid UTF-8${at >= 0 ? ` (byte 0x${(bytes[at] as number).toString(16).padStart(2, '0')} at offset ${at})` : ''}; save it as UTF-8 and try again`,
      ...(line !== undefined ? { line } : {}),
    };
  }
}

/** A line of a stream with bytes that are not UTF-8: its number (from 1) and the first bad byte. */
export interface BadLine {
  readonly line: number;
  readonly byte: number;
}

/**
 * Checks a byte stream for UTF-8 as it passes, chunk by chunk (a sequence may be split between
 * chunks), and notes the lines that hold bytes that are not UTF-8. Lines end at LF, CRLF or a
 * lone CR, as csv-parse counts them. Valid chunks are checked natively (`buffer.isUtf8`) and only
 * counted; a chunk with a bad byte is walked byte by byte.
 */
export class Utf8Lines {
  /** Lines with bad bytes, in order, each once. */
  readonly bad: BadLine[] = [];
  private line = 1;
  /** Continuation bytes still expected, and the range the next one must fall in. */
  private need = 0;
  private low = 0x80;
  private high = 0xbf;
  /** The byte that began the sequence in progress. */
  private lead = 0;
  private lastCr = false;

  write(chunk: Uint8Array): void {
    let i = 0;
    while (this.need > 0 && i < chunk.length) this.step(chunk[i++] as number);
    // the rest, minus a sequence cut off at the end, checked natively when it is valid
    let end = chunk.length;
    let k = end - 1;
    while (k >= i && end - k < 4 && ((chunk[k] as number) & 0xc0) === 0x80) k--;
    if (k >= i) {
      const lead = chunk[k] as number;
      const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (k + length > end) end = k;
    }
    if (end > i && isUtf8(chunk.subarray(i, end))) {
      this.countLines(chunk, i, end);
      i = end;
    }
    while (i < chunk.length) this.step(chunk[i++] as number);
  }

  /** At the end of the stream: a sequence left open is a bad byte on the last line. */
  end(): void {
    if (this.need > 0) this.mark(this.lead);
    this.need = 0;
  }

  private countLines(chunk: Uint8Array, from: number, to: number): void {
    if (this.lastCr && chunk[from] !== 0x0a) this.line++;
    this.lastCr = false;
    for (let at = chunk.indexOf(0x0a, from); at >= 0 && at < to; at = chunk.indexOf(0x0a, at + 1)) this.line++;
    for (let at = chunk.indexOf(0x0d, from); at >= 0 && at < to; at = chunk.indexOf(0x0d, at + 1)) {
      if (at + 1 < to) {
        if (chunk[at + 1] !== 0x0a) this.line++;
      } else this.lastCr = true;
    }
  }

  private mark(byte: number): void {
    if (this.bad.at(-1)?.line !== this.line) this.bad.push({ line: this.line, byte });
  }

  private step(b: number): void {
    if (this.lastCr) {
      this.lastCr = false;
      if (b !== 0x0a) this.line++;
    }
    if (this.need > 0) {
      if (b >= this.low && b <= this.high) {
        this.need--;
        this.low = 0x80;
        this.high = 0xbf;
        return;
      }
      // the sequence broke off: its lead was bad; this byte starts afresh
      this.mark(this.lead);
      this.need = 0;
      this.low = 0x80;
      this.high = 0xbf;
    }
    if (b < 0x80) {
      if (b === 0x0a) this.line++;
      else if (b === 0x0d) this.lastCr = true;
      return;
    }
    this.lead = b;
    if (b >= 0xc2 && b <= 0xdf) this.need = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      this.need = 2;
      if (b === 0xe0) this.low = 0xa0;
      if (b === 0xed) this.high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      this.need = 3;
      if (b === 0xf0) this.low = 0x90;
      if (b === 0xf4) this.high = 0x8f;
    } else this.mark(b);
  }
}
