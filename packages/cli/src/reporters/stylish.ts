/**
 * The default reporter, for people at a terminal: findings grouped by file as
 * `line:col  severity  message  ruleId`, each with its replacement and hint, and a summary line.
 * Job descriptions get a duty table. Colour only when asked (the CLI asks on a TTY).
 */
import { createColors } from 'picocolors';
import { isRethink, type DutyLabel, type Finding } from '@peerlens/core';
import type { DutyRow } from '../check/process.js';
import { dutySummary, findingsText, plural, recordLabel, sharesText } from './summary.js';
import type { FileReport, RecordReport, Report, Reporter, ReporterOptions, Summary } from './types.js';

type Colors = ReturnType<typeof createColors>;

const pad = (s: string, n: number): string => s + ' '.repeat(Math.max(0, n - s.length));

function severity(c: Colors, s: Finding['severity']): string {
  return s === 'error' ? c.red(pad('error', 7)) : s === 'warning' ? c.yellow(pad('warning', 7)) : c.blue(pad('info', 7));
}

function findingLines(findings: readonly Finding[], indent: string, c: Colors): string[] {
  const pos = findings.map((f) => `${f.start.line}:${f.start.column}`);
  const width = Math.max(...pos.map((p) => p.length));
  const out: string[] = [];
  findings.forEach((f, i) => {
    out.push(`${indent}${c.dim(pad(pos[i] as string, width))}  ${severity(c, f.severity)}  ${f.message}  ${c.dim(f.ruleId)}`);
    const cont = `${indent}${' '.repeat(width + 11)}`;
    const first = f.expected[0];
    if (first !== undefined) {
      const more = f.expected.length > 1 ? c.dim(` (or ${f.expected.slice(1, 3).join('; ')})`) : '';
      out.push(`${cont}${c.green('replace with:')} ${first}${more}`);
    }
    const hint = f.hints[0];
    if (hint !== undefined) out.push(`${cont}${c.dim('hint:')} ${hint}`);
    for (const other of f.also ?? []) out.push(`${cont}${c.dim('also:')} ${other.message}  ${c.dim(other.ruleId)}`);
  });
  return out;
}

const LABEL_COLOR: Record<string, (c: Colors, s: string) => string> = {
  peer: (c, s) => c.green(s),
  overlap: (c, s) => c.cyan(s),
  clinical: (c, s) => c.magenta(s),
  conflict: (c, s) => c.red(c.bold(s)),
  errand: (c, s) => c.yellow(c.bold(s)),
};

function truncate(s: string, n: number): string {
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length <= n ? one : `${one.slice(0, Math.max(1, n - 1))}…`;
}

/** The duty table of a job description or task list. */
function dutyTable(duties: readonly DutyRow[], indent: string, c: Colors, width: number): string[] {
  const out: string[] = [];
  const num = String(duties.length).length;
  const textWidth = Math.max(30, Math.min(70, width - indent.length - num - 14));
  out.push(c.dim(`${indent}${pad('#', num)}  ${pad('label', 9)}  duty`));
  duties.forEach((d, i) => {
    const colour = LABEL_COLOR[d.label] ?? ((_c: Colors, s: string) => s);
    out.push(`${indent}${pad(String(i + 1), num)}  ${colour(c, pad(d.label, 9))}  ${truncate(d.text, textWidth)}`);
    const cont = `${indent}${' '.repeat(num + 13)}`;
    const why = d.why.cues;
    if (why.length > 0) {
      const shown = why.slice(0, 3).map((r) => `'${r.actual}'${r.context ? ` (${r.context})` : ''} ${c.dim(r.ruleId)}`);
      out.push(`${cont}${c.dim('why:')} ${shown.join(', ')}${why.length > 3 ? c.dim(` +${why.length - 3}`) : ''}`);
    }
    if (d.why.words.length > 0) out.push(`${cont}${c.dim('words:')} ${d.why.words.join(', ')}`);
    if (isRethink(d.label)) {
      for (const s of d.suggestions.slice(0, 2)) out.push(`${cont}${c.green('instead:')} ${s}`);
    }
  });
  return out;
}

