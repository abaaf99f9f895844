import { LEXICON } from '../generated/lexicon.js';
import { DUTY_EVIDENCE, NOTE_EVIDENCE } from '../generated/evidence.js';
import { Engine } from './engine.js';

let engine: Engine | undefined;

/** The engine over the built-in lexicon and corpus evidence, made on first use. */
export function defaultEngine(): Engine {
  engine ??= new Engine(LEXICON, { note: NOTE_EVIDENCE, duty: DUTY_EVIDENCE });
  return engine;
}
