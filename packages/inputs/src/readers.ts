/** Every format's reader in this thread: what an isolated child process runs, and what `read()` runs for text, CSV and JSON Lines. */
import { readCsv } from './csv.js';
import { readDocxInThread, readPdfInThread } from './documents.js';
import { readJsonl } from './jsonl.js';
import { readText } from './text.js';
import type { Format, InputEvent, ReadOptions, Source } from './types.js';

export type Reader = (source: Source, options: ReadOptions) => AsyncGenerator<InputEvent>;

const IN_THREAD: Record<Format, Reader> = {
  text: readText,
  markdown: readText,
  csv: readCsv,
  jsonl: readJsonl,
  docx: readDocxInThread,
  pdf: readPdfInThread,
};

/** Reads a source in this thread, DOCX and PDF included (under `options.limits`, but with no wall clock or heap cap). */
export function readInThread(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  return IN_THREAD[source.format](source, options);
}
