/**
 * PeerLens's one report renderer (decision 021): pure functions from results to Markdown or
 * self-contained HTML (no scripts, no outside links), browser-safe. The CLI composes its
 * multi-file reports from these parts, the server renders a saved document with
 * `documentMarkdown`/`documentHtml`, and the web renders its role-review download with the same
 * function, so a duty, a finding or a profile reads the same wherever it is shown.
 */
import { explainLabel, whyText, type LabelWhy } from '../analyze/explain.js';
import { FALLBACK_HINTS, isRethink } from '../analyze/duty.js';
import { DIMENSIONS } from '../framework/index.js';
import type { Analysis, Duty, Finding, NotDuty, NoteLabel, Profile, RoleReview, UnitKind } from '../types.js';
import { NOT_DUTY_TEXT, NOTE_LABELS } from '../vocabulary/index.js';

/** Said at the top of every report. */
export const REPORT_REFLECTION =
  'A prompt for reflection between a peer specialist and their supervisor, not a score of anyone. Replacements and hints are offered; a person decides.';

/* ---------------- escaping ---------------- */

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

/** Text for one cell of a Markdown table, on one line. */
export const markdownCell = (s: string): string => escapeMarkdown(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

export function escapeHtml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/* ---------------- duties ---------------- */

/** A duty as a report shows it: a core `Duty`, or the CLI's row of one, which carries its `why` already. */
export type ReportDuty =
  | (Pick<Duty, 'text' | 'label' | 'suggestions'> & { readonly why: LabelWhy })
  | Pick<Duty, 'text' | 'label' | 'suggestions' | 'reasons' | 'evidence'>;

/** What a program might do instead, for a duty to rethink (conflict, errand, clinical); other duties need none. */
export function dutySuggestions(duty: Pick<ReportDuty, 'label' | 'suggestions'>): readonly string[] {
  if (!isRethink(duty.label)) return [];
  if (duty.suggestions.length > 0) return duty.suggestions;
  // a result saved before every duty to rethink had a hint of its own
  return [FALLBACK_HINTS[duty.label]];
}

const whyOf = (d: ReportDuty): LabelWhy => ('why' in d ? d.why : explainLabel(d, 'duty'));

/** The reasons for a duty's label in sentences: its cues' messages, then the words that carried the judgement. */
export function dutyReasons(duty: ReportDuty): readonly string[] {
  const why = whyOf(duty);
  const out: string[] = [];
  for (const c of why.cues) if (!out.includes(c.message)) out.push(c.message);
  if (why.words.length > 0) out.push(`Words that carried it: ${why.words.join(', ')}.`);
  return out;
}

/** The duty table in Markdown: number, label (bold for a duty to rethink), duty, why, what to try instead. */
export function dutyTableMarkdown(duties: readonly ReportDuty[]): string[] {
  const out = ['| # | label | duty | why | instead |', '|---|---|---|---|---|'];
  duties.forEach((d, i) => {
    const label = isRethink(d.label) ? `**${d.label}**` : d.label;
    out.push(
      `| ${i + 1} | ${label} | ${markdownCell(d.text)} | ${markdownCell(whyText(whyOf(d)))} | ${markdownCell(dutySuggestions(d).join('; '))} |`,
    );
  });
  return out;
}

/** The same table in HTML. */
export function dutyTableHtml(duties: readonly ReportDuty[]): string {
  const rows = duties.map(
    (d, i) =>
      `<tr><td>${i + 1}</td><td class="l-${d.label}">${d.label}</td><td>${escapeHtml(d.text)}</td><td>${escapeHtml(whyText(whyOf(d)))}</td><td class="try">${dutySuggestions(
        d,
      )
        .map(escapeHtml)
        .join('<br>')}</td></tr>`,
  );
  return `<table><thead><tr><th>#</th><th>label</th><th>duty</th><th>why</th><th>instead</th></tr></thead><tbody>${rows.join('')}</tbody></table>`;
}

const shownNotDuties = (notDuties: readonly NotDuty[] | undefined): readonly NotDuty[] =>
  (notDuties ?? []).filter((n) => n.kind !== 'heading');

/** The lines of a job description that are not duties (headings left out), in Markdown. */
export function notDutiesMarkdown(notDuties: readonly NotDuty[] | undefined): string[] {
  const left = shownNotDuties(notDuties);
  return left.length === 0
    ? []
    : ['', 'Not duties, not counted:', ...left.map((n) => `- ${markdownCell(n.text)} (${NOT_DUTY_TEXT[n.kind]})`)];
}

export function notDutiesHtml(notDuties: readonly NotDuty[] | undefined): string {
  const left = shownNotDuties(notDuties);
  return left.length === 0
    ? ''
    : `<p class="meta">Not duties, not counted:</p><ul>${left.map((n) => `<li>${escapeHtml(n.text)} <span class="meta">(${NOT_DUTY_TEXT[n.kind]})</span></li>`).join('')}</ul>`;
}

/* ---------------- findings and the profile ---------------- */

export const dimensionTitle = (id: string | undefined): string => DIMENSIONS.find((d) => d.id === id)?.title ?? 'Other';

/** Findings grouped by framework dimension, in the chart's order, `other` last; empty groups left out. */
export function findingsByDimension<T>(items: readonly T[], findingOf: (item: T) => Finding): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = findingOf(item).dimension ?? 'other';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...DIMENSIONS.map((d) => d.id as string), 'other'].flatMap((k) => {
    const list = groups.get(k);
    return list ? [[k, list] as [string, T[]]] : [];
  });
}

