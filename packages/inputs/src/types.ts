/** What the readers yield: records of text to check, problems with an input, and notices. */
import type { LimitKind, ReadLimits } from './limits.js';

export type Format = 'text' | 'markdown' | 'csv' | 'jsonl' | 'docx' | 'pdf';
export const FORMATS: readonly Format[] = ['text', 'markdown', 'csv', 'jsonl', 'docx', 'pdf'];

/** One input to read: a file, or standard input. */
export interface Source {
  /** The name shown to the user: a path relative to the working folder, or "<stdin>". */
  readonly name: string;
  /** Absolute path; undefined for standard input. */
  readonly path?: string;
  readonly format: Format;
  /** Size in bytes, when known (for the progress bar). */
  readonly size?: number;
}

/** One text to check: a whole document, or one record of a CSV or JSON Lines file. */
export interface InputRecord {
  readonly file: string;
  readonly format: Format;
  /** `document` for a whole file (text, Markdown, DOCX, PDF); `record` for a CSV row or a JSON line. */
  readonly kind: 'document' | 'record';
  readonly id?: string | number;
  /** Line of the record in its file (1-based). */
  readonly line?: number;
  readonly author?: string;
  readonly date?: string;
  readonly text: string;
  /** Every column (CSV) or scalar key (JSON Lines) of the record, when `keepFields` was asked for (the server's import mapping). */
  readonly fields?: Readonly<Record<string, string>>;
  /** Bytes of the input this record accounts for (for progress). */
  readonly bytes: number;
}

/** What kind of problem an input has, for a program to act on (the server's status codes); `reason` says it in words. */
export type ProblemCode =
  | LimitKind
  | 'broken' // a DOCX or PDF that cannot be parsed
  | 'password' // a PDF behind a password
  | 'no_text' // a PDF with no text layer
  | 'not_docx' // named or forced as DOCX, but not a ZIP archive
  | 'old_doc' // a binary .doc
  | 'not_word' // a ZIP archive without word/document.xml
  | 'not_pdf' // no %PDF header
  | 'binary' // binary data in a text file
  | 'not_utf8'; // bytes that are not UTF-8

/** An input (or part of one) that could not be read; the rest of the batch goes on. */
export interface InputProblem {
  readonly file: string;
  readonly line?: number;
  readonly reason: string;
  readonly code?: ProblemCode;
  /** A PDF's page count, when it was refused for its pages. */
  readonly pages?: number;
}

export type InputEvent =
  | { readonly type: 'record'; readonly record: InputRecord }
  | { readonly type: 'problem'; readonly problem: InputProblem; readonly bytes?: number }
  | { readonly type: 'notice'; readonly message: string };

/** Which columns (CSV) or keys (JSON Lines) hold what. Unset ones are guessed. */
export interface ColumnOptions {
  readonly textColumn?: string;
  readonly idColumn?: string;
  readonly authorColumn?: string;
  readonly dateColumn?: string;
}

export interface ReadOptions extends ColumnOptions {
  /** Standard input, for a source without a path. */
  readonly stdin: NodeJS.ReadableStream;
  /** Keep every column of a CSV row or JSON line in `fields` (default false). */
  readonly keepFields?: boolean;
  /** Bounds on reading a DOCX or PDF (default CLI_LIMITS); see limits.ts. */
  readonly limits?: ReadLimits;
}

/** The format a file name implies, or undefined for an unknown extension. */
export function formatOf(name: string): Format | undefined {
  const lower = name.toLowerCase();
  const ext = lower.slice(lower.lastIndexOf('.') + 1);
  switch (ext) {
    case 'txt':
    case 'text':
      return 'text';
    case 'md':
    case 'markdown':
      return 'markdown';
    case 'csv':
    case 'tsv':
      return 'csv';
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'docx':
      return 'docx';
    case 'pdf':
      return 'pdf';
    default:
      return undefined;
  }
}

export const KNOWN_EXTENSIONS = ['txt', 'text', 'md', 'markdown', 'csv', 'tsv', 'jsonl', 'ndjson', 'docx', 'pdf'];
