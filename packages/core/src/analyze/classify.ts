import type { AnalyzeOptions, DimensionId, DutyLabel, Finding, NoteLabel } from '../types.js';
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
  /** For a passage of several units: each one's label. */
  readonly sentences?: readonly {
    readonly start: number;
    readonly end: number;
    readonly text: string;
    readonly label: NoteLabel;
    readonly confidence: number;
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
    return { id, label: d.label, confidence: d.confidence, dimensions: d.dimensions, findings: d.findings };
  }
  const a = analyze(text, options, engine);
  const units = a.sentences.filter((s) => s.kind !== 'heading');
  const base = { id, label: a.label, confidence: a.confidence, dimensions: a.dimensions, findings: a.findings };
  if (a.sentences.length <= 1) return base;
  return {
    ...base,
    sentences: (units.length > 0 ? units : a.sentences).map((s) => ({
      start: s.start,
      end: s.end,
      text: s.text,
      label: s.label,
      confidence: s.confidence,
    })),
  };
}
