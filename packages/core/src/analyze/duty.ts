import type { AnalyzeOptions, Duty, DutyLabel, DutyResult, Finding, Reason, RoleReview } from '../types.js';
import { segment } from '../text/segment.js';
import { defaultEngine } from './default-engine.js';
import { dimensionsOf, emptyScores, type Engine, type Prepared } from './engine.js';
import { decideDuty, summarize, type WordEvidence } from './decide.js';

const DUTY_LABELS: readonly DutyLabel[] = ['peer', 'overlap', 'clinical', 'conflict', 'errand'];

function result(
  scores: ReturnType<typeof emptyScores>,
  reasons: Reason[],
  findings: Finding[],
  engine: Engine,
  evidence?: WordEvidence,
): DutyResult {
  const { label, confidence } = decideDuty(scores, evidence);
  const summary = summarize(evidence);
  const suggestions: string[] = [];
  if (label === 'conflict' || label === 'errand') {
    for (const r of reasons) {
      if (r.label !== label) continue;
      const entry = engine.lexicon.entries.find((e) => e.id === r.ruleId);
      for (const s of entry?.suggestions ?? []) if (!suggestions.includes(s)) suggestions.push(s);
    }
  }
  return {
    label,
    confidence,
    dimensions: dimensionsOf(reasons, label),
    reasons,
    findings,
    suggestions,
    ...(summary ? { evidence: summary } : {}),
  };
}

function scanRange(engine: Engine, prepared: Prepared, start: number, end: number, options: AnalyzeOptions): DutyResult {
  const [first, last] = engine.tokenRange(prepared, start, end);
  const scan = engine.scanUnit(prepared, first, last, start, end, 'duty', options);
  return result(scan.scores, scan.reasons, scan.findings, engine, engine.weigh(prepared, first, last, 'duty', scan));
}

/** Classifies one duty (a job-description line or a task) as peer, overlap, clinical, conflict or errand, with reasons. */
export function classifyDuty(input: string, options: AnalyzeOptions = {}, engine: Engine = defaultEngine()): DutyResult {
  const text = typeof input === 'string' ? input : input == null ? '' : String(input);
  const prepared = engine.prepare(text, options);
  return scanRange(engine, prepared, 0, text.length, options);
}

/**
 * Reviews a job description or task list duty by duty: every list item or sentence that is
 * not a heading is a duty. The summary counts the errands and conflicts.
 */
export function reviewRole(input: string, options: AnalyzeOptions = {}, engine: Engine = defaultEngine()): RoleReview {
  const text = typeof input === 'string' ? input : input == null ? '' : String(input);
  const prepared = engine.prepare(text, options);
  const duties: Duty[] = [];
  for (const unit of segment(text)) {
    if (unit.kind === 'heading') continue;
    const r = scanRange(engine, prepared, unit.start, unit.end, options);
    duties.push({ ...r, start: unit.start, end: unit.end, text: text.slice(unit.start, unit.end) });
  }
  const counts = Object.fromEntries(DUTY_LABELS.map((l) => [l, 0])) as Record<DutyLabel, number>;
  for (const d of duties) counts[d.label]++;
  const flagged = counts.conflict + counts.errand;
  const summary =
    duties.length === 0
      ? 'No duties found.'
      : `${flagged} of ${duties.length} ${duties.length === 1 ? 'duty is an errand or a conflict' : 'duties are errands or conflicts'}` +
        ` (${counts.conflict} conflict${counts.conflict === 1 ? '' : 's'}, ${counts.errand} errand${counts.errand === 1 ? '' : 's'}).`;
  return { duties, counts, summary };
}
