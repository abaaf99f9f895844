import { describe, expect, it } from 'vitest';
import { explainLabel } from '../analyze/explain.js';
import { reviewRole } from '../analyze/duty.js';
import { documentHtml, documentMarkdown, dutySuggestions, dutyTableMarkdown, escapeMarkdown } from './index.js';

const JOB = 'Duties:\n- Serve as representative payee for members\n- Drive members to appointments\n- Share lived experience to build hope';

describe('the report renderer', () => {
  const review = reviewRole(JOB);

  it('renders a duty the same from a core duty and from a row that carries its why (the CLI’s)', () => {
    const rows = review.duties.map((d) => ({ text: d.text, label: d.label, suggestions: d.suggestions, why: explainLabel(d, 'duty') }));
    expect(dutyTableMarkdown(rows)).toEqual(dutyTableMarkdown(review.duties));
  });

  it('gives one fallback suggestion to a duty to rethink that has none, and none to the others', () => {
    const d = review.duties[0]!;
    expect(dutySuggestions({ ...d, label: 'errand', suggestions: [] })).toHaveLength(1);
    expect(dutySuggestions({ ...d, label: 'clinical', suggestions: [] })[0]).toMatch(/^Leave this to clinical staff/);
    expect(dutySuggestions({ ...d, label: 'peer' })).toEqual([]);
  });

  it('escapes the title, the text and the duties', () => {
    const text = 'Duties:\n- Drive <script>alert(1)</script> members [x](javascript:y)';
    const doc = { title: '<img src=x onerror=alert(1)>', kind: 'role' as const, text, role: reviewRole(text) };
    expect(documentMarkdown(doc)).not.toMatch(/<(img|script)\b|(?<!\\)\]\(javascript/);
    expect(documentHtml(doc)).not.toMatch(/<(img|script)\b/);
    expect(escapeMarkdown('<b>&</b> [a](b) \\[')).toBe('&lt;b&gt;&amp;&lt;/b&gt; \\[a\\](b) \\\\\\[');
  });
});
