/**
 * A sized pre-check of a PDF before pdf.js parses it: every stream in the file that is not an
 * image is decoded as a stream, holding nothing, and the file is refused when one of them, or all
 * of them together, decode past their ceiling. pdf.js decodes a page's content stream whole into
 * one growing buffer before it reads an operator, so a single page of 200 MB of text or 1 GB of
 * whitespace (a few hundred KB of deflate) would otherwise take seconds to minutes and gigabytes
 * outside the heap, where a heap cap does not reach. Streams are found by their
 * `stream` keyword, so pages, forms, fonts and object streams are all measured.
 *
 * Measured: FlateDecode (zlib), LZWDecode and RunLengthDecode, after ASCIIHexDecode or
 * ASCII85Decode when those come first. Image codecs (DCT, JPX, JBIG2, CCITT) are not text and are
 * skipped, as is a stream that cannot be decoded here (pdf.js will find it broken or skip it). An
 * encrypted PDF's streams cannot be measured before decryption; for those the child's heap cap,
 * wall clock and resident-memory watch remain.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, constants as zlibConstants } from 'node:zlib';
import { LimitError, type ReadLimits } from './limits.js';

const MB = 1024 * 1024;

export interface PdfScan {
  /** Streams found, and those measured (decoded). */
  streams: number;
  measured: number;
  /** The largest decoded size of one measured stream, and all of them together. */
  largest: number;
  total: number;
}

const latin1 = new TextDecoder('latin1');
const STREAM = [0x73, 0x74, 0x72, 0x65, 0x61, 0x6d]; // "stream"

function isWhite(b: number | undefined): boolean {
  return b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0x0c || b === 0x00;
}

function indexOfBytes(buf: Uint8Array, needle: readonly number[], from: number): number {
  const first = needle[0] as number;
  for (let i = buf.indexOf(first, from); i >= 0 && i + needle.length <= buf.length; i = buf.indexOf(first, i + 1)) {
    let k = 1;
    while (k < needle.length && buf[i + k] === needle[k]) k++;
    if (k === needle.length) return i;
  }
  return -1;
}

/** The dictionary before a `stream` keyword: from the nearest `obj` back (at most 64 KB) to the keyword. */
function dictionaryBefore(buf: Uint8Array, at: number): string {
  const from = Math.max(0, at - 64 * 1024);
  const text = latin1.decode(buf.subarray(from, at));
  const obj = text.lastIndexOf('obj');
  return obj >= 0 ? text.slice(obj + 3) : text;
}

function filtersOf(dict: string): string[] {
  const m = /\/Filter\s*(\[[^\]]*\]|\/[A-Za-z0-9]+)/.exec(dict);
  if (!m?.[1]) return [];
  return [...m[1].matchAll(/\/([A-Za-z0-9]+)/g)].map((f) => f[1] as string);
}

const FILTER_NAMES: Readonly<Record<string, string>> = {
  Fl: 'FlateDecode',
  LZW: 'LZWDecode',
  RL: 'RunLengthDecode',
  AHx: 'ASCIIHexDecode',
  A85: 'ASCII85Decode',
};

