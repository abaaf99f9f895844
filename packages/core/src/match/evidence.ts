/**
 * Corpus evidence: a linear model of words, word pairs and the lexicon's context-read cues,
 * trained at build time on PeerLens's labelled corpus (scripts/train-evidence.ts). A model with
 * `cues` is a regularized logistic regression that decides the label from everything the
 * engine read; one without is the older naive Bayes word model that only weighs in beside the
 * cues. Either way it says which words carried it.
 */
import { stemmer } from 'stemmer';
import type { Token } from '../text/tokenize.js';

export interface EvidenceModel {
  readonly labels: readonly string[];
  /** log P(label) */
  readonly prior: readonly number[];
  /** per word or word pair (`a b`; `^ a` for a unit's first word), one weight per label */
  readonly features: Readonly<Record<string, readonly number[]>>;
  /**
   * Per cue feature (analyze/judge.ts: `=label` the summed cue weight of a label, `#rule` a
   * rule that fired, `~context:label` a cue read in context, `!language` a devaluing term used),
   * one weight per label. Present when the model is trained to decide.
   */
  readonly cues?: Readonly<Record<string, readonly number[]>>;
  /**
   * Per word stem (Porter's, as the `stemmer` package gives it), one weight per label: a word
   * the corpus wrote in another form ("observes", "observation") still counts through its stem.
   */
  readonly stems?: Readonly<Record<string, readonly number[]>>;
  /**
   * Word length at which word features stop counting in full: a unit of more words has their
   * weights scaled by √(norm / words), so a long sentence does not win on word count alone.
   */
  readonly norm?: number;
}

/** The share of their weights that word features count with in a unit of `words` words. */
export function wordScale(norm: number | undefined, words: number): number {
  return norm === undefined || words <= norm ? 1 : Math.sqrt(norm / words);
}

/** The pseudo-word before a unit's first word, so that how a unit opens is a feature. */
export const START = '^';

function isNumber(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return s.length > 0;
}

