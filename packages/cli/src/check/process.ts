/**
 * Checks a batch of texts: the same function runs in the main thread (one worker) and in each
 * pool worker, so results do not depend on how many workers there are.
 */
import {
  analyze,
  applyInlineControls,
  classifyDuty,
  defaultEngine,
  deniedEntries,
  explainLabel,
  extendEngine,
  maskControls,
  parseInlineControls,
  reviewRole,
  sources,
  type AnalyzeOptions,
  type DimensionId,
  type DutyLabel,
  type DutyResult,
  type Engine,
  type Finding,
  type InlineControls,
  type LabelWhy,
  type NotDuty,
  type NoteLabel,
  type Profile,
  type UnitKind,
} from '@peerlens/core';
import { loadExtraFiles } from '@peerlens/core/loader';
import { settingsKey, type Settings } from '../config/settings.js';
import { recordJson } from '../reporters/jsonl.js';
import type { JsonBytes } from '../output/json-bytes.js';

/** How a text is read: prose unit by unit, a whole job description duty by duty, or one duty. */
export type Mode = 'note' | 'role' | 'duty';

/** Where a record came from, for a line the worker formats itself. */
export type RecordMeta = Omit<import('@peerlens/inputs').InputRecord, 'text' | 'bytes'>;

export interface WorkItem {
  readonly text: string;
  /** With `preformat`: the record's origin, so the worker can write its output line. */
  readonly meta?: RecordMeta;
  readonly mode: Mode;
  /** Read inline controls (text and Markdown). */
  readonly controls: boolean;
  /** Key into the batch's settings table. */
  readonly settings: string;
}

export interface WorkBatch {
  readonly settings: Readonly<Record<string, Settings>>;
  /** Return each note's sentences (only the html and json reporters show them; leaving them out halves what workers send back). */
  readonly sentences?: boolean;
  readonly items: readonly WorkItem[];
  /**
   * `jsonl`: the worker writes each record's output line itself and sends back only that and
   * the counts, instead of every finding to be copied across threads and written out here.
   */
  readonly preformat?: 'jsonl';
}

export interface SentenceResult {
  readonly start: number;
  readonly end: number;
  readonly kind: UnitKind;
  readonly label: NoteLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  /** Why the label: cues for it, cues it outweighed, the words that carried it. */
  readonly why: LabelWhy;
}

export interface DutyRow {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly label: DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  /** The cues behind the label. */
  readonly reasons: readonly {
    readonly ruleId: string;
    readonly label: DutyLabel;
    readonly actual: string;
    readonly message: string;
    readonly context?: string;
  }[];
  /** For conflicts, errands and clinical duties: what a program might do instead (never empty for those). */
  readonly suggestions: readonly string[];
  readonly findings: readonly Finding[];
  /** Why the label: cues for it, cues it outweighed, the words that carried it. */
  readonly why: LabelWhy;
}

export interface ItemResult {
  readonly mode: Mode;
  readonly label: NoteLabel | DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly findings: readonly Finding[];
  /** Findings an inline control turned off. */
  readonly suppressed: number;
  readonly profile?: Profile;
  readonly sentences?: readonly SentenceResult[];
  readonly duties?: readonly DutyRow[];
  readonly counts?: Readonly<Record<DutyLabel, number>>;
  readonly summary?: string;
  /** In a role: the lines that are not duties (headings, summary, qualifications, pay, hours). */
  readonly notDuties?: readonly NotDuty[];
  /** With `preformat`: the record's output line, and its findings counted by severity (the findings themselves stay in the line). */
  readonly preformatted?: string;
  readonly severities?: { readonly error: number; readonly warning: number; readonly info: number };
  /** Directives that could not be read, with their lines. */
  readonly controlProblems?: readonly { readonly line: number; readonly message: string }[];
}

const engines = new Map<string, Engine>();

/** The engine for some settings: the built-in lexicon plus the organization's lexicon and deny list. */
export function engineFor(settings: Settings): Engine {
  const key = settingsKey(settings);
  let engine = engines.get(key);
  if (!engine) {
    const extra = settings.lexicon.length > 0 ? loadExtraFiles(settings.lexicon, sources()) : { entries: [], phrases: [] };
    engine = extendEngine(defaultEngine(), extra, deniedEntries(settings.deny, settings.origin ?? 'configuration'));
    engines.set(key, engine);
  }
  return engine;
}

