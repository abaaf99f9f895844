/**
 * Bounds on reading one untrusted file. Every DOCX and PDF (and, on the server, every upload)
 * is read in a child process under these limits (decision 011): the sized pre-checks refuse a
 * file before a parser builds anything; the child's heap cap and the wall clock end a parse
 * that gets past them.
 */

/** Which limit a file went past. */
export type LimitKind =
  | 'chars' // more text than `maxChars`
  | 'pages' // a PDF of more than `maxPages` pages
  | 'time' // reading took longer than `timeoutMs`
  | 'memory' // the child ran out of its heap, or past `maxRssMb`
  | 'depth' // XML nested deeper than `maxDepth`
  | 'elements' // more XML elements than `maxElements`
  | 'expansion' // a ZIP entry or a PDF stream inflates past its ceiling
  | 'entries'; // a ZIP of more than `maxEntries` entries

export interface ReadLimits {
  /** The most characters of text one document may yield (a DOCX or PDF, or all records of a file together). */
  readonly maxChars: number;
  /** The most pages a PDF may have; counted before any page is read. */
  readonly maxPages: number;
  /** Wall clock for one file, in milliseconds; the child is killed when it runs out. */
  readonly timeoutMs: number;
  /** The child's old-generation heap, in MB (`--max-old-space-size`). */
  readonly maxHeapMb: number;
  /**
   * The child's resident memory, in MB, above which it is killed: a backstop for memory outside
   * the heap (a parser's typed arrays), read from /proc every 25 ms (Linux only).
   */
  readonly maxRssMb: number;
  /** DOCX: every entry of the archive inflated, in bytes. */
  readonly maxExpanded: number;
  /** DOCX: entries in the archive. */
  readonly maxEntries: number;
  /** DOCX: one XML part inflated, in bytes. */
  readonly maxXmlBytes: number;
  /** DOCX: how deep elements may nest in an XML part (a real document needs a few dozen). */
  readonly maxDepth: number;
  /** DOCX: elements in all XML parts together. */
  readonly maxElements: number;
  /** PDF: one stream that is not an image, decoded, in bytes. */
  readonly maxStreamBytes: number;
  /** PDF: every stream that is not an image, decoded, in bytes. */
  readonly maxStreamsTotal: number;
}

const MB = 1024 * 1024;

/**
 * The server's limits: a document of at most 500,000 characters (what a saved document holds),
 * read in under 8 s so that every upload is answered within 10 s, in a child of at most 512 MB of
 * heap (mammoth needs about 400 MB for a heavily formatted DOCX of 450,000 characters) and 768 MB
 * resident.
 */
export const SERVER_LIMITS: ReadLimits = {
  maxChars: 500_000,
  maxPages: 500,
  timeoutMs: 8_000,
  maxHeapMb: 512,
  maxRssMb: 768,
  maxExpanded: 100 * MB,
  maxEntries: 2_000,
  maxXmlBytes: 32 * MB,
  maxDepth: 200,
  maxElements: 2_000_000,
  maxStreamBytes: 32 * MB,
  maxStreamsTotal: 256 * MB,
};

/** The CLI's limits: four times the text of the server's, more time and memory (the files are the user's own, but may come from anyone). */
export const CLI_LIMITS: ReadLimits = {
  ...SERVER_LIMITS,
  maxChars: 2_000_000,
  maxPages: 2_000,
  timeoutMs: 120_000,
  maxHeapMb: 2048,
  maxRssMb: 3072,
  maxXmlBytes: 64 * MB,
  maxElements: 8_000_000,
};

/** A file went past one of its limits. `pages` is the page count of a PDF refused for `pages`. */
export class LimitError extends Error {
  override readonly name = 'LimitError';
  constructor(
    readonly limit: LimitKind,
    message: string,
    readonly pages?: number,
  ) {
    super(message);
  }
}

const n = (x: number): string => x.toLocaleString('en-US');
const mb = (bytes: number): string => `${n(Math.round(bytes / MB))} MB`;

/** What a limit means, in words, for a CLI problem or a log. */
export function limitReason(limit: LimitKind, limits: ReadLimits, pages?: number): string {
  switch (limit) {
    case 'chars':
      return `more than ${n(limits.maxChars)} characters of text; not read further`;
    case 'pages':
      return `a PDF of ${pages !== undefined ? n(pages) : 'too many'} pages; at most ${n(limits.maxPages)} are read`;
    case 'time':
      return `reading it took longer than ${n(limits.timeoutMs / 1000)} s and was stopped`;
    case 'memory':
      return 'reading it needed more memory than a document should, and was stopped';
    case 'depth':
      return `its XML nests deeper than ${n(limits.maxDepth)} levels, which no document needs; not read`;
    case 'elements':
      return `its XML has more than ${n(limits.maxElements)} elements; not read`;
    case 'expansion':
      return `it expands to far more than a document needs (one part over ${mb(limits.maxXmlBytes)} or ${mb(limits.maxStreamBytes)} of PDF content, or over ${mb(limits.maxExpanded)} in all); not read`;
    case 'entries':
      return `an archive of more than ${n(limits.maxEntries)} files; not read`;
  }
}