/** The features of a token range: folded words (not numbers) and adjacent word pairs, once each. */
export function evidenceFeatures(tokens: readonly Token[], first: number, last: number): string[] {
  const words: string[] = [];
  for (let i = first; i < last && words.length < 400; i++) {
    const t = (tokens[i] as Token).text;
    if (!isNumber(t)) words.push(t);
  }
  const out = new Set<string>(words);
  if (words.length > 0) out.add(`${START} ${words[0] as string}`);
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i] as string} ${words[i + 1] as string}`);
  return [...out];
}

/** A word's stem (Porter's algorithm): "observes", "observed" and "observing" are "observ". */
export function stemOf(word: string): string {
  return stemmer(word);
}

/** The stems of a token range's words (not numbers), once each: the model's stem features. */
export function stemFeatures(tokens: readonly Token[], first: number, last: number): string[] {
  const out = new Set<string>();
  for (let i = first, n = 0; i < last && n < 400; i++) {
    const t = (tokens[i] as Token).text;
    if (isNumber(t)) continue;
    n++;
    out.add(stemmer(t));
  }
  return [...out];
}

/** How a stem feature is named where the words that carried a label are shown: "observ*". */
export const STEM_MARK = '*';

/**
 * A model's features keyed by word id: the id of a word in the engine's vocabulary gives its
 * row, and a pair of ids gives the row of a word pair, so scoring hashes no strings and builds
 * no pair strings. Every word of every feature must have an id in `ids`.
 */
export class EvidenceTable {
  readonly prior: readonly number[];
  /**
   * Per row, the feature, its weights, and per label how much it favours that label over the
   * strongest other (one tuple per feature, so hits can be told apart by identity).
   */
  private readonly rows: Hit[] = [];
  /** Word id → row, or −1. */
  private readonly rowOf: Int32Array;
  /** 1 where a word id begins some word-pair feature: only after these is a pair looked up. */
  private readonly pairStart: Uint8Array;
  /** first id × size + second id → row, in an open-addressing table (keys + 1, 0 empty). */
  private pairKeys = new Int32Array(16);
  private pairRows = new Int32Array(16);
  private pairCount = 0;
  private readonly size: number;
  private readonly start: number;
  private readonly cues: ReadonlyMap<string, readonly number[]>;
  private readonly norm: number | undefined;
  /** Per row, the stamp of the last `score` call that counted it. */
  private readonly seen: Int32Array;
  /** The rows' weights in one array, row by row (rows × labels). */
  private readonly flat: Float64Array;
  /** Scratch: the words' summed weights in one call. */
  private readonly acc: Float64Array;
  private stamp = 0;
  /** Stem → row. */
  private readonly stemRow = new Map<string, number>();
  /** Word id → the row of its stem, −1 for none, UNSEEN until first asked (stemming is done once per word). */
  private readonly stemOfId: Int32Array;
  /** Words outside the vocabulary → the row of their stem, or −1 (emptied when it grows large). */
  private readonly unknownStems = new Map<string, number>();

  constructor(model: EvidenceModel, ids: ReadonlyMap<string, number>) {
    this.prior = model.prior;
    this.size = ids.size;
    this.start = ids.get(START) ?? -1;
    this.cues = new Map(Object.entries(model.cues ?? {}));
    this.norm = model.norm;
    const stems = Object.entries(model.stems ?? {});
    this.seen = new Int32Array(Object.keys(model.features).length + stems.length + 1);
    this.acc = new Float64Array(model.labels.length);
    this.rowOf = new Int32Array(this.size).fill(-1);
    this.pairStart = new Uint8Array(this.size);
    const idOf = (w: string): number => {
      const id = ids.get(w);
      if (id === undefined) throw new Error(`evidence: the word "${w}" has no id`);
      return id;
    };
    for (const [f, w] of Object.entries(model.features)) {
      const row = this.rows.length;
      this.rows.push([f, w, margins(w)]);
      const space = f.indexOf(' ');
      if (space < 0) this.rowOf[idOf(f)] = row;
      else {
        const a = idOf(f.slice(0, space));
        this.pairStart[a] = 1;
        this.setPair(a * this.size + idOf(f.slice(space + 1)), row);
      }
    }
    for (const [stem, w] of stems) {
      this.stemRow.set(stem, this.rows.length);
      this.rows.push([stem + STEM_MARK, w, margins(w)]);
    }
    this.stemOfId = new Int32Array(stems.length > 0 ? this.size : 0).fill(UNSEEN);
    const n = model.labels.length;
    this.flat = new Float64Array(this.rows.length * n);
    this.rows.forEach(([, w], row) => {
      for (let k = 0; k < n; k++) this.flat[row * n + k] = w[k] as number;
    });
  }

  private setPair(key: number, row: number): void {
    if ((this.pairCount + 1) * 2 > this.pairKeys.length) {
      const keys = this.pairKeys;
      const rows = this.pairRows;
      this.pairKeys = new Int32Array(keys.length * 2);
      this.pairRows = new Int32Array(keys.length * 2);
      this.pairCount = 0;
      for (let i = 0; i < keys.length; i++) if (keys[i] !== 0) this.setPair((keys[i] as number) - 1, rows[i] as number);
    }
    const mask = this.pairKeys.length - 1;
    let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask;
    while (this.pairKeys[slot] !== 0 && this.pairKeys[slot] !== key + 1) slot = (slot + 1) & mask;
    if (this.pairKeys[slot] === 0) this.pairCount++;
    this.pairKeys[slot] = key + 1;
    this.pairRows[slot] = row;
  }

  /** The row of the pair with this key, or −1. */
  private pairRow(key: number): number {
    const keys = this.pairKeys;
    const mask = keys.length - 1;
    for (let slot = (Math.imul(key, 0x9e3779b1) >>> 0) & mask; ; slot = (slot + 1) & mask) {
      const k = keys[slot] as number;
      if (k === 0) return -1;
      if (k === key + 1) return this.pairRows[slot] as number;
    }
  }

  /** The row of the stem of token text `text` (id `id`, −1 outside the vocabulary), or −1. */
  private stemRowOf(text: string, id: number): number {
    if (id >= 0 && id < this.stemOfId.length) {
      let row = this.stemOfId[id] as number;
      if (row === UNSEEN) {
        row = this.stemRow.get(stemmer(text)) ?? -1;
        this.stemOfId[id] = row;
      }
      return row;
    }
    let row = this.unknownStems.get(text);
    if (row === undefined) {
      row = this.stemRow.get(stemmer(text)) ?? -1;
      if (this.unknownStems.size >= 8192) this.unknownStems.clear();
      this.unknownStems.set(text, row);
    }
    return row;
  }

  private nextStamp(): number {
    if (this.stamp === 0x7fffffff) {
      this.seen.fill(0);
      this.stamp = 0;
    }
    return ++this.stamp;
  }

  /** The words a model's features are made of. */
  static words(model: EvidenceModel): string[] {
    const out: string[] = [START];
    for (const f of Object.keys(model.features)) {
      const space = f.indexOf(' ');
      if (space < 0) out.push(f);
      else out.push(f.slice(0, space), f.slice(space + 1));
    }
    return out;
  }

  /**
   * Scores a token range: the log prior plus the weights of the features present, each feature
   * once. `ids` are the ids of the tokens' own folded texts (−1 outside the vocabulary).
   */
  score(
    tokens: readonly Token[],
    ids: ArrayLike<number>,
    first: number,
    last: number,
    cues?: readonly (readonly [string, number])[],
  ): Logits {
    const logits = this.prior.slice();
    const n = logits.length;
    const hits: Hit[] = [];
    const { rowOf, pairStart, rows, size, flat, seen } = this;
    if (cues)
      for (const [name, value] of cues) {
        const w = this.cues.get(name);
        if (w) for (let k = 0; k < n; k++) logits[k] = (logits[k] as number) + value * (w[k] as number);
      }
    const acc = this.acc.fill(0);
    const stamp = this.nextStamp();
    let previous = this.start;
    let counted = 0;
    const stems = this.stemRow.size > 0;
    for (let i = first; i < last && counted < 400; i++) {
      const text = (tokens[i] as Token).text;
      const c = text.charCodeAt(0);
      if (c >= 0x30 && c <= 0x39 && isNumber(text)) continue;
      counted++;
      const id = ids[i] as number;
      // the word's stem, the word, then the pair it ends; each feature counts once per unit (a
      // row seen in this call carries this call's stamp)
      if (stems) {
        const row = this.stemRowOf(text, id);
        if (row >= 0 && seen[row] !== stamp) {
          seen[row] = stamp;
          hits.push(rows[row] as Hit);
          for (let k = 0, at = row * n; k < n; k++, at++) acc[k] = (acc[k] as number) + (flat[at] as number);
        }
      }
      if (id < 0) {
        previous = -1;
        continue;
      }
      let row = rowOf[id] as number;
      if (row >= 0 && seen[row] !== stamp) {
        seen[row] = stamp;
        hits.push(rows[row] as Hit);
        for (let k = 0, at = row * n; k < n; k++, at++) acc[k] = (acc[k] as number) + (flat[at] as number);
      }
      if (previous >= 0 && pairStart[previous] === 1) {
        row = this.pairRow(previous * size + id);
        if (row >= 0 && seen[row] !== stamp) {
          seen[row] = stamp;
          hits.push(rows[row] as Hit);
          for (let k = 0, at = row * n; k < n; k++, at++) acc[k] = (acc[k] as number) + (flat[at] as number);
        }
      }
      previous = id;
    }
    const scale = wordScale(this.norm, counted);
    for (let k = 0; k < n; k++) logits[k] = (logits[k] as number) + scale * (acc[k] as number);
    return { logits, hits };
  }
}

/** A stem's row not yet looked up. */
const UNSEEN = -2;

/** A feature that counted: its name, its weights, and its margin for each label (see `margins`). */
export type Hit = readonly [string, readonly number[], readonly number[]];

/** Per label k, how much the weights favour k over the strongest other label. */
function margins(w: readonly number[]): number[] {
  return w.map((x, k) => {
    let other = -Infinity;
    for (let i = 0; i < w.length; i++) if (i !== k && (w[i] as number) > other) other = w[i] as number;
    return x - other;
  });
}

/** Raw scores (log prior plus the weights of the features present) and the features that counted. */
export interface Logits {
  readonly logits: number[];
  readonly hits: Hit[];
}

/** Probabilities from raw scores, in the model's label order. */
export function probabilitiesOf(logits: readonly number[]): number[] {
  let max = -Infinity;
  for (const x of logits) if (x > max) max = x;
  const out = new Array<number>(logits.length);
  let z = 0;
  for (let i = 0; i < logits.length; i++) {
    const e = Math.exp((logits[i] as number) - max);
    out[i] = e;
    z += e;
  }
  for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / z;
  return out;
}

/** The (up to three) features that most favour label `best`. */
export function topWords(hits: Logits['hits'], best: number): string[] {
  // the three largest margins, earlier features first among equal ones (as a stable sort would give)
  let w0 = '';
  let w1 = '';
  let w2 = '';
  let m0 = 0;
  let m1 = 0;
  let m2 = 0;
  let n = 0;
  for (let h = 0; h < hits.length; h++) {
    const hit = hits[h] as Hit;
    const margin = hit[2][best] as number;
    if (!(margin > 0)) continue;
    const f = hit[0];
    // its place: after every kept feature whose margin is as large (a stable sort's order)
    let p = 0;
    if (n > 0 && m0 >= margin) {
      p = 1;
      if (n > 1 && m1 >= margin) {
        p = 2;
        if (n > 2 && m2 >= margin) continue;
      }
    }
    if (p === 0) {
      w2 = w1;
      m2 = m1;
      w1 = w0;
      m1 = m0;
      w0 = f;
      m0 = margin;
    } else if (p === 1) {
      w2 = w1;
      m2 = m1;
      w1 = f;
      m1 = margin;
    } else {
      w2 = f;
      m2 = margin;
    }
    if (n < 3) n++;
  }
  return n === 0 ? [] : n === 1 ? [w0] : n === 2 ? [w0, w1] : [w0, w1, w2];
}
