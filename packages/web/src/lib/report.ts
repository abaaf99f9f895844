/** A role review as Markdown, made in the browser for download. */
import { explainLabel, type Duty, type RoleReview } from '@peerlens/core';
import { LABEL_TEXT } from './labels.js';

/**
 * Text for Markdown: HTML is escaped (a Markdown viewer renders raw HTML, so a duty holding
 * `<img onerror=…>` would run there), and so are brackets, so text cannot become a link or image.
 */
export const escapeMarkdown = (s: string): string =>
  s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([[\]\\])/g, '\\$1');
const cell = (s: string): string => escapeMarkdown(s).replace(/\|/g, '\\|').replace(/\s+/g, ' ').trim();

/** What a program might do instead, for a conflict or errand; other duties need none. */
export function dutySuggestions(duty: Duty): readonly string[] {
  if (duty.label !== 'conflict' && duty.label !== 'errand') return duty.suggestions;
  if (duty.suggestions.length > 0) return duty.suggestions;
  return duty.label === 'conflict'
    ? ['Talk with the peer and their supervisor about giving this task to a role without the peer’s closeness to the person.']
    : ['Name the peer purpose of this task, or give it to staff whose job it is.'];
}

/** The reasons for a duty's label: its cues' messages, then the words that carried the judgement. */
export function dutyReasons(duty: Duty): readonly string[] {
  const why = explainLabel(duty);
  const seen = new Set<string>();
  const out: string[] = [];
  for (const c of why.cues) {
    if (seen.has(c.message)) continue;
    seen.add(c.message);
    out.push(c.message);
  }
  if (why.words.length > 0) out.push(`Words that carried it: ${why.words.join(', ')}.`);
  return out;
}

export function roleMarkdown(title: string, review: RoleReview): string {
  const lines = [
    `# ${escapeMarkdown(title.replace(/\s+/g, ' ').trim()) || 'Role review'}`,
    '',
    cell(review.summary),
    '',
    '| # | Duty | Label | Why | What to try instead |',
    '|---|---|---|---|---|',
  ];
  review.duties.forEach((d, i) => {
    lines.push(
      `| ${i + 1} | ${cell(d.text)} | ${LABEL_TEXT[d.label]} | ${cell(dutyReasons(d).join(' ')) || '—'} | ${cell(dutySuggestions(d).join('; ')) || '—'} |`,
    );
  });
  lines.push('', 'Made with PeerLens: a prompt for reflection between a peer specialist and their supervisor, not a grade.', '');
  return lines.join('\n');
}

/** A file name from a title: letters, digits and dashes. */
export function fileNameFor(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'role-review'}.${ext}`;
}
