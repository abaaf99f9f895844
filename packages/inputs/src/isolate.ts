/**
 * Reading an untrusted file where it cannot hurt the process (decision 011): a fresh worker
 * thread per file, with a capped heap (`resourceLimits`), a wall clock that terminates it, a
 * watch on the process's resident memory, and a character cap on the text it streams back, all
 * from `ReadLimits`. The worker runs the same readers as a thread would (isolate-worker.ts) and
 * posts their events in batches; this side yields them as they come. Whatever happens in the
 * worker (a parser that loops, recurses or allocates without end), this thread keeps answering,
 * and at most `concurrency` workers run at once.
 */
import { Worker } from 'node:worker_threads';
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

/** What the worker is given. */
export interface WorkerTask extends ColumnOptions {
  readonly name: string;
  readonly format: Format;
  readonly bytes: Uint8Array;
  readonly limits: ReadLimits;
  readonly keepFields: boolean;
}

/** What the worker posts. */
export type WorkerMessage = { readonly type: 'events'; readonly events: InputEvent[] } | { readonly type: 'done' };

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

const WORKER_URL = new URL('./isolate-worker.js', import.meta.url);
const MB = 1024 * 1024;

/**
 * Reads `request.bytes` in a fresh worker and yields its records, problems and notices. A file
 * that passes a limit the worker cannot check itself (time, memory, the characters it streams)
 * ends with one problem whose `code` names the limit. Stopping early (`return()` on the
 * generator) terminates the worker.
 */
export async function* readIsolated(request: IsolatedRead, slots: Slots = defaultSlots): AsyncGenerator<InputEvent> {
  const limits = request.limits ?? CLI_LIMITS;
  const release = await slots.take();
  const queue: InputEvent[] = [];
  let finished = false;
  let stopped: LimitKind | 'crash' | undefined;
  let wake: (() => void) | undefined;
  const notify = (): void => {
    const w = wake;
    wake = undefined;
    w?.();
  };
  // a copy the worker owns, transferred (Buffer#slice would share the memory, perhaps Node's pool)
  const bytes = new Uint8Array(request.bytes);
  const task: WorkerTask = {
    name: request.name,
    format: request.format,
    bytes,
    limits,
    keepFields: request.keepFields === true,
    ...(request.textColumn !== undefined ? { textColumn: request.textColumn } : {}),
    ...(request.idColumn !== undefined ? { idColumn: request.idColumn } : {}),
    ...(request.authorColumn !== undefined ? { authorColumn: request.authorColumn } : {}),
    ...(request.dateColumn !== undefined ? { dateColumn: request.dateColumn } : {}),
  };
  const worker = new Worker(WORKER_URL, {
    workerData: task,
    transferList: [bytes.buffer as ArrayBuffer],
    resourceLimits: { maxOldGenerationSizeMb: limits.maxHeapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: true, // a parser's console output goes nowhere
    stderr: true,
  });
  worker.stdout.resume();
  worker.stderr.resume();
  const stop = (why: LimitKind | 'crash'): void => {
    if (finished) return;
    stopped = why;
    finished = true;
    void worker.terminate();
    notify();
  };
  const documentChars = DOCUMENT_FORMATS.has(request.format);
  let chars = 0;
  worker.on('message', (m: WorkerMessage) => {
    if (finished) return;
    if (m.type === 'done') {
      finished = true;
      void worker.terminate();
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
  worker.on('error', (e: NodeJS.ErrnoException) => stop(e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash'));
  worker.on('exit', () => {
    if (!finished) stop('crash');
    notify();
  });
  const clock = setTimeout(() => stop('time'), limits.timeoutMs);
  const watch = setInterval(() => {
    if (process.memoryUsage.rss() > limits.maxRssMb * MB) stop('memory');
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
    finished = true;
    await worker.terminate();
    release();
  }
}
