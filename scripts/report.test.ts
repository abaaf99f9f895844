/**
 * One report renderer (decision 021): the CLI's Markdown and HTML reports, the server's report of
 * a saved document and the web's role-review download render a duty, a finding and a profile
 * the same, because all three call core's renderer. Checked on the same texts through each.
 */
import { analyze, reviewRole } from '@peerlens/core';
import { describe, expect, it } from 'vitest';
import { checkItem } from '../packages/cli/src/check/process.js';
import { REPORTERS } from '../packages/cli/src/reporters/index.js';
import { summarize } from '../packages/cli/src/reporters/summary.js';
import type { FileReport } from '../packages/cli/src/reporters/types.js';
import { htmlReport, markdownReport } from '../packages/server/src/features/documents/report.js';
import { roleMarkdown } from '../packages/web/src/lib/report.js';

const JOB =
  'Peer Specialist\nDuties:\n- Share lived experience to build hope\n- Serve as representative payee for members\n- Drive members to appointments\n- Assess symptoms and document progress toward treatment goals\n- Other duties as assigned';
const NOTE = 'Client was noncompliant with meds. I went with her to the food bank and we talked about what she wants next.';
const SETTINGS = { rules: {}, allow: [], deny: [], lexicon: [], as: 'role' as const };

function cli(text: string, mode: 'role' | 'note', reporter: 'markdown' | 'html'): string {
  const result = checkItem({ text, mode, controls: false, settings: 'default' }, { ...SETTINGS, as: mode });
  const files: FileReport[] = [
    { file: 'in.txt', format: 'text', problems: [], records: [{ file: 'in.txt', format: 'text', kind: 'document', text, result }] },
  ];
  return REPORTERS[reporter]!.render({ command: mode === 'role' ? 'roles' : 'check', files, summary: summarize(files) }, { color: false });
}

const saved = (kind: 'note' | 'role', text: string) => ({
  id: 'x',
  title: 'Peer Specialist',
  kind,
  text,
  createdAt: '2026-01-02T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
  authorId: null,
  writtenAt: null,
  ...(kind === 'note' ? { analysis: analyze(text) } : { role: reviewRole(text) }),
});

/** The lines of the Markdown duty table: its header, rule and rows. */
const dutyTable = (md: string): string[] => {
  const lines = md.split('\n');
  const start = lines.indexOf('| # | label | duty | why | instead |');
  expect(start).toBeGreaterThanOrEqual(0);
  const end = lines.findIndex((l, i) => i > start && !l.startsWith('|'));
  return lines.slice(start, end);
};

describe('one report renderer', () => {
  it('renders the duty table the same in the CLI, the server and the web', () => {
    const server = dutyTable(markdownReport(saved('role', JOB)));
    expect(dutyTable(cli(JOB, 'role', 'markdown'))).toEqual(server);
    expect(dutyTable(roleMarkdown('Peer Specialist', JOB, reviewRole(JOB)))).toEqual(server);
    // every duty to rethink has something to try instead, in every report
    for (const row of server.filter((r) => /\*\*(conflict|errand|clinical)\*\*/.test(r))) expect(row).not.toMatch(/\|\s*\|$/);
  });

  it('the web’s download is the server’s report without the dates', () => {
    expect(roleMarkdown('Peer Specialist', JOB, reviewRole(JOB))).toBe(
      markdownReport(saved('role', JOB)).replace(' · saved 2026-01-02 · updated 2026-01-02', ''),
    );
  });

  it('renders the findings and the profile the same in the CLI’s and the server’s reports', () => {
    const items = (md: string) =>
      md.split('\n').filter((l) => /^- line \d+:\d+ — |^ {2}Why: |^\| (peer|overlap|clinical|neutral) \|/.test(l));
    const server = items(markdownReport(saved('note', NOTE)));
    expect(server.length).toBeGreaterThan(4);
    expect(items(cli(NOTE, 'note', 'markdown'))).toEqual(server);
    const li = (html: string) => html.match(/<li value="\d+">.*?<\/li>/g) ?? [];
    expect(li(cli(NOTE, 'note', 'html'))).toEqual(li(htmlReport(saved('note', NOTE))));
    expect(li(htmlReport(saved('note', NOTE))).length).toBeGreaterThan(0);
  });
});