/**
 * One finding as a Markdown list item: where, severity, message and rule, replacements, the first
 * hint and the rules merged into it; then why, on a line of its own.
 */
export function findingMarkdown(f: Finding, where = `line ${f.start.line}:${f.start.column} — `): string {
  const replace = f.expected.length > 0 ? ` Replace with: *${f.expected.slice(0, 2).map(markdownCell).join('*; *')}*.` : '';
  const hint = f.hints[0] ? ` ${markdownCell(f.hints[0])}` : '';
  const also = (f.also ?? []).map((o) => ` Also: ${markdownCell(o.message)} (\`${o.ruleId}\`).`).join('');
  return `- ${escapeMarkdown(where)}**${f.severity}** ${markdownCell(f.message)} (\`${f.ruleId}\`).${replace}${hint}${also}\n  Why: ${markdownCell(f.note)}`;
}

/** One finding as an HTML list item, numbered as its mark in the text. */
export function findingHtml(f: Finding, n: number): string {
  const tries =
    (f.expected.length > 0 ? `<div class="try">Replace with: ${f.expected.slice(0, 3).map(escapeHtml).join('; ')}</div>` : '') +
    (f.hints.length > 0 ? `<div class="hint">${escapeHtml(f.hints[0] as string)}</div>` : '') +
    (f.also ?? [])
      .map((o) => `<div class="also">Also: ${escapeHtml(o.message)} <span class="rule">${escapeHtml(o.ruleId)}</span></div>`)
      .join('');
  return `<li value="${n}"><span class="sev ${f.severity}">${f.severity}</span> ${escapeHtml(f.message)} <span class="rule">${escapeHtml(f.ruleId)} · ${escapeHtml(dimensionTitle(f.dimension))} · line ${f.start.line}</span>${tries}<div class="meta">Why: ${escapeHtml(f.note)}</div></li>`;
}

type Counts = Pick<Profile, 'counts' | 'shares'>;

/** The profile as a Markdown table: units and share of each label. */
export function profileTableMarkdown(p: Counts): string[] {
  return [
    '| perspective | units | share |',
    '|---|---:|---:|',
    ...NOTE_LABELS.map((l) => `| ${l} | ${p.counts[l]} | ${Math.round(p.shares[l] * 100)}% |`),
  ];
}

export function profileTableHtml(p: Counts): string {
  const rows = NOTE_LABELS.map(
    (l) => `<tr><td class="s-${l}">${l}</td><td>${p.counts[l]}</td><td>${Math.round(p.shares[l] * 100)}%</td></tr>`,
  ).join('');
  return `<table><thead><tr><th>perspective</th><th>units</th><th>share</th></tr></thead><tbody>${rows}</tbody></table>`;
}

