/**
 * `read()`: any source as records, problems and notices. DOCX and PDF are read in an isolated
 * child process under `options.limits` (default CLI_LIMITS); text, Markdown, CSV and JSON Lines stream
 * in this thread, in constant memory (the CLI's big batches). The server reads every upload
 * isolated (`readIsolated`).
 */
import { bytesOf, problem } from './document.js';
import { readIsolated } from './isolate.js';
import { readInThread } from './readers.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

export async function* read(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  if (source.format !== 'docx' && source.format !== 'pdf') {
    yield* readInThread(source, options);
    return;
  }
  const bytes = await bytesOf(source, options);
  if ('reason' in bytes) {
    yield problem(bytes);
    return;
  }
  yield* readIsolated({
    name: source.name,
    format: source.format,
    bytes,
    ...(options.limits !== undefined ? { limits: options.limits } : {}),
  });
}
