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

export interface Evidence {
  /** Probability of each label of the model, in the model's order. */
  readonly probabilities: readonly number[];
  /** The words that most favour the most probable label. */
  readonly words: readonly string[];
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

export function weigh(model: EvidenceModel, tokens: readonly Token[], first: number, last: number): Evidence {
  const scores = [...model.prior];
  const seen: [string, readonly number[]][] = [];
  for (const f of evidenceFeatures(tokens, first, last)) {
    const w = Object.prototype.hasOwnProperty.call(model.features, f) ? model.features[f] : undefined;
    if (!w) continue;
    seen.push([f, w]);
    for (let i = 0; i < scores.length; i++) scores[i] = (scores[i] as number) + (w[i] as number);
  }
  const max = Math.max(...scores);
  const exp = scores.map((s) => Math.exp(s - max));
  const z = exp.reduce((a, b) => a + b, 0);
  const probabilities = exp.map((e) => e / z);
  const best = probabilities.indexOf(Math.max(...probabilities));
  const margin = (w: readonly number[]): number => (w[best] as number) - Math.max(...w.filter((_, i) => i !== best));
  const words = seen
    .filter(([, w]) => margin(w) > 0)
    .sort((a, b) => margin(b[1]) - margin(a[1]))
    .slice(0, 3)
    .map(([f]) => f);
  return { probabilities, words };
}
