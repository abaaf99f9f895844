/**
 * JSON written straight into UTF-8 bytes, byte for byte what `JSON.stringify(value)` and then
 * encoding as UTF-8 would give for plain data (objects, arrays, strings, numbers, booleans and
 * null), without building the string first (decision 020).
 *
 * A classified record is about 17 bytes of JSON for each byte of notes. `JSON.stringify` builds
 * that as a string, two bytes per character as soon as one typographic quote is in it, and the
 * string is then encoded again into the output. Here each character is escaped and encoded once,
 * in one pass, into a buffer that is reused. A finding's hints, note and sources, the same text
 * for every finding of a rule and about 30% of a record's bytes, are encoded once per rule and
 * then copied as bytes.
 *
 * A `toJSON` is called with its key, as JSON.stringify calls it. What is not plain data (an
 * object of another prototype, such as a Map or a boxed string; a BigInt, which throws) is handed
 * to `JSON.stringify` itself, so the bytes stay the same. A cycle throws, as `JSON.stringify` does.
 */

const HEX = '0123456789abcdef';
/** The short escapes JSON.stringify uses; 0 where it writes \u00XX. */
const SHORT = new Uint8Array(32);
SHORT[0x08] = 0x62; // \b
SHORT[0x09] = 0x74; // \t
SHORT[0x0a] = 0x6e; // \n
SHORT[0x0c] = 0x66; // \f
SHORT[0x0d] = 0x72; // \r

/** Nesting past this depth goes to JSON.stringify (a cycle then throws its TypeError). */
const MAX_DEPTH = 64;

/** Rules whose text is kept as bytes, at most. */
const MAX_RULES = 4096;

/** A value as JSON.stringify sees it under `key`: what its toJSON gives, when it has one. */
function withToJson(v: unknown, key: string | number): unknown {
  if (typeof v !== 'object' || v === null) return v;
  const toJSON = (v as { toJSON?: unknown }).toJSON;
  return typeof toJSON === 'function' ? (toJSON as (k: string) => unknown).call(v, String(key)) : v;
}

function plainStrings(a: readonly unknown[]): boolean {
  if (Object.getPrototypeOf(a) !== Array.prototype) return false;
  for (let i = 0; i < a.length; i++) if (typeof a[i] !== 'string') return false;
  return true;
}

