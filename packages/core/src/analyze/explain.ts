/**
 * Why a unit has its label, in the words a reader sees beside it: the cues that point to the
 * label (a negated clinical cue counts as a peer boundary), the cues it outweighed, and the
 * words that carried the trained model's judgement. Browser-safe; used by the web checker, the
 * role table and every CLI reporter, so the explanation reads the same everywhere.
 */
import type { CorpusEvidence, DutyLabel, NoteLabel, Reason } from '../types.js';

export interface Cue {
  readonly ruleId: string;
  /** The words matched, as written. */
  readonly actual: string;
  readonly message: string;
  readonly context?: 'negated' | 'reported';
}

export interface LabelWhy {
  /** Cues that point to the label. */
  readonly cues: readonly Cue[];
  /** Cues that pointed to another label and were outweighed. */
  readonly against: readonly Cue[];
  /** The unit's words that most favoured the label in the trained model (at most three). */
  readonly words: readonly string[];
}

function cue(r: Reason): Cue {
  return r.context
    ? { ruleId: r.ruleId, actual: r.actual, message: r.message, context: r.context }
    : { ruleId: r.ruleId, actual: r.actual, message: r.message };
}

/** Whether a reason before `i` has the same rule and start as reason `i`. */
function seenBefore(reasons: readonly Reason[], i: number): boolean {
  const r = reasons[i] as Reason;
  for (let j = 0; j < i; j++) {
    const q = reasons[j] as Reason;
    if (q.start === r.start && q.ruleId === r.ruleId) return true;
  }
  return false;
}

/** The explanation of a sentence's or a duty's label. */
export function explainLabel(
  unit: {
    readonly label: NoteLabel | DutyLabel;
    readonly reasons: readonly Reason[];
    readonly evidence?: CorpusEvidence;
  },
  /** A duty has a conflict label of its own; a note counts a conflict cue toward clinical. */
  kind: 'note' | 'duty' = 'note',
): LabelWhy {
  const cues: Cue[] = [];
  const against: Cue[] = [];
  // a cue counts once per rule and place; a unit has a few reasons, so they are compared in place
  // (a passage's many go through a set of "rule@start" keys)
  const reasons = unit.reasons;
  const seen = reasons.length > 16 ? new Set<string>() : undefined;
  for (let i = 0; i < reasons.length; i++) {
    const r = reasons[i] as Reason;
    if (seen !== undefined) {
      const key = `${r.ruleId}@${r.start}`;
      if (seen.has(key)) continue;
      seen.add(key);
    } else if (seenBefore(reasons, i)) continue;
    // in a note, a conflict cue counts toward clinical
    const label = kind === 'note' && unit.label === 'clinical' && r.label === 'conflict' ? 'clinical' : r.label;
    (label === unit.label ? cues : against).push(cue(r));
  }
  const words = unit.evidence && unit.evidence.label === unit.label ? unit.evidence.words : [];
  return { cues, against, words };
}

/** The explanation as one line: "cues: 'went with' …; words: together, showed". Empty when there is nothing to say. */
export function whyText(why: LabelWhy): string {
  const parts: string[] = [];
  if (why.cues.length > 0) parts.push(`cues: ${why.cues.map((c) => `'${c.actual}'${c.context ? ` (${c.context})` : ''}`).join(', ')}`);
  if (why.words.length > 0) parts.push(`words: ${why.words.join(', ')}`);
  if (why.against.length > 0) parts.push(`outweighed: ${why.against.map((c) => `'${c.actual}'`).join(', ')}`);
  return parts.join('; ');
}
