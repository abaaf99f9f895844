import { describe, expect, it } from 'vitest';
import { analyze, documentMarkdown, reviewRole } from '@peerlens/core';
import { dutyReasons, dutySuggestions, fileNameFor, roleMarkdown } from '../src/lib/report.js';
import { sentenceTitle } from '../src/features/check/editor/shading.js';
import { isAppPath, parseRoute } from '../src/router.js';

const JOB =
  'Peer Specialist\nDuties:\n- Share lived experience to build hope\n- Serve as representative payee for members\n- Drive members to appointments\n- Other duties as assigned';

describe('role report', () => {
  const review = reviewRole(JOB);

  it('writes a Markdown table with the summary and every duty', () => {
    const md = roleMarkdown('Peer | Specialist', JOB, review);
    expect(md.startsWith('# Peer | Specialist\n')).toBe(true);
    expect(md).toContain(review.summary);
    expect(md).toContain('| # | label | duty | why | instead |');
    for (const d of review.duties) expect(md).toContain(d.text.replace(/\|/g, '\\|'));
    expect(md).toContain('| **conflict** |');
  });

  it("is the server's report of the same role, without the dates", () => {
    const md = roleMarkdown('Peer Specialist', JOB, review);
    const saved = documentMarkdown({
      title: 'Peer Specialist',
      kind: 'role',
      text: JOB,
      role: review,
      createdAt: '2026-01-02T00:00:00Z',
      updatedAt: '2026-01-03T00:00:00Z',
    });
    expect(saved.replace(' · saved 2026-01-02 · updated 2026-01-03', '')).toBe(md);
  });

  it('escapes HTML and brackets in the title and duties', () => {
    const text = 'Duties:\n- Drive <script>alert(1)</script> members [x](javascript:y)';
    const md = roleMarkdown('<img src=x onerror=alert(1)>', text, reviewRole(text));
    expect(md).not.toMatch(/<(img|script)\b/);
    expect(md).not.toMatch(/(?<!\\)\]\(javascript/);
    expect(md.startsWith('# &lt;img src=x onerror=alert(1)&gt;\n')).toBe(true);
  });

  it('has a suggestion for every conflict, errand and clinical duty, and none for the others', () => {
    for (const d of review.duties.filter((x) => ['conflict', 'errand', 'clinical'].includes(x.label)))
      expect(dutySuggestions(d).length).toBeGreaterThan(0);
    const bare = { ...review.duties[0]!, label: 'errand' as const, suggestions: [] };
    expect(dutySuggestions(bare).length).toBe(1);
    expect(dutySuggestions({ ...review.duties[0]!, label: 'clinical' as const, suggestions: [] })[0]).toMatch(
      /^Leave this to clinical staff/,
    );
    expect(dutySuggestions({ ...review.duties[0]!, label: 'peer' as const })).toEqual([]);
  });

  it('lists the lines that are not duties apart', () => {
    const text = 'Qualifications\n- High school diploma or GED\nDuties\n- Answer phones';
    const md = roleMarkdown('Peer', text, reviewRole(text));
    expect(md).toContain('Not duties, not counted:');
    expect(md).toContain('- High school diploma or GED (qualification)');
  });

  it('gives each duty the reasons for its own label, and the words that carried it', () => {
    const payee = review.duties.find((d) => /payee/.test(d.text))!;
    expect(payee.label).toBe('conflict');
    const reasons = dutyReasons(payee);
    expect(reasons.length).toBeGreaterThan(0);
    // a cue that pointed to another label is not given as a reason for this one
    const others = payee.reasons.filter((r) => r.label !== 'conflict').map((r) => r.message);
    for (const m of others) expect(reasons).not.toContain(m);
  });

  it('makes a safe file name', () => {
    expect(fileNameFor('Peer Specialist / Outpatient!', 'md')).toBe('peer-specialist-outpatient.md');
    expect(fileNameFor('', 'md')).toBe('role-review.md');
  });
});

describe('routes', () => {
  it('maps the app paths', () => {
    expect(parseRoute('/')).toEqual({ page: 'check' });
    expect(parseRoute('/check')).toEqual({ page: 'check' });
    expect(parseRoute('/roles/')).toEqual({ page: 'roles' });
    expect(parseRoute('/framework')).toEqual({ page: 'framework' });
    expect(parseRoute('/documents')).toEqual({ page: 'documents' });
    expect(parseRoute('/documents/abc-123')).toEqual({ page: 'document', id: 'abc-123' });
    expect(parseRoute('/api/documents')).toEqual({ page: 'not-found' });
    expect(isAppPath('/api/health')).toBe(false);
    expect(isAppPath('/documents/x/report')).toBe(false);
  });
});

describe('sentence shading', () => {
  it('says on hover the label and why: the cues, then the words that carried it', () => {
    const [s] = analyze('Peer Specialist went with Dana to the food bank and introduced her to the volunteers.').sentences;
    const title = sentenceTitle(s!);
    expect(title).toMatch(/^Peer sentence — cues: 'went with Dana to the'/);
    expect(sentenceTitle({ ...s!, reasons: [], evidence: undefined } as never)).toBe('Peer sentence');
  });
});
