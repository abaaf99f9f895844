/** A pool worker (piscina): checks one batch of texts, or one chunk of a JSON Lines file, and returns the results in order. */
import { defaultEngine } from '@peerlens/core';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { checkChunk, type ChunkResult, type ChunkTask } from './chunks.js';
import { checkBatch, type ItemResult, type WorkBatch } from './process.js';

// the engine is built while the worker starts, before its first task arrives
defaultEngine();

export default function run(task: WorkBatch | ChunkTask): ItemResult[] | ChunkResult {
  if (!('kind' in task && task.kind === 'jsonl-chunk')) return checkBatch(task as WorkBatch);
  const result = checkChunk(task);
  // the chunk's output bytes go back by transfer; the rest of the result is cloned
  return move({
    get [transferableSymbol]() {
      return result.output.buffer;
    },
    get [valueSymbol]() {
      return result;
    },
  }) as unknown as ChunkResult;
}
