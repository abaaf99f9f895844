/**
 * Markdown: a report to share (a supervision session, a program review): the summary, then per
 * file its profile, its findings grouped by framework dimension, and its role conflicts.
 */
import { DIMENSIONS, NOTE_LABELS, isRethink, whyText, type Finding } from '@peerlens/core';
import type { DutyRow } from '../check/process.js';
import { combinedProfile, dutySummary, findingsText, plural, recordLabel, sharesText } from './summary.js';
import type { FileReport, RecordReport, Reporter } from './types.js';

/**
 * Text for Markdown: HTML is escaped (a Markdown viewer renders raw HTML, so a note holding
 * `<img onerror=…>` would run there), and so are brackets, so text cannot become a link or image.
 */
export const escapeMarkdown = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]\\])/g, '\\$1');
const cell = (s: string): string => escapeMarkdown(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();
const title = (id: string | undefined): string => DIMENSIONS.find((d) => d.id === id)?.title ?? 'Other';

interface Located {
  readonly where: string;
  readonly f: Finding;
}

function findingLine({ where, f }: Located): string {
  const suggestion = f.expected.length > 0 ? ` Replace with: *${f.expected.slice(0, 2).map(cell).join('*; *')}*.` : '';
  const hint = f.hints[0] ? ` ${cell(f.hints[0])}` : '';
  const also = (f.also ?? []).map((o) => ` Also: ${cell(o.message)} (\`${o.ruleId}\`).`).join('');
  return `- ${escapeMarkdown(where)}**${f.severity}** ${cell(f.message)} (\`${f.ruleId}\`).${suggestion}${hint}${also}`;
}

function dutyTable(duties: readonly DutyRow[]): string[] {
  const out = ['| # | label | duty | why | instead |', '|---|---|---|---|---|'];
  duties.forEach((d, i) => {
    const why = [whyText(d.why)].filter((x) => x.length > 0);
    const instead = isRethink(d.label) ? d.suggestions.slice(0, 1).join('') : '';
    out.push(
      `| ${i + 1} | ${isRethink(d.label) ? `**${d.label}**` : d.label} | ${cell(d.text)} | ${cell(why.join(', '))} | ${cell(instead)} |`,
    );
  });
  return out;
}

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
    out.push('| perspective | units | share |', '|---|---:|---:|');
    for (const l of NOTE_LABELS) out.push(`| ${l} | ${profile.counts[l]} | ${Math.round(profile.shares[l] * 100)}% |`);
    out.push('');
  }
  const notes = located.filter((l) => l.f.category !== 'role');
  if (notes.length > 0) {
    out.push('### Findings by dimension', '');
    const groups = new Map<string, Located[]>();
    for (const l of notes) {
      const key = l.f.dimension ?? 'other';
      groups.set(key, [...(groups.get(key) ?? []), l]);
    }
    const order = [...DIMENSIONS.map((d) => d.id as string), 'other'];
    for (const key of order) {
      const list = groups.get(key);
      if (!list) continue;
      out.push(`#### ${title(key)} (${list.length})`, '', ...list.map(findingLine), '');
    }
  } else if (f.records.some((r) => r.result.mode === 'note')) {
    out.push('No language or perspective findings.', '');
  }
  const roleFindings = located.filter((l) => l.f.category === 'role');
  const documents = f.records.filter((r) => r.result.mode === 'role');
  if (roleRows.length > 0 || roleFindings.length > 0) out.push('### Role conflicts', '');
  for (const r of documents) {
    out.push(cell(r.result.summary ?? ''), '', ...dutyTable(r.result.duties ?? []), '');
  }
  const dutyRecords = roleRows.filter((x) => x.r.result.mode === 'duty');
  if (dutyRecords.length > 0) {
    const flagged = dutyRecords.filter((x) => x.d.label === 'conflict' || x.d.label === 'errand');
    out.push(`${flagged.length} of ${plural(dutyRecords.length, 'duty', 'duties')} are errands or conflicts.`, '');
    if (flagged.length > 0) out.push(...dutyTable(flagged.map((x) => x.d)), '');
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
    out.push(
      '> A prompt for reflection between a peer specialist and their supervisor, not a score of anyone. Suggestions are offered; a person decides.',
      '',
    );
    for (const f of report.files) out.push(...fileSection(f));
    return `${out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd()}\n`;
  },
};
