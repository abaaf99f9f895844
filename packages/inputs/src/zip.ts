/**
 * The ZIP container of a DOCX, read from its central directory, and each entry inflated as a
 * stream under a ceiling on its output, so a size the headers lie about does not matter and an
 * expansion bomb is stopped as it inflates, holding 64 KB at a time.
 */
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw } from 'node:zlib';
import { LimitError, type ReadLimits } from './limits.js';

/** A ZIP that cannot be read as one (a truncated file, ZIP64, an unknown compression method). */
export class BrokenZipError extends Error {
  override readonly name = 'BrokenZipError';
}

export interface ZipEntry {
  readonly name: string;
  /** 0 stored, 8 deflated. */
  readonly method: number;
  /** The size the central directory declares. */
  readonly declared: number;
  /** Where the entry's data starts and ends in the archive. */
  readonly start: number;
  readonly end: number;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

const expansion = (limit: number): LimitError =>
  new LimitError('expansion', `it expands to far more than a document needs (over ${Math.round(limit / 1024 / 1024)} MB); not read`);

/** The entries of a ZIP archive, from its central directory. Throws BrokenZipError or LimitError ('entries', 'expansion' when the declared sizes pass the total). */
export function zipEntries(buf: Uint8Array, limits: Pick<ReadLimits, 'maxEntries' | 'maxExpanded'>): ZipEntry[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const u32 = (at: number): number => view.getUint32(at, true);
  const u16 = (at: number): number => view.getUint16(at, true);
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (u32(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new BrokenZipError('no end of central directory');
  const count = u16(eocd + 10);
  const cdOffset = u32(eocd + 16);
  if (count > limits.maxEntries)
    throw new LimitError('entries', `an archive of ${count.toLocaleString('en-US')} files, more than a document has; not read`);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new BrokenZipError('ZIP64'); // no DOCX of a sane size needs it
  const entries: ZipEntry[] = [];
  let declaredTotal = 0;
  let p = cdOffset;
  const decoder = new TextDecoder();
  for (let k = 0; k < count; k++) {
    if (p + 46 > buf.length || u32(p) !== CENTRAL) throw new BrokenZipError('bad central directory');
    const method = u16(p + 10);
    const compressed = u32(p + 20);
    const declared = u32(p + 24);
    const nameLen = u16(p + 28);
    const extraLen = u16(p + 30);
    const commentLen = u16(p + 32);
    const local = u32(p + 42);
    if (p + 46 + nameLen > buf.length) throw new BrokenZipError('bad central directory');
    const name = decoder.decode(buf.subarray(p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || u32(local) !== LOCAL) throw new BrokenZipError('bad local header');
    const start = local + 30 + u16(local + 26) + u16(local + 28);
    const end = start + compressed;
    if (end > buf.length) throw new BrokenZipError('entry past the end');
    if (method !== 0 && method !== 8) throw new BrokenZipError(`compression method ${method}`);
    declaredTotal += declared;
    if (declaredTotal > limits.maxExpanded) throw expansion(limits.maxExpanded);
    entries.push({ name, method, declared, start, end });
  }
  return entries;
}

/**
 * Inflates one entry as a stream, handing each piece of output to `onChunk` (which may throw to
 * stop), and stops with a LimitError('expansion') once the output passes `cap` bytes. Resolves
 * with the bytes inflated.
 */
export async function inflateEntry(buf: Uint8Array, entry: ZipEntry, cap: number, onChunk: (chunk: Uint8Array) => void): Promise<number> {
  const data = buf.subarray(entry.start, entry.end);
  if (entry.method === 0) {
    if (data.length > cap) throw expansion(cap);
    for (const piece of slices(data, 64 * 1024)) onChunk(piece);
    return data.length;
  }
  let total = 0;
  // what stopped the stream: pipeline may reject with its own AbortError instead
  let stopped: unknown;
  try {
    await pipeline(
      Readable.from(slices(data, 256 * 1024)),
      createInflateRaw({ chunkSize: 64 * 1024 }),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          total += chunk.length;
          try {
            if (total > cap) throw expansion(cap);
            onChunk(chunk);
          } catch (e) {
            stopped = e;
            throw e;
          }
        }
      },
    );
  } catch (e) {
    if (stopped !== undefined) throw stopped;
    if ((e as NodeJS.ErrnoException).code?.startsWith('Z_') === true) throw new BrokenZipError('bad deflate data');
    throw e;
  }
  return total;
}

function* slices(data: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < data.length; at += size) yield data.subarray(at, Math.min(data.length, at + size));
}
