/**
 * The words an engine knows, each with an integer id (0, 1, 2, … in order of addition). Besides
 * a Map for look-ups by string, it keeps an open-addressing table of the words' hashes, so that
 * the tokenizer can find an ASCII word's id straight from the characters of the text: a known
 * word is then never sliced, lower-cased or hashed as a fresh string.
 */

const FNV_OFFSET = 0x811c9dc5 | 0;
const FNV_PRIME = 0x01000193;

/** FNV-1a of code units [start, end) of `s`, ASCII capitals folded to lower case (as the tokenizer hashes). */
export function hashFolded(s: string, start: number, end: number): number {
  let h = FNV_OFFSET;
  for (let i = start; i < end; i++) {
    let c = s.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    h = Math.imul(h ^ c, FNV_PRIME);
  }
  return h;
}

export class Vocabulary {
  /** id → word */
  readonly words: string[] = [];
  /** id → hashFolded of the word */
  private readonly wordHashes: number[] = [];
  private readonly index = new Map<string, number>();
  private hashes = new Int32Array(64);
  /** id + 1 per slot; 0 is an empty slot */
  private slots = new Int32Array(64);
  private mask = 63;

  constructor(words: Iterable<string> = []) {
    for (const w of words) this.add(w);
  }

  get size(): number {
    return this.words.length;
  }

  /** The id of a word, or undefined. */
  get(word: string): number | undefined {
    return this.index.get(word);
  }

  has(word: string): boolean {
    return this.index.has(word);
  }

  /** Adds a word (if new) and gives its id. */
  add(word: string): number {
    const known = this.index.get(word);
    if (known !== undefined) return known;
    const id = this.words.length;
    this.words.push(word);
    this.wordHashes.push(hashFolded(word, 0, word.length));
    this.index.set(word, id);
    if ((this.words.length + 1) * 2 > this.slots.length) this.grow();
    else this.place(id);
    return id;
  }

  /** A view as a Map from word to id. */
  get ids(): ReadonlyMap<string, number> {
    return this.index;
  }

  private place(id: number): void {
    const h = this.wordHashes[id] as number;
    let slot = h & this.mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & this.mask;
    this.slots[slot] = id + 1;
    this.hashes[slot] = h;
  }

  private grow(): void {
    let cap = this.slots.length;
    while (cap < (this.words.length + 1) * 4) cap *= 2;
    this.slots = new Int32Array(cap);
    this.hashes = new Int32Array(cap);
    this.mask = cap - 1;
    for (let id = 0; id < this.words.length; id++) this.place(id);
  }

  /**
   * The id of the ASCII code units [start, end) of `text` folded to lower case, whose
   * `hashFolded` is `h`; −1 when no word is spelled so.
   */
  idOfFolded(text: string, start: number, end: number, h: number): number {
    const slots = this.slots;
    const mask = this.mask;
    const length = end - start;
    for (let slot = h & mask; ; slot = (slot + 1) & mask) {
      const s = slots[slot] as number;
      if (s === 0) return -1;
      if (this.hashes[slot] !== h) continue;
      const w = this.words[s - 1] as string;
      if (w.length !== length) continue;
      let k = 0;
      for (; k < length; k++) {
        let c = text.charCodeAt(start + k);
        if (c >= 0x41 && c <= 0x5a) c |= 0x20;
        if (c !== w.charCodeAt(k)) break;
      }
      if (k === length) return s - 1;
    }
  }
}
