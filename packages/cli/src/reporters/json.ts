/**
 * JSON: one document with every file, its profile and its findings (the finding shape of
 * docs/design.md), and the summary. A document file carries its label, profile and findings
 * directly; a CSV or JSON Lines file carries a combined profile and its `records`.
 */
import { recordJson } from './jsonl.js';
import { combinedProfile } from './summary.js';
import type { FileReport, Reporter } from './types.js';

export function fileJson(f: FileReport): Record<string, unknown> {
  const problems = f.problems.map((p) => ({ ...(p.line !== undefined ? { line: p.line } : {}), reason: p.reason }));
  const single = f.records.length === 1 && f.records[0]?.kind === 'document' ? f.records[0] : undefined;
  if (single) {
    const { file: _file, format: _format, ...rest } = recordJson(single);
    return { file: f.file, format: f.format, ...rest, problems };
  }
  const profile = combinedProfile(f.records);
  return {
    file: f.file,
    format: f.format,
    ...(profile ? { profile } : {}),
    records: f.records.map((r) => {
      const { file: _file, format: _format, ...rest } = recordJson(r);
      return rest;
    }),
    problems,
  };
}

export const json: Reporter = {
  name: 'json',
  needsSentences: true,
  render(report) {
    return `${JSON.stringify({ command: report.command, files: report.files.map(fileJson), summary: report.summary }, null, 2)}\n`;
  },
};
