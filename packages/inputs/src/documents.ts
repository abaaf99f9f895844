/**
 * DOCX and PDF as input events, read in this thread under `options.limits`. `read()` runs these
 * in an isolated child process (isolate.ts); only that child calls them directly.
 */
import { bytesOf, problem } from './document.js';
import { DocxError, docxText } from './docx.js';
import { CLI_LIMITS, LimitError } from './limits.js';
import { pdfText } from './pdf.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

/** A problem event for an error thrown while reading `file`. */
export function problemOf(file: string, e: unknown, bytes: number, format: 'docx' | 'pdf'): InputEvent {
  if (e instanceof LimitError)
    return problem({ file, reason: e.message, code: e.limit, ...(e.pages !== undefined ? { pages: e.pages } : {}) }, bytes);
  if (e instanceof DocxError) return problem({ file, reason: e.message, code: e.code }, bytes);
  const error = e as Error;
  if (format === 'pdf' && error.name === 'PasswordException')
    return problem({ file, reason: 'a password-protected PDF; remove the password and try again', code: 'password' }, bytes);
  return problem(
    { file, reason: `a broken ${format === 'pdf' ? 'PDF' : 'DOCX'}: ${error.message.split('\n')[0] ?? 'cannot be read'}`, code: 'broken' },
    bytes,
  );
}

export async function* readDocxInThread(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  let text: string;
  try {
    text = await docxText(bytes, options.limits ?? CLI_LIMITS);
  } catch (e) {
    yield problemOf(source.name, e, bytes.length, 'docx');
    return;
  }
  yield { type: 'record', record: { file: source.name, format: 'docx', kind: 'document', text, bytes: bytes.length } };
}

export async function* readPdfInThread(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
    yield problem({ file: source.name, reason: 'not a PDF file (no %PDF header)', code: 'not_pdf' }, bytes.length);
    return;
  }
  let result: { text: string; pages: number };
  try {
    result = await pdfText(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), options.limits ?? CLI_LIMITS);
  } catch (e) {
    yield problemOf(source.name, e, bytes.length, 'pdf');
    return;
  }
  if (result.text.trim() === '') {
    yield problem(
      {
        file: source.name,
        reason: `no text layer in ${result.pages} page${result.pages === 1 ? '' : 's'} (a scanned PDF?); run OCR on it first (e.g. ocrmypdf) and check the result`,
        code: 'no_text',
        pages: result.pages,
      },
      bytes.length,
    );
    return;
  }
  yield { type: 'record', record: { file: source.name, format: 'pdf', kind: 'document', text: `${result.text}\n`, bytes: bytes.length } };
}
