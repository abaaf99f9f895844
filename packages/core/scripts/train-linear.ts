/**
 * Trains the deciding models: a multinomial logistic regression, L2-regularized, over the words
 * and word pairs of a unit and the cues the engine reads in it (analyze/judge.ts). Full-batch
 * AdaGrad from zero, so the same corpus always gives the same weights.
 */
import { Engine } from '../src/analyze/engine.js';
import { cueFeatures } from '../src/analyze/judge.js';
import { evidenceFeatures, stemFeatures, stemOf, wordScale, type EvidenceModel } from '../src/match/evidence.js';
import { TUNING } from '../src/tuning.js';

export interface Item {
  readonly text: string;
  readonly label: string;
}

export interface LinearOptions {
  /** L2 penalty per weight, relative to the mean loss of one item. */
  readonly l2: number;
  readonly iterations: number;
  /** Word and word-pair features seen in fewer items than this are left out. */
  readonly minCount: number;
  /** 0: items count alike; 1: each label counts as much in all (balanced); between: tempered. */
  readonly balance: number;
  /** Weights smaller than this in every label are dropped from the model. */
  readonly prune: number;
  /** Words past which word features count less (match/evidence.ts `norm`); none: always in full. */
  readonly norm?: number;
  /** Whether the words' stems are features too (match/evidence.ts `stems`). */
  readonly stems?: boolean;
  /**
   * How much a naive Bayes model of the same word and stem features is blended in (0: none).
   * Its log-likelihoods, centred per feature, are added to the trained weights times this, so
   * the result is still one linear model: a word seen mostly under one label keeps some of that
   * pull even where the regression, fitted to our corpus, set it near zero.
   */
  readonly bayes?: number;
  /**
   * Words that are never features, nor any pair or stem they are in: the guide's job titles,
   * which are not evidence either way (LABELLING.md). A word the model has no weight for adds
   * nothing when a text is read, so leaving it out of training is all it takes.
   */
  readonly ignore?: readonly string[];
}

interface Sample {
  readonly features: Int32Array;
  readonly values: Float64Array;
  readonly y: number;
  readonly weight: number;
}

/** The features of one text read as one unit: its words and pairs, and its cues. */
export function featuresOf(
  engine: Engine,
  text: string,
  mode: 'note' | 'duty',
): { words: string[]; stems: string[]; length: number; cues: [string, number][] } {
  const prepared = engine.prepare(text);
  const n = prepared.tokens.length;
  const scan = engine.scanUnit(prepared, 0, n, 0, text.length, mode, {});
  let length = 0;
  for (const t of prepared.tokens) if (!/^[0-9]+$/.test(t.text)) length++;
  return {
    words: evidenceFeatures(prepared.tokens, 0, n),
    stems: stemFeatures(prepared.tokens, 0, n),
    length: Math.min(400, length),
    cues: cueFeatures(scan),
  };
}

/** The features of `f` without those made of an ignored word (a word, a pair with it, or its stem). */
function withoutIgnored<F extends { words: string[]; stems: string[] }>(f: F, ignore: readonly string[] | undefined): F {
  if (!ignore || ignore.length === 0) return f;
  const words = new Set(ignore);
  const stems = new Set(ignore.map(stemOf));
  return {
    ...f,
    words: f.words.filter((w) => !w.split(' ').some((x) => words.has(x))),
    stems: f.stems.filter((st) => !stems.has(st)),
  };
}

/** Capitalized words that are not names: the days and months say when, which logistics do. */
const CALENDAR = new Set(
  'monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat sun january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
    .split(' ')
    .flatMap((d) => [d, `${d}s`]),
);

/**
 * Words the training texts write with a capital inside a sentence nearly every time they occur
 * there: names of people, places and programs. Which names a writer chose says nothing about a
 * stance, so neither they nor the pairs they are in become features (a model that learned
 * "Dana" from one writer's notes would label the next writer's Dana by it).
 */
