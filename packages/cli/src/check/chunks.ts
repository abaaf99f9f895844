/**
 * Big JSON Lines files on the worker pool: the main thread only cuts the file's bytes into
 * chunks at line ends and hands each chunk over (transferred, not copied); the worker splits
 * the lines, parses them, checks each record and writes its output line. So the main thread
 * stays nearly idle and every core checks notes (docs/decisions/004, 010).
 */
import type { ColumnChoice } from '../inputs/columns.js';
import { jsonlLine } from '../inputs/jsonl.js';
import type { InputProblem } from '../inputs/types.js';
import type { Settings } from '../config/settings.js';
import { Tally } from '../reporters/summary.js';
import type { Summary } from '../reporters/types.js';
import { checkBatch, type ItemResult, type Mode, type RecordMeta, type WorkItem } from './process.js';

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

/** A chunk's output lines (records and problems in line order), its problems for the terminal, and its counts. */
export interface ChunkResult {
  readonly output: string;
  readonly problems: readonly InputProblem[];
  readonly summary: Summary;
  readonly records: number;
  readonly bytes: number;
}

export function checkChunk(task: ChunkTask): ChunkResult {
  const { bytes: buf, file } = task;
  // in line order: a record waiting for its result, or a problem
  const order: ({ origin: RecordMeta } | { problem: InputProblem })[] = [];
  const items: WorkItem[] = [];
  let number = task.firstLine;
  let start = 0;
  while (start < buf.length) {
    let nl = buf.indexOf(0x0a, start);
    const last = nl < 0;
    if (last) nl = buf.length;
    const end = nl > start && buf[nl - 1] === 0x0d ? nl - 1 : nl;
    const ev = jsonlLine(buf.subarray(start, end), number, (last ? nl : nl + 1) - start, file, task.columns, false);
    if (ev !== null && ev.type === 'problem') order.push({ problem: ev.problem });
    else if (ev !== null && ev.type === 'record') {
      const { text, bytes: _b, ...origin } = ev.record;
      order.push({ origin });
      items.push({ text, mode: task.mode, controls: false, settings: 'chunk', meta: origin });
    }
    number++;
    start = nl + 1;
  }
  const results = checkBatch({ settings: { chunk: task.settings }, items, sentences: false, preformat: 'jsonl' });
  const tally = new Tally();
  tally.file();
  const problems: InputProblem[] = [];
  let output = '';
  let i = 0;
  for (const o of order) {
    if ('problem' in o) {
      const p = o.problem;
      problems.push(p);
      tally.problem();
      output += `${JSON.stringify({ file: p.file, ...(p.line !== undefined ? { line: p.line } : {}), error: p.reason })}\n`;
    } else {
      const result = results[i++] as ItemResult;
      tally.record({ ...o.origin, result });
      output += `${result.preformatted ?? ''}\n`;
    }
  }
  return { output, problems, summary: tally.summary, records: items.length, bytes: buf.length };
}

/** How many lines a chunk holds (its last line ends with a line feed unless it ends the file). */
export function countLines(buf: Uint8Array): number {
  let n = 0;
  for (let at = buf.indexOf(0x0a); at >= 0; at = buf.indexOf(0x0a, at + 1)) n++;
  return n;
}
