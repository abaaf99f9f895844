/**
 * The batch pipeline of `peerlens check` and `peerlens roles`: read each source as a stream of
 * records, group records into batches, check the batches in a worker pool (or in this thread),
 * and hand the results to the reporter strictly in input order. Only a bounded number of
 * batches is in flight, so memory stays flat however large the input.
 */
import type { Writable } from 'node:stream';
import { once } from 'node:events';
import { Piscina } from 'piscina';
import {
  columnsOf,
  jsonlLine,
  read,
  streamOf,
  type ColumnChoice,
  type ColumnOptions,
  type InputProblem,
  type InputRecord,
  type Source,
} from '@peerlens/inputs';
import { checkChunk, countLines, type ChunkResult, type ChunkTask } from './chunks.js';
import { settingsKey, type Settings } from '../config/settings.js';
import { checkBatch, type ItemResult, type Mode, type RecordMeta, type WorkBatch, type WorkItem } from './process.js';
import { Progress } from './progress.js';
import { Tally } from '../reporters/summary.js';
import type { FileReport, RecordReport, Report, Reporter, ReporterOptions, Summary } from '../reporters/types.js';

export interface RunOptions {
  readonly command: Report['command'];
  readonly sources: readonly Source[];
  /** Settings for each source, in the same order. */
  readonly settings: readonly Settings[];
  readonly reporter: Reporter;
  readonly reporterOptions: ReporterOptions;
  readonly out: Writable;
  readonly err: Writable & { columns?: number };
  readonly stdin: NodeJS.ReadableStream;
  readonly columns: ColumnOptions;
  /** 1 checks in this thread; more uses a pool of worker threads. */
  readonly workers: number;
  /** Records per batch (the pool needs 16 or more to pay off). */
  readonly batchSize: number;
  readonly quiet: boolean;
  readonly progress: boolean;
}

export interface RunResult {
  readonly summary: Summary;
  readonly seconds: number;
  readonly bytes: number;
  readonly workers: number;
}

type Entry =
  | { readonly type: 'file'; readonly source: Source }
  /** A chunk of a JSON Lines file read and checked by a worker: its results are ChunkEntry[]. */
  | { readonly type: 'chunk' }
  | { readonly type: 'record'; readonly record: InputRecord }
  | { readonly type: 'problem'; readonly problem: InputProblem };

interface Pending {
  readonly entries: Entry[];
  readonly results: Promise<ItemResult[] | ChunkResult>;
}

const MAX_BATCH_CHARS = 512 * 1024;
/** The bytes of a JSON Lines file a worker reads at a time (check/chunks.ts). */
const CHUNK_BYTES = 256 * 1024;

/** Where a record came from: what every report line says about it besides the result. */
function originOf(r: InputRecord): RecordMeta {
  return {
    file: r.file,
    format: r.format,
    kind: r.kind,
    ...(r.id !== undefined ? { id: r.id } : {}),
    ...(r.line !== undefined ? { line: r.line } : {}),
    ...(r.author !== undefined ? { author: r.author } : {}),
    ...(r.date !== undefined ? { date: r.date } : {}),
  };
}

function modeOf(record: InputRecord, settings: Settings): Mode {
  if (record.kind === 'record') return settings.as === 'role' ? 'duty' : 'note';
  return settings.as;
}

