import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { classifyRecord } from '@peerlens/core';
import { jsonProblem } from '@peerlens/inputs';
import { EXIT } from './exit.js';
import { OutBlock } from './out-block.js';

export interface ClassifyOptions {
  readonly as: 'note' | 'duty';
  /** Name of the input for messages ("stdin" or a path). */
  readonly name: string;
}

/** Exit codes of `peerlens classify`. */
export { EXIT };

/** Output is written in blocks of about this many bytes. */
const FLUSH_AT = 256 * 1024;

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/**
 * Reads JSON Lines `{"id","text"}` and writes one JSON line per input line, in order. A line
 * that is not a JSON object with a string `text` is reported on stderr with its line number,
 * and stands in the output as `{"line":N,"error":"…"}` so that output lines keep matching
 * input lines; the rest goes on and the exit code is 2. Blank lines are skipped.
 */
export async function classifyStream(input: Readable, output: Writable, errors: Writable, options: ClassifyOptions): Promise<number> {
  const lines = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let bad = 0;
  // Output lines gather as bytes and go out in blocks (decision 020): when a block is full, and
  // whenever the lines read so far are done (setImmediate runs once readline waits for more
  // input), so a line fed through a pipe is still answered at once.
  const out = new OutBlock();
  let draining: Promise<unknown> | undefined;
  let scheduled = false;
  const flush = (): void => {
    scheduled = false;
    if (out.length > 0 && !output.write(out.take())) draining ??= once(output, 'drain').finally(() => (draining = undefined));
  };
  const wrote = async (): Promise<void> => {
    if (out.length >= FLUSH_AT) flush();
    else if (!scheduled) {
      scheduled = true;
      setImmediate(flush);
    }
    if (draining !== undefined) await draining;
  };
  for await (const raw of lines) {
    lineNo++;
    const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    if (line.trim() === '') continue;
    let problem: string | undefined;
    let record: { id?: unknown; text?: unknown } | undefined;
    try {
      const value: unknown = JSON.parse(line);
      if (value === null || typeof value !== 'object' || Array.isArray(value)) problem = `expected a JSON object, found ${describe(value)}`;
      else {
        record = value as { id?: unknown; text?: unknown };
        if (typeof record.text !== 'string')
          problem = `"text" must be a string, found ${record.text === undefined ? 'none' : describe(record.text)}`;
      }
    } catch (e) {
      problem = jsonProblem(e);
    }
    if (problem !== undefined || record === undefined) {
      bad++;
      errors.write(`peerlens classify: ${options.name}:${lineNo}: ${problem ?? 'unreadable line'}\n`);
      out.write(`${JSON.stringify({ line: lineNo, error: problem })}\n`);
    } else out.write(`${JSON.stringify(classifyRecord(record.id ?? null, record.text as string, options.as))}\n`);
    await wrote();
  }
  flush();
  if (draining !== undefined) await draining;
  if (bad > 0) errors.write(`peerlens classify: ${bad} malformed line${bad === 1 ? '' : 's'} skipped (exit 2)\n`);
  return bad > 0 ? EXIT.input : EXIT.ok;
}
