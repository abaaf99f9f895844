/**
 * Bytes to text, refusing what is not text: a binary file (a NUL byte among the first 8 KB,
 * as git decides) or bytes that are not valid UTF-8 (with the line of the first bad byte).
 * A UTF-8 byte-order mark is dropped; UTF-16 with a byte-order mark is decoded.
 */

export type Decoded =
  { readonly ok: true; readonly text: string } | { readonly ok: false; readonly reason: string; readonly line?: number };

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
  if (looksBinary(bytes)) return { ok: false, reason: 'binary file, not text' };
  try {
    return { ok: true, text: strict.decode(bytes) };
  } catch {
    const at = firstInvalidUtf8(bytes);
    const line = at >= 0 ? lineAt(bytes, at) : undefined;
    return {
      ok: false,
      reason: `not valid UTF-8${at >= 0 ? ` (byte 0x${(bytes[at] as number).toString(16).padStart(2, '0')} at offset ${at})` : ''}; save it as UTF-8 and try again`,
      ...(line !== undefined ? { line } : {}),
    };
  }
}