/** Decoded sizes over the streams of `bytes`; throws LimitError('expansion') past a ceiling. */
export async function precheckPdf(bytes: Uint8Array, limits: Pick<ReadLimits, 'maxStreamBytes' | 'maxStreamsTotal'>): Promise<PdfScan> {
  const scan: PdfScan = { streams: 0, measured: 0, largest: 0, total: 0 };
  let from = 0;
  for (;;) {
    const at = indexOfBytes(bytes, STREAM, from);
    if (at < 0) break;
    from = at + STREAM.length;
    // "endstream", or a word that merely contains "stream"
    if (at >= 3 && bytes[at - 1] === 0x64 && bytes[at - 2] === 0x6e && bytes[at - 3] === 0x65) continue;
    let p = at + STREAM.length;
    if (bytes[p] === 0x0d) p++;
    if (bytes[p] !== 0x0a && bytes[p - 1] !== 0x0d) continue;
    if (bytes[p] === 0x0a) p++;
    let q = at - 1;
    while (q >= 0 && isWhite(bytes[q])) q--;
    if (!(bytes[q] === 0x3e && bytes[q - 1] === 0x3e)) continue; // not after a dictionary's ">>"
    scan.streams++;
    const dict = dictionaryBefore(bytes, at);
    const end = dataEnd(bytes, dict, p);
    from = Math.max(from, end);
    if (/\/Subtype\s*\/Image\b/.test(dict)) continue;
    const filters = filtersOf(dict).map((f) => FILTER_NAMES[f] ?? f);
    if (filters.length === 0) continue; // stored as it is: no bigger than the file
    const size = await decodedSize(bytes.subarray(p, end), filters, limits.maxStreamBytes);
    if (size === undefined) continue;
    scan.measured++;
    scan.largest = Math.max(scan.largest, size);
    scan.total += size;
    if (scan.total > limits.maxStreamsTotal)
      throw new LimitError(
        'expansion',
        `its content decodes to over ${Math.round(limits.maxStreamsTotal / MB)} MB in all, far more than a document needs; not read`,
      );
  }
  return scan;
}

/** Where a stream's data ends: its /Length when that is a number that fits, else the next "endstream". */
function dataEnd(bytes: Uint8Array, dict: string, start: number): number {
  const direct = /\/Length\s+(\d+)(?!\s+\d+\s+R)/.exec(dict);
  if (direct?.[1] !== undefined) {
    const end = start + Number(direct[1]);
    if (end <= bytes.length) return end;
  }
  const e = indexOfBytes(bytes, [0x65, 0x6e, 0x64, 0x73, 0x74, 0x72, 0x65, 0x61, 0x6d], start);
  return e < 0 ? bytes.length : e;
}

const tooBig = (cap: number): LimitError =>
  new LimitError('expansion', `a stream of its content decodes to over ${Math.round(cap / MB)} MB, far more than a page needs; not read`);

/**
 * The decoded size of one stream through its filters, or undefined when it cannot be measured
 * here. ASCIIHex and ASCII85 (which only shrink) are decoded when they come first; the last
 * filter is then measured without keeping its output. Throws LimitError once the size passes `cap`.
 */
async function decodedSize(data: Uint8Array, filters: readonly string[], cap: number): Promise<number | undefined> {
  let current: Uint8Array = data;
  let i = 0;
  for (; i < filters.length - 1; i++) {
    if (filters[i] === 'ASCIIHexDecode') current = asciiHex(current);
    else if (filters[i] === 'ASCII85Decode') current = ascii85(current);
    else return undefined;
  }
  switch (filters[i]) {
    case 'ASCIIHexDecode':
      return asciiHex(current).length;
    case 'ASCII85Decode':
      return ascii85(current).length;
    case 'FlateDecode':
      return flateSize(current, cap);
    case 'RunLengthDecode': {
      const n = runLengthSize(current);
      if (n > cap) throw tooBig(cap);
      return n;
    }
    case 'LZWDecode':
      return lzwSize(current, cap);
    default:
      return undefined; // an image codec, or encryption: not text this check can measure
  }
}

/**
 * Inflates FlateDecode data as a stream, counting the output 64 KB at a time and holding none of
 * it; stops past `cap`. Data that is not deflate (or is encrypted) counts what inflated before
 * the error: pdf.js stops there too.
 */
async function flateSize(data: Uint8Array, cap: number): Promise<number> {
  let total = 0;
  let stopped: LimitError | undefined;
  try {
    await pipeline(
      Readable.from(slices(stripZlibHeader(data), 256 * 1024)),
      createInflateRaw({ chunkSize: 64 * 1024, finishFlush: zlibConstants.Z_SYNC_FLUSH }),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          total += chunk.length;
          if (total > cap) {
            stopped = tooBig(cap);
            throw stopped;
          }
        }
      },
    );
  } catch {
    // not deflate pdf.js could read either, or encrypted: what inflated before the error counts
  }
  if (stopped !== undefined) throw stopped;
  return total;
}