export function properNames(engine: Engine, items: readonly Item[]): Set<string> {
  const capital = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const it of items) {
    const { tokens } = engine.prepare(it.text);
    for (let i = 1; i < tokens.length; i++) {
      const t = tokens[i] as (typeof tokens)[number];
      // not after a sentence stop, a colon or a line break: a capital there is only the sentence's
      let j = t.start - 1;
      while (j >= 0 && it.text.charCodeAt(j) === 0x20) j--;
      const before = j >= 0 ? it.text[j] : '';
      if (before === '.' || before === '!' || before === '?' || before === ':' || before === '\n' || before === '"' || before === '“')
        continue;
      const raw = it.text.slice(t.start, t.end);
      // all-capital words (headings, acronyms such as SI or ACT) are capitals of another kind
      if (raw.length > 1 && raw === raw.toUpperCase()) continue;
      const c = it.text.charCodeAt(t.start);
      seen.set(t.text, (seen.get(t.text) ?? 0) + 1);
      if (c >= 0x41 && c <= 0x5a) capital.set(t.text, (capital.get(t.text) ?? 0) + 1);
    }
  }
  const names = new Set<string>();
  for (const [w, n] of seen) {
    if (w.length < 2 || w === 'i' || w.startsWith("i'") || CALENDAR.has(w) || (capital.get(w) ?? 0) < 0.9 * n) continue;
    names.add(w);
  }
  return names;
}

/** Whether a word feature (a word, or a pair `a b`) holds one of `names`. */
function mentionsName(feature: string, names: ReadonlySet<string>): boolean {
  const space = feature.indexOf(' ');
  if (space < 0) return names.has(feature);
  return names.has(feature.slice(0, space)) || names.has(feature.slice(space + 1));
}

/**
 * Adds `amount` × a multinomial naive Bayes model (Laplace-smoothed, over the word and stem
 * features, each counted once per item) to the weights: per feature its log-likelihood under
 * each label, centred over the labels (a shift shared by all labels changes no probability),
 * and to the bias the log prior.
 */
function blendBayes(
  samples: readonly Sample[],
  names: readonly string[],
  K: number,
  amount: number,
  W: Float64Array,
  b: Float64Array,
): void {
  const counts = new Float64Array(names.length * K);
  const totals = new Float64Array(K);
  const docs = new Float64Array(K);
  const isWord = names.map((n) => !n.startsWith('c '));
  for (const s of samples) {
    docs[s.y] = (docs[s.y] as number) + 1;
    for (const f of s.features)
      if (isWord[f]) {
        counts[f * K + s.y] = (counts[f * K + s.y] as number) + 1;
        totals[s.y] = (totals[s.y] as number) + 1;
      }
  }
  const vocabulary = isWord.filter(Boolean).length;
  const logLikelihood = new Float64Array(K);
  names.forEach((_, f) => {
    if (!isWord[f]) return;
    let mean = 0;
    for (let k = 0; k < K; k++) {
      logLikelihood[k] = Math.log(((counts[f * K + k] as number) + 1) / ((totals[k] as number) + vocabulary));
      mean += (logLikelihood[k] as number) / K;
    }
    for (let k = 0; k < K; k++) W[f * K + k] = (W[f * K + k] as number) + amount * ((logLikelihood[k] as number) - mean);
  });
  for (let k = 0; k < K; k++) b[k] = (b[k] as number) + amount * Math.log(Math.max(1, docs[k] as number) / samples.length);
}

