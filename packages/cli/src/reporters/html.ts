/**
 * HTML: one self-contained page (no scripts, no outside links): each text with its sentences
 * shaded by perspective and its findings marked and numbered, the findings in the margin.
 */
import { isRethink, whyText, type Finding } from '@peerlens/core';
import type { DutyRow, SentenceResult } from '../check/process.js';
import { combinedProfile, dutySummary, findingsText, plural, recordLabel, sharesText } from './summary.js';
import type { FileReport, RecordReport, Reporter } from './types.js';

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `
body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header,section{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.record{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;margin:1rem 0;background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:1rem}
.text{white-space:pre-wrap;font-family:Georgia,serif}
.s-peer{background:#e3f4e3}.s-overlap{background:#e2eef9}.s-clinical{background:#fbe9d9}.s-neutral{background:none}
mark{background:none;border-bottom:2px solid #b58900}mark.error{border-color:#c62828}mark.info{border-color:#1565c0}
sup{font-size:.7em;color:#666}
.margin ol{padding-left:1.3rem;margin:0}.margin li{margin-bottom:.6rem}
.sev{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;padding:0 .3em;border-radius:3px;background:#eee}
.sev.error{background:#fdd}.sev.warning{background:#fff2c6}.sev.info{background:#ddeeff}
.rule{color:#666;font-size:.85em}.try{color:#2e7d32}.hint,.also{color:#444;font-size:.9em}
.legend span{padding:0 .4em;margin-right:.5em;border-radius:3px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.35rem;text-align:left;vertical-align:top}
.l-conflict{color:#c62828;font-weight:600}.l-errand{color:#a15c00;font-weight:600}.l-peer{color:#2e7d32}.l-clinical{color:#8e24aa}.l-overlap{color:#1565c0}
.meta{color:#666;font-size:.9em}
`;

/** The text with sentences shaded and findings marked; `numbers` gives each finding's number. */
export function highlight(
  text: string,
  sentences: readonly SentenceResult[],
  findings: readonly Finding[],
  numbers: Map<Finding, number>,
): string {
  const units = [...sentences].sort((a, b) => a.start - b.start);
  const marks = [...findings].sort((a, b) => a.start.offset - b.start.offset);
  let out = '';
  let at = 0;
  const inline = (from: number, to: number): string => {
    let s = '';
    let pos = from;
    for (const f of marks) {
      const a = Math.max(f.start.offset, pos);
      const b = Math.min(f.end.offset, to);
      if (f.start.offset < pos || a >= to || b <= a) continue;
      s += escapeHtml(text.slice(pos, a));
      const n = numbers.get(f) ?? 0;
      s += `<mark class="${f.severity}" title="${escapeHtml(f.ruleId)}">${escapeHtml(text.slice(a, b))}</mark><sup>${n}</sup>`;
      pos = b;
    }
    return s + escapeHtml(text.slice(pos, to));
  };
  for (const u of units) {
    if (u.start < at) continue;
    out += inline(at, u.start);
    const dims = u.dimensions.length > 0 ? `, ${u.dimensions.join(', ')}` : '';
    const why = whyText(u.why);
    out += `<span class="s-${u.label}" title="${escapeHtml(`${u.label} (${Math.round(u.confidence * 100)}%${dims})${why ? ` — ${why}` : ''}`)}">${inline(u.start, u.end)}</span>`;
    at = u.end;
  }
  return out + inline(at, text.length);
}

function margin(findings: readonly Finding[], numbers: Map<Finding, number>): string {
  if (findings.length === 0) return '<p class="meta">No findings.</p>';
  const items = findings.map((f) => {
    const tries =
      (f.expected.length > 0 ? `<div class="try">Replace with: ${f.expected.slice(0, 3).map(escapeHtml).join('; ')}</div>` : '') +
      (f.hints.length > 0 ? `<div class="hint">${escapeHtml(f.hints[0] as string)}</div>` : '') +
      (f.also ?? [])
        .map((o) => `<div class="also">Also: ${escapeHtml(o.message)} <span class="rule">${escapeHtml(o.ruleId)}</span></div>`)
        .join('');
    return `<li value="${numbers.get(f) ?? 0}"><span class="sev ${f.severity}">${f.severity}</span> ${escapeHtml(f.message)} <span class="rule">${escapeHtml(f.ruleId)} · line ${f.start.line}</span>${tries}<details><summary>Why</summary>${escapeHtml(f.note)}</details></li>`;
  });
  return `<ol>${items.join('')}</ol>`;
}

function dutyTable(duties: readonly DutyRow[]): string {
  const rows = duties.map((d, i) => {
    const why = d.reasons
      .filter((r) => r.label === d.label || r.context !== undefined)
      .map((r) => `'${escapeHtml(r.actual)}'`)
      .join(', ');
    const instead = isRethink(d.label) ? d.suggestions.slice(0, 2).map(escapeHtml).join('<br>') : '';
    return `<tr><td>${i + 1}</td><td class="l-${d.label}">${d.label}</td><td>${escapeHtml(d.text)}</td><td>${why}</td><td class="try">${instead}</td></tr>`;
  });
  return `<table><thead><tr><th>#</th><th>label</th><th>duty</th><th>why</th><th>instead</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

function recordHtml(r: RecordReport): string {
  const res = r.result;
  const head =
    r.kind === 'record' ? `<p class="meta">${escapeHtml(recordLabel(r))} · <span class="l-${res.label}">${res.label}</span></p>` : '';
  if (res.mode !== 'note') {
    const summary = res.summary ? `<p><strong>${escapeHtml(res.summary)}</strong></p>` : '';
    return `<div>${head}${summary}${dutyTable(res.duties ?? [])}</div>`;
  }
  const numbers = new Map<Finding, number>();
  res.findings.forEach((f, i) => numbers.set(f, i + 1));
  const body = r.text !== undefined ? highlight(r.text, res.sentences ?? [], res.findings, numbers) : '';
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
<title>PeerLens ${report.command === 'roles' ? 'role review' : 'report'}</title><style>${CSS}</style></head>
<body><header><h1>PeerLens ${report.command === 'roles' ? 'role review' : 'report'}</h1><p>${escapeHtml(bits.join(' · '))}</p>${legend}
<p class="meta">A prompt for reflection, not a score of anyone. Suggestions are offered; a person decides.</p></header>
${report.files.map(fileHtml).join('\n')}
</body></html>
`;
  },
};
