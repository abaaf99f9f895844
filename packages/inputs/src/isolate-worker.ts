/**
 * The worker of an isolated read (isolate.ts): reads the bytes it was given with the in-thread
 * readers and posts their events in batches, then `done`. For a document format it stops at the
 * character cap itself, so the text it streams back never passes `limits.maxChars`.
 */
import { Readable } from 'node:stream';
import { parentPort, workerData } from 'node:worker_threads';
import { problem } from './document.js';
import { DOCUMENT_FORMATS, type WorkerMessage, type WorkerTask } from './isolate.js';
import { limitReason } from './limits.js';
import { readInThread } from './readers.js';
import type { InputEvent } from './types.js';

const task = workerData as WorkerTask;
const port = parentPort;
if (port === null) throw new Error('isolate-worker.js runs as a worker thread');

const BATCH_EVENTS = 500;
const BATCH_CHARS = 1024 * 1024;

async function main(): Promise<void> {
  const source = { name: task.name, format: task.format, size: task.bytes.length };
  const stdin = Readable.from([Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength)]);
  const document = DOCUMENT_FORMATS.has(task.format);
  let batch: InputEvent[] = [];
  let batchChars = 0;
  let chars = 0;
  const flush = (): void => {
    if (batch.length === 0) return;
    port?.postMessage({ type: 'events', events: batch } satisfies WorkerMessage);
    batch = [];
    batchChars = 0;
  };
  for await (const event of readInThread(source, { ...task, stdin, limits: task.limits })) {
    if (event.type === 'record') {
      chars += event.record.text.length;
      if (document && chars > task.limits.maxChars) {
        batch = [];
        batch.push(problem({ file: task.name, reason: limitReason('chars', task.limits), code: 'chars' }, task.bytes.length));
        break;
      }
      batchChars += event.record.text.length;
    }
    batch.push(event);
    if (batch.length >= BATCH_EVENTS || batchChars >= BATCH_CHARS) flush();
  }
  flush();
  port?.postMessage({ type: 'done' } satisfies WorkerMessage);
}

await main();
