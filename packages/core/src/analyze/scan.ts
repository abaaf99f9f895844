/**
 * The shapes the engine (engine.ts), the deciding (decide.ts) and the cue features (judge.ts)
 * pass between them, apart from all three so that none imports another in a circle.
 */
import type { DutyLabel, Finding, Reason } from '../types.js';
import type { Logits } from '../match/evidence.js';

/** Added-up cue weights per label. */
export type Scores = Record<DutyLabel, number>;

/** What reading one unit gave: its scores, the cues behind them, its findings. */
export interface UnitScan {
  readonly scores: Scores;
  readonly reasons: Reason[];
  readonly findings: Finding[];
}

export interface WordEvidence {
  readonly labels: readonly string[];
  readonly probabilities: readonly number[];
  /** The raw scores and the features that made them, for the words reported. */
  readonly raw: Logits;
  /** Overrides the default evidence weight (cross-validation tries several). */
  readonly weight?: number;
  /** The model is trained on the cues too: its most probable label is the label. */
  readonly decides?: boolean;
}
