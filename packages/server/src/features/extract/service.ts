/**
 * An uploaded file to text: DOCX (mammoth), PDF with a text layer (pdf.js, legacy build for
 * Node), plain text and Markdown (strict UTF-8). The format is decided by the file's first bytes,
 * then by its name, here; the file itself is read by @peerlens/inputs in a worker thread under
 * SERVER_LIMITS (decision 011), so no upload can take this thread's time or memory.
 */
import { extname } from 'node:path';
import { readIsolated, SERVER_LIMITS, type InputProblem } from '@peerlens/inputs';
import { ApiError } from '../../errors.js';

export type ExtractFormat = 'docx' | 'pdf' | 'text' | 'markdown';

/** The most characters of text an upload may yield: what a saved document can hold. */
export const MAX_EXTRACTED = SERVER_LIMITS.maxChars;
/** The most pages a PDF may have. */
export const MAX_PDF_PAGES = SERVER_LIMITS.maxPages;
/** The longest a file may take to read, in milliseconds (the worker is stopped then). */
export const READ_TIME_LIMIT_MS = SERVER_LIMITS.timeoutMs;

const TEXT_EXTENSIONS: Readonly<Record<string, 'text' | 'markdown'>> = {
  '': 'text',
  '.txt': 'text',
  '.text': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
};

/** Types recognised by their first bytes, to name them in the 415 message. */
const KNOWN: readonly { magic: number[]; name: string }[] = [
  { magic: [0xd0, 0xcf, 0x11, 0xe0], name: 'an old Word or Office file (.doc, .xls); save it as .docx' },
  { magic: [0x89, 0x50, 0x4e, 0x47], name: 'a PNG image' },
  { magic: [0xff, 0xd8, 0xff], name: 'a JPEG image' },
  { magic: [0x47, 0x49, 0x46, 0x38], name: 'a GIF image' },
  { magic: [0x7b, 0x5c, 0x72, 0x74, 0x66], name: 'an RTF file; save it as .docx' },
  { magic: [0x1f, 0x8b], name: 'a gzip archive' },
  { magic: [0x52, 0x61, 0x72, 0x21], name: 'a RAR archive' },
  { magic: [0x37, 0x7a, 0xbc, 0xaf], name: 'a 7-Zip archive' },
  { magic: [0x7f, 0x45, 0x4c, 0x46], name: 'a program' },
  { magic: [0x4d, 0x5a], name: 'a program' },
];

const startsWith = (b: Buffer, magic: readonly number[]): boolean => magic.every((m, i) => b[i] === m);

const unsupported = (what: string): ApiError =>
  new ApiError(415, 'unsupported_type', `This file is ${what}. PeerLens reads DOCX, PDF (with a text layer), plain text and Markdown.`);
const unreadable = (why: string): ApiError => new ApiError(422, 'unreadable', why);

const tooLongError = (): ApiError =>
  new ApiError(
    413,
    'too_large',
    `The text in this file is longer than ${MAX_EXTRACTED.toLocaleString('en-US')} characters, the most a document can hold.`,
  );

const BROKEN: Readonly<Record<'docx' | 'pdf', string>> = {
  docx: 'This DOCX is broken and cannot be read. Open it in a word processor, save it again and retry.',
  pdf: 'This PDF is broken and cannot be read. Save or export it again and retry.',
};

/** The reply for a problem the reader found, by its code. */
export function problemError(p: InputProblem, format: ExtractFormat): ApiError {
  const kind = format === 'docx' ? 'DOCX' : format === 'pdf' ? 'PDF' : 'file';
  switch (p.code) {
    case 'chars':
      return tooLongError();
    case 'pages':
      return unreadable(
        `This PDF has ${(p.pages ?? 0).toLocaleString('en-US')} pages; PeerLens reads PDFs of up to ${MAX_PDF_PAGES} pages. Split it, or export the pages you need.`,
      );
    case 'time':
      return unreadable(
        `This ${kind} took longer than ${READ_TIME_LIMIT_MS / 1000} seconds to read and was stopped. Save or export it again as a simpler file, or paste the text.`,
      );
    case 'memory':
      return unreadable(
        `This ${kind} needed far more memory than a document should to read, and was stopped. Save it again as a simpler file, or paste the text.`,
      );
    case 'depth':
    case 'elements':
      return unreadable(
        `This ${kind} is built in a way no word processor writes (${p.reason.replace(/; not read$/, '')}); it was not opened.`,
      );
    case 'expansion':
    case 'entries':
      return unreadable(`This ${kind} expands to far more than a document needs; it was not opened.`);
    case 'not_word':
      return unsupported('a ZIP archive but not a Word document');
    case 'password':
      return unreadable('This PDF is protected by a password. Remove the password and try again.');
    case 'no_text':
      return unreadable(
        `This PDF has no text layer in its ${p.pages === 1 ? 'one page' : `${(p.pages ?? 0).toLocaleString('en-US')} pages`} (a scan?). Run text recognition (OCR) on it first, or paste the text.`,
      );
    case 'binary':
      return unreadable('This file holds binary data, not text.');
    case 'not_utf8':
      return unreadable('This file is not valid UTF-8 text. Save it as UTF-8 (most editors offer it under "Save as") and try again.');
    default:
      return unreadable(format === 'docx' || format === 'pdf' ? BROKEN[format] : 'This file cannot be read.');
  }
}

/** Reads one document in the isolated worker: its text, or the ApiError for its problem. */
async function documentText(bytes: Buffer, format: ExtractFormat): Promise<string> {
  let text: string | undefined;
  // Markdown is returned as written (the CLI's reader would blank its code and links)
  for await (const event of readIsolated({
    name: 'upload',
    format: format === 'markdown' ? 'text' : format,
    bytes,
    limits: SERVER_LIMITS,
  })) {
    if (event.type === 'problem') throw problemError(event.problem, format);
    if (event.type === 'record') text = event.record.text;
  }
  if (text === undefined) throw unreadable('This file cannot be read.');
  if (text.length > MAX_EXTRACTED) throw tooLongError();
  return text;
}

/** The text of an uploaded file and its format; throws ApiError 415, 422 or 413. */
export async function extractText(bytes: Buffer, fileName: string): Promise<{ text: string; format: ExtractFormat }> {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length >= 4 && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { text: await documentText(bytes, 'docx'), format: 'docx' };
  if (bytes.subarray(0, 1024).includes('%PDF-')) return { text: await documentText(bytes, 'pdf'), format: 'pdf' };
  const known = KNOWN.find((k) => startsWith(bytes, k.magic));
  if (known) throw unsupported(known.name);
  if (ext === '.docx') throw unreadable('This file is named .docx but is not a Word document (not a ZIP archive).');
  if (ext === '.pdf') throw unreadable('This file is named .pdf but is not a PDF (no %PDF header).');
  const format = TEXT_EXTENSIONS[ext];
  if (format === undefined) throw unsupported(`of a type PeerLens does not read (${ext})`);
  return { text: await documentText(bytes, format), format };
}

export { safeFileName } from './names.js';
