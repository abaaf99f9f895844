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
  type DutyLabel,
  type DutyResult,
  type Engine,
  type Finding,
  type InlineControls,
} from '@peerlens/core';
import { loadExtraFiles } from '@peerlens/core/loader';
import { settingsKey, type Settings } from '../config/settings.js';
import { recordJson } from '../reporters/jsonl.js';
import type { JsonBytes } from '../output/json-bytes.js';

export type { Mode, RecordMeta, WorkItem, WorkBatch, SentenceResult, DutyRow, ItemResult } from './results.js';
import type { DutyRow, ItemResult, RecordMeta, WorkBatch, WorkItem } from './results.js';

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
