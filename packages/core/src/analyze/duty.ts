import type {
  AnalyzeOptions,
  Duty,
  DutyLabel,
  DutyResult,
  Finding,
  NotDuty,
  NotDutyKind,
  Reason,
  RethinkLabel,
  RoleReview,
} from '../types.js';
import { segment } from '../text/segment.js';
import { defaultEngine } from './default-engine.js';
import { dimensionsOf, emptyScores, type Engine, type Prepared } from './engine.js';
import { decideDuty, summarize, type WordEvidence } from './decide.js';
import { headingSection, notDutyKind, notDutyKinds, type Section } from './duty-lines.js';

const DUTY_LABELS: readonly DutyLabel[] = ['peer', 'overlap', 'clinical', 'conflict', 'errand'];

/** Whether a duty with this label is one to rethink when it is given to a peer. */
export function isRethink(label: DutyLabel): label is RethinkLabel {
  return label === 'conflict' || label === 'errand' || label === 'clinical';
}

/** What to try instead when no rule behind the label has a hint of its own (the label came from the wording as a whole). */
export const FALLBACK_HINTS: Readonly<Record<RethinkLabel, string>> = {
  conflict: 'Talk with the peer and their supervisor about giving this task to a role without the peer’s closeness to the person.',
  errand: 'Name the peer purpose of this task, or give it to staff whose job it is.',
  clinical: 'Leave this to clinical staff; the peer can support the person’s own view of it and help them say what they want.',
};

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
  if (isRethink(label)) {
    for (const r of reasons) {
      if (r.label !== label) continue;
      const entry = engine.lexicon.entries.find((e) => e.id === r.ruleId);
      // a role rule's hints say what a program might do; a note cue's hints are about writing a note
      if (entry?.category !== 'role') continue;
      for (const s of entry.hints) if (!suggestions.includes(s)) suggestions.push(s);
    }
    if (suggestions.length === 0) suggestions.push(FALLBACK_HINTS[label]);
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

/** Whether a duty's own words ask for a conflict or an errand (such a line stays a duty whatever else it is: "Must be MAP certified"). */
export function asksForConflictOrErrand(r: DutyResult): boolean {
  return r.reasons.some((x) => (x.label === 'conflict' || x.label === 'errand') && x.context === undefined);
}

/** One line of a pasted task list: its classification, and what it is when it is not a duty. */
export interface TaskLine {
  readonly result: DutyResult;
  /** Set when the line is a heading, summary, qualification, pay or hours (and asks for no conflict or errand). */
  readonly notDuty?: NotDutyKind;
}

/**
 * Classifies the lines of a pasted task list, one task a line, in order: each heading sets what
 * the lines under it are ("Qualifications"), as in `reviewRole`.
 */
export function classifyTasks(lines: readonly string[], options: AnalyzeOptions = {}, engine: Engine = defaultEngine()): TaskLine[] {
  const kinds = notDutyKinds(lines);
  return lines.map((line, i) => {
    const result = classifyDuty(line, options, engine);
    const kind = kinds[i];
    return kind !== undefined && (kind === 'heading' || !asksForConflictOrErrand(result)) ? { result, notDuty: kind } : { result };
  });
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

/** "2 conflicts, 1 errand and 1 clinical duty" (only the labels that occur). */
function rethinkParts(counts: Readonly<Record<DutyLabel, number>>): string {
  const parts = [
    counts.conflict > 0 ? plural(counts.conflict, 'conflict', 'conflicts') : '',
    counts.errand > 0 ? plural(counts.errand, 'errand', 'errands') : '',
    counts.clinical > 0 ? plural(counts.clinical, 'clinical duty', 'clinical duties') : '',
  ].filter(Boolean);
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1] as string}`;
}

const KIND_WORDS: Readonly<Record<Exclude<NotDutyKind, 'heading'>, string>> = {
  summary: 'summary',
  qualification: 'qualifications',
  pay: 'pay',
  hours: 'hours',
};

/** The summary line of a role review: the duties to rethink, and the lines left out (headings go unmentioned). */
export function roleSummary(counts: Readonly<Record<DutyLabel, number>>, duties: number, notDuties: readonly NotDutyKind[] = []): string {
  const rethink = counts.conflict + counts.errand + counts.clinical;
  const left = notDuties.filter((k): k is Exclude<NotDutyKind, 'heading'> => k !== 'heading');
  const kinds = (['summary', 'qualification', 'pay', 'hours'] as const).filter((k) => left.includes(k)).map((k) => KIND_WORDS[k]);
  const lines =
    left.length > 0
      ? ` Not counted: ${plural(left.length, 'line that is not a duty', 'lines that are not duties')} (${kinds.join(', ')}).`
      : '';
  if (duties === 0) return `No duties found.${lines}`;
  const head = `${rethink} of ${plural(duties, 'duty', 'duties')} to rethink`;
  return rethink === 0 ? `${head}.${lines}` : `${head}: ${rethinkParts(counts)}.${lines}`;
}

/**
 * Reviews a job description or task list duty by duty. Headings, the position summary,
 * qualifications, pay and hours are not duties: they are listed apart and not counted (a line
 * that asks for a conflict or an errand stays a duty). The summary counts the duties to rethink:
 * conflicts, errands and clinical duties.
 */
export function reviewRole(input: string, options: AnalyzeOptions = {}, engine: Engine = defaultEngine()): RoleReview {
  const text = typeof input === 'string' ? input : input == null ? '' : String(input);
  const prepared = engine.prepare(text, options);
  const duties: Duty[] = [];
  const notDuties: NotDuty[] = [];
  let section: Section | undefined;
  for (const unit of segment(text)) {
    const unitText = text.slice(unit.start, unit.end);
    if (unit.kind === 'heading') {
      section = headingSection(unitText);
      notDuties.push({ start: unit.start, end: unit.end, text: unitText, kind: 'heading' });
      continue;
    }
    const kind = notDutyKind(unitText, section);
    if (kind === 'heading') {
      section = headingSection(unitText.replace(/^(?:[-*•·–]|\d{1,3}[.)])\s+/, ''));
      notDuties.push({ start: unit.start, end: unit.end, text: unitText, kind });
      continue;
    }
    const r = scanRange(engine, prepared, unit.start, unit.end, options);
    if (kind !== undefined && !asksForConflictOrErrand(r)) {
      notDuties.push({ start: unit.start, end: unit.end, text: unitText, kind });
      continue;
    }
    duties.push({ ...r, start: unit.start, end: unit.end, text: unitText });
  }
  const counts = Object.fromEntries(DUTY_LABELS.map((l) => [l, 0])) as Record<DutyLabel, number>;
  for (const d of duties) counts[d.label]++;
  const rethink = counts.conflict + counts.errand + counts.clinical;
  return {
    duties,
    notDuties,
    counts,
    rethink,
    summary: roleSummary(
      counts,
      duties.length,
      notDuties.map((n) => n.kind),
    ),
  };
}
