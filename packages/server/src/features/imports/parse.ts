/**
 * An uploaded history file to rows: CSV and JSON Lines through @peerlens/inputs' readers in an
 * isolated worker (every column kept, problems by line: a ragged row, a line that is not UTF-8),
 * DOCX, PDF and text as one note each through the extractor. Problems carry a line and a reason,
 * never the row's text.
 */
import { extname } from 'node:path';
import { chooseColumns, readIsolated, SERVER_LIMITS, type Format } from '@peerlens/inputs';
import { ApiError } from '../../errors.js';
import { extractText, problemError } from '../extract/service.js';

export type ImportFormat = 'csv' | 'jsonl' | 'docx' | 'pdf' | 'text' | 'markdown';

export interface ParsedRow {
  readonly line: number;
  readonly fields: Readonly<Record<string, string>>;
}

export interface LineProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ParsedFile {
  readonly format: ImportFormat;
  readonly columns: readonly string[];
  readonly rows: readonly ParsedRow[];
  readonly problems: readonly LineProblem[];
  readonly guess: { textColumn?: string; authorColumn?: string; dateColumn?: string };
}

/** The most rows one import may hold. */
export const MAX_IMPORT_ROWS = 100_000;

/** The column a whole-document import (DOCX, PDF, text) puts its text in. */
export const DOCUMENT_COLUMN = 'text';

function formatOf(bytes: Buffer, fileName: string): ImportFormat {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return 'docx';
  if (bytes.subarray(0, 1024).includes('%PDF-')) return 'pdf';
  if (ext === '.csv' || ext === '.tsv') return 'csv';
  if (ext === '.jsonl' || ext === '.ndjson') return 'jsonl';
  if (ext === '.md' || ext === '.markdown') return 'markdown';
  if (ext === '.txt' || ext === '.text' || ext === '') return 'text';
  throw new ApiError(
    415,
    'unsupported_type',
    `PeerLens imports CSV, JSON Lines, DOCX, PDF and plain text; this file's type (${ext}) is not one of them.`,
  );
}

export async function parseUpload(bytes: Buffer, fileName: string): Promise<ParsedFile> {
  const format = formatOf(bytes, fileName);
  if (format === 'csv' || format === 'jsonl') return parseRecords(bytes, fileName, format);
  const { text } = await extractText(
    bytes,
    format === 'docx' ? 'upload.docx' : format === 'pdf' ? 'upload.pdf' : `upload.${format === 'markdown' ? 'md' : 'txt'}`,
  );
  const rows = text.trim() === '' ? [] : [{ line: 1, fields: { [DOCUMENT_COLUMN]: text } }];
  const problems = rows.length === 0 ? [{ line: 1, reason: 'the file holds no text' }] : [];
  return { format, columns: [DOCUMENT_COLUMN], rows, problems, guess: { textColumn: DOCUMENT_COLUMN } };
}

async function parseRecords(bytes: Buffer, fileName: string, format: Format & ('csv' | 'jsonl')): Promise<ParsedFile> {
  const rows: ParsedRow[] = [];
  const problems: LineProblem[] = [];
  const columns: string[] = [];
  const seen = new Set<string>();
  // The reader names the source only for messages (and a .tsv name chooses tabs).
  const name = fileName.toLowerCase().endsWith('.tsv') ? 'upload.tsv' : `upload.${format}`;
  for await (const event of readIsolated({ name, format, bytes, keepFields: true, limits: SERVER_LIMITS })) {
    if (event.type === 'problem') {
      const { code } = event.problem;
      // the whole file went past a limit (time, memory): nothing of it is kept
      if (code === 'time' || code === 'memory' || (code === 'broken' && event.problem.line === undefined))
        throw problemError(event.problem, 'text');
      problems.push({ line: event.problem.line ?? 1, reason: event.problem.reason });
    }
    if (event.type !== 'record') continue;
    const { record } = event;
    const fields = record.fields ?? { text: record.text };
    for (const k of Object.keys(fields))
      if (!seen.has(k)) {
        seen.add(k);
        columns.push(k);
      }
    if (rows.length >= MAX_IMPORT_ROWS) {
      problems.push({ line: record.line ?? 0, reason: `more than ${MAX_IMPORT_ROWS.toLocaleString('en-US')} rows; the rest was not read` });
      break;
    }
    rows.push({ line: record.line ?? rows.length + 2, fields });
  }
  const first = rows[0];
  const choice = chooseColumns(columns, first ? columns.map((c) => first.fields[c] ?? '') : undefined, {});
  return {
    format,
    columns,
    rows,
    problems,
    guess: {
      ...(choice.text !== undefined ? { textColumn: choice.text } : {}),
      ...(choice.author !== undefined ? { authorColumn: choice.author } : {}),
      ...(choice.date !== undefined ? { dateColumn: choice.date } : {}),
    },
  };
}

/**
 * A date as written in a file, to an ISO date (YYYY-MM-DD) or date-time; undefined when it
 * cannot be read. Takes ISO 8601 (2025-03-04, 2025-03-04T10:00Z), M/D/YYYY (US) and D.M.YYYY.
 */
export function parseDate(value: string): string | undefined {
  const v = value.trim();
  let y: number, m: number, d: number;
  let match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(v);
  if (match) {
    [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
    if (!validDay(y, m, d)) return undefined;
    if (match[4] === undefined) return `${match[1]}-${match[2]}-${match[3]}`;
    const t = new Date(match[7] === undefined ? `${v.replace(' ', 'T')}Z` : v.replace(' ', 'T'));
    return Number.isNaN(t.getTime()) ? undefined : t.toISOString();
  }
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (match) [y, m, d] = [Number(match[3]), Number(match[1]), Number(match[2])];
  else {
    match = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(v);
    if (!match) return undefined;
    [y, m, d] = [Number(match[3]), Number(match[2]), Number(match[1])];
  }
  if (!validDay(y, m, d)) return undefined;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function validDay(y: number, m: number, d: number): boolean {
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}
