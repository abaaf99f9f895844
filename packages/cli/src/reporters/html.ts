/**
 * HTML: one self-contained page (no scripts, no outside links): each text with its sentences
 * shaded by perspective and its findings marked and numbered, the findings in the margin.
 */
import { dutyTableHtml, escapeHtml, findingHtml, highlightHtml, REPORT_CSS, type Finding } from '@peerlens/core';
import { combinedProfile, dutySummary, findingsText, plural, recordLabel, sharesText } from './summary.js';
import type { FileReport, RecordReport, Reporter } from './types.js';

function margin(findings: readonly Finding[], numbers: Map<Finding, number>): string {
  if (findings.length === 0) return '<p class="meta">No findings.</p>';
  return `<ol>${findings.map((f) => findingHtml(f, numbers.get(f) ?? 0)).join('')}</ol>`;
}

function recordHtml(r: RecordReport): string {
  const res = r.result;
  const head =
    r.kind === 'record' ? `<p class="meta">${escapeHtml(recordLabel(r))} · <span class="l-${res.label}">${res.label}</span></p>` : '';
  if (res.mode !== 'note') {
    const summary = res.summary ? `<p><strong>${escapeHtml(res.summary)}</strong></p>` : '';
    return `<div>${head}${summary}${dutyTableHtml(res.duties ?? [])}</div>`;
  }
  const numbers = new Map<Finding, number>();
  res.findings.forEach((f, i) => numbers.set(f, i + 1));
  const body = r.text !== undefined ? highlightHtml(r.text, res.sentences ?? [], res.findings, numbers) : '';
  return `<div class="record"><div>${head}<div class="text">${body}</div></div><aside class="margin">${margin(res.findings, numbers)}</aside></div>`;
}

function fileHtml(f: FileReport): string {
  const profile = combinedProfile(f.records);
  const meta = profile ? `<p class="meta">${plural(profile.units, 'unit')}: ${escapeHtml(sharesText(profile.counts))}</p>` : '';
  const problems = f.problems
    .map((p) => `<p class="meta">Not read${p.line !== undefined ? ` (line ${p.line})` : ''}: ${escapeHtml(p.reason)}</p>`)
    .join('');
  return `<section><h2>${escapeHtml(f.file)}</h2>${meta}${problems}${f.records.map(recordHtml).join('')}</section>`;
}

export const html: Reporter = {
  name: 'html',
  needsText: true,
  needsSentences: true,
  render(report) {
    const s = report.summary;
    const bits = [plural(s.files, 'file'), findingsText(s)];
    if (Object.values(s.duties).some((n) => n > 0)) bits.push(dutySummary(s.duties));
    if (s.skipped > 0) bits.push(`${plural(s.skipped, 'input')} not read`);
    const legend =
      report.command === 'check'
        ? '<p class="legend"><span class="s-peer">peer</span><span class="s-overlap">overlap (shared)</span><span class="s-clinical">clinical</span>marked: a finding, numbered in the margin</p>'
        : '';
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>PeerLens ${report.command === 'roles' ? 'role review' : 'report'}</title><style>${REPORT_CSS}</style></head>
<body><header><h1>PeerLens ${report.command === 'roles' ? 'role review' : 'report'}</h1><p>${escapeHtml(bits.join(' · '))}</p>${legend}
<p class="meta">A prompt for reflection, not a score of anyone. Suggestions are offered; a person decides.</p></header>
${report.files.map(fileHtml).join('\n')}
</body></html>
`;
  },
};
