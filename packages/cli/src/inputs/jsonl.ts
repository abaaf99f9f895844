/**
 * JSON Lines, streamed: one record per line, read as bytes and split on line feeds, so a
 * file of any size is read in constant memory. A line that is not valid UTF-8, not JSON, not
 * an object or has no text is a problem with its line number; the rest goes on.
 */
import { chooseColumns, type ColumnChoice } from './columns.js';
import { problem, streamOf } from './document.js';
import { jsonProblem } from './json-error.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

const strict = new TextDecoder('utf-8', { fatal: true });

/** Lines of a byte stream, each with its number and its length in bytes (line feed included). */
export async function* byteLines(stream: AsyncIterable<Buffer | string>): AsyncGenerator<{ line: Buffer; number: number; bytes: number }> {
  let rest: Buffer | null = null;
  let number = 0;
  for await (const chunk of stream) {
    let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (rest !== null) {
      buf = Buffer.concat([rest, buf]);
      rest = null;
    }
    let start = 0;
    for (let nl = buf.indexOf(0x0a, start); nl >= 0; nl = buf.indexOf(0x0a, start)) {
      number++;
      const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
      yield { line: buf.subarray(start, end), number, bytes: nl + 1 - start };
      start = nl + 1;
    }
    if (start < buf.length) rest = Buffer.from(buf.subarray(start));
  }
  if (rest !== null && rest.length > 0) {
    number++;
    const end = rest[rest.length - 1] === 0x0d ? rest.length - 1 : rest.length;
    yield { line: rest.subarray(0, end), number, bytes: rest.length };
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

const scalar = (v: unknown): string | undefined => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : undefined);

export async function* readJsonl(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const opened = await streamOf(source, options);
  if ('reason' in opened) {
    yield problem(opened);
    return;
  }
  const stream = opened as AsyncIterable<Buffer | string>;
  let columns: ColumnChoice | undefined;
  for await (const { line, number, bytes } of byteLines(stream)) {
    let raw = line;
    if (number === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) raw = raw.subarray(3);
    if (raw.indexOf(0) >= 0) {
      yield problem({ file: source.name, line: number, reason: 'binary data, not text' }, bytes);
      continue;
    }
    let s: string;
    try {
      s = strict.decode(raw);
    } catch {
      yield problem({ file: source.name, line: number, reason: 'not valid UTF-8' }, bytes);
      continue;
    }
    if (s.trim() === '') continue;
    let value: unknown;
    try {
      value = JSON.parse(s);
    } catch (e) {
      yield problem({ file: source.name, line: number, reason: jsonProblem(e) }, bytes);
      continue;
    }
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      yield problem({ file: source.name, line: number, reason: `expected a JSON object, found ${describe(value)}` }, bytes);
      continue;
    }
    const obj = value as Record<string, unknown>;
    if (columns === undefined) {
      columns = chooseColumns(Object.keys(obj), Object.values(obj), options);
      if (columns.missing !== undefined) {
        yield problem({
          file: source.name,
          line: number,
          reason: `no key "${columns.missing}" in the records (keys: ${Object.keys(obj).join(', ')})`,
        });
        return;
      }
      if (columns.text !== undefined && columns.text !== 'text') {
        yield { type: 'notice', message: `${source.name}: reading the text from "${columns.text}" (guessed; --text-column chooses)` };
      }
    }
    const key = columns.text ?? 'text';
    const text = obj[key];
    if (typeof text !== 'string') {
      yield problem(
        { file: source.name, line: number, reason: `"${key}" must be a string, found ${text === undefined ? 'none' : describe(text)}` },
        bytes,
      );
      continue;
    }
    const id = columns.id !== undefined ? obj[columns.id] : undefined;
    const author = columns.author !== undefined ? scalar(obj[columns.author]) : undefined;
    const date = columns.date !== undefined ? scalar(obj[columns.date]) : undefined;
    yield {
      type: 'record',
      record: {
        file: source.name,
        format: 'jsonl',
        kind: 'record',
        ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}),
        line: number,
        ...(author !== undefined ? { author } : {}),
        ...(date !== undefined ? { date } : {}),
        text,
        ...(options.keepFields === true
          ? {
              fields: Object.fromEntries(
                Object.entries(obj).flatMap(([k, v]) => (scalar(v) === undefined ? [] : [[k, scalar(v) as string]])),
              ),
            }
          : {}),
        bytes,
      },
    };
  }
}