function* slices(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, Math.min(data.length, at + size));
}

/** pdf.js reads FlateDecode as zlib: a two-byte header, and no check of the trailing checksum. Raw deflate follows the header. */
function stripZlibHeader(data: Uint8Array): Uint8Array {
  const [a, b] = [data[0] ?? 0, data[1] ?? 0];
  if ((a & 0x0f) === 8 && ((a << 8) | b) % 31 === 0) return data.subarray(2);
  return data;
}

function asciiHex(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil(data.length / 2));
  let n = 0;
  let high = -1;
  for (const b of data) {
    if (b === 0x3e) break; // '>'
    const v = b >= 0x30 && b <= 0x39 ? b - 0x30 : b >= 0x41 && b <= 0x46 ? b - 55 : b >= 0x61 && b <= 0x66 ? b - 87 : -1;
    if (v < 0) continue;
    if (high < 0) high = v;
    else {
      out[n++] = (high << 4) | v;
      high = -1;
    }
  }
  if (high >= 0) out[n++] = high << 4;
  return out.subarray(0, n);
}

function ascii85(data: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.ceil((data.length * 4) / 5) + 4 * 1024);
  let n = 0;
  let group = 0;
  let count = 0;
  for (const b of data) {
    if (b === 0x7e) break; // '~>'
    if (b === 0x7a && count === 0) {
      // 'z': four zero bytes
      if (n + 4 > out.length) break;
      n += 4;
      continue;
    }
    if (b < 0x21 || b > 0x75) continue;
    group = group * 85 + (b - 0x21);
    if (++count === 5) {
      if (n + 4 > out.length) break;
      out[n++] = (group >>> 24) & 0xff;
      out[n++] = (group >>> 16) & 0xff;
      out[n++] = (group >>> 8) & 0xff;
      out[n++] = group & 0xff;
      group = 0;
      count = 0;
    }
  }
  if (count > 1) {
    for (let k = count; k < 5; k++) group = group * 85 + 84;
    for (let k = 0; k < count - 1; k++) out[n++] = (group >>> (24 - 8 * k)) & 0xff;
  }
  return out.subarray(0, n);
}

/** RunLengthDecode's output size: a length byte 0–127 copies n+1 bytes, 129–255 repeats one byte 257−n times, 128 ends. */
function runLengthSize(data: Uint8Array): number {
  let size = 0;
  for (let i = 0; i < data.length;) {
    const len = data[i] as number;
    if (len === 128) break;
    if (len < 128) {
      size += len + 1;
      i += len + 2;
    } else {
      size += 257 - len;
      i += 2;
    }
  }
  return size;
}

/** LZWDecode's output size (9–12 bit codes, early change), counting the length of each table entry and nothing else. */
function lzwSize(data: Uint8Array, cap: number): number {
  const lengths = new Uint16Array(4096);
  for (let i = 0; i < 256; i++) lengths[i] = 1;
  let next = 258;
  let width = 9;
  let previous = -1;
  let size = 0;
  let bits = 0;
  let buffer = 0;
  for (let i = 0; i < data.length; i++) {
    buffer = ((buffer << 8) | (data[i] as number)) >>> 0;
    bits += 8;
    while (bits >= width) {
      const code = (buffer >>> (bits - width)) & ((1 << width) - 1);
      bits -= width;
      buffer &= (1 << bits) - 1;
      if (code === 256) {
        next = 258;
        width = 9;
        previous = -1;
        continue;
      }
      if (code === 257) return size;
      let length: number;
      if (code < next) length = lengths[code] as number;
      else if (code === next && previous >= 0) length = (lengths[previous] as number) + 1;
      else return size; // broken data: pdf.js stops here too
      size += length;
      if (size > cap) throw tooBig(cap);
      if (previous >= 0 && next < 4096) lengths[next++] = Math.min(65535, (lengths[previous] as number) + 1);
      previous = code;
      if (next + 1 >= 1 << width && width < 12) width++;
    }
  }
  return size;
}