function recordBlock(r: RecordReport, c: Colors, width: number): string[] {
  const res = r.result;
  const nested = r.kind === 'record';
  const indent = nested ? '    ' : '  ';
  const out: string[] = [];
  const header = (): void => {
    if (nested)
      out.push(
        `  ${c.bold(recordLabel(r) || 'record')}${res.mode === 'duty' ? `  ${(LABEL_COLOR[res.label] ?? ((_c: Colors, s: string) => s))(c, res.label)}` : ''}`,
      );
  };
  if (res.mode === 'role') {
    header();
    out.push(...dutyTable(res.duties ?? [], indent, c, width));
    const left = (res.notDuties ?? []).filter((n) => n.kind !== 'heading');
    for (const n of left)
      out.push(
        c.dim(
          `${indent}${pad('-', String(res.duties?.length ?? 0).length)}  ${pad('not a duty', 9)}  ${truncate(n.text, Math.max(30, width - 30))} (${n.kind})`,
        ),
      );
    out.push(`${indent}${c.bold(res.summary ?? '')}`);
  } else if (res.mode === 'duty') {
    const d = res.duties?.[0];
    if (isRethink(res.label as DutyLabel) || res.findings.length > 0) {
      header();
      if (d) out.push(`${indent}${truncate(d.text, Math.max(30, width - 8))}`);
      for (const s of d && isRethink(d.label) ? d.suggestions.slice(0, 2) : []) out.push(`${indent}${c.green('instead:')} ${s}`);
    }
  } else if (res.findings.length > 0) {
    header();
    out.push(...findingLines(res.findings, indent, c));
  }
  for (const p of res.controlProblems ?? [])
    out.push(`${indent}${c.dim(`${p.line}:1`)}  ${c.yellow(pad('warning', 7))}  ${p.message}  ${c.dim('inline-control')}`);
  return out;
}

function part(file: FileReport, continued: boolean, _command: Report['command'], options: ReporterOptions): string {
  const c = createColors(options.color);
  const width = options.width ?? 100;
  const lines: string[] = [];
  for (const r of file.records) lines.push(...recordBlock(r, c, width));
  if (lines.length === 0) return '';
  if (!continued) {
    const doc = file.records.length === 1 && file.records[0]?.kind === 'document' ? file.records[0] : undefined;
    const profile = doc?.result.profile;
    const extra = profile ? c.dim(`  ${sharesText(profile.counts)} · ${plural(profile.units, 'unit')}`) : '';
    lines.unshift(`${c.underline(file.file)}${extra}`);
  }
  return `${lines.join('\n')}\n${continued ? '' : ''}`;
}

function end(s: Summary, command: Report['command'], options: ReporterOptions): string {
  const c = createColors(options.color);
  const total = s.errors + s.warnings + s.infos;
  const files = plural(s.files, 'file');
  const lines: string[] = [];
  const dutyTotal = Object.values(s.duties).reduce((a, b) => a + b, 0);
  const unitTotal = Object.values(s.units).reduce((a, b) => a + b, 0);
  let head: string;
  if (total === 0) head = c.green(`✔ No findings in ${files}`);
  else {
    const text = `✖ ${findingsText(s)} in ${s.filesWithFindings} of ${files}`;
    head = s.errors > 0 ? c.red(c.bold(text)) : c.yellow(c.bold(text));
  }
  const tail: string[] = [];
  if (command === 'check' && unitTotal > 0) tail.push(`${plural(unitTotal, 'unit')}: ${sharesText(s.units as Summary['units'], ', ')}`);
  if (dutyTotal > 0) tail.push(dutySummary(s.duties));
  if (s.suppressed > 0) tail.push(`${plural(s.suppressed, 'finding')} turned off inline`);
  lines.push([head, ...tail].join(' · '));
  if (s.skipped > 0) lines.push(c.red(`${plural(s.skipped, 'input')} skipped: see the messages above (exit code 2)`));
  return `${lines.length > 0 && total > 0 ? '\n' : ''}${lines.join('\n')}\n`;
}

export const stylish: Reporter = {
  name: 'stylish',
  stream: { part, end },
  render(report, options) {
    let out = '';
    for (const f of report.files) out += part(f, false, report.command, options);
    return out + end(report.summary, report.command, options);
  },
};
