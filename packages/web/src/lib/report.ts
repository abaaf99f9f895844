/** A role review as Markdown, made in the browser for download, with core's one report renderer (the server's report is the same). */
import { documentMarkdown, type RoleReview } from '@peerlens/core';

export { dutyReasons, dutySuggestions } from '@peerlens/core';

/** The review's report in Markdown: the same as the server's report of a saved role, without the dates. */
export const roleMarkdown = (title: string, text: string, review: RoleReview): string =>
  documentMarkdown({ title, kind: 'role', text, role: review });

/** A file name from a title: letters, digits and dashes. */
export function fileNameFor(title: string, ext: string): string {
  const base = title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${base || 'role-review'}.${ext}`;
}
