import type { Readable, Writable } from 'node:stream';
import { EXIT } from './exit.js';
import { BlockWriter } from '../output/blocks.js';
import { classifyLines, countLineEnds, type ClassifyChunkResult, type ClassifyChunkTask, type LineProblem } from './classify-chunk.js';

export interface ClassifyOptions {
  readonly as: 'note' | 'duty';
  /** Name of the input for messages ("stdin" or a path). */
  readonly name: string;
  /** 1 classifies in this thread; more runs a pool of worker threads over chunks of the input. */
  readonly workers?: number;
}

/** Exit codes of `peerlens classify`. */
export { EXIT };

/** The input a pool worker takes at a time, cut at a line end. */
const CHUNK_BYTES = 256 * 1024;

/**
 * Reads JSON Lines `{"id","text"}` and writes one JSON line per input line, in order. A line
 * that is not a JSON object with a string `text` is reported on stderr with its line number,
 * and stands in the output as `{"line":N,"error":"…"}` so that output lines keep matching
 * input lines; the rest goes on and the exit code is 2. Blank lines are skipped.
 *
 * The input is read as bytes and cut at line ends (classify-chunk.ts). With one worker each
 * piece is classified in this thread as it arrives, straight into the output blocks, so a line
 * fed through a pipe is answered at once; with more, pieces of about 256 KB go to a pool of
 * worker threads and their output is written in input order (decision 020).
 */
export async function classifyStream(input: Readable, output: Writable, errors: Writable, options: ClassifyOptions): Promise<number> {
  const out = new BlockWriter(output);
  let bad = 0;
  const report = (problems: readonly LineProblem[]): void => {
    for (const p of problems) errors.write(`peerlens classify: ${options.name}:${p.line}: ${p.problem}\n`);
    bad += problems.length;
  };
  const workers = Math.max(1, options.workers ?? 1);
  let nextLine = 1;

  if (workers === 1) {
    const problems: LineProblem[] = [];
    // a block is written as soon as it is full, even within one piece of input
    const each = (): void => {
      if (out.full) out.flush();
    };
    await cutLines(
      input,
      async (bytes) => {
        classifyLines({ bytes, firstLine: nextLine, as: options.as }, out.json, problems, each);
        nextLine += countLineEnds(bytes);
        report(problems.splice(0));
        await out.wrote();
      },
      0,
    );
  } else {
    const { Piscina } = await import('piscina');
    const pool = new Piscina({ filename: new URL('./classify-worker.js', import.meta.url).href, minThreads: workers, maxThreads: workers });
    const inflight: Promise<ClassifyChunkResult>[] = [];
    // the memory of a chunk's output goes back to a worker with a later chunk, once written
    const spare: ArrayBuffer[] = [];
    const emit = async (): Promise<void> => {
      const r = await (inflight.shift() as Promise<ClassifyChunkResult>);
      report(r.problems);
      const memory = r.output.buffer as ArrayBuffer;
      out.bytes(r.output, () => {
        if (spare.length < workers * 6) spare.push(memory);
      });
      await out.wrote();
    };
    try {
      await cutLines(
        input,
        async (bytes) => {
          const memory = spare.pop();
          const task: ClassifyChunkTask = { bytes, firstLine: nextLine, as: options.as, ...(memory ? { out: memory } : {}) };
          nextLine += countLineEnds(bytes);
          const moved = [bytes.buffer as ArrayBuffer, ...(memory ? [memory] : [])];
          inflight.push(pool.run(task, { transferList: moved }) as Promise<ClassifyChunkResult>);
          while (inflight.length >= workers * 4) await emit();
        },
        CHUNK_BYTES,
      );
      while (inflight.length > 0) await emit();
    } finally {
      await pool.destroy();
    }
  }
  await out.end();
  if (bad > 0) errors.write(`peerlens classify: ${bad} malformed line${bad === 1 ? '' : 's'} skipped (exit 2)\n`);
  return bad > 0 ? EXIT.input : EXIT.ok;
}

/**
 * Reads the input and hands on its bytes in pieces that end at a line end ("\n"), each at least
 * `least` bytes long (or what the input has so far, when `least` is 0), and the rest at the end.
 * Each piece is a copy of its own, so it can be moved to another thread.
 */
async function cutLines(input: Readable, take: (bytes: Uint8Array) => Promise<void>, least: number): Promise<void> {
  let held: Buffer[] = [];
  let heldBytes = 0;
  const give = async (upTo: number): Promise<void> => {
    // the held pieces, up to `upTo` bytes, as one buffer of its own; the rest stays held
    const all = held.length === 1 ? (held[0] as Buffer) : Buffer.concat(held, heldBytes);
    const piece = new Uint8Array(upTo);
    piece.set(all.subarray(0, upTo));
    held = upTo < all.length ? [all.subarray(upTo)] : [];
    heldBytes = all.length - upTo;
    await take(piece);
  };
  for await (const chunk of input as AsyncIterable<Buffer | string>) {
    const buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : chunk;
    if (buf.length === 0) continue;
    held.push(buf);
    heldBytes += buf.length;
    if (heldBytes < least) continue;
    const nl = buf.lastIndexOf(0x0a);
    if (nl < 0) continue;
    await give(heldBytes - (buf.length - nl - 1));
  }
  if (heldBytes > 0) await give(heldBytes);
}
