/**
 * Reading an untrusted file where it cannot hurt this process (decision 011): a fresh child
 * process per file, with a capped heap (`--max-old-space-size`), a wall clock that kills it, a
 * watch on its resident memory (Linux), and a character cap on the text it sends back, all from
 * `ReadLimits`. The child runs the same readers as this thread would (isolate-child.ts) and sends
 * their events in batches; this side yields them as they come. Whatever happens in the child (a
 * parser that loops, recurses or allocates without end, or V8 aborting the process when a heap
 * runs out), this process keeps answering, and at most `slots.size` children run at once.
 *
 * A child process, not a worker thread: in Node 20 a worker that runs out of its
 * `resourceLimits` heap while allocating a large string aborts the whole process (measured; see
 * decision 011), and a worker's memory is the server's.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { problem } from './document.js';
import { CLI_LIMITS, limitReason, type LimitKind, type ReadLimits } from './limits.js';
import type { ColumnOptions, Format, InputEvent } from './types.js';

export interface IsolatedRead extends ColumnOptions {
  /** The name problems and records carry. */
  readonly name: string;
  readonly format: Format;
  readonly bytes: Uint8Array;
  /** Default CLI_LIMITS. */
  readonly limits?: ReadLimits;
  /** Keep every column of a CSV row or JSON line (the server's import). */
  readonly keepFields?: boolean;
}

/** What the child is given. */
export interface ChildTask extends ColumnOptions {
  readonly name: string;
  readonly format: Format;
  readonly bytes: Uint8Array;
  readonly limits: ReadLimits;
  readonly keepFields: boolean;
}

/** What the child sends. */
export type ChildMessage = { readonly type: 'events'; readonly events: InputEvent[] } | { readonly type: 'done' };

/** How a read in a child ended, for figures and tests. */
export interface ReadStats {
  readonly ms: number;
  /** The child's largest resident memory seen (sampled every 25 ms on Linux; 0 elsewhere), in MB. */
  readonly peakRssMb: number;
  /** Why it ended: `done`, a limit, or `crash`. */
  readonly end: 'done' | LimitKind | 'crash';
}

/** Formats read as one document: their text together is held to `maxChars`. */
export const DOCUMENT_FORMATS: ReadonlySet<Format> = new Set(['text', 'markdown', 'docx', 'pdf']);

/** A counting semaphore: at most `size` isolated reads at once; the rest wait their turn. */
export class Slots {
  private free: number;
  private readonly waiting: (() => void)[] = [];
  constructor(readonly size: number) {
    this.free = size;
  }
  async take(): Promise<() => void> {
    if (this.free > 0) this.free--;
    else await new Promise<void>((resolve) => this.waiting.push(resolve));
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next();
      else this.free++;
    };
  }
  /** Reads running now. */
  get busy(): number {
    return this.size - this.free;
  }
}

/** Shared by every isolated read in this process unless one passes its own. */
export const defaultSlots = new Slots(2);

const CHILD = fileURLToPath(new URL('./isolate-child.js', import.meta.url));
const MB = 1024 * 1024;
const PAGE = 4096;

/** A process's resident memory in bytes from /proc (Linux), or undefined. */
function rssOf(pid: number): number | undefined {
  try {
    const statm = readFileSync(`/proc/${pid}/statm`, 'latin1');
    return Number(statm.split(' ')[1]) * PAGE;
  } catch {
    return undefined;
  }
}

/**
 * Reads `request.bytes` in a fresh child process and yields its records, problems and notices.
 * A file that passes a limit the child cannot check itself (time, memory, the characters it
 * sends) ends with one problem whose `code` names the limit. Stopping early (`return()` on the
 * generator) kills the child. `onEnd` receives the read's figures.
 */
export async function* readIsolated(
  request: IsolatedRead,
  slots: Slots = defaultSlots,
  onEnd?: (stats: ReadStats) => void,
): AsyncGenerator<InputEvent> {
  const limits = request.limits ?? CLI_LIMITS;
  const release = await slots.take();
  const started = performance.now();
  const queue: InputEvent[] = [];
  let finished = false;
  let done = false;
  let stopped: LimitKind | 'crash' | undefined;
  let peak = 0;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  const task: ChildTask = {
    name: request.name,
    format: request.format,
    bytes: request.bytes,
    limits,
    keepFields: request.keepFields === true,
    ...(request.textColumn !== undefined ? { textColumn: request.textColumn } : {}),
    ...(request.idColumn !== undefined ? { idColumn: request.idColumn } : {}),
    ...(request.authorColumn !== undefined ? { authorColumn: request.authorColumn } : {}),
    ...(request.dateColumn !== undefined ? { dateColumn: request.dateColumn } : {}),
  };
  const child = fork(CHILD, [], {
    execArgv: [`--max-old-space-size=${limits.maxHeapMb}`, '--max-semi-space-size=16'],
    env: { ...process.env, NODE_OPTIONS: '' },
    serialization: 'advanced', // the bytes go over as bytes
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'], // a parser's output, or V8's report as it aborts, goes nowhere
  });
  const stop = (why: LimitKind | 'crash'): void => {
    if (finished) return;
    stopped = why;
    finished = true;
    child.kill('SIGKILL');
    notify();
  };
  const documentChars = DOCUMENT_FORMATS.has(request.format);
  let chars = 0;
  child.on('message', (m: ChildMessage) => {
    if (finished) return;
    if (m.type === 'done') {
      finished = true;
      done = true;
    } else {
      for (const e of m.events) {
        if (documentChars && e.type === 'record') chars += e.record.text.length;
        queue.push(e);
      }
      if (documentChars && chars > limits.maxChars) {
        queue.length = 0;
        stop('chars');
      }
    }
    notify();
  });
  child.on('error', () => stop('crash'));
  child.on('exit', (code, signal) => {
    // V8 aborts a process whose heap runs out (SIGABRT, or 134 through a shell)
    if (!finished) stop(signal === 'SIGABRT' || code === 134 ? 'memory' : 'crash');
    notify();
  });
  child.send(task, (e) => {
    if (e) stop('crash');
  });
  const clock = setTimeout(() => stop('time'), limits.timeoutMs);
  const watch = setInterval(() => {
    if (child.pid === undefined) return;
    const rss = rssOf(child.pid);
    if (rss === undefined) return;
    peak = Math.max(peak, rss);
    if (rss > limits.maxRssMb * MB) stop('memory');
  }, 25);
  try {
    for (;;) {
      while (queue.length > 0) yield queue.shift() as InputEvent;
      if (finished) break;
      await new Promise<void>((resolve) => (wake = resolve));
    }
    while (queue.length > 0) yield queue.shift() as InputEvent;
    if (stopped !== undefined)
      yield problem(
        stopped === 'crash'
          ? { file: request.name, reason: 'the reader stopped unexpectedly on this file; it was not read', code: 'broken' }
          : { file: request.name, reason: limitReason(stopped, limits), code: stopped },
        request.bytes.length,
      );
  } finally {
    clearTimeout(clock);
    clearInterval(watch);
    if (!done || child.exitCode === null) child.kill('SIGKILL');
    finished = true;
    release();
    onEnd?.({ ms: performance.now() - started, peakRssMb: peak / MB, end: stopped ?? (done ? 'done' : 'crash') });
  }
}
