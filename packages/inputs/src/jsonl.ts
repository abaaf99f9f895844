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

/**
 * One line of a JSON Lines file as an input event (a record or a problem), or null for a blank
 * line. `columns` is chosen from the first record by the caller. Shared by the streaming reader
 * and the pool workers that read whole chunks of a file (check/chunks.ts).
 */
export function jsonlLine(
  raw: Uint8Array,
  number: number,
  bytes: number,
  file: string,
  columns: ColumnChoice | undefined,
  keepFields: boolean,
): InputEvent | { type: 'object'; obj: Record<string, unknown> } | null {
  if (number === 1 && raw[0] === 0xef && raw[1] === 0xbb && raw[2] === 0xbf) raw = raw.subarray(3);
  if (raw.indexOf(0) >= 0) return problem({ file, line: number, reason: 'binary data, not text' }, bytes);
  let s: string;
  try {
    s = strict.decode(raw);
  } catch {
    return problem({ file, line: number, reason: 'not valid UTF-8' }, bytes);
  }
  if (s.trim() === '') return null;
  let value: unknown;
  try {
    value = JSON.parse(s);
  } catch (e) {
    return problem({ file, line: number, reason: jsonProblem(e) }, bytes);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return problem({ file, line: number, reason: `expected a JSON object, found ${describe(value)}` }, bytes);
  }
  const obj = value as Record<string, unknown>;
  // no columns yet: the caller chooses them from this first record, then asks again
  if (columns === undefined) return { type: 'object', obj };
  const key = columns.text ?? 'text';
  const text = obj[key];
  if (typeof text !== 'string') {
    return problem(
      { file, line: number, reason: `"${key}" must be a string, found ${text === undefined ? 'none' : describe(text)}` },
      bytes,
    );
  }
  const id = columns.id !== undefined ? obj[columns.id] : undefined;
  const author = columns.author !== undefined ? scalar(obj[columns.author]) : undefined;
  const date = columns.date !== undefined ? scalar(obj[columns.date]) : undefined;
  return {
    type: 'record',
    record: {
      file,
      format: 'jsonl',
      kind: 'record',
      ...(typeof id === 'string' || typeof id === 'number' ? { id } : {}),
      line: number,
      ...(author !== undefined ? { author } : {}),
      ...(date !== undefined ? { date } : {}),
      text,
      ...(keepFields
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

/** The columns of a file, from its first record: a notice when guessed, a problem when a named one is missing. */
export function columnsOf(
  obj: Record<string, unknown>,
  number: number,
  file: string,
  options: ReadOptions,
): { columns: ColumnChoice; events: InputEvent[]; stop: boolean } {
  const columns = chooseColumns(Object.keys(obj), Object.values(obj), options);
  if (columns.missing !== undefined) {
    return {
      columns,
      stop: true,
      events: [
        problem({ file, line: number, reason: `no key "${columns.missing}" in the records (keys: ${Object.keys(obj).join(', ')})` }),
      ],
    };
  }
  const events: InputEvent[] =
    columns.text !== undefined && columns.text !== 'text'
      ? [{ type: 'notice', message: `${file}: reading the text from "${columns.text}" (guessed; --text-column chooses)` }]
      : [];
  return { columns, events, stop: false };
}

export async function* readJsonl(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const opened = await streamOf(source, options);
  if ('reason' in opened) {
    yield problem(opened);
    return;
  }
  const stream = opened as AsyncIterable<Buffer | string>;
  let columns: ColumnChoice | undefined;
  for await (const { line, number, bytes } of byteLines(stream)) {
    let ev = jsonlLine(line, number, bytes, source.name, columns, options.keepFields === true);
    if (ev !== null && ev.type === 'object') {
      const chosen = columnsOf(ev.obj, number, source.name, options);
      yield* chosen.events;
      if (chosen.stop) return;
      columns = chosen.columns;
      ev = jsonlLine(line, number, bytes, source.name, columns, options.keepFields === true);
    }
    if (ev !== null && ev.type !== 'object') yield ev;
  }
}
