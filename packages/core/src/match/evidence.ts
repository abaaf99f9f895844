/**
 * Corpus evidence: a linear model of words, word pairs and the lexicon's context-read cues,
 * trained at build time on PeerLens's labelled corpus (scripts/train-evidence.ts). A model with
 * `cues` is a regularized logistic regression that decides the label from everything the
 * engine read; one without is the older naive Bayes word model that only weighs in beside the
 * cues. Either way it says which words carried it.
 */
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

/**
 * A model's features keyed by word id: the id of a word in the engine's vocabulary gives its
 * row, and a pair of ids gives the row of a word pair, so scoring hashes no strings and builds
 * no pair strings. Every word of every feature must have an id in `ids`.
 */
export class EvidenceTable {
  readonly prior: readonly number[];
  /** Per row, the feature and its weights (one tuple per feature, so hits can be told apart by identity). */
  private readonly rows: (readonly [string, readonly number[]])[] = [];
  /** Word id → row, or −1. */
  private readonly rowOf: Int32Array;
  /** 1 where a word id begins some word-pair feature: only after these is a pair looked up. */
  private readonly pairStart: Uint8Array;
  /** first id × size + second id → row */
  private readonly pairs = new Map<number, number>();
  private readonly size: number;
  private readonly start: number;
  private readonly cues: ReadonlyMap<string, readonly number[]>;
  private readonly norm: number | undefined;

  constructor(model: EvidenceModel, ids: ReadonlyMap<string, number>) {
    this.prior = model.prior;
    this.size = ids.size;
    this.start = ids.get(START) ?? -1;
    this.cues = new Map(Object.entries(model.cues ?? {}));
    this.norm = model.norm;
    this.rowOf = new Int32Array(this.size).fill(-1);
    this.pairStart = new Uint8Array(this.size);
    const idOf = (w: string): number => {
      const id = ids.get(w);
      if (id === undefined) throw new Error(`evidence: the word "${w}" has no id`);
      return id;
    };
    for (const [f, w] of Object.entries(model.features)) {
      const row = this.rows.length;
      this.rows.push([f, w]);
      const space = f.indexOf(' ');
      if (space < 0) this.rowOf[idOf(f)] = row;
      else {
        const a = idOf(f.slice(0, space));
        this.pairStart[a] = 1;
        this.pairs.set(a * this.size + idOf(f.slice(space + 1)), row);
      }
    }
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
    const hits: (readonly [string, readonly number[]])[] = [];
    const { rowOf, pairStart, pairs, rows, size } = this;
    if (cues)
      for (const [name, value] of cues) {
        const w = this.cues.get(name);
        if (w) for (let k = 0; k < n; k++) logits[k] = (logits[k] as number) + value * (w[k] as number);
      }
    const words = new Array<number>(n).fill(0);
    let previous = this.start;
    let counted = 0;
    for (let i = first; i < last && counted < 400; i++) {
      if (isNumber((tokens[i] as Token).text)) continue;
      counted++;
      const id = ids[i] as number;
      if (id < 0) {
        previous = -1;
        continue;
      }
      for (let pass = 0; pass < 2; pass++) {
        let row: number;
        if (pass === 0) row = rowOf[id] as number;
        else if (previous >= 0 && pairStart[previous] === 1) row = pairs.get(previous * size + id) ?? -1;
        else break;
        if (row < 0) continue;
        const hit = rows[row] as readonly [string, readonly number[]];
        // each feature counts once per unit (features are few, so a scan beats a Set)
        let dup = false;
        for (let h = 0; h < hits.length; h++) {
          if (hits[h] === hit) {
            dup = true;
            break;
          }
        }
        if (dup) continue;
        hits.push(hit);
        const w = hit[1];
        for (let k = 0; k < n; k++) words[k] = (words[k] as number) + (w[k] as number);
      }
      previous = id;
    }
    const scale = wordScale(this.norm, counted);
    for (let k = 0; k < n; k++) logits[k] = (logits[k] as number) + scale * (words[k] as number);
    return { logits, hits };
  }
}

/** Raw scores (log prior plus the weights of the features present) and the features that counted. */
export interface Logits {
  readonly logits: number[];
  readonly hits: (readonly [string, readonly number[]])[];
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
  for (const [f, w] of hits) {
    let other = -Infinity;
    for (let i = 0; i < w.length; i++) if (i !== best && (w[i] as number) > other) other = w[i] as number;
    const margin = (w[best] as number) - other;
    if (!(margin > 0)) continue;
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