export async function run(options: RunOptions): Promise<RunResult> {
  const started = performance.now();
  const { reporter, reporterOptions, out, err } = options;
  const total = options.sources.every((s) => s.size !== undefined) ? options.sources.reduce((a, s) => a + (s.size ?? 0), 0) : undefined;
  const progress = options.progress ? new Progress(err, total) : undefined;
  const pool =
    options.workers > 1
      ? new Piscina({ filename: new URL('./worker.js', import.meta.url).href, minThreads: options.workers, maxThreads: options.workers })
      : undefined;
  const keepText = reporter.needsText === true;
  // the jsonl reporter's lines are written where the checking happens (docs/decisions/004)
  const preformat = reporter.name === 'jsonl';
  const tally = new Tally();
  const whole: { file: string; format: Source['format']; records: RecordReport[]; problems: InputProblem[] }[] = [];
  let bytes = 0;

  const say = (line: string): void => {
    progress?.clear();
    err.write(`peerlens: ${line}\n`);
  };
  const write = async (s: string | Uint8Array): Promise<void> => {
    if (s.length === 0) return;
    if (!out.write(s)) await once(out, 'drain');
  };

  // streaming state: the file being written and whether its header has been written
  let current: { source: Source; continued: boolean } | undefined;
  let part: { records: RecordReport[]; problems: InputProblem[] } = { records: [], problems: [] };
  const flushPart = async (): Promise<void> => {
    if (!current || !reporter.stream) return;
    if (part.records.length === 0 && part.problems.length === 0) return;
    const file: FileReport = { file: current.source.name, format: current.source.format, ...part };
    const text = reporter.stream.part(file, current.continued, options.command, reporterOptions);
    if (text !== '') current.continued = true;
    part = { records: [], problems: [] };
    await write(text);
  };

  const emit = async (p: Pending): Promise<void> => {
    const results = await p.results;
    let i = 0;
    let items = 0;
    let batchBytes = 0;
    for (const e of p.entries) {
      if (e.type === 'file') {
        await flushPart();
        current = { source: e.source, continued: false };
        tally.file();
        if (!reporter.stream) whole.push({ file: e.source.name, format: e.source.format, records: [], problems: [] });
      } else if (e.type === 'chunk') {
        // a worker wrote the chunk's lines and counted them (check/chunks.ts)
        const c = results as unknown as ChunkResult;
        await flushPart();
        for (const p of c.problems) say(`${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.reason} (skipped)`);
        tally.merge(c.summary);
        items += c.records;
        batchBytes += c.bytes;
        await write(c.output);
      } else if (e.type === 'problem') {
        tally.problem();
        say(`${e.problem.file}${e.problem.line !== undefined ? `:${e.problem.line}` : ''}: ${e.problem.reason} (skipped)`);
        if (reporter.stream) part.problems.push(e.problem);
        else whole[whole.length - 1]?.problems.push(e.problem);
      } else {
        const r = e.record;
        const result = (results as ItemResult[])[i++] as ItemResult;
        const rec: RecordReport = { ...originOf(r), ...(keepText ? { text: r.text } : {}), result };
        tally.record(rec);
        items++;
        batchBytes += r.bytes;
        if (reporter.stream) part.records.push(rec);
        else whole[whole.length - 1]?.records.push(rec);
      }
    }
    bytes += batchBytes;
    await flushPart();
    progress?.tick(items, batchBytes);
  };

  const inflight: Pending[] = [];
  // enough batches queued that no worker waits for the main thread to read the next one
  const maxInflight = Math.max(2, options.workers * 4);
  let entries: Entry[] = [];
  let work: WorkItem[] = [];
  let table: Record<string, Settings> = {};
  let chars = 0;
  const dispatch = async (): Promise<void> => {
    if (entries.length === 0) return;
    const batch: WorkBatch = {
      settings: table,
      items: work,
      sentences: keepText || reporter.needsSentences === true,
      ...(preformat ? { preformat: 'jsonl' as const } : {}),
    };
    const results =
      work.length === 0
        ? Promise.resolve([])
        : pool
          ? (pool.run(batch) as Promise<ItemResult[]>)
          : Promise.resolve().then(() => checkBatch(batch));
    inflight.push({ entries, results });
    entries = [];
    work = [];
    table = {};
    chars = 0;
    while (inflight.length >= maxInflight) await emit(inflight.shift() as Pending);
  };

  /**
   * A JSON Lines file for the jsonl reporter: cut into chunks at line ends, each read and
   * checked whole by a worker, or in this thread with one worker (check/chunks.ts); here only
   * the columns are chosen, from the first record, so the notice is given once and every chunk
   * reads the same columns.
   */
  const checkJsonlInChunks = async (source: Source, settings: Settings): Promise<void> => {
    const readOptions = { stdin: options.stdin, ...options.columns };
    const opened = await streamOf(source, readOptions);
    if ('reason' in opened) {
      entries.push({ type: 'problem', problem: opened });
      return;
    }
    const mode: Mode = settings.as === 'role' ? 'duty' : 'note';
    let columns: ColumnChoice | undefined;
    let line = 1;
    let pieces: Buffer[] = [];
    let size = 0;
    let stopped = false;
    const send = async (): Promise<void> => {
      if (size === 0) return;
      const bytes = new Uint8Array(size);
      let at = 0;
      for (const p of pieces) {
        bytes.set(p, at);
        at += p.length;
      }
      pieces = [];
      size = 0;
      if (columns === undefined) {
        // the first record chooses the columns; the lines before it are the worker's to report
        let n = line;
        for (let start = 0; start < bytes.length && columns === undefined; n++) {
          let nl = bytes.indexOf(0x0a, start);
          if (nl < 0) nl = bytes.length;
          const ev = jsonlLine(
            bytes.subarray(start, nl > start && bytes[nl - 1] === 0x0d ? nl - 1 : nl),
            n,
            0,
            source.name,
            undefined,
            false,
          );
          if (ev !== null && ev.type === 'object') {
            const chosen = columnsOf(ev.obj, n, source.name, readOptions);
            for (const c of chosen.events) {
              if (c.type === 'notice' && !options.quiet) say(c.message);
              if (c.type === 'problem') entries.push({ type: 'problem', problem: c.problem });
            }
            if (chosen.stop) {
              stopped = true;
              return;
            }
            columns = chosen.columns;
          }
          start = nl + 1;
        }
      }
      const task: ChunkTask = {
        kind: 'jsonl-chunk',
        file: source.name,
        bytes,
        firstLine: line,
        columns: columns ?? { guessed: [] },
        settings,
        mode,
      };
      line += countLines(bytes);
      // one worker checks the chunk in this thread with the function the workers run (decision 020)
      const results = pool
        ? (pool.run(task, { transferList: [bytes.buffer] }) as Promise<ChunkResult>)
        : Promise.resolve().then(() => checkChunk(task));
      // any problem found while choosing the columns goes first, then the chunk's results
      entries.push({ type: 'chunk' });
      inflight.push({ entries, results });
      entries = [];
      while (inflight.length >= maxInflight) await emit(inflight.shift() as Pending);
    };
    let rest: Buffer | null = null;
    for await (const chunk of opened as AsyncIterable<Buffer | string>) {
      let buf: Buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (rest !== null) {
        buf = Buffer.concat([rest, buf]);
        rest = null;
      }
      const cut = buf.lastIndexOf(0x0a);
      if (cut < 0) {
        rest = Buffer.from(buf);
        continue;
      }
      pieces.push(buf.subarray(0, cut + 1));
      size += cut + 1;
      if (cut + 1 < buf.length) rest = Buffer.from(buf.subarray(cut + 1));
      if (size >= CHUNK_BYTES) await send();
      if (stopped) return;
    }
    if (rest !== null) {
      pieces.push(rest);
      size += rest.length;
    }
    await send();
  };

  try {
    for (let s = 0; s < options.sources.length; s++) {
      const source = options.sources[s] as Source;
      const settings = options.settings[s] as Settings;
      const key = settingsKey(settings);
      entries.push({ type: 'file', source });
      if (preformat && source.format === 'jsonl') {
        await dispatch();
        await checkJsonlInChunks(source, settings);
        continue;
      }
      for await (const ev of read(source, { stdin: options.stdin, ...options.columns })) {
        if (ev.type === 'notice') {
          if (!options.quiet) say(ev.message);
          continue;
        }
        if (ev.type === 'problem') {
          entries.push({ type: 'problem', problem: ev.problem });
          bytes += ev.bytes ?? 0;
          continue;
        }
        const r = ev.record;
        entries.push({ type: 'record', record: r });
        table[key] = settings;
        const meta = preformat ? originOf(r) : undefined;
        work.push({
          text: r.text,
          mode: modeOf(r, settings),
          controls: r.format === 'text' || r.format === 'markdown',
          settings: key,
          ...(meta ? { meta } : {}),
        });
        chars += r.text.length;
        if (work.length >= options.batchSize || chars >= MAX_BATCH_CHARS) await dispatch();
      }
    }
    await dispatch();
    while (inflight.length > 0) await emit(inflight.shift() as Pending);
    await flushPart();
  } finally {
    await pool?.destroy();
  }
  if (progress) progress.done();
  const summary = tally.summary;
  if (reporter.stream) await write(reporter.stream.end(summary, options.command, reporterOptions));
  else await write(reporter.render({ command: options.command, files: whole, summary }, reporterOptions));
  return { summary, seconds: (performance.now() - started) / 1000, bytes, workers: options.workers };
}
