/**
 * JSON Lines: one line per checked text, in input order, for data teams. A problem with an
 * input stands in its place as `{"file","line","error"}`.
 */
import type { FileReport, RecordReport, Reporter } from './types.js';

export function recordJson(r: Omit<RecordReport, 'text'>): Record<string, unknown> {
  const res = r.result;
  return {
    file: r.file,
    format: r.format,
    ...(r.id !== undefined ? { id: r.id } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    ...(r.author !== undefined ? { author: r.author } : {}),
    ...(r.date !== undefined ? { date: r.date } : {}),
    mode: res.mode,
    label: res.label,
    confidence: res.confidence,
    dimensions: res.dimensions,
    ...(res.profile ? { profile: res.profile } : {}),
    findings: res.findings,
    ...(res.sentences && res.mode === 'note' ? { sentences: res.sentences } : {}),
    ...(res.suppressed > 0 ? { suppressed: res.suppressed } : {}),
    ...(res.duties && res.mode !== 'note' ? { duties: res.duties } : {}),
    ...(res.counts && res.mode === 'role' ? { counts: res.counts, summary: res.summary, notDuties: res.notDuties ?? [] } : {}),
  };
}

function part(file: FileReport): string {
  let out = '';
  // problems and records of a part are both in input order; records carry lines, problems too
  const items: { line: number; text: string }[] = [];
  file.records.forEach((r, i) => items.push({ line: r.line ?? i, text: r.result.preformatted ?? JSON.stringify(recordJson(r)) }));
  for (const p of file.problems)
    items.push({
      line: p.line ?? 0,
      text: JSON.stringify({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), error: p.reason }),
    });
  items.sort((a, b) => a.line - b.line);
  for (const it of items) out += `${it.text}\n`;
  return out;
}

export const jsonl: Reporter = {
  name: 'jsonl',
  stream: { part: (f) => part(f), end: () => '' },
  render(report) {
    return report.files.map((f) => part(f)).join('');
  },
};
