/** Adding up results into a summary, and small helpers the reporters share. */
import { CATEGORIES, NOTE_LABELS, PERSPECTIVES, type DutyLabel, type Finding, type NoteLabel, type Profile } from '@peerlens/core';
import type { FileReport, RecordReport, Summary } from './types.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends Readonly<Record<string, number>> ? Record<string, number> : T[K] };

export function emptySummary(): Summary {
  return {
    files: 0,
    filesWithFindings: 0,
    records: 0,
    errors: 0,
    warnings: 0,
    infos: 0,
    suppressed: 0,
    skipped: 0,
    units: { peer: 0, overlap: 0, clinical: 0, neutral: 0 },
    duties: { peer: 0, overlap: 0, clinical: 0, conflict: 0, errand: 0 },
  };
}

/** A running summary, for streaming. */
export class Tally {
  private readonly s: Mutable<Summary> = emptySummary() as Mutable<Summary>;
  private fileHasFindings = false;

  file(): void {
    this.s.files++;
    this.fileHasFindings = false;
  }

  record(r: RecordReport): void {
    this.s.records++;
    const res = r.result;
    let count = res.findings.length;
    if (res.severities) {
      this.s.errors += res.severities.error;
      this.s.warnings += res.severities.warning;
      this.s.infos += res.severities.info;
      count = res.severities.error + res.severities.warning + res.severities.info;
    } else {
      for (const f of res.findings) {
        if (f.severity === 'error') this.s.errors++;
        else if (f.severity === 'warning') this.s.warnings++;
        else this.s.infos++;
      }
    }
    if (count > 0 && !this.fileHasFindings) {
      this.fileHasFindings = true;
      this.s.filesWithFindings++;
    }
    this.s.suppressed += res.suppressed;
    if (res.profile) for (const [l, n] of Object.entries(res.profile.counts)) this.s.units[l] = (this.s.units[l] ?? 0) + n;
    if (res.counts) for (const [l, n] of Object.entries(res.counts)) this.s.duties[l] = (this.s.duties[l] ?? 0) + n;
  }

  problem(): void {
    this.s.skipped++;
  }

  /** Adds a part of the current file counted elsewhere (a worker's chunk, check/chunks.ts). */
  merge(part: Summary): void {
    for (const k of ['records', 'errors', 'warnings', 'infos', 'suppressed', 'skipped'] as const) this.s[k] += part[k];
    for (const [l, n] of Object.entries(part.units)) this.s.units[l] = (this.s.units[l] ?? 0) + n;
    for (const [l, n] of Object.entries(part.duties)) this.s.duties[l] = (this.s.duties[l] ?? 0) + n;
    if (part.filesWithFindings > 0 && !this.fileHasFindings) {
      this.fileHasFindings = true;
      this.s.filesWithFindings++;
    }
  }

  get summary(): Summary {
    return { ...this.s, units: { ...this.s.units }, duties: { ...this.s.duties } } as Summary;
  }
}

/** The summary of a whole report. */
export function summarize(files: readonly FileReport[]): Summary {
  const t = new Tally();
  for (const f of files) {
    t.file();
    for (const r of f.records) t.record(r);
    for (let i = 0; i < f.problems.length; i++) t.problem();
  }
  return t.summary;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;

/** "peer 40% · overlap 20% · clinical 25% · neutral 15%" */
export function sharesText(counts: Readonly<Record<NoteLabel, number>>, sep = ' · '): string {
  const total = counts.peer + counts.overlap + counts.clinical + counts.neutral;
  if (total === 0) return 'no units';
  return NOTE_LABELS.map((l) => `${l} ${Math.round((counts[l] / total) * 100)}%`).join(sep);
}

/** The profile of several records together (counts added, shares recomputed). */
export function combinedProfile(records: readonly RecordReport[]): Profile | undefined {
  const profiles = records.map((r) => r.result.profile).filter((p): p is Profile => p !== undefined);
  if (profiles.length === 0) return undefined;
  if (profiles.length === 1) return profiles[0];
  const counts = { peer: 0, overlap: 0, clinical: 0, neutral: 0 };
  const findings = { language: 0, perspective: 0, role: 0 };
  const byDimension: Record<string, Record<'peer' | 'overlap' | 'clinical', number>> = {};
  let units = 0;
  let words = 0;
  for (const p of profiles) {
    units += p.units;
    words += p.words;
    for (const l of NOTE_LABELS) counts[l] += p.counts[l];
    for (const c of CATEGORIES) findings[c] += p.findings[c];
    for (const [d, row] of Object.entries(p.byDimension)) {
      const acc = (byDimension[d] ??= { peer: 0, overlap: 0, clinical: 0 });
      if (row) for (const l of PERSPECTIVES) acc[l] += row[l];
    }
  }
  const shares = Object.fromEntries(NOTE_LABELS.map((l) => [l, units === 0 ? 0 : Math.round((counts[l] / units) * 1000) / 1000])) as Record<
    NoteLabel,
    number
  >;
  return { units, counts, shares, byDimension, findings, words };
}

/** Where a record is: "line 4 · id n1 · J. Rivera · 2024-03-02". */
export function recordLabel(r: RecordReport): string {
  const parts: string[] = [];
  if (r.line !== undefined) parts.push(`line ${r.line}`);
  if (r.id !== undefined) parts.push(`id ${String(r.id)}`);
  if (r.author !== undefined) parts.push(r.author);
  if (r.date !== undefined) parts.push(r.date);
  return parts.join(' · ');
}

export function severityCounts(findings: readonly Finding[]): { errors: number; warnings: number; infos: number } {
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  for (const f of findings) {
    if (f.severity === 'error') errors++;
    else if (f.severity === 'warning') warnings++;
    else infos++;
  }
  return { errors, warnings, infos };
}

export function findingsText(s: Pick<Summary, 'errors' | 'warnings' | 'infos'>): string {
  const total = s.errors + s.warnings + s.infos;
  return `${plural(total, 'finding')} (${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${plural(s.infos, 'info', 'info')})`;
}

export function dutySummary(d: Readonly<Record<DutyLabel, number>>): string {
  const total = d.peer + d.overlap + d.clinical + d.conflict + d.errand;
  const rethink = d.conflict + d.errand + d.clinical;
  return `${rethink} of ${plural(total, 'duty', 'duties')} to rethink (${plural(d.conflict, 'conflict')}, ${plural(d.errand, 'errand')}, ${d.clinical} clinical)`;
}
