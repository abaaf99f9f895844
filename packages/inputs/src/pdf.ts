/**
 * PDF with a text layer, through pdf.js (the legacy build, for Node 20): one document, page
 * after page. A PDF with no text layer (a scan) gets a clear message rather than an empty check.
 * Its streams are measured first (pdf-scan.ts); the page count is checked before any page is
 * read and the characters after each page. This runs in the isolated child process (isolate.ts), whose
 * wall clock ends a page that takes too long.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { LimitError, limitReason, type ReadLimits } from './limits.js';
import { precheckPdf } from './pdf-scan.js';

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

/** The text of a PDF, pages separated by a blank line; lines where the layout has them. */
export async function pdfText(bytes: Uint8Array, limits: ReadLimits): Promise<{ text: string; pages: number }> {
  await precheckPdf(bytes, limits);
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
    if (doc.numPages > limits.maxPages) throw new LimitError('pages', limitReason('pages', limits, doc.numPages), doc.numPages);
    for (let p = 1; p <= doc.numPages; p++) {
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
      if (chars > limits.maxChars) throw new LimitError('chars', limitReason('chars', limits), doc.numPages);
    }
  } finally {
    await doc.destroy();
  }
  return { text: pages.join('\n\n'), pages: doc.numPages };
}
