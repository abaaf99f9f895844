/**
 * CSV (and TSV), streamed with csv-parse: the first row is the header; the text, id, author
 * and date columns are named by options or guessed (with a notice). A ragged row or a broken
 * quote is a problem with its line; the rest goes on.
 */
import { parse, type Info } from 'csv-parse';
import { chooseColumns, type ColumnChoice } from './columns.js';
import { problem, streamOf } from './document.js';
import { looksBinary, Utf8Lines, type BadLine } from './decode.js';
import type { InputEvent, ReadOptions, Source } from './types.js';

/** csv-parse's messages can quote the field ("value is \"…\"", "got \"x\""); a note's text must never reach a log or a problem list. */
export function withoutText(message: string): string {
  return message.replace(/, value is [\s\S]*$/, '').replace(/got "[\s\S]*?" at/, 'got an unexpected character at');
}

/** Lines that are not UTF-8 reported one by one; past this many, one problem counts the rest. */
const MAX_BAD_LINES = 100;

interface CsvSkip {
  message: string;
  code?: string;
  lines?: number;
  record?: unknown[];
}

export async function* readCsv(source: Source, options: ReadOptions): AsyncGenerator<InputEvent> {
  const input = await streamOf(source, options);
  if ('reason' in input) {
    yield problem(input);
    return;
  }
  const skipped: CsvSkip[] = [];
  const parser = parse({
    bom: true,
    delimiter: source.name.toLowerCase().endsWith('.tsv') ? '\t' : ',',
    info: true,
    skip_empty_lines: true,
    skip_records_with_error: true,
    on_skip: (err: CsvSkip | undefined) => {
      if (err) skipped.push(err);
    },
  });
  let first = true;
  // every byte is checked for UTF-8 before the parser sees it (the parser would put U+FFFD in its place)
  const utf8 = new Utf8Lines();
  const onData = (chunk: Buffer | string): void => {
    if (typeof chunk === 'string') return;
    if (first) {
      first = false;
      if (looksBinary(chunk)) parser.destroy(new Error('binary file, not text'));
    }
    utf8.write(chunk);
  };
  input.on('data', onData);
  input.once('end', () => utf8.end());
  let reportedBad = 0;
  /** Problems for the lines up to `line` that are not UTF-8; true when a line in from..line was one. */
  const badLines = function* (from: number, line: number): Generator<InputEvent, boolean> {
    let hit = false;
    while (utf8.bad.length > 0 && (utf8.bad[0] as BadLine).line <= line) {
      const bad = utf8.bad.shift() as BadLine;
      if (bad.line >= from) hit = true;
      if (++reportedBad <= MAX_BAD_LINES)
        yield problem({
          file: source.name,
          line: bad.line,
          reason: `not valid UTF-8 (byte 0x${bad.byte.toString(16).padStart(2, '0')}); the row was not read. Save the file as UTF-8 and try again`,
          code: 'not_utf8',
        });
    }
    return hit;
  };
  input.pipe(parser);
  let header: string[] | undefined;
  let columns: ColumnChoice | undefined;
  let lastBytes = 0;
  const flushSkipped = function* (): Generator<InputEvent> {
    while (skipped.length > 0) {
      const err = skipped.shift() as CsvSkip;
      const why =
        err.code === 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH'
          ? `ragged row: ${err.record?.length ?? '?'} fields, the header has ${header?.length ?? /expect (\d+)/.exec(err.message)?.[1] ?? '?'}`
          : withoutText(err.message.replace(/ on line \d+$/, '').replace(/^Invalid /, 'invalid '));
      yield problem({ file: source.name, ...(err.lines !== undefined ? { line: err.lines } : {}), reason: why });
    }
  };
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      yield* flushSkipped();
      const { record, info } = item;
      const bytes = info.bytes - lastBytes;
      lastBytes = info.bytes;
      const startLine = info.lines - (record.join(',').split('\n').length - 1);
      if (yield* badLines(startLine, info.lines)) {
        if (header === undefined) {
          yield problem({
            file: source.name,
            line: 1,
            reason: 'the header is not valid UTF-8; save the file as UTF-8 and try again',
            code: 'not_utf8',
          });
          input.unpipe(parser);
          parser.destroy();
          return;
        }
        continue;
      }
      if (header === undefined) {
        header = record;
        continue;
      }
      if (columns === undefined) {
        columns = chooseColumns(header, record, options);
        if (columns.missing !== undefined) {
          yield problem({
            file: source.name,
            line: 1,
            reason: `no column "${columns.missing}" in the header (columns: ${header.join(', ')})`,
          });
          input.unpipe(parser);
          parser.destroy();
          return;
        }
        if (columns.text === undefined) {
          yield problem({ file: source.name, line: 1, reason: 'no column with text found; name it with --text-column' });
          return;
        }
        if (columns.guessed.length > 0) {
          yield {
            type: 'notice',
            message: `${source.name}: ${columns.guessed.join(', ')} (guessed; --text-column, --id-column, --author-column, --date-column choose)`,
          };
        }
      }
      const field = (name: string | undefined): string | undefined => {
        if (name === undefined) return undefined;
        const v = record[header?.indexOf(name) ?? -1];
        return v === undefined || v === '' ? undefined : v;
      };
      const id = field(columns.id);
      const author = field(columns.author);
      const date = field(columns.date);
      yield {
        type: 'record',
        record: {
          file: source.name,
          format: 'csv',
          kind: 'record',
          ...(id !== undefined ? { id } : {}),
          line: startLine,
          ...(author !== undefined ? { author } : {}),
          ...(date !== undefined ? { date } : {}),
          text: field(columns.text) ?? '',
          ...(options.keepFields === true ? { fields: Object.fromEntries(header.map((h, i) => [h, record[i] ?? ''])) } : {}),
          bytes,
        },
      };
    }
    yield* flushSkipped();
    utf8.end();
    yield* badLines(1, Number.MAX_SAFE_INTEGER);
    if (reportedBad > MAX_BAD_LINES)
      yield problem({
        file: source.name,
        reason: `${(reportedBad - MAX_BAD_LINES).toLocaleString('en-US')} more lines are not valid UTF-8 and were not read`,
        code: 'not_utf8',
      });
  } catch (e) {
    yield* flushSkipped();
    const err = e as CsvSkip;
    yield problem({
      file: source.name,
      ...(err.lines !== undefined ? { line: err.lines } : {}),
      reason: withoutText(err.message.replace(/ on line \d+$/, '')),
    });
  } finally {
    input.off('data', onData);
  }
}
