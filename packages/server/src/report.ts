/**
 * A saved document's report, to download and share (a supervision session, a program review):
 * Markdown, a self-contained HTML page (no scripts, no outside links), or JSON. The same
 * content as the CLI's reports for one document: the profile, the findings by framework
 * dimension with replacements, hints and why, and for a role the duty table and its summary.
 */
import { DIMENSIONS, NOTE_LABELS, isRethink, type Analysis, type Duty, type Finding, type RoleReview } from '@peerlens/core';
import type { StoredDocument } from './documents.js';

export type ReportFormat = 'markdown' | 'html' | 'json';

export const REPORT_TYPES: Readonly<Record<ReportFormat, { type: string; ext: string }>> = {
  markdown: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
};

const REFLECTION =
  'A prompt for reflection between a peer specialist and their supervisor, not a score of anyone. Replacements and hints are offered; a person decides.';
const LABELS = NOTE_LABELS;
const dimensionTitle = (id: string | undefined): string => DIMENSIONS.find((d) => d.id === id)?.title ?? 'Other';
const flagged = (d: Duty): boolean => isRethink(d.label);
const why = (d: Duty): string[] => d.reasons.filter((r) => r.label === d.label || r.context !== undefined).map((r) => r.actual);
const day = (iso: string): string => iso.slice(0, 10);

function byDimension(findings: readonly Finding[]): [string, Finding[]][] {
  const groups = new Map<string, Finding[]>();
  for (const f of findings) groups.set(f.dimension ?? 'other', [...(groups.get(f.dimension ?? 'other') ?? []), f]);
  return [...DIMENSIONS.map((d) => d.id as string), 'other'].flatMap((k) => {
    const list = groups.get(k);
    return list ? [[k, list] as [string, Finding[]]] : [];
  });
}

/* ---------------- Markdown ---------------- */

/**
 * Text for Markdown: HTML is escaped (a Markdown viewer renders raw HTML, so a title or note
 * holding `<img onerror=…>` would run there), and so are brackets, so text cannot become a link
 * or an image (`[x](javascript:…)`, a tracking `![](…)`).
 */
