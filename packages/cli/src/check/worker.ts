/** A pool worker (piscina): checks one batch of texts, or one chunk of a JSON Lines file, and returns the results in order. */
import { checkChunk, type ChunkResult, type ChunkTask } from './chunks.js';
import { checkBatch, type ItemResult, type WorkBatch } from './process.js';

export default function run(task: WorkBatch | ChunkTask): ItemResult[] | ChunkResult {
  return 'kind' in task && task.kind === 'jsonl-chunk' ? checkChunk(task) : checkBatch(task as WorkBatch);
}
