import { LEXICON } from '../generated/lexicon.js';
import type { LexiconEntry, Source } from './types.js';

/** Every built-in rule, in lexicon order. */
export function rules(): readonly LexiconEntry[] {
  return LEXICON.entries;
}

/** One rule by id, or undefined. */
export function getRule(id: string): LexiconEntry | undefined {
  return LEXICON.entries.find((e) => e.id === id);
}

/** Every source a rule or the framework cites. */
export function sources(): readonly Source[] {
  return LEXICON.sources;
}
