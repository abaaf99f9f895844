/**
 * Matching training themes (lexicon/themes/*.yml): the rules' phrase syntax, read by the same
 * tokenizer and matcher as the rules (without typo tolerance). Apart from the built-in themes
 * (themes.ts) so that the Node-only loader can check a theme's examples before they are built.
 */
import { Matcher } from '../match/matcher.js';
import { tokenize } from '../text/tokenize.js';

/** The compiled themes: each area's id and how a suggestion names it, and every phrase form with its theme's index. */
export interface ThemeLexicon {
  readonly entries: readonly { readonly id: string; readonly words: string }[];
  readonly phrases: readonly (readonly [tokens: readonly string[], entry: number])[];
}

const matchers = new WeakMap<ThemeLexicon, Matcher>();

/** The ids of the themes `sentence` shows, in the order of the themes. */
export function matchThemes(themes: ThemeLexicon, sentence: string): string[] {
  let matcher = matchers.get(themes);
  if (!matcher) {
    matcher = new Matcher(themes.phrases);
    matchers.set(themes, matcher);
  }
  const words = tokenize(sentence).map((t) => t.text);
  const hit = new Set<number>();
  for (const m of matcher.matchWords(words, 0, words.length)) hit.add(m.entry);
  return themes.entries.filter((_, i) => hit.has(i)).map((e) => e.id);
}
