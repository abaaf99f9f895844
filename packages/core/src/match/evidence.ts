/**
 * Corpus evidence: a naive Bayes model of words and word pairs, trained at build time on the
 * tuning part of PeerLens's labelled corpus (scripts/train-evidence.ts). The lexicon decides
 * where it has cues; the evidence weighs in where cues are weak or absent, and says which
 * words carried it.
 */
import type { Token } from '../text/tokenize.js';

export interface EvidenceModel {
  readonly labels: readonly string[];
  /** log P(label) */
  readonly prior: readonly number[];
  /** per feature, log P(feature | label) − log P(unseen | label), one number per label */
  readonly features: Readonly<Record<string, readonly number[]>>;
}

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
  for (let i = 0; i + 1 < words.length; i++) out.add(`${words[i] as string} ${words[i + 1] as string}`);
  return [...out];
}

interface Table {
  readonly features: Map<string, readonly number[]>;
  /** Words that begin some word-pair feature: only after these is a pair looked up. */
  readonly pairStarts: Set<string>;
}

const tables = new WeakMap<EvidenceModel, Table>();

function table(model: EvidenceModel): Table {
  let t = tables.get(model);
  if (!t) {
    const features = new Map(Object.entries(model.features));
    const pairStarts = new Set<string>();
    for (const f of features.keys()) {
      const space = f.indexOf(' ');
      if (space > 0) pairStarts.add(f.slice(0, space));
    }
    t = { features, pairStarts };
    tables.set(model, t);
  }
  return t;
}

/** Raw scores (log prior plus the weights of the features present) and the features that counted. */
export interface Logits {
  readonly logits: number[];
  readonly hits: (readonly [string, readonly number[]])[];
}

/** Scores a token range. Only features the model knows are looked at, each once. */
export function score(model: EvidenceModel, tokens: readonly Token[], first: number, last: number): Logits {
  const { features, pairStarts } = table(model);
  const logits = model.prior.slice();
  const n = logits.length;
  const hits: (readonly [string, readonly number[]])[] = [];
  let previous: string | undefined;
  let counted = 0;
  for (let i = first; i < last && counted < 400; i++) {
    const t = (tokens[i] as Token).text;
    if (isNumber(t)) continue;
    counted++;
    for (let pass = 0; pass < 2; pass++) {
      let f: string;
      if (pass === 0) f = t;
      else if (previous !== undefined && pairStarts.has(previous)) f = `${previous} ${t}`;
      else break;
      const w = features.get(f);
      if (!w) continue;
      // each feature counts once per unit (features are few, so a scan beats a Set)
      let dup = false;
      for (let h = 0; h < hits.length; h++) {
        if ((hits[h] as readonly [string, readonly number[]])[1] === w) {
          dup = true;
          break;
        }
      }
      if (dup) continue;
      hits.push([f, w]);
      for (let k = 0; k < n; k++) logits[k] = (logits[k] as number) + (w[k] as number);
    }
    previous = t;
  }
  return { logits, hits };
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
  const top: [string, number][] = [];
  for (const [f, w] of hits) {
    let other = -Infinity;
    for (let i = 0; i < w.length; i++) if (i !== best && (w[i] as number) > other) other = w[i] as number;
    const margin = (w[best] as number) - other;
    if (margin > 0) top.push([f, margin]);
  }
  return top
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([f]) => f);
}
