/**
 * From added-up cue weights to a label. The thresholds are tuned on the tuning part of the
 * corpus (npm run eval) and nowhere else.
 */
import type { DutyLabel, NoteLabel } from '../types.js';
import type { Scores } from './engine.js';

/** The least weight that makes a note unit non-neutral. */
export const NOTE_THRESHOLD = 1;
/** The least weight at which a conflict or errand cue decides a duty whatever else it says. */
export const DUTY_PRIORITY_THRESHOLD = 2;

/** When two perspectives weigh the same, the earlier one wins. */
const NOTE_ORDER = ['clinical', 'peer', 'overlap'] as const;
const DUTY_ORDER = ['conflict', 'errand', 'clinical', 'peer', 'overlap'] as const;

function confidenceOf(best: number, second: number): number {
  const margin = (best - second) / (best + 1);
  return Math.round((0.55 + 0.4 * Math.min(1, margin + best / (best + 4))) * 100) / 100;
}

export function decideNote(scores: Scores): { label: NoteLabel; confidence: number } {
  let label: NoteLabel = 'neutral';
  let best = 0;
  let second = 0;
  for (const l of NOTE_ORDER) {
    const s = scores[l];
    if (s > best) {
      second = best;
      best = s;
      label = l;
    } else if (s > second) second = s;
  }
  if (best < NOTE_THRESHOLD) {
    const total = scores.peer + scores.overlap + scores.clinical;
    return { label: 'neutral', confidence: Math.round((0.9 - 0.3 * Math.min(1, total / NOTE_THRESHOLD)) * 100) / 100 };
  }
  return { label, confidence: confidenceOf(best, second) };
}

export function decideDuty(scores: Scores): { label: DutyLabel; confidence: number } {
  for (const l of ['conflict', 'errand'] as const) {
    if (scores[l] >= DUTY_PRIORITY_THRESHOLD) {
      const others = Math.max(...DUTY_ORDER.filter((o) => o !== l).map((o) => scores[o]));
      return { label: l, confidence: confidenceOf(scores[l], Math.min(others, scores[l])) };
    }
  }
  let label: DutyLabel = 'overlap';
  let best = 0;
  let second = 0;
  for (const l of DUTY_ORDER) {
    const s = scores[l];
    if (s > best) {
      second = best;
      best = s;
      label = l;
    } else if (s > second) second = s;
  }
  // A duty with no cue at all is shared team work, said with little confidence.
  if (best === 0) return { label: 'overlap', confidence: 0.35 };
  return { label, confidence: confidenceOf(best, second) };
}
