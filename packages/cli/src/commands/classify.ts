import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { classifyRecord } from '@peerlens/core';
import { jsonProblem } from '@peerlens/inputs';

export interface ClassifyOptions {
  readonly as: 'note' | 'duty';
  /** Name of the input for messages ("stdin" or a path). */
  readonly name: string;
}

/** Exit codes of `peerlens classify`. */
export const EXIT = { ok: 0, findings: 1, input: 2 } as const;

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
  const write = async (s: string): Promise<void> => {
    if (!output.write(s)) await once(output, 'drain');
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
      await write(`${JSON.stringify({ line: lineNo, error: problem })}\n`);
      continue;
    }
    const result = classifyRecord(record.id ?? null, record.text as string, options.as);
    await write(`${JSON.stringify(result)}\n`);
  }
  if (bad > 0) errors.write(`peerlens classify: ${bad} malformed line${bad === 1 ? '' : 's'} skipped (exit 2)\n`);
  return bad > 0 ? EXIT.input : EXIT.ok;
}
