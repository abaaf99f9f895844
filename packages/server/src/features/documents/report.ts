/**
 * A saved document's report, to download and share (a supervision session, a program review):
 * Markdown, a self-contained HTML page (no scripts, no outside links), or JSON. Markdown and HTML
 * come from core's one report renderer (`documentMarkdown`, `documentHtml`), the same the CLI and
 * the web use; this module adds what is HTTP's: the media types and the file name.
 */
import { documentHtml, documentMarkdown, REPORT_REFLECTION } from '@peerlens/core';
import type { ReportFormat } from '@peerlens/contract/types';
import type { StoredDocument } from './service.js';

export { escapeHtml, escapeMarkdown } from '@peerlens/core';
export type { ReportFormat };

export const REPORT_TYPES: Readonly<Record<ReportFormat, { type: string; ext: string }>> = {
  markdown: { type: 'text/markdown; charset=utf-8', ext: 'md' },
  html: { type: 'text/html; charset=utf-8', ext: 'html' },
  json: { type: 'application/json; charset=utf-8', ext: 'json' },
};

export const markdownReport = (doc: StoredDocument): string => documentMarkdown(doc);
export const htmlReport = (doc: StoredDocument): string => documentHtml(doc);
export const jsonReport = (doc: StoredDocument): string =>
  `${JSON.stringify({ generator: 'PeerLens', note: REPORT_REFLECTION, document: doc }, null, 2)}\n`;

export function renderReport(doc: StoredDocument, format: ReportFormat): string {
  return format === 'html' ? htmlReport(doc) : format === 'json' ? jsonReport(doc) : markdownReport(doc);
}

export function contentDisposition(title: string, format: ReportFormat): string {
  const ext = REPORT_TYPES[format].ext;
  const base =
    title
      .normalize('NFKD')
      .replace(/[^\w\s-]/g, '')
      .trim()
      .replace(/\s+/g, '-')
      .toLowerCase()
      .slice(0, 80) || 'document';
  const utf8 = encodeURIComponent(`${title.slice(0, 120)}.${ext}`).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="peerlens-${base}.${ext}"; filename*=UTF-8''${utf8}`;
}
