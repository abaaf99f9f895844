/**
 * The child process of an isolated read (isolate.ts): receives one task over IPC, reads its
 * bytes with the in-thread readers and sends their events back in batches, then `done`, and
 * exits. For a document format it stops at the character cap itself, so the text it sends never
 * passes `limits.maxChars`. It exits as soon as its parent goes away.
 */
import { Readable } from 'node:stream';
import { problem } from './document.js';
import { DOCUMENT_FORMATS, type ChildMessage, type ChildTask } from './isolate.js';
import { limitReason } from './limits.js';
import { readInThread } from './readers.js';
import type { InputEvent } from './types.js';

const BATCH_EVENTS = 500;
const BATCH_CHARS = 1024 * 1024;

const send = (m: ChildMessage): Promise<void> =>
  new Promise((resolve, reject) => {
    if (process.send === undefined || !process.connected) return reject(new Error('no parent'));
    process.send(m, undefined, {}, (e) => (e ? reject(e) : resolve()));
  });

async function run(task: ChildTask): Promise<void> {
  const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
  const source = { name: task.name, format: task.format, size: bytes.length };
  const document = DOCUMENT_FORMATS.has(task.format);
  let batch: InputEvent[] = [];
  let batchChars = 0;
  let chars = 0;
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const events = batch;
    batch = [];
    batchChars = 0;
    await send({ type: 'events', events });
  };
  for await (const event of readInThread(source, { ...task, stdin: Readable.from([bytes]), limits: task.limits })) {
    if (event.type === 'record') {
      chars += event.record.text.length;
      if (document && chars > task.limits.maxChars) {
        batch = [problem({ file: task.name, reason: limitReason('chars', task.limits), code: 'chars' }, bytes.length)];
        break;
      }
      batchChars += event.record.text.length;
    }
    batch.push(event);
    if (batch.length >= BATCH_EVENTS || batchChars >= BATCH_CHARS) await flush();
  }
  await flush();
  await send({ type: 'done' });
}

process.once('disconnect', () => process.exit(0));
process.once('message', (task: ChildTask) => {
  run(task).then(
    () => process.exit(0),
    () => process.exit(70),
  );
});