export function escapeMarkdown(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]\\])/g, '\\$1');
}
const cell = (s: string): string => escapeMarkdown(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

function noteMarkdown(a: Analysis): string[] {
  const p = a.profile;
  const out = [`**Profile**: ${p.units} units, ${p.words} words.`, '', '| perspective | units | share |', '|---|---:|---:|'];
  for (const l of LABELS) out.push(`| ${l} | ${p.counts[l]} | ${Math.round(p.shares[l] * 100)}% |`);
  out.push('');
  if (a.findings.length === 0) return [...out, 'No language or perspective findings.', ''];
  out.push(`## Findings (${a.findings.length})`, '');
  for (const [dim, list] of byDimension(a.findings)) {
    out.push(`### ${dimensionTitle(dim)} (${list.length})`, '');
    for (const f of list) {
      const tryThis = f.expected.length > 0 ? ` Replace with: *${f.expected.slice(0, 2).map(cell).join('*; *')}*.` : '';
      out.push(
        `- line ${f.start.line}:${f.start.column} — **${f.severity}** “${cell(f.actual)}”: ${cell(f.message)} (\`${f.ruleId}\`).${tryThis}`,
      );
      if (f.hints.length > 0) out.push(`  ${cell(f.hints[0] as string)}`);
      for (const o of f.also ?? []) out.push(`  Also: ${cell(o.message)} (\`${o.ruleId}\`).`);
      out.push(`  Why: ${cell(f.note)}`);
    }
    out.push('');
  }
  return out;
}

function roleMarkdown(r: RoleReview): string[] {
  const out = [`**${cell(r.summary)}**`, '', '| # | label | duty | why | instead |', '|---|---|---|---|---|'];
  r.duties.forEach((d, i) => {
    const label = flagged(d) ? `**${d.label}**` : d.label;
    const instead = flagged(d) ? d.suggestions.slice(0, 1).join('') : '';
    out.push(
      `| ${i + 1} | ${label} | ${cell(d.text)} | ${cell(
        why(d)
          .map((w) => `'${w}'`)
          .join(', '),
      )} | ${cell(instead)} |`,
    );
  });
  const left = (r.notDuties ?? []).filter((n) => n.kind !== 'heading');
  if (left.length > 0) out.push('', 'Not duties, not counted:', ...left.map((n) => `- ${cell(n.text)} (${n.kind})`));
  return [...out, ''];
}

export function markdownReport(doc: StoredDocument): string {
  const out = [
    `# ${cell(doc.title)}`,
    '',
    `PeerLens ${doc.kind === 'note' ? 'note report' : 'role review'} · saved ${day(doc.createdAt)} · updated ${day(doc.updatedAt)}`,
    '',
    `> ${REFLECTION}`,
    '',
    ...(doc.analysis ? noteMarkdown(doc.analysis) : []),
    ...(doc.role ? roleMarkdown(doc.role) : []),
    '## Text',
    '',
    ...doc.text.split('\n').map((l) => (l.trim() === '' ? '' : `> ${escapeMarkdown(l)}`)),
  ];
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

/* ---------------- HTML ---------------- */

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:1000px;padding:1rem 1.5rem;color:#1d1d1f}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ccc;padding-bottom:.3rem}
.text{white-space:pre-wrap;font-family:Georgia,serif;border:1px solid #ddd;padding:1rem;border-radius:6px}
.s-peer{background:#e3f4e3}.s-overlap{background:#e2eef9}.s-clinical{background:#fbe9d9}
mark{background:none;border-bottom:2px solid #8a6500}mark.error{border-color:#b71c1c}mark.info{border-color:#0d47a1}
sup{font-size:.7em}.meta{color:#555;font-size:.9em}.try{color:#1b5e20}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
.l-conflict,.l-errand{font-weight:700}
@media print{body{max-width:none}}`;

function highlight(text: string, a: Analysis): string {
  const numbers = new Map<Finding, number>();
  a.findings.forEach((f, i) => numbers.set(f, i + 1));
  const marks = [...a.findings].sort((x, y) => x.start.offset - y.start.offset);
  const inline = (from: number, to: number): string => {
    let s = '';
    let pos = from;
    for (const f of marks) {
      const start = Math.max(f.start.offset, pos);
      const end = Math.min(f.end.offset, to);
      if (f.start.offset < pos || start >= to || end <= start) continue;
      s += `${escapeHtml(text.slice(pos, start))}<mark class="${f.severity}">${escapeHtml(text.slice(start, end))}</mark><sup>${numbers.get(f) ?? 0}</sup>`;
      pos = end;
    }
    return s + escapeHtml(text.slice(pos, to));
  };
  let out = '';
  let at = 0;
  for (const u of [...a.sentences].sort((x, y) => x.start - y.start)) {
    if (u.start < at) continue;
    out += `${inline(at, u.start)}<span class="s-${u.label}" title="${u.label}">${inline(u.start, u.end)}</span>`;
    at = u.end;
  }
  return out + inline(at, text.length);
}

function noteHtml(text: string, a: Analysis): string {
  const p = a.profile;
  const rows = LABELS.map(
    (l) => `<tr><td class="s-${l}">${l}</td><td>${p.counts[l]}</td><td>${Math.round(p.shares[l] * 100)}%</td></tr>`,
  ).join('');
  const findings =
    a.findings.length === 0
      ? '<p>No language or perspective findings.</p>'
      : `<ol>${a.findings
          .map((f) => {
            const tryThis =
              (f.expected.length > 0 ? `<div class="try">Replace with: ${f.expected.slice(0, 3).map(escapeHtml).join('; ')}</div>` : '') +
              (f.hints.length > 0 ? `<div class="meta">${escapeHtml(f.hints[0] as string)}</div>` : '') +
              (f.also ?? []).map((o) => `<div class="meta">Also: ${escapeHtml(o.message)} (${escapeHtml(o.ruleId)})</div>`).join('');
            return `<li><strong>${f.severity}</strong> (${escapeHtml(dimensionTitle(f.dimension))}, line ${f.start.line}) “${escapeHtml(f.actual)}”: ${escapeHtml(f.message)}${tryThis}<div class="meta">Why: ${escapeHtml(f.note)}</div></li>`;
          })
          .join('')}</ol>`;
  return `<h2>Profile</h2><table><thead><tr><th>perspective</th><th>units</th><th>share</th></tr></thead><tbody>${rows}</tbody></table>
<h2>Text</h2><p class="meta">Shading: <span class="s-peer">peer</span> · <span class="s-overlap">overlap (shared)</span> · <span class="s-clinical">clinical</span>; underlined words are numbered findings.</p><div class="text">${highlight(text, a)}</div>
<h2>Findings (${a.findings.length})</h2>${findings}`;
}

function roleHtml(text: string, r: RoleReview): string {
  const rows = r.duties
    .map((d, i) => {
      const instead = flagged(d) ? d.suggestions.slice(0, 2).map(escapeHtml).join('<br>') : '';
      return `<tr><td>${i + 1}</td><td class="l-${d.label}">${d.label}</td><td>${escapeHtml(d.text)}</td><td>${why(d)
        .map((w) => `‘${escapeHtml(w)}’`)
        .join(', ')}</td><td class="try">${instead}</td></tr>`;
    })
    .join('');
  const left = (r.notDuties ?? []).filter((n) => n.kind !== 'heading');
  const notDuties =
    left.length > 0
      ? `<p class="meta">Not duties, not counted:</p><ul>${left.map((n) => `<li>${escapeHtml(n.text)} <span class="meta">(${n.kind})</span></li>`).join('')}</ul>`
      : '';
  return `<p><strong>${escapeHtml(r.summary)}</strong></p>
<table><thead><tr><th>#</th><th>label</th><th>duty</th><th>why</th><th>instead</th></tr></thead><tbody>${rows}</tbody></table>${notDuties}
<h2>Text</h2><div class="text">${escapeHtml(text)}</div>`;
}

export function htmlReport(doc: StoredDocument): string {
  const kind = doc.kind === 'note' ? 'note report' : 'role review';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.title)} · PeerLens</title><style>${CSS}</style></head>
<body><header><h1>${escapeHtml(doc.title)}</h1><p class="meta">PeerLens ${kind} · saved ${day(doc.createdAt)} · updated ${day(doc.updatedAt)}</p><p class="meta">${escapeHtml(REFLECTION)}</p></header>
<main>${doc.analysis ? noteHtml(doc.text, doc.analysis) : ''}${doc.role ? roleHtml(doc.text, doc.role) : ''}</main>
</body></html>
`;
}

/* ---------------- JSON ---------------- */

export function jsonReport(doc: StoredDocument): string {
  return `${JSON.stringify({ generator: 'PeerLens', note: REFLECTION, document: doc }, null, 2)}\n`;
}

export function renderReport(doc: StoredDocument, format: ReportFormat): string {
  return format === 'html' ? htmlReport(doc) : format === 'json' ? jsonReport(doc) : markdownReport(doc);
}

/** `content-disposition` for the download: an ASCII name, and the title itself in UTF-8 (RFC 6266). */
export function contentDisposition(title: string, format: ReportFormat): string {
  const ext = REPORT_TYPES[format].ext;
  const base =
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 80) || 'document';
  const utf8 = encodeURIComponent(`${title.slice(0, 120)}.${ext}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="peerlens-${base}.${ext}"; filename*=UTF-8''${utf8}`;
}
