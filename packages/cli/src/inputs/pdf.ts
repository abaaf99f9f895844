/**
 * PDF with a text layer, through pdf.js (the legacy build, for Node 20): one document, page
 * after page. A PDF with no text layer (a scan) gets a clear message rather than an empty check.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bytesOf, problem } from './document.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

interface TextItem {
  str: string;
  hasEOL: boolean;
  transform: number[];
}

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let pdfjs: Promise<PdfJs> | undefined;
const standardFonts = (): string => {
  const require = createRequire(import.meta.url);
  return `${pathToFileURL(join(dirname(require.resolve('pdfjs-dist/package.json')), 'standard_fonts')).href}/`;
};

/** Bounds on reading one PDF (the server sets them; the CLI reads whole files). */
export interface PdfLimits {
  /** Refuse a PDF with more pages than this before reading any page. */
  maxPages?: number;
  /** Stop after this many milliseconds of reading. */
  timeoutMs?: number;
  /** Stop once the text is longer than this many characters. */
  maxChars?: number;
}

/** Thrown when a PDF goes past one of its `PdfLimits`; `limit` names which. */
export class PdfLimitError extends Error {
  override readonly name = 'PdfLimitError';
  constructor(
    readonly limit: 'pages' | 'time' | 'chars',
    readonly pages: number,
  ) {
    super(`the PDF is over its ${limit} limit`);
  }
}

/** The text of a PDF, pages separated by a blank line; lines where the layout has them. */
export async function pdfText(bytes: Uint8Array, limits: PdfLimits = {}): Promise<{ text: string; pages: number }> {
  const started = Date.now();
  pdfjs ??= import('pdfjs-dist/legacy/build/pdf.mjs');
  const lib = await pdfjs;
  const doc = await lib.getDocument({
    data: bytes,
    verbosity: 0,
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    standardFontDataUrl: standardFonts(),
  }).promise;
  const pages: string[] = [];
  let chars = 0;
  try {
    if (limits.maxPages !== undefined && doc.numPages > limits.maxPages) throw new PdfLimitError('pages', doc.numPages);
    for (let p = 1; p <= doc.numPages; p++) {
      if (limits.timeoutMs !== undefined && Date.now() - started > limits.timeoutMs) throw new PdfLimitError('time', doc.numPages);
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      let out = '';
      let lastY: number | undefined;
      for (const raw of content.items) {
        if (!('str' in raw)) continue;
        const item = raw as TextItem;
        const y = item.transform[5];
        if (lastY !== undefined && y !== undefined && Math.abs(y - lastY) > 2 && out !== '' && !out.endsWith('\n')) out += '\n';
        out += item.str;
        if (item.hasEOL) out += '\n';
        if (y !== undefined) lastY = y;
      }
      pages.push(out.replace(/[ \t]+\n/g, '\n').trim());
      page.cleanup();
      chars += out.length + 2;
      if (limits.maxChars !== undefined && chars > limits.maxChars) throw new PdfLimitError('chars', doc.numPages);
    }
  } finally {
    await doc.destroy();
  }
  return { text: pages.join('\n\n'), pages: doc.numPages };
}

export async function* readPdf(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0) {
    yield problem({ file: source.name, reason: 'not a PDF file (no %PDF header)' }, bytes.length);
    return;
  }
  let result: { text: string; pages: number };
  try {
    result = await pdfText(new Uint8Array(bytes));
  } catch (e) {
    const name = (e as Error).name;
    const reason =
      name === 'PasswordException'
        ? 'a password-protected PDF; remove the password and try again'
        : `a broken PDF: ${(e as Error).message}`;
    yield problem({ file: source.name, reason }, bytes.length);
    return;
  }
  if (result.text.trim() === '') {
    yield problem(
      {
        file: source.name,
        reason: `no text layer in ${result.pages} page${result.pages === 1 ? '' : 's'} (a scanned PDF?); run OCR on it first (e.g. ocrmypdf) and check the result`,
      },
      bytes.length,
    );
    return;
  }
  yield { type: 'record', record: { file: source.name, format: 'pdf', kind: 'document', text: `${result.text}\n`, bytes: bytes.length } };
}
