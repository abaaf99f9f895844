/**
 * Training themes: which training areas of the framework a sentence touches ("an eviction
 * notice" touches housing), from lexicon/themes/*.yml. The phrases are the rules' phrase syntax,
 * read by the same tokenizer and matcher as the rules (without typo tolerance), so a theme is
 * added or changed in YAML, not in code.
 */
import { THEMES } from '../generated/themes.js';
import { matchThemes, type ThemeLexicon } from './theme-match.js';

export type { ThemeLexicon } from './theme-match.js';
export { matchThemes } from './theme-match.js';

/** The training areas (ids of TRAINING_AREAS) a sentence of a note touches, from the built-in themes. */
export function trainingThemes(sentence: string): string[] {
  return matchThemes(THEMES, sentence);
}

/** Each built-in theme's area id and how a suggestion names what the notes mention ("work and jobs"). */
export const TRAINING_THEMES: ThemeLexicon['entries'] = THEMES.entries;
