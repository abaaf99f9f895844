/**
 * Markdown: a report to share (a supervision session, a program review): the summary, then per
 * file its profile, its findings grouped by framework dimension, and its role conflicts.
 */
import {
  dimensionTitle,
  dutyTableMarkdown,
  findingMarkdown,
  findingsByDimension,
  REPORT_REFLECTION,
  markdownCell as cell,
  profileTableMarkdown,
  type Finding,
} from '@peerlens/core';
import { combinedProfile, dutySummary, findingsText, plural, recordLabel, sharesText } from './summary.js';
import type { FileReport, RecordReport, Reporter } from './types.js';
import type { DutyRow } from '../check/process.js';

interface Located {
  readonly where: string;
  readonly f: Finding;
}

const findingLine = ({ where, f }: Located): string => findingMarkdown(f, where);

function fileSection(f: FileReport): string[] {
  const out: string[] = [`## ${cell(f.file)}`, ''];
  const located: Located[] = [];
  const roleRows: { r: RecordReport; d: DutyRow }[] = [];
  for (const r of f.records) {
    const prefix = r.kind === 'record' ? `${recordLabel(r)}, ` : '';
    for (const finding of r.result.findings)
      located.push({ where: `${prefix}line ${finding.start.line}:${finding.start.column} — `, f: finding });
    for (const d of r.result.duties ?? []) roleRows.push({ r, d });
  }
  const profile = combinedProfile(f.records);
  if (profile) {
    out.push(`**Profile** (${plural(profile.units, 'unit')}, ${plural(profile.words, 'word')}): ${sharesText(profile.counts, ', ')}.`, '');
    out.push(...profileTableMarkdown(profile), '');
  }
  const notes = located.filter((l) => l.f.category !== 'role');
  if (notes.length > 0) {
    out.push('### Findings by dimension', '');
    for (const [key, list] of findingsByDimension(notes, (l) => l.f))
      out.push(`#### ${dimensionTitle(key)} (${list.length})`, '', ...list.map(findingLine), '');
  } else if (f.records.some((r) => r.result.mode === 'note')) {
    out.push('No language or perspective findings.', '');
  }
  const roleFindings = located.filter((l) => l.f.category === 'role');
  const documents = f.records.filter((r) => r.result.mode === 'role');
  if (roleRows.length > 0 || roleFindings.length > 0) out.push('### Role conflicts', '');
  for (const r of documents) {
    out.push(cell(r.result.summary ?? ''), '', ...dutyTableMarkdown(r.result.duties ?? []), '');
  }
  const dutyRecords = roleRows.filter((x) => x.r.result.mode === 'duty');
  if (dutyRecords.length > 0) {
    const flagged = dutyRecords.filter((x) => x.d.label === 'conflict' || x.d.label === 'errand');
    out.push(`${flagged.length} of ${plural(dutyRecords.length, 'duty', 'duties')} are errands or conflicts.`, '');
    if (flagged.length > 0) out.push(...dutyTableMarkdown(flagged.map((x) => x.d)), '');
  }
  if (documents.length === 0 && roleFindings.length > 0) out.push(...roleFindings.map(findingLine), '');
  if (f.problems.length > 0) {
    out.push('### Not read', '', ...f.problems.map((p) => `- ${p.line !== undefined ? `line ${p.line}: ` : ''}${cell(p.reason)}`), '');
  }
  return out;
}

export const markdown: Reporter = {
  name: 'markdown',
  render(report) {
    const s = report.summary;
    const out = [`# PeerLens ${report.command === 'roles' ? 'role review' : 'report'}`, ''];
    const bits = [plural(s.files, 'file'), findingsText(s)];
    const units = Object.values(s.units).reduce((a, b) => a + b, 0);
    if (units > 0) bits.push(`${plural(units, 'unit')}: ${sharesText(s.units, ', ')}`);
    if (Object.values(s.duties).some((n) => n > 0)) bits.push(dutySummary(s.duties));
    if (s.skipped > 0) bits.push(`${plural(s.skipped, 'input')} not read`);
    out.push(`${bits.join(' · ')}.`, '');
    out.push(`> ${REPORT_REFLECTION}`, '');
    for (const f of report.files) out.push(...fileSection(f));
    return `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`;
  },
};
