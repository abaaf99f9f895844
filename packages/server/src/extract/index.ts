/**
 * An uploaded file to text: DOCX (mammoth), PDF with a text layer (pdf.js, legacy build for
 * Node), plain text and Markdown (strict UTF-8). The format is decided by the file's first bytes,
 * then by its name. PDF text and text decoding are the CLI's own (packages/cli/src/inputs).
 */
import { extname } from 'node:path';
import { decodeText } from '@peerlens/cli/inputs/decode';
import { PdfLimitError, pdfText } from '@peerlens/cli/inputs/pdf';
import mammoth from 'mammoth';
import { ApiError } from '../errors.js';
import { checkZip } from './zip.js';

export type ExtractFormat = 'docx' | 'pdf' | 'text' | 'markdown';

/** The most characters of text an upload may yield: what a saved document can hold. */
export const MAX_EXTRACTED = 500_000;
/** The most pages a PDF may have. */
export const MAX_PDF_PAGES = 500;
/** The longest a PDF may take to read, in milliseconds. */
export const PDF_TIME_LIMIT_MS = 20_000;

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

function tooLong(text: string): string {
  if (text.length > MAX_EXTRACTED) throw tooLongError();
  return text;
}

async function docxText(bytes: Buffer): Promise<string> {
  const zip = checkZip(bytes);
  if (!zip.ok)
    throw zip.reason === 'bomb'
      ? unreadable('This DOCX expands to far more than a document needs (over 100 MB); it was not opened.')
      : unreadable('This DOCX is broken and cannot be read. Open it in a word processor, save it again and retry.');
  if (!zip.names.includes('word/document.xml')) throw unsupported('a ZIP archive but not a Word document');
  let text: string;
  try {
    text = (await mammoth.extractRawText({ buffer: bytes })).value;
  } catch {
    throw unreadable('This DOCX is broken and cannot be read. Open it in a word processor, save it again and retry.');
  }
  // mammoth ends each paragraph with a blank line; one line per paragraph keeps list items apart
  return text.replace(/\n\n(?=\S)/g, '\n').replace(/\s+$/, '\n');
}

async function pdfTextOf(bytes: Buffer): Promise<string> {
  let result: { text: string; pages: number };
  try {
    result = await pdfText(new Uint8Array(bytes), { maxPages: MAX_PDF_PAGES, timeoutMs: PDF_TIME_LIMIT_MS, maxChars: MAX_EXTRACTED + 1 });
  } catch (e) {
    if (e instanceof PdfLimitError) {
      if (e.limit === 'pages')
        throw unreadable(
          `This PDF has ${e.pages.toLocaleString('en-US')} pages; PeerLens reads PDFs of up to ${MAX_PDF_PAGES} pages. Split it, or export the pages you need.`,
        );
      if (e.limit === 'chars') throw tooLongError();
      throw unreadable(
        `This PDF took longer than ${PDF_TIME_LIMIT_MS / 1000} seconds to read and was stopped. Export it again as a simpler PDF, or paste the text.`,
      );
    }
    if ((e as Error).name === 'PasswordException')
      throw unreadable('This PDF is protected by a password. Remove the password and try again.');
    throw unreadable('This PDF is broken and cannot be read. Save or export it again and retry.');
  }
  if (result.text.trim() === '')
    throw unreadable(
      `This PDF has no text layer in its ${result.pages === 1 ? 'one page' : `${result.pages} pages`} (a scan?). Run text recognition (OCR) on it first, or paste the text.`,
    );
  return `${result.text}\n`;
}

function textOf(bytes: Buffer): string {
  const decoded = decodeText(bytes);
  if (decoded.ok) return decoded.text;
  throw unreadable(
    decoded.reason.startsWith('binary')
      ? 'This file holds binary data, not text.'
      : 'This file is not valid UTF-8 text. Save it as UTF-8 (most editors offer it under "Save as") and try again.',
  );
}

/** The text of an uploaded file and its format; throws ApiError 415, 422 or 413. */
export async function extractText(bytes: Buffer, fileName: string): Promise<{ text: string; format: ExtractFormat }> {
  const ext = extname(fileName).toLowerCase();
  if (bytes.length >= 4 && startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return { text: tooLong(await docxText(bytes)), format: 'docx' };
  if (bytes.subarray(0, 1024).includes('%PDF-')) return { text: tooLong(await pdfTextOf(bytes)), format: 'pdf' };
  const known = KNOWN.find((k) => startsWith(bytes, k.magic));
  if (known) throw unsupported(known.name);
  if (ext === '.docx') throw unreadable('This file is named .docx but is not a Word document (not a ZIP archive).');
  if (ext === '.pdf') throw unreadable('This file is named .pdf but is not a PDF (no %PDF header).');
  const format = TEXT_EXTENSIONS[ext];
  if (format === undefined) throw unsupported(`of a type PeerLens does not read (${ext})`);
  return { text: tooLong(textOf(bytes)), format };
}
