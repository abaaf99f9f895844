/**
 * Every hand-set constant of the analyzer in one place. The cross-validation (`npm run cv`)
 * reads these and tries others beside them; change one here only on its evidence.
 */
export const TUNING = {
  /** Reading cues in context (analyze/engine.ts). */
  context: {
    /** A negated clinical action ("did not assess") counts this share of its weight as a peer boundary. */
    negatedBoundary: 0.5,
    /** A clinical act done by another professional, reported by the writer, counts this share. */
    reported: 0.6,
  },
  /** Deciding from cues alone, for an engine without a trained model (analyze/decide.ts). */
  cuesOnly: {
    /** The least cue weight that makes a note unit non-neutral. */
    noteThreshold: 1,
    /** The least weight at which a conflict or errand cue decides a duty whatever else it says. */
    dutyPriority: 2,
    /** How much a naive-Bayes word model's probability of 1 weighs against cue weights. */
    noteEvidence: 2,
    dutyEvidence: 0,
  },
  /** How sure a label is said to be (analyze/decide.ts); these shape the confidence shown, not the label. */
  confidence: {
    /** From cue weights: `floor + span × min(1, margin + best / (best + saturation))`. */
    floor: 0.55,
    span: 0.4,
    saturation: 4,
    /** A neutral note unit: `neutral − neutralDrop × min(1, cue weight / noteThreshold)`. */
    neutral: 0.9,
    neutralDrop: 0.3,
    /** A duty without any cue (shared team work by default). */
    dutyWithoutCues: 0.35,
    /** A deciding model's probability is shown at most this high. */
    cap: 0.99,
  },
  /** Training the deciding models (scripts/train-linear.ts). */
  train: {
    /**
     * `ignore`: "peer" and "peers" name the role or the service ("peer specialist", "peer support")
     * in peer notes and in neutral program pages alike; a job title is not evidence either way.
     */
    note: { l2: 0.0005, iterations: 300, minCount: 5, balance: 0.5, prune: 0.01, stems: true, bayes: 0.1, ignore: ['peer', 'peers'] },
    duty: { l2: 0.0005, iterations: 300, minCount: 5, balance: 0.5, prune: 0.01, stems: true, bayes: 0.1 },
  },
} as const;
