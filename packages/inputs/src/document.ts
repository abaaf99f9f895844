/** Opening sources: whole into memory for the document formats, as a stream for the record formats. */
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import type { InputEvent, InputProblem, ReadOptions, Source } from './types.js';

export async function readAll(stream: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** The reason a file could not be opened, in words. */
export function fsReason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  switch (code) {
    case 'ENOENT':
      return 'no such file (ENOENT)';
    case 'EACCES':
    case 'EPERM':
      return `permission denied (${code})`;
    case 'EISDIR':
      return 'is a folder (EISDIR)';
    default:
      return `cannot read it (${code ?? (e as Error).message})`;
  }
}

/** The bytes of a source, or a problem event. */
export async function bytesOf(source: Source, options: ReadOptions): Promise<Buffer | InputProblem> {
  try {
    return source.path === undefined ? await readAll(options.stdin) : await readFile(source.path);
  } catch (e) {
    return { file: source.name, reason: fsReason(e) };
  }
}

/** A source as a stream to read record by record (standard input, or the file once it opened), or the problem opening it. */
export async function streamOf(source: Source, options: ReadOptions): Promise<NodeJS.ReadableStream | InputProblem> {
  if (source.path === undefined) return options.stdin;
  const s = createReadStream(source.path, { highWaterMark: 256 * 1024 });
  try {
    await new Promise<void>((resolve, reject) => {
      s.once('open', () => resolve());
      s.once('error', reject);
    });
  } catch (e) {
    return { file: source.name, reason: fsReason(e) };
  }
  return s;
}

export function problem(p: InputProblem, bytes = 0): InputEvent {
  return { type: 'problem', problem: p, bytes };
}
