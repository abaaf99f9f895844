import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyze } from '../analyze/analyze.js';
import { classifyRecord } from '../analyze/classify.js';
import { defaultEngine } from '../analyze/default-engine.js';
import { deniedEntries, extendEngine } from './organization.js';

describe('organization additions', () => {
  it('a denied phrase becomes a finding with its id, severity, message and suggestion', () => {
    const denied = deniedEntries(
      [
        {
          phrase: 'case [load|loads]',
          id: 'org-caseload',
          severity: 'error',
          message: "Say who, not '{actual}'.",
          suggestions: ['the people I work with'],
        },
      ],
      '.peerlensrc.yaml',
    );
    expect(denied.problems).toEqual([]);
    const engine = extendEngine(defaultEngine(), denied);
    const a = analyze('We talked about my case loads today.', {}, engine);
    const f = a.findings.find((x) => x.ruleId === 'org-caseload');
    expect(f).toMatchObject({
      severity: 'error',
      actual: 'case loads',
      message: "Say who, not 'case loads'.",
      expected: ['the people I work with'],
    });
    expect(f?.note).toContain('.peerlensrc.yaml');
    // the built-in engine is untouched
    expect(analyze('We talked about my case loads today.').findings.some((x) => x.ruleId === 'org-caseload')).toBe(false);
  });

  it('reports a phrase it cannot read instead of throwing, and adds nothing for an empty list', () => {
    expect(deniedEntries([{ phrase: 'bad [phrase' }], 'x').problems[0]).toMatch(/unbalanced/);
    expect(extendEngine(defaultEngine(), deniedEntries([], 'x'))).toBe(defaultEngine());
  });
});

describe('an extended engine', () => {
  // The corpus's test part, read as the eval reads it (the corpus sits at the repository's root).
  const corpus = (kind: string): { id: string; text: string }[] =>
    readFileSync(fileURLToPath(new URL(`../../../../corpus/${kind}/test.jsonl`, import.meta.url)), 'utf8')
      .split('\n')
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { id: string; text: string });

  it('labels every test-part note and duty as the default engine does, except where an added phrase occurs', () => {
    const added = deniedEntries([{ phrase: 'caseload' }, { phrase: 'team huddle' }, { phrase: 'group' }], 'test');
    const extended = extendEngine(defaultEngine(), added);
    const mentions = (t: string): boolean => /\b(caseload|team huddle|group)\b/i.test(t);
    let compared = 0;
    let changed = 0;
    for (const [kind, as] of [
      ['notes', 'note'],
      ['duties', 'duty'],
    ] as const) {
      for (const item of corpus(kind)) {
        const a = classifyRecord(item.id, item.text, as);
        const b = classifyRecord(item.id, item.text, as, {}, extended);
        if (mentions(item.text)) {
          if (a.label !== b.label) changed++;
          continue;
        }
        compared++;
        expect([item.id, b.label, b.confidence]).toEqual([item.id, a.label, a.confidence]);
      }
    }
    expect(compared).toBeGreaterThan(500);
    // the phrases were read where they occur: as findings, not as a change of stance
    expect(changed).toBe(0);
  });
});
