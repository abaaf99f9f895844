import { LEXICON } from '../generated/lexicon.js';
import { Engine } from './engine.js';

let engine: Engine | undefined;

/** The engine over the built-in lexicon, made on first use. */
export function defaultEngine(): Engine {
  engine ??= new Engine(LEXICON);
  return engine;
}