export function trainLinear(
  items: readonly Item[],
  labels: readonly string[],
  engine: Engine,
  mode: 'note' | 'duty',
  options: LinearOptions = mode === 'note' ? TUNING.train.note : TUNING.train.duty,
): EvidenceModel {
  const K = labels.length;
  const kept = items.filter((it) => labels.includes(it.label));
  const proper = properNames(engine, kept);
  const read = kept.map((it) => ({ it, f: withoutIgnored(featuresOf(engine, it.text, mode), options.ignore) }));
  const count = new Map<string, number>();
  for (const { f } of read) for (const w of f.words) if (!mentionsName(w, proper)) count.set(w, (count.get(w) ?? 0) + 1);
  // a stem counts in the items where a word of it is not a name
  const stemCount = new Map<string, number>();
  if (options.stems)
    for (const { f } of read) {
      const names = new Set(f.words.filter((w) => !w.includes(' ') && proper.has(w)).map(stemOf));
      for (const st of f.stems) if (!names.has(st)) stemCount.set(st, (stemCount.get(st) ?? 0) + 1);
    }
  // feature index: words first, then cues (prefixed, so a word cannot collide with a cue)
  const index = new Map<string, number>();
  const names: string[] = [];
  const add = (name: string): number => {
    let i = index.get(name);
    if (i === undefined) {
      i = names.length;
      index.set(name, i);
      names.push(name);
    }
    return i;
  };
  const perLabel = labels.map((l) => read.filter((r) => r.it.label === l).length);
  const classWeight = perLabel.map((n) => (n === 0 ? 0 : Math.pow(read.length / (K * n), options.balance)));
  const samples: Sample[] = read.map(({ it, f }) => {
    const fs: number[] = [];
    const vs: number[] = [];
    const scale = wordScale(options.norm, f.length);
    for (const w of f.words) {
      if ((count.get(w) ?? 0) < options.minCount) continue;
      fs.push(add(`w ${w}`));
      vs.push(scale);
    }
    if (options.stems)
      for (const st of f.stems) {
        if ((stemCount.get(st) ?? 0) < options.minCount) continue;
        fs.push(add(`s ${st}`));
        vs.push(scale);
      }
    for (const [c, v] of f.cues) {
      fs.push(add(`c ${c}`));
      vs.push(v);
    }
    const y = labels.indexOf(it.label);
    return { features: Int32Array.from(fs), values: Float64Array.from(vs), y, weight: classWeight[y] as number };
  });
  const F = names.length;
  const W = new Float64Array(F * K);
  const bayes = options.bayes ?? 0;
  const b = new Float64Array(K);
  const G = new Float64Array(F * K);
  const Gb = new Float64Array(K);
  const grad = new Float64Array(F * K);
  const gb = new Float64Array(K);
  const p = new Float64Array(K);
  const total = samples.reduce((a, s) => a + s.weight, 0);
  const rate = 0.5;
  for (let it = 0; it < options.iterations; it++) {
    grad.fill(0);
    gb.fill(0);
    for (const s of samples) {
      for (let k = 0; k < K; k++) p[k] = b[k] as number;
      for (let j = 0; j < s.features.length; j++) {
        const base = (s.features[j] as number) * K;
        const v = s.values[j] as number;
        for (let k = 0; k < K; k++) p[k] = (p[k] as number) + (W[base + k] as number) * v;
      }
      let max = -Infinity;
      for (let k = 0; k < K; k++) if ((p[k] as number) > max) max = p[k] as number;
      let z = 0;
      for (let k = 0; k < K; k++) {
        p[k] = Math.exp((p[k] as number) - max);
        z += p[k] as number;
      }
      for (let k = 0; k < K; k++) {
        const d = (((p[k] as number) / z - (k === s.y ? 1 : 0)) * s.weight) / total;
        gb[k] = (gb[k] as number) + d;
        for (let j = 0; j < s.features.length; j++) {
          const at = (s.features[j] as number) * K + k;
          grad[at] = (grad[at] as number) + d * (s.values[j] as number);
        }
      }
    }
    for (let i = 0; i < F * K; i++) {
      const g = (grad[i] as number) + options.l2 * (W[i] as number);
      G[i] = (G[i] as number) + g * g;
      W[i] = (W[i] as number) - (rate * g) / (Math.sqrt(G[i] as number) + 1e-8);
    }
    for (let k = 0; k < K; k++) {
      const g = gb[k] as number;
      Gb[k] = (Gb[k] as number) + g * g;
      b[k] = (b[k] as number) - (rate * g) / (Math.sqrt(Gb[k] as number) + 1e-8);
    }
  }
  if (bayes > 0) blendBayes(samples, names, K, bayes, W, b);
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const features: Record<string, number[]> = {};
  const cues: Record<string, number[]> = {};
  const stems: Record<string, number[]> = {};
  names.forEach((name, i) => {
    const w = Array.from(W.subarray(i * K, i * K + K));
    if (Math.max(...w.map(Math.abs)) < options.prune) return;
    const rounded = w.map(round);
    if (name.startsWith('w ')) features[name.slice(2)] = rounded;
    else if (name.startsWith('s ')) stems[name.slice(2)] = rounded;
    else cues[name.slice(2)] = rounded;
  });
  return {
    labels,
    prior: Array.from(b, round),
    features,
    cues,
    ...(options.stems ? { stems } : {}),
    ...(options.norm !== undefined ? { norm: options.norm } : {}),
  };
}