function same(a: readonly unknown[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export class JsonBytes {
  /** The bytes written so far are `buf[0, pos)`. */
  buf: Buffer;
  pos = 0;
  private readonly rules = new Map<readonly unknown[], { hints: string[]; note: string; source: string[]; bytes: Uint8Array }>();

  /** A new buffer of `size` bytes, or the memory given (an ArrayBuffer of its own, so it can move between threads). */
  constructor(size: number | ArrayBuffer = 1 << 20) {
    this.buf = typeof size === 'number' ? Buffer.allocUnsafeSlow(size) : Buffer.from(size);
  }

  /** Makes room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = Buffer.allocUnsafeSlow(Math.max(this.buf.length * 2, this.pos + n));
    this.buf.copy(next, 0, 0, this.pos);
    this.buf = next;
  }

  /** Writes one byte (ASCII). */
  byte(b: number): void {
    this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Writes `value` as JSON.stringify would, followed by a line feed. */
  line(value: unknown): void {
    this.value(withToJson(value, ''), 0);
    this.byte(0x0a);
  }

  /** Writes `value` as JSON.stringify would (a value it would leave out, such as undefined, writes nothing). */
  value(value: unknown, depth = 0): void {
    switch (typeof value) {
      case 'string':
        this.string(value);
        return;
      case 'number':
        this.number(value);
        return;
      case 'boolean':
        this.ascii(value ? 'true' : 'false');
        return;
      case 'object':
        if (value === null) this.ascii('null');
        else if (depth >= MAX_DEPTH) this.fallback(value);
        else if (Array.isArray(value)) this.array(value, depth + 1);
        else this.object(value as Record<string, unknown>, depth + 1);
        return;
      case 'undefined':
      case 'function':
      case 'symbol':
        return;
      default:
        this.fallback(value);
    }
  }

  private fallback(value: unknown): void {
    const s = JSON.stringify(value) as string | undefined;
    if (s === undefined) return;
    this.ensure(s.length * 3);
    this.pos += this.buf.write(s, this.pos, 'utf8');
  }

  private array(a: readonly unknown[], depth: number): void {
    if (Object.getPrototypeOf(a) !== Array.prototype) return this.fallback(a);
    this.byte(0x5b); // [
    for (let i = 0; i < a.length; i++) {
      if (i > 0) this.byte(0x2c); // ,
      const v = withToJson(a[i], i);
      const t = typeof v;
      // in an array, what JSON leaves out stands as null
      if (t === 'undefined' || t === 'function' || t === 'symbol') this.ascii('null');
      else this.value(v, depth);
    }
    this.byte(0x5d); // ]
  }

  private object(o: Record<string, unknown>, depth: number): void {
    const proto: unknown = Object.getPrototypeOf(o);
    if (proto !== Object.prototype && proto !== null) return this.fallback(o);
    this.byte(0x7b); // {
    let first = true;
    /** Keys already written with the rule's text (`note`, `source`), to be passed over when they come. */
    let skip = 0;
    // for plain objects, for…in walks the own enumerable string keys in JSON.stringify's order
    for (const k in o) {
      if (skip > 0) {
        skip--;
        continue;
      }
      const v = withToJson(o[k], k);
      const t = typeof v;
      if (t === 'undefined' || t === 'function' || t === 'symbol') continue;
      if (first) first = false;
      else this.byte(0x2c); // ,
      if (k === 'hints' && this.ruleText(o, v)) {
        skip = 2;
        continue;
      }
      this.string(k);
      this.byte(0x3a); // :
      this.value(v, depth);
    }
    this.byte(0x7d); // }
  }

  private number(n: number): void {
    if (!Number.isFinite(n)) return this.ascii('null');
    // small non-negative integers (offsets, lines, columns) digit by digit; the rest as JS prints them
    if (n >= 0 && n < 0x40000000 && (n | 0) === n) {
      this.ensure(10);
      const buf = this.buf;
      if (n < 10) {
        buf[this.pos++] = 0x30 + n;
        return;
      }
      let digits = 1;
      for (let m = n; m >= 10; m = (m / 10) | 0) digits++;
      let at = this.pos + digits;
      this.pos = at;
      for (let m = n; ;) {
        const q = (m / 10) | 0;
        buf[--at] = 0x30 + (m - q * 10);
        if (q === 0) break;
        m = q;
      }
      return;
    }
    this.ascii(String(n));
  }

  /** Writes ASCII text as it is (no quotes, no escaping). */
  private ascii(s: string): void {
    this.ensure(s.length);
    const buf = this.buf;
    let p = this.pos;
    for (let i = 0; i < s.length; i++) buf[p++] = s.charCodeAt(i);
    this.pos = p;
  }

  /**
   * A finding's `"hints":[…],"note":"…","source":[…]`, the same for every finding of a rule,
   * copied from bytes kept for the rule (by its hints array) when the object's keys go hints,
   * note, source, in that order, and each value is the one kept. False when it writes nothing.
   */
  private ruleText(o: Record<string, unknown>, hints: unknown): boolean {
    if (!Array.isArray(hints) || hints.length === 0) return false;
    const note = o.note;
    const source = o.source;
    if (typeof note !== 'string' || !Array.isArray(source)) return false;
    let kept = this.rules.get(hints);
    if (kept === undefined) {
      if (this.rules.size >= MAX_RULES) return false;
      if (!plainStrings(hints) || !plainStrings(source)) return false;
      const keys = Object.keys(o);
      const at = keys.indexOf('hints');
      if (keys[at + 1] !== 'note' || keys[at + 2] !== 'source') return false;
      const saved = this.pos;
      this.ascii('"hints":');
      this.value(hints);
      this.ascii(',"note":');
      this.string(note);
      this.ascii(',"source":');
      this.value(source);
      kept = {
        hints: [...hints] as string[],
        note,
        source: [...source] as string[],
        bytes: new Uint8Array(this.buf.subarray(saved, this.pos)),
      };
      this.rules.set(hints, kept);
      return true;
    }
    if (note !== kept.note || !same(hints, kept.hints) || !same(source, kept.source)) return false;
    // the order of the keys, checked once per object shape would need the shape; checked here cheaply:
    // the kept bytes are used only when the two keys after hints are note and source
    if (!this.keysFollow(o)) return false;
    const bytes = kept.bytes;
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return true;
  }

  /** Whether the two keys after `hints` are `note` and `source`. */
  private keysFollow(o: Record<string, unknown>): boolean {
    let state = 0;
    for (const k in o) {
      if (state === 0) {
        if (k === 'hints') state = 1;
      } else if (state === 1) {
        if (k !== 'note') return false;
        state = 2;
      } else return k === 'source';
    }
    return false;
  }

  /** Writes a JSON string: quoted, escaped as JSON.stringify escapes, encoded as UTF-8. */
  string(s: string): void {
    const n = s.length;
    // at most 6 bytes per UTF-16 unit (\u00XX, or a lone surrogate as \udXXX), and the quotes
    this.ensure(n * 6 + 2);
    const buf = this.buf;
    let p = this.pos;
    buf[p++] = 0x22;
    let i = 0;
    // most of the text is printable ASCII with nothing to escape: one byte each
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x20 || c > 0x7e || c === 0x22 || c === 0x5c) break;
      buf[p++] = c;
    }
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        if (c >= 0x20) {
          if (c === 0x22 || c === 0x5c) buf[p++] = 0x5c;
          buf[p++] = c;
        } else {
          buf[p++] = 0x5c;
          const short = SHORT[c] as number;
          if (short !== 0) buf[p++] = short;
          else {
            buf[p++] = 0x75; // u
            buf[p++] = 0x30;
            buf[p++] = 0x30;
            buf[p++] = HEX.charCodeAt(c >> 4);
            buf[p++] = HEX.charCodeAt(c & 15);
          }
        }
      } else if (c < 0x800) {
        buf[p++] = 0xc0 | (c >> 6);
        buf[p++] = 0x80 | (c & 0x3f);
      } else if (c < 0xd800 || c > 0xdfff) {
        buf[p++] = 0xe0 | (c >> 12);
        buf[p++] = 0x80 | ((c >> 6) & 0x3f);
        buf[p++] = 0x80 | (c & 0x3f);
      } else {
        const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
        if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
          // a surrogate pair: one code point, four bytes
          const cp = 0x10000 + ((c - 0xd800) << 10) + (d - 0xdc00);
          buf[p++] = 0xf0 | (cp >> 18);
          buf[p++] = 0x80 | ((cp >> 12) & 0x3f);
          buf[p++] = 0x80 | ((cp >> 6) & 0x3f);
          buf[p++] = 0x80 | (cp & 0x3f);
          i++;
        } else {
          // a lone surrogate, escaped as JSON.stringify escapes it (well-formed JSON.stringify)
          buf[p++] = 0x5c;
          buf[p++] = 0x75;
          buf[p++] = HEX.charCodeAt(c >> 12);
          buf[p++] = HEX.charCodeAt((c >> 8) & 15);
          buf[p++] = HEX.charCodeAt((c >> 4) & 15);
          buf[p++] = HEX.charCodeAt(c & 15);
        }
      }
    }
    buf[p++] = 0x22;
    this.pos = p;
  }
}
