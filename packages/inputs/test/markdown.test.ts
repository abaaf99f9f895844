/** What of a Markdown file is read as prose: code and link targets are not, positions stay the file's. */
import { maskMarkdown } from '@peerlens/inputs';
import { describe, expect, it } from 'vitest';

describe('maskMarkdown', () => {
  it('blanks indented code after a blank line, keeping every line and column', () => {
    const md = 'Our notes.\n\n    He is a frequent flyer.\n    second code line\n\nBack to prose.\n';
    const out = maskMarkdown(md);
    expect(out.length).toBe(md.length);
    expect(out.split('\n').map((l) => l.trim())).toEqual(['Our notes.', '', '', '', '', 'Back to prose.', '']);
  });

  it('keeps an indented line that continues a paragraph or a list item', () => {
    const md = 'A paragraph line\n    that goes on indented.\n\n- a list item\n\n    more of the same item\n';
    expect(maskMarkdown(md)).toBe(md);
  });

  it('blanks fenced code and inline code, keeps link text', () => {
    const md = 'See [the guide](https://example.org/x) and `code`.\n```\nfenced\n```\n';
    const out = maskMarkdown(md);
    expect(out).toContain('[the guide]');
    expect(out).not.toContain('example.org');
    expect(out).not.toContain('code`');
    expect(out).not.toContain('fenced');
    expect(out.length).toBe(md.length);
  });
});
