/**
 * A guard against ZIP expansion bombs, run before a DOCX reaches mammoth: every entry of the
 * central directory is inflated with a ceiling on its output (so a size the headers lie about
 * does not matter), and the whole archive may not expand past a total.
 */
import { inflateRawSync } from 'node:zlib';

export interface ZipLimits {
  /** The most the archive may expand to, all entries together, in bytes. */
  readonly maxTotal: number;
  readonly maxEntries: number;
}

export const DOCX_LIMITS: ZipLimits = { maxTotal: 100 * 1024 * 1024, maxEntries: 2000 };

export type ZipCheck = { ok: true; names: string[] } | { ok: false; reason: 'broken' | 'bomb' };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

export function checkZip(buf: Buffer, limits: ZipLimits = DOCX_LIMITS): ZipCheck {
  // The end-of-central-directory record is in the last 22 + 65535 bytes.
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === EOCD) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return { ok: false, reason: 'broken' };
  const count = buf.readUInt16LE(eocd + 10);
  const cdOffset = buf.readUInt32LE(eocd + 16);
  if (count > limits.maxEntries) return { ok: false, reason: 'bomb' };
  if (count === 0xffff || cdOffset === 0xffffffff) return { ok: false, reason: 'broken' }; // ZIP64: no DOCX of a sane size needs it
  const names: string[] = [];
  let total = 0;
  let p = cdOffset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== CENTRAL) return { ok: false, reason: 'broken' };
    const method = buf.readUInt16LE(p + 10);
    const compressed = buf.readUInt32LE(p + 20);
    const declared = buf.readUInt32LE(p + 24);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    names.push(buf.toString('utf8', p + 46, p + 46 + nameLen));
    p += 46 + nameLen + extraLen + commentLen;
    if (local + 30 > buf.length || buf.readUInt32LE(local) !== LOCAL) return { ok: false, reason: 'broken' };
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const end = start + compressed;
    if (end > buf.length) return { ok: false, reason: 'broken' };
    const budget = limits.maxTotal - total;
    if (declared > budget) return { ok: false, reason: 'bomb' };
    if (method === 0) {
      total += compressed;
    } else if (method === 8) {
      try {
        total += inflateRawSync(buf.subarray(start, end), { maxOutputLength: Math.max(1, budget) }).length;
      } catch (e) {
        return {
          ok: false,
          reason: e instanceof RangeError || (e as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'bomb' : 'broken',
        };
      }
    } else {
      return { ok: false, reason: 'broken' };
    }
    if (total > limits.maxTotal) return { ok: false, reason: 'bomb' };
  }
  return { ok: true, names };
}
