/** A pool worker of `peerlens classify` (piscina): classifies one chunk of JSON Lines and moves its output bytes back. */
import { defaultEngine } from '@peerlens/core';
import { move, transferableSymbol, valueSymbol } from 'piscina';
import { classifyChunk, type ClassifyChunkResult, type ClassifyChunkTask } from './classify-chunk.js';

// the engine is built while the worker starts, before its first task arrives
defaultEngine();

export default function run(task: ClassifyChunkTask): ClassifyChunkResult {
  const result = classifyChunk(task);
  return move({
    get [transferableSymbol]() {
      return result.output.buffer;
    },
    get [valueSymbol]() {
      return result;
    },
  }) as unknown as ClassifyChunkResult;
}
