/**
 * DOCX, through mammoth's plain-text extraction: one document, paragraphs on their own lines.
 * Before mammoth builds its tree, every entry of the archive is inflated as a stream under a
 * ceiling, and every XML part is scanned for its depth, its elements and its characters of text
 * (xml-scan.ts), so a file that would take the parser minutes or gigabytes is refused in
 * milliseconds. This runs in the isolated child process (isolate.ts), never in the server's process.
 */
import { LimitError, type ReadLimits } from './limits.js';
import { XmlScanner } from './xml-scan.js';
import { BrokenZipError, inflateEntry, zipEntries } from './zip.js';

/** Why a DOCX could not be read (a LimitError says which limit it passed instead). */
export class DocxError extends Error {
  override readonly name = 'DocxError';
  constructor(
    readonly code: 'not_docx' | 'old_doc' | 'not_word' | 'broken',
    message: string,
  ) {
    super(message);
  }
}

const MB = 1024 * 1024;
const isXml = (name: string): boolean => /\.(xml|rels)$/i.test(name);

/** Checks the archive and every XML part against `limits` without building anything; throws DocxError or LimitError. */
export async function precheckDocx(bytes: Uint8Array, limits: ReadLimits): Promise<void> {
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
      throw new DocxError('old_doc', 'an old binary Word file (.doc), not DOCX; save it as .docx');
    throw new DocxError('not_docx', 'not a DOCX file (not a ZIP archive)');
  }
  let entries;
  try {
    entries = zipEntries(bytes, limits);
  } catch (e) {
    if (e instanceof BrokenZipError) throw new DocxError('broken', `a broken DOCX: ${e.message}`);
    throw e;
  }
  if (!entries.some((e) => e.name === 'word/document.xml'))
    throw new DocxError('not_word', 'a ZIP archive but not a Word document (no word/document.xml)');
  const scanner = new XmlScanner(limits);
  let total = 0;
  for (const entry of entries) {
    const xml = isXml(entry.name);
    const budget = limits.maxExpanded - total;
    const cap = xml ? Math.min(limits.maxXmlBytes, budget) : budget;
    if (xml) scanner.reset();
    try {
      total += await inflateEntry(bytes, entry, cap, xml ? (chunk) => scanner.write(chunk) : () => undefined);
    } catch (e) {
      if (e instanceof BrokenZipError) throw new DocxError('broken', `a broken DOCX: ${entry.name}: ${e.message}`);
      if (e instanceof LimitError && e.limit === 'expansion')
        throw new LimitError(
          'expansion',
          cap === limits.maxXmlBytes
            ? `it expands to far more than a document needs (${entry.name} is over ${Math.round(cap / MB)} MB); not read`
            : `it expands to far more than a document needs (over ${Math.round(limits.maxExpanded / MB)} MB in all); not read`,
        );
      throw e;
    }
  }
}

/** The text of a DOCX within `limits`: checked first (precheckDocx), then read by mammoth. */
export async function docxText(bytes: Uint8Array, limits: ReadLimits): Promise<string> {
  await precheckDocx(bytes, limits);
  let text: string;
  try {
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    const mammoth = (await import('mammoth')).default;
    text = (await mammoth.extractRawText({ buffer })).value;
  } catch (e) {
    throw new DocxError('broken', `a broken DOCX: ${(e as Error).message.split('\n')[0] ?? 'cannot be read'}`);
  }
  // mammoth ends each paragraph with a blank line; one line per paragraph reads better and keeps list items apart
  text = text.replace(/\n\n(?=\S)/g, '\n').replace(/\s+$/, '\n');
  if (text.length > limits.maxChars)
    throw new LimitError('chars', `more than ${limits.maxChars.toLocaleString('en-US')} characters of text; not read further`);
  return text;
}
