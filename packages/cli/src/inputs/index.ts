import { readCsv } from './csv.js';
import { readDocx } from './docx.js';
import { readJsonl } from './jsonl.js';
import { readPdf } from './pdf.js';
import { readText } from './text.js';
import type { Format, InputEvent, ReadOptions, Source } from './types.js';

export type Reader = (source: Source, options: ReadOptions) => AsyncGenerator<InputEvent>;

const READERS: Record<Format, Reader> = {
  text: readText,
  markdown: readText,
  csv: readCsv,
  jsonl: readJsonl,
  docx: readDocx,
  pdf: readPdf,
};

/** Reads a source of any format as records, problems and notices. */
export function read(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  return READERS[source.format](source, options);
}

export * from './types.js';