function dutyRow(d: DutyResult & { start: number; end: number; text: string }, keep: (fs: readonly Finding[]) => Finding[]): DutyRow {
  return {
    start: d.start,
    end: d.end,
    text: d.text,
    label: d.label,
    confidence: d.confidence,
    dimensions: d.dimensions,
    reasons: d.reasons.map((r) => ({
      ruleId: r.ruleId,
      label: r.label,
      actual: r.actual,
      message: r.message,
      ...(r.context !== undefined ? { context: r.context } : {}),
    })),
    suggestions: d.suggestions,
    findings: keep(d.findings),
    why: explainLabel(d, 'duty'),
  };
}

export function checkItem(item: WorkItem, settings: Settings, withSentences = true): ItemResult {
  const engine = engineFor(settings);
  const options: AnalyzeOptions = { rules: settings.rules, allow: settings.allow };
  let controls: InlineControls | undefined;
  let text = item.text;
  if (item.controls && text.includes('peerlens')) {
    controls = parseInlineControls(text);
    text = maskControls(text, controls);
  }
  let suppressed = 0;
  const keep = (fs: readonly Finding[]): Finding[] => {
    if (!controls) return [...fs];
    const r = applyInlineControls(item.text, fs, controls);
    suppressed += r.suppressed.length;
    return r.findings;
  };
  const controlProblems = controls && controls.problems.length > 0 ? { controlProblems: controls.problems } : {};
  if (item.mode === 'duty') {
    const d = classifyDuty(text, options, engine);
    const row = dutyRow({ ...d, start: 0, end: text.length, text }, keep);
    const counts = { peer: 0, overlap: 0, clinical: 0, conflict: 0, errand: 0, [d.label]: 1 };
    return {
      mode: 'duty',
      label: d.label,
      confidence: d.confidence,
      dimensions: d.dimensions,
      findings: row.findings,
      suppressed,
      duties: [row],
      counts,
    };
  }
  if (item.mode === 'role') {
    const review = reviewRole(text, options, engine);
    const duties = review.duties.map((d) => dutyRow({ ...d, text: item.text.slice(d.start, d.end) }, keep));
    const findings = duties.flatMap((d) => d.findings);
    const flagged = review.counts.conflict + review.counts.errand;
    const top = (Object.entries(review.counts) as [DutyLabel, number][]).sort((a, b) => b[1] - a[1])[0];
    return {
      mode: 'role',
      label: flagged > 0 ? (review.counts.conflict > 0 ? 'conflict' : 'errand') : (top?.[0] ?? 'peer'),
      confidence: 1,
      dimensions: [],
      findings,
      suppressed,
      duties,
      counts: review.counts,
      summary: review.summary,
      notDuties: review.notDuties.map((n) => ({ ...n, text: item.text.slice(n.start, n.end) })),
      ...controlProblems,
    };
  }
  const a = analyze(text, options, engine);
  const findings = keep(a.findings);
  const byCategory = { language: 0, perspective: 0, role: 0 };
  for (const f of findings) byCategory[f.category]++;
  return {
    mode: 'note',
    label: a.label,
    confidence: a.confidence,
    dimensions: a.dimensions,
    findings,
    suppressed,
    profile: { ...a.profile, findings: byCategory },
    ...(withSentences
      ? {
          sentences: a.sentences.map((s) => ({
            start: s.start,
            end: s.end,
            kind: s.kind,
            label: s.label,
            confidence: s.confidence,
            dimensions: s.dimensions,
            why: explainLabel(s),
          })),
        }
      : {}),
    ...controlProblems,
  };
}

/** Checks every item of a batch, in order. */
export function checkBatch(batch: WorkBatch): ItemResult[] {
  return batch.items.map((item) => {
    const settings = batch.settings[item.settings];
    if (!settings) throw new Error(`no settings "${item.settings}" in the batch`);
    if (batch.preformat === 'jsonl' && item.meta) return checkPreformatted(item, item.meta, settings);
    return checkItem(item, settings, batch.sentences !== false);
  });
}

/**
 * One item for the jsonl reporter: its report line, written here (or into `into`, as JSON bytes), and only what the summary
 * counts besides (the findings themselves are dropped, so nothing large outlives the item).
 */
export function checkPreformatted(item: WorkItem, meta: RecordMeta, settings: Settings, into?: JsonBytes): ItemResult {
  const result = checkItem(item, settings, false);
  const severities = { error: 0, warning: 0, info: 0 };
  for (const f of result.findings) severities[f.severity]++;
  const { sentences: _s, duties: _d, ...slim } = result;
  const line = recordJson({ ...meta, result });
  // a chunk's lines go straight into its bytes (check/chunks.ts, decision 020)
  if (into !== undefined) {
    into.line(line);
    return { ...slim, findings: [], severities };
  }
  return { ...slim, findings: [], severities, preformatted: JSON.stringify(line) };
}
