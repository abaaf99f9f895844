/** A pool worker (piscina): checks one batch of texts and returns the results in order. */
import { checkBatch, type ItemResult, type WorkBatch } from './process.js';

export default function run(batch: WorkBatch): ItemResult[] {
  return checkBatch(batch);
}
