import type { AnalyzeOptions, DimensionId, DutyLabel, Finding, NoteLabel } from '../types.js';
import { explainLabel, type LabelWhy } from './explain.js';
import { analyze } from './analyze.js';
import { classifyDuty } from './duty.js';
import type { Engine } from './engine.js';
import { defaultEngine } from './default-engine.js';

/** One classified record: the line `peerlens classify` writes for each input. */
export interface ClassifiedRecord {
  readonly id: unknown;
  readonly label: NoteLabel | DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly findings: readonly Finding[];
  /** Why the label: the cues that point to it, the cues it outweighed, the words that carried it. */
  readonly why: LabelWhy;
  /** For a passage of several units: each one's label. */
  readonly sentences?: readonly {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly label: NoteLabel;
    readonly confidence: number;
    readonly why: LabelWhy;
  }[];
}

/** Classifies a note unit or passage (`note`) or a duty (`duty`) for a record with an id. */
export function classifyRecord(
  id: unknown,
  text: string,
  as: 'note' | 'duty' = 'note',
  options: AnalyzeOptions = {},
  engine: Engine = defaultEngine(),
): ClassifiedRecord {
  if (as === 'duty') {
    const d = classifyDuty(text, options, engine);
    return { id, label: d.label, confidence: d.confidence, dimensions: d.dimensions, findings: d.findings, why: explainLabel(d, 'duty') };
  }
  const a = analyze(text, options, engine);
  const units = a.sentences.filter((s) => s.kind !== 'heading');
  // a single unit explains the record; a passage's why gathers its units' cues for its label
  const why =
    a.sentences.length === 1
      ? explainLabel(a.sentences[0] as (typeof a.sentences)[number])
      : explainLabel({ label: a.label, reasons: units.flatMap((s) => (s.label === a.label ? s.reasons : [])) });
  const base = { id, label: a.label, confidence: a.confidence, dimensions: a.dimensions, findings: a.findings, why };
  if (a.sentences.length <= 1) return base;
  return {
    ...base,
    sentences: (units.length > 0 ? units : a.sentences).map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text,
      label: s.label,
      confidence: s.confidence,
      why: explainLabel(s),
    })),
  };
}
