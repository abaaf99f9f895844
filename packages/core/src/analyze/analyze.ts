import type {
  Analysis,
  AnalyzeOptions,
  Category,
  DimensionId,
  Finding,
  NoteLabel,
  Perspective,
  Profile,
  Reason,
  Sentence,
} from '../types.js';
import { segment } from '../text/segment.js';
import { defaultEngine } from './default-engine.js';
import { dimensionsOf, emptyScores, type Engine } from './engine.js';
import type { Logits } from '../match/evidence.js';
import { decideNote, evidenceMatters, summarize } from './decide.js';
import { usesDevaluingTerm } from './judge.js';

function toText(input: unknown): string {
  return typeof input === 'string' ? input : input == null ? '' : String(input);
}

/**
 * Reads a note (or any prose) unit by unit: each sentence, list item and heading with its
 * label, confidence, dimensions and reasons; every finding; and the document's profile.
 * Never throws; linear in the length of the text.
 */
export function analyze(input: string, options: AnalyzeOptions = {}, engine: Engine = defaultEngine()): Analysis {
  const text = toText(input);
  const prepared = engine.prepare(text, options);
  const sentences: Sentence[] = [];
  const findings: Finding[] = [];
  const total = emptyScores();
  const allReasons: Reason[] = [];
  const unitEvidence: Logits[] = [];
  // a text of headings alone ("MENTAL STATUS EXAM:") is weighed by its headings
  const headTotal = emptyScores();
  const headReasons: Reason[] = [];
  const headEvidence: Logits[] = [];
  let body = 0;
  let cursor = 0;
  for (const unit of segment(text)) {
    const [first, last] = engine.tokenRange(prepared, unit.start, unit.end, cursor);
    cursor = last;
    const scan = engine.scanUnit(prepared, first, last, unit.start, unit.end, 'note', options);
    for (const f of scan.findings) findings.push(f);
    const heading = unit.kind === 'heading';
    // word evidence is weighed only where it could change the label
    const evidence = !evidenceMatters(scan.scores, engine.evidence.weights?.note, engine.decides('note'))
      ? undefined
      : engine.weigh(prepared, first, last, 'note', scan);
    const devaluing = usesDevaluingTerm(scan);
    if (evidence) (heading ? headEvidence : unitEvidence).push(evidence.raw);
    const decided = decideNote(scan.scores, evidence, devaluing);
    const summary = summarize(evidence);
    const into = heading ? headTotal : total;
    into.peer += scan.scores.peer;
    into.overlap += scan.scores.overlap;
    into.clinical += scan.scores.clinical;
    for (const r of scan.reasons) (heading ? headReasons : allReasons).push(r);
    if (!heading) body++;
    const dimensions = decided.label === 'neutral' ? [] : dimensionsOf(scan.reasons, decided.label);
    const { start, end, kind, section } = unit;
    const unitText = text.slice(start, end);
    const { label, confidence } = decided;
    const { reasons } = scan;
    // plain object literals (not spreads), with the keys always in this order
    sentences.push(
      section === undefined
        ? summary
          ? { start, end, text: unitText, kind, label, confidence, dimensions, reasons, evidence: summary }
          : { start, end, text: unitText, kind, label, confidence, dimensions, reasons }
        : summary
          ? { start, end, text: unitText, kind, section, label, confidence, dimensions, reasons, evidence: summary }
          : { start, end, text: unitText, kind, section, label, confidence, dimensions, reasons },
    );
  }
  // each unit that uses a devaluing term was kept from peer; the whole weighs its units as they are
  const whole =
    body > 0 ? decideNote(total, engine.combine(unitEvidence, 'note')) : decideNote(headTotal, engine.combine(headEvidence, 'note'));
  if (body === 0) for (const r of headReasons) allReasons.push(r);
  return {
    label: whole.label,
    confidence: whole.confidence,
    dimensions: whole.label === 'neutral' ? [] : dimensionsOf(allReasons, whole.label),
    sentences,
    findings,
    profile: profileOf(sentences, findings, prepared.tokens.length),
  };
}

export function profileOf(sentences: readonly Sentence[], findings: readonly Finding[], words: number): Profile {
  const counts: Record<NoteLabel, number> = { peer: 0, overlap: 0, clinical: 0, neutral: 0 };
  const byDimension: Partial<Record<DimensionId, Record<Perspective, number>>> = {};
  let units = 0;
  // rows are found through a Map, not by reading byDimension with ever-changing keys
  const rows = new Map<DimensionId, Record<Perspective, number>>();
  for (const s of sentences) {
    if (s.kind === 'heading') continue;
    units++;
    const label = s.label;
    if (label === 'neutral') {
      counts.neutral++;
      continue;
    }
    counts[label]++;
    for (const d of s.dimensions) {
      let row = rows.get(d);
      if (!row) {
        row = byDimension[d] ??= { peer: 0, overlap: 0, clinical: 0 };
        rows.set(d, row);
      }
      row[label]++;
    }
  }
  const share = (n: number): number => (units === 0 ? 0 : Math.round((n / units) * 1000) / 1000);
  const shares: Record<NoteLabel, number> = {
    peer: share(counts.peer),
    overlap: share(counts.overlap),
    clinical: share(counts.clinical),
    neutral: share(counts.neutral),
  };
  const byCategory: Record<Category, number> = { language: 0, perspective: 0, role: 0 };
  for (const f of findings) byCategory[f.category]++;
  return { units, counts, shares, byDimension, findings: byCategory, words };
}
