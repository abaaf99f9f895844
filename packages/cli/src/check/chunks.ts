/**
 * Big JSON Lines files on the worker pool: the main thread only cuts the file's bytes into
 * chunks at line ends and hands each chunk over (transferred, not copied); the worker splits
 * the lines, parses them, checks each record and writes its output line. So the main thread
 * stays nearly idle and every core checks notes (docs/decisions/004, 010).
 */
import { jsonlLine, type ColumnChoice, type InputProblem } from '@peerlens/inputs';
import type { Settings } from '../config/settings.js';
import { Tally } from '../reporters/summary.js';
import type { Summary } from '../reporters/types.js';
import { checkPreformatted, type Mode } from './process.js';
import { JsonBytes } from '../output/json-bytes.js';

export interface ChunkTask {
  readonly kind: 'jsonl-chunk';
  readonly file: string;
  readonly bytes: Uint8Array;
  /** The line number of the chunk's first line. */
  readonly firstLine: number;
  readonly columns: ColumnChoice;
  readonly settings: Settings;
  readonly mode: Mode;
}

/**
 * A chunk's output lines (records and problems in line order) as UTF-8 bytes, its problems for
 * the terminal, and its counts. The bytes are moved to the main thread, not copied, and written
 * as they are.
 */
export interface ChunkResult {
  readonly output: Uint8Array;
  readonly problems: readonly InputProblem[];
  readonly summary: Summary;
  readonly records: number;
  readonly bytes: number;
}

export function checkChunk(task: ChunkTask): ChunkResult {
  const { bytes: buf, file } = task;
  const tally = new Tally();
  tally.file();
  const problems: InputProblem[] = [];
  // a report runs to about 4.4 bytes per byte of notes; one huge line starts smaller and grows.
  // Each line is written as JSON straight into the chunk's bytes (output/json-bytes.ts).
  const output = new JsonBytes(Math.max(1024, Math.min(buf.length * 5, 8 * 1024 * 1024)));
  let records = 0;
  let number = task.firstLine;
  let start = 0;
  // each line is read, checked and written before the next, so no record's result outlives it
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    const last = nl < 0;
    if (last) nl = buf.length;
    const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    const ev = jsonlLine(buf.subarray(start, end), number, (last ? nl : nl + 1) - start, file, task.columns, false);
    if (ev !== null && ev.type === 'problem') {
      const p = ev.problem;
      problems.push(p);
      tally.problem();
      output.line({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), error: p.reason });
    } else if (ev !== null && ev.type === 'record') {
      const { text, bytes: _b, ...origin } = ev.record;
      const result = checkPreformatted({ text, mode: task.mode, controls: false, settings: 'chunk' }, origin, task.settings, output);
      tally.record({ ...origin, result });
      records++;
    }
    number++;
    start = nl + 1;
  }
  return { output: output.buf.subarray(0, output.pos), problems, summary: tally.summary, records, bytes: buf.length };
}

/** How many lines a chunk holds (its last line ends with a line feed unless it ends the file). */
export function countLines(buf: Uint8Array): number {
  let n = 0;
  for (let at = buf.indexOf(0x0a); at >= 0; at = buf.indexOf(0x0a, at + 1)) n++;
  return n;
}
