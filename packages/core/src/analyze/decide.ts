/**
 * From what the engine read to a label. With a deciding model (trained on words and cues, see
 * match/evidence.ts), its most probable label; without one, added-up cue weights and, where a
 * word model is present, its evidence (the constants in src/tuning.ts).
 */
import type { CorpusEvidence, DutyLabel, NoteLabel } from '../types.js';
import type { Scores, WordEvidence } from './scan.js';
import { topWords } from '../match/evidence.js';

import { TUNING } from '../tuning.js';

/** For an engine without a deciding model: constants of src/tuning.ts. */
export const NOTE_THRESHOLD = TUNING.cuesOnly.noteThreshold;
export const DUTY_PRIORITY_THRESHOLD = TUNING.cuesOnly.dutyPriority;
export const NOTE_EVIDENCE_WEIGHT = TUNING.cuesOnly.noteEvidence;
export const DUTY_EVIDENCE_WEIGHT = TUNING.cuesOnly.dutyEvidence;
const CONFIDENCE = TUNING.confidence;

export type { WordEvidence } from './scan.js';

/** The most probable label of a deciding model, leaving out `excluded`; its probability is the confidence. */
function decideByModel<L extends string>(evidence: WordEvidence, excluded?: L): { label: L; confidence: number } {
  let best = -1;
  for (let i = 0; i < evidence.labels.length; i++) {
    if (evidence.labels[i] === excluded) continue;
    if (best < 0 || (evidence.probabilities[i] as number) > (evidence.probabilities[best] as number)) best = i;
  }
  const label = evidence.labels[best] as L;
  let p = evidence.probabilities[best] as number;
  if (excluded !== undefined) {
    const gone = evidence.probabilities[evidence.labels.indexOf(excluded)] ?? 0;
    p = p / Math.max(1e-9, 1 - gone);
  }
  return { label, confidence: Math.round(Math.min(CONFIDENCE.cap, p) * 100) / 100 };
}

/** When two perspectives weigh the same, the earlier one wins. */
const NOTE_ORDER = ['clinical', 'peer', 'overlap'] as const;
const DUTY_ORDER = ['conflict', 'errand', 'clinical', 'peer', 'overlap'] as const;

function confidenceOf(best: number, second: number): number {
  const margin = (best - second) / (best + 1);
  return Math.round((CONFIDENCE.floor + CONFIDENCE.span * Math.min(1, margin + best / (best + CONFIDENCE.saturation))) * 100) / 100;
}

function probabilityOf(evidence: WordEvidence | undefined, label: string): number {
  if (!evidence) return 0;
  const i = evidence.labels.indexOf(label);
  return i < 0 ? 0 : (evidence.probabilities[i] ?? 0);
}

/** The evidence to report beside a label: its most probable label, probability and words. */
export function summarize(evidence: WordEvidence | undefined): CorpusEvidence | undefined {
  if (!evidence) return undefined;
  // Math.max(...probabilities) without the spread
  let p = -Infinity;
  for (const x of evidence.probabilities) {
    if (x !== x) {
      p = NaN;
      break;
    }
    if (x > p) p = x;
  }
  const best = evidence.probabilities.indexOf(p);
  const label = evidence.labels[best] as NoteLabel | DutyLabel;
  // worked out here: a getter in the literal (to work them out only when read) cost more than this
  return { label, probability: Math.round(p * 100) / 100, words: topWords(evidence.raw.hits, best) };
}

/** Whether word evidence could still change a note unit's label, given its cue weights. */
export function evidenceMatters(scores: Scores, weight: number = NOTE_EVIDENCE_WEIGHT, decides = false): boolean {
  if (decides) return true;
  let best = NOTE_THRESHOLD - 0.01;
  let second = -Infinity;
  for (const v of [scores.peer, scores.overlap, scores.clinical]) {
    if (v > best) {
      second = best;
      best = v;
    } else if (v > second) second = v;
  }
  return best - second <= weight;
}

/**
 * A note unit's label. `devaluing`: the unit uses a devaluing term, which is never evidence for
 * peer, so a deciding model's peer is set aside.
 */
export function decideNote(scores: Scores, evidence?: WordEvidence, devaluing = false): { label: NoteLabel; confidence: number } {
  if (evidence?.decides) return decideByModel<NoteLabel>(evidence, devaluing ? 'peer' : undefined);
  const w = evidence?.weight ?? NOTE_EVIDENCE_WEIGHT;
  // neutral stands at the cue threshold: a unit needs that much weight to be anything else
  let label: NoteLabel = 'neutral';
  let best = NOTE_THRESHOLD - 0.01 + w * probabilityOf(evidence, 'neutral');
  let second = -Infinity;
  for (const l of NOTE_ORDER) {
    const s = scores[l] + w * probabilityOf(evidence, l);
    if (s > best) {
      second = best;
      best = s;
      label = l;
    } else if (s > second) second = s;
  }
  if (label === 'neutral') {
    const total = scores.peer + scores.overlap + scores.clinical;
    return {
      label,
      confidence: Math.round((CONFIDENCE.neutral - CONFIDENCE.neutralDrop * Math.min(1, total / NOTE_THRESHOLD)) * 100) / 100,
    };
  }
  return { label, confidence: confidenceOf(best, Math.max(0, second)) };
}

export function decideDuty(scores: Scores, evidence?: WordEvidence): { label: DutyLabel; confidence: number } {
  if (evidence?.decides) return decideByModel<DutyLabel>(evidence);
  for (const l of ['conflict', 'errand'] as const) {
    if (scores[l] >= DUTY_PRIORITY_THRESHOLD) {
      const others = Math.max(...DUTY_ORDER.filter((o) => o !== l).map((o) => scores[o]));
      return { label: l, confidence: confidenceOf(scores[l], Math.min(others, scores[l])) };
    }
  }
  const w = evidence?.weight ?? DUTY_EVIDENCE_WEIGHT;
  let label: DutyLabel = 'overlap';
  let best = 0;
  let second = 0;
  for (const l of DUTY_ORDER) {
    const s = scores[l] + w * probabilityOf(evidence, l);
    if (s > best) {
      second = best;
      best = s;
      label = l;
    } else if (s > second) second = s;
  }
  // A duty with no cue at all is shared team work, said with little confidence.
  if (best === 0) return { label: 'overlap', confidence: CONFIDENCE.dutyWithoutCues };
  return { label, confidence: confidenceOf(best, second) };
}
