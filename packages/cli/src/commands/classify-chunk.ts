/**
 * The work of `peerlens classify` on a chunk of JSON Lines bytes: split the lines, parse each,
 * classify it and write its output line as JSON bytes. The same function runs in this thread (one
 * worker) and in each pool worker (classify-worker.ts), so the bytes are the same either way.
 *
 * Lines end as readline ends them: at "\n", "\r\n" or a lone "\r". A chunk given here ends after a
 * "\n" (or at the end of the input), so no line is cut in two.
 */
import { classifyRecord } from '@peerlens/core';
import { jsonProblem } from '@peerlens/inputs';
import { JsonBytes } from '../output/json-bytes.js';

export interface ClassifyChunkTask {
  readonly bytes: Uint8Array;
  /** The line number of the chunk's first line. */
  readonly firstLine: number;
  readonly as: 'note' | 'duty';
  /** Memory for the output, moved here from an earlier chunk's output so it is not allocated again. */
  readonly out?: ArrayBuffer;
}

/** A line that could not be classified: its number and why. */
export interface LineProblem {
  readonly line: number;
  readonly problem: string;
}

export interface ClassifyChunkResult {
  /** The chunk's output lines, UTF-8. */
  readonly output: Uint8Array;
  readonly problems: readonly LineProblem[];
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** One line: its output line is written to `json`; a problem is also returned. */
function classifyLine(raw: string, lineNo: number, as: 'note' | 'duty', json: JsonBytes): LineProblem | undefined {
  const line = lineNo === 1 && raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
  if (line.trim() === '') return undefined;
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
    json.line({ line: lineNo, error: problem });
    return { line: lineNo, problem: problem ?? 'unreadable line' };
  }
  json.line(classifyRecord(record.id ?? null, record.text as string, as));
  return undefined;
}

/**
 * Classifies every line of the chunk into `json` (a fresh buffer when none is given), in order.
 * `each` runs after each line (the caller may write out a full block there).
 */
export function classifyLines(task: ClassifyChunkTask, json: JsonBytes, problems: LineProblem[], each?: () => void): void {
  const buf = task.bytes;
  const as = task.as;
  let lineNo = task.firstLine;
  let start = 0;
  const n = buf.length;
  const one = (from: number, to: number): void => {
    const p = classifyLine(Buffer.from(buf.buffer, buf.byteOffset + from, to - from).toString('utf8'), lineNo, as, json);
    if (p !== undefined) problems.push(p);
    lineNo++;
    each?.();
  };
  // a lone "\r" ends a line too (readline's rule); most inputs have none, and are not searched for it
  const cr = buf.indexOf(0x0d) >= 0;
  while (start < n) {
    let nl = buf.indexOf(0x0a, start);
    if (nl < 0) nl = n;
    const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    let from = start;
    if (cr) {
      for (let at = from; at < end; at++) {
        if (buf[at] !== 0x0d) continue;
        one(from, at);
        from = at + 1;
      }
    }
    // the input's last line without a line end counts only if something is on it
    if (nl < n || end > from) one(from, end);
    start = nl + 1;
  }
}

/** The chunk classified into a buffer of its own (for a pool worker, whose bytes are moved back). */
export function classifyChunk(task: ClassifyChunkTask): ClassifyChunkResult {
  // a classified record runs to about 17 bytes of JSON per byte of notes
  const want = Math.max(64 * 1024, Math.min(task.bytes.length * 20, 16 * 1024 * 1024));
  const json = new JsonBytes(task.out !== undefined && task.out.byteLength >= want ? task.out : want);
  const problems: LineProblem[] = [];
  classifyLines(task, json, problems);
  return { output: json.buf.subarray(0, json.pos), problems };
}

/** How many lines start in the chunk after its first: its line ends, counted as readline counts them. */
export function countLineEnds(buf: Uint8Array): number {
  let count = 0;
  for (let at = buf.indexOf(0x0a); at >= 0; at = buf.indexOf(0x0a, at + 1)) count++;
  // a lone "\r" (not followed by "\n") ends a line as well
  for (let at = buf.indexOf(0x0d); at >= 0; at = buf.indexOf(0x0d, at + 1)) if (buf[at + 1] !== 0x0a) count++;
  return count;
}