/** A unit of text to shade: its place, label, and optionally what its title says on hover. */
export interface ShadedUnit {
  readonly start: number;
  readonly end: number;
  readonly label: NoteLabel;
  readonly kind?: UnitKind;
  readonly confidence?: number;
  readonly dimensions?: readonly string[];
  readonly why?: LabelWhy;
}

/** The title of a shaded unit: its label, confidence and dimensions, and why. */
function unitTitle(u: ShadedUnit): string {
  if (u.confidence === undefined) return u.label;
  const dims = u.dimensions && u.dimensions.length > 0 ? `, ${u.dimensions.join(', ')}` : '';
  const why = u.why ? whyText(u.why) : '';
  return `${u.label} (${Math.round(u.confidence * 100)}%${dims})${why ? ` — ${why}` : ''}`;
}

/**
 * The text as HTML with each unit shaded by its label and each finding marked and numbered
 * (`numbers`: each finding's number; 0 when missing).
 */
export function highlightHtml(
  text: string,
  units: readonly ShadedUnit[],
  findings: readonly Finding[],
  numbers: Map<Finding, number>,
): string {
  const sorted = [...units].sort((a, b) => a.start - b.start);
  const marks = [...findings].sort((a, b) => a.start.offset - b.start.offset);
  const inline = (from: number, to: number): string => {
    let s = '';
    let pos = from;
    for (const f of marks) {
      const a = Math.max(f.start.offset, pos);
      const b = Math.min(f.end.offset, to);
      if (f.start.offset < pos || a >= to || b <= a) continue;
      s += `${escapeHtml(text.slice(pos, a))}<mark class="${f.severity}">${escapeHtml(text.slice(a, b))}</mark><sup>${numbers.get(f) ?? 0}</sup>`;
      pos = b;
    }
    return s + escapeHtml(text.slice(pos, to));
  };
  let out = '';
  let at = 0;
  for (const u of sorted) {
    if (u.start < at) continue;
    out += `${inline(at, u.start)}<span class="s-${u.label}" title="${escapeHtml(unitTitle(u))}">${inline(u.start, u.end)}</span>`;
    at = u.end;
  }
  return out + inline(at, text.length);
}

/** The style of an HTML report. */
export const REPORT_CSS = `body{font:15px/1.5 system-ui,sans-serif;margin:0;color:#1d1d1f;background:#fafafa}
header,section,main{max-width:1100px;margin:0 auto;padding:1rem 1.5rem}
h1{font-size:1.4rem}h2{font-size:1.15rem;border-bottom:1px solid #ddd;padding-bottom:.3rem}
.record{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:1.5rem;margin:1rem 0;background:#fff;border:1px solid #e5e5e5;border-radius:8px;padding:1rem}
.text{white-space:pre-wrap;font-family:Georgia,serif;background:#fff;border:1px solid #e5e5e5;padding:1rem;border-radius:6px}
.s-peer{background:#e3f4e3}.s-overlap{background:#e2eef9}.s-clinical{background:#fbe9d9}.s-neutral{background:none}
mark{background:none;border-bottom:2px solid #8a6500}mark.error{border-color:#b71c1c}mark.info{border-color:#0d47a1}
sup{font-size:.7em;color:#666}
ol{padding-left:1.3rem}li{margin-bottom:.6rem}
.sev{font-size:.75em;text-transform:uppercase;letter-spacing:.04em;padding:0 .3em;border-radius:3px;background:#eee}
.sev.error{background:#fdd}.sev.warning{background:#fff2c6}.sev.info{background:#ddeeff}
.rule{color:#666;font-size:.85em}.try{color:#1b5e20}.hint,.also{color:#444;font-size:.9em}
.legend span{padding:0 .4em;margin-right:.5em;border-radius:3px}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.35rem;text-align:left;vertical-align:top}
.l-conflict{color:#b42318;font-weight:700}.l-errand{color:#9c4a12;font-weight:700}.l-clinical{color:#5b3cc4}
.meta{color:#555;font-size:.9em}
@media print{body{background:none}header,section,main{max-width:none}}`;

