import { describe, expect, it } from 'vitest';
import { reviewRole } from '@peerlens/core';
import { dutySuggestions, fileNameFor, roleMarkdown } from '../src/lib/report.js';
import { isAppPath, parseRoute } from '../src/router.js';

const JOB =
  'Peer Specialist\nDuties:\n- Share lived experience to build hope\n- Serve as representative payee for members\n- Drive members to appointments\n- Other duties as assigned';

describe('role report', () => {
  const review = reviewRole(JOB);

  it('writes a Markdown table with the summary and every duty', () => {
    const md = roleMarkdown('Peer | Specialist', review);
    expect(md.startsWith('# Peer | Specialist\n')).toBe(true);
    expect(md).toContain(review.summary);
    expect(md).toContain('| Duty | Label |');
    for (const d of review.duties) expect(md).toContain(d.text.replace(/\|/g, '\\|'));
    expect(md).toContain('Conflict');
  });

  it('has a suggestion for every conflict and errand', () => {
    for (const d of review.duties.filter((x) => x.label === 'conflict' || x.label === 'errand'))
      expect(dutySuggestions(d).length).toBeGreaterThan(0);
    const bare = { ...review.duties[0]!, label: 'errand' as const, suggestions: [] };
    expect(dutySuggestions(bare).length).toBe(1);
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
