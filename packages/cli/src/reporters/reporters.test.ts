import { describe, expect, it } from 'vitest';
import type { Finding } from '@peerlens/core';
import type { ItemResult } from '../check/process.js';
import { REPORTERS } from './index.js';
import { summarize } from './summary.js';
import type { FileReport, Report } from './types.js';

const finding: Finding = {
  category: 'language',
  severity: 'error',
  ruleId: 'test-rule',
  start: { line: 2, column: 6, offset: 13 },
  end: { line: 2, column: 11, offset: 18 },
  actual: 'words',
  message: "'words' is flagged.",
  expected: ['other words'],
  hints: ['Say what you mean.'],
  note: 'Because.',
  source: ['x'],
  dimension: 'language',
};

const result: ItemResult = {
  mode: 'note',
  label: 'clinical',
  confidence: 0.8,
  dimensions: ['language'],
  findings: [finding],
  suppressed: 0,
  profile: {
    units: 2,
    counts: { peer: 1, overlap: 0, clinical: 1, neutral: 0 },
    shares: { peer: 0.5, overlap: 0, clinical: 0.5, neutral: 0 },
    byDimension: {},
    findings: { language: 1, perspective: 0, role: 0 },
    words: 6,
  },
  sentences: [
    { start: 0, end: 7, kind: 'sentence', label: 'peer', confidence: 0.9, dimensions: [], why: { cues: [], against: [], words: [] } },
    {
      start: 8,
      end: 23,
      kind: 'sentence',
      label: 'clinical',
      confidence: 0.8,
      dimensions: ['language'],
      why: { cues: [{ ruleId: 'test-rule', actual: 'words', message: 'm' }], against: [], words: ['some'] },
    },
  ],
};

const files: FileReport[] = [
  {
    file: 'a.txt',
    format: 'text',
    records: [{ file: 'a.txt', format: 'text', kind: 'document', text: 'We met.\nSome words <x>.', result }],
    problems: [],
  },
  { file: 'b.jsonl', format: 'jsonl', records: [], problems: [{ file: 'b.jsonl', line: 3, reason: 'not valid JSON' }] },
];
const report: Report = { command: 'check', files, summary: summarize(files) };
const plain = { color: false, width: 100 };

describe('reporters are pure functions of the results', () => {
  it('summarize counts findings by severity, files, units and skipped inputs', () => {
    expect(report.summary).toMatchObject({
      files: 2,
      filesWithFindings: 1,
      records: 1,
      errors: 1,
      skipped: 1,
      units: { peer: 1, clinical: 1 },
    });
  });

  it('stylish: the file, line:col severity message ruleId, the replacement, the hint and the summary', () => {
    const out = REPORTERS.stylish!.render(report, plain);
    expect(out).toContain('a.txt  peer 50% · overlap 0% · clinical 50% · neutral 0% · 2 units');
    expect(out).toMatch(/^ {2}2:6 {2}error {4}'words' is flagged\. {2}test-rule$/m);
    expect(out).toContain('replace with: other words');
    expect(out).toContain('hint: Say what you mean.');
    expect(out).toContain('✖ 1 finding (1 error, 0 warnings, 0 info) in 1 of 2 files');
    expect(out).toContain('1 input skipped');
    expect(REPORTERS.stylish!.render(report, { color: true })).toContain('\x1b[');
  });

  it('json and jsonl keep the finding shape and the problems', () => {
    const json = JSON.parse(REPORTERS.json!.render(report, plain)) as { files: { findings?: Finding[]; problems: unknown[] }[] };
    expect(json.files[0]!.findings).toEqual([finding]);
    expect(json.files[1]!.problems).toEqual([{ line: 3, reason: 'not valid JSON' }]);
    const lines = REPORTERS.jsonl!.render(report, plain)
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines[1]).toEqual({ file: 'b.jsonl', line: 3, error: 'not valid JSON' });
  });

  it('markdown groups findings by dimension; html marks them in the escaped text', () => {
    expect(REPORTERS.markdown!.render(report, plain)).toMatch(
      /#### Language \(1\)\n\n- line 2:6 — \*\*error\*\* 'words' is flagged\. \(`test-rule`\)\. Replace with: \*other words\*\. Say what you mean\./,
    );
    const html = REPORTERS.html!.render(report, plain);
    expect(html).toContain('<span class="s-peer" title="peer (90%)">We met.</span>');
    // each shaded sentence says why in its title: the cues, then the words that carried it
    expect(html).toContain('title="clinical (80%, language) — cues: &#39;words&#39;; words: some"');
    expect(html).toContain('<mark class="error">words</mark><sup>1</sup> &lt;x&gt;');
  });

  it('markdown escapes HTML and brackets from file names, messages and reasons', () => {
    const hostile: FileReport[] = [
      {
        file: '<img src=x onerror=alert(1)>.txt',
        format: 'text',
        records: [
          {
            file: '<img src=x onerror=alert(1)>.txt',
            format: 'text',
            kind: 'document',
            text: 'We met.\nSome words <x>.',
            result: { ...result, findings: [{ ...finding, message: "'<script>alert(1)</script>' is [flagged](javascript:x)." }] },
          },
        ],
        problems: [{ file: 'x', line: 1, reason: '<b>bad</b>' }],
      },
    ];
    const md = REPORTERS.markdown!.render({ command: 'check', files: hostile, summary: summarize(hostile) }, plain);
    expect(md).not.toMatch(/<(img|script|b)\b/);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(md).toContain('## &lt;img src=x onerror=alert(1)&gt;.txt');
    expect(md).toContain('&lt;b&gt;bad&lt;/b&gt;');
  });
});

describe('reporter names', () => {
  it('lists every reporter, in order, without loading them (the entry point offers these choices)', async () => {
    const { REPORTER_NAMES } = await import('./names.js');
    expect(REPORTER_NAMES).toEqual(Object.keys(REPORTERS));
  });
});