/** The legend of the shading. */
export const SHADING_LEGEND =
  '<p class="legend meta">Shading: <span class="s-peer">peer</span><span class="s-overlap">overlap (shared)</span><span class="s-clinical">clinical</span> underlined words are findings, numbered in the list.</p>';

/* ---------------- one document ---------------- */

/** One document to report on: a saved note or role review, or one made in the browser. */
export interface ReportDocument {
  readonly title: string;
  readonly kind: 'note' | 'role';
  readonly text: string;
  readonly analysis?: Analysis | undefined;
  readonly role?: RoleReview | undefined;
  /** ISO dates of a saved document. */
  readonly createdAt?: string | undefined;
  readonly updatedAt?: string | undefined;
}

const day = (iso: string): string => iso.slice(0, 10);

function subtitle(doc: ReportDocument): string {
  const dates = doc.createdAt && doc.updatedAt ? ` · saved ${day(doc.createdAt)} · updated ${day(doc.updatedAt)}` : '';
  return `PeerLens ${doc.kind === 'note' ? 'note report' : 'role review'}${dates}`;
}

function noteMarkdown(a: Analysis): string[] {
  const p = a.profile;
  const out = [`**Profile**: ${p.units} units, ${p.words} words.`, '', ...profileTableMarkdown(p), ''];
  if (a.findings.length === 0) return [...out, 'No language or perspective findings.', ''];
  out.push(`## Findings (${a.findings.length})`, '');
  for (const [dim, list] of findingsByDimension(a.findings, (f) => f)) {
    out.push(`### ${dimensionTitle(dim)} (${list.length})`, '', ...list.map((f) => findingMarkdown(f)), '');
  }
  return out;
}

/** A role review in Markdown: its summary, the duty table and the lines that are not duties. */
export function roleReviewMarkdown(r: RoleReview): string[] {
  return [`**${markdownCell(r.summary)}**`, '', ...dutyTableMarkdown(r.duties), ...notDutiesMarkdown(r.notDuties), ''];
}

/** A document's report in Markdown. */
export function documentMarkdown(doc: ReportDocument): string {
  const out = [
    `# ${escapeMarkdown(doc.title.replace(/\s+/g, ' ').trim()) || (doc.kind === 'note' ? 'Note' : 'Role review')}`,
    '',
    subtitle(doc),
    '',
    `> ${REPORT_REFLECTION}`,
    '',
    ...(doc.analysis ? noteMarkdown(doc.analysis) : []),
    ...(doc.role ? roleReviewMarkdown(doc.role) : []),
    '## Text',
    '',
    ...doc.text.split('\n').map((l) => (l.trim() === '' ? '' : `> ${escapeMarkdown(l)}`)),
  ];
  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function noteHtml(text: string, a: Analysis): string {
  const numbers = new Map<Finding, number>();
  a.findings.forEach((f, i) => numbers.set(f, i + 1));
  const findings =
    a.findings.length === 0
      ? '<p>No language or perspective findings.</p>'
      : `<ol>${a.findings.map((f, i) => findingHtml(f, i + 1)).join('')}</ol>`;
  return `<h2>Profile</h2>${profileTableHtml(a.profile)}
<h2>Text</h2>${SHADING_LEGEND}<div class="text">${highlightHtml(text, a.sentences, a.findings, numbers)}</div>
<h2>Findings (${a.findings.length})</h2>${findings}`;
}

function roleHtml(text: string, r: RoleReview): string {
  return `<p><strong>${escapeHtml(r.summary)}</strong></p>
${dutyTableHtml(r.duties)}${notDutiesHtml(r.notDuties)}
<h2>Text</h2><div class="text">${escapeHtml(text)}</div>`;
}

/** A document's report as one self-contained HTML page. */
export function documentHtml(doc: ReportDocument): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(doc.title)} · PeerLens</title><style>${REPORT_CSS}</style></head>
<body><header><h1>${escapeHtml(doc.title)}</h1><p class="meta">${escapeHtml(subtitle(doc))}</p><p class="meta">${escapeHtml(REPORT_REFLECTION)}</p></header>
<main>${doc.analysis ? noteHtml(doc.text, doc.analysis) : ''}${doc.role ? roleHtml(doc.text, doc.role) : ''}</main>
</body></html>
`;
}
