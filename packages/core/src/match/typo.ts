/**
 * Tolerates one typo in a lexicon word: a letter dropped, added, changed or two letters
 * swapped ("medicaiton", "noncomplaint", "assesment"). Symmetric-delete look-ups, so a
 * token costs at most its length in Map look-ups. Only for words of `MIN_TYPO_LENGTH` or
 * more letters whose first letter is right, and never for a real English word (the build
 * lists the English words one edit away from a lexicon word as protected), except a plain
 * plural of a lexicon word.
 */

export const MIN_TYPO_LENGTH = 6;
/** Longer tokens are never a typo of a lexicon word (and would cost their length squared). */
export const MAX_TYPO_LENGTH = 32;

function isLetters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

export class TypoIndex {
  private readonly byDelete = new Map<string, string[]>();
  private readonly vocabulary: ReadonlySet<string>;
  private readonly protectedWords: ReadonlySet<string>;

  constructor(vocabulary: Iterable<string>, protectedWords: Iterable<string> = []) {
    this.vocabulary = new Set(vocabulary);
    this.protectedWords = new Set(protectedWords);
    for (const word of this.vocabulary) {
      if (word.length < MIN_TYPO_LENGTH - 1 || !isLetters(word)) continue;
      this.add(word, word);
      for (let i = 0; i < word.length; i++) this.add(word.slice(0, i) + word.slice(i + 1), word);
    }
  }

  private add(key: string, word: string): void {
    const list = this.byDelete.get(key);
    if (!list) this.byDelete.set(key, [word]);
    else if (!list.includes(word)) list.push(word);
  }

  /** Lexicon words one edit from `token` (that share its first letter), without protection. */
  candidates(token: string): string[] {
    if (token.length < MIN_TYPO_LENGTH || token.length > MAX_TYPO_LENGTH || this.vocabulary.has(token) || !isLetters(token)) return [];
    const found: string[] = [];
    const take = (key: string): void => {
      const list = this.byDelete.get(key);
      if (!list) return;
      for (const w of list) {
        if (w.charCodeAt(0) === token.charCodeAt(0) && Math.abs(w.length - token.length) <= 1 && !found.includes(w)) found.push(w);
      }
    };
    take(token);
    for (let i = 0; i < token.length; i++) take(token.slice(0, i) + token.slice(i + 1));
    return found;
  }

  private readonly cache = new Map<string, string | null>();

  /** The lexicon word a typo stands for, or undefined when there is none or more than one. */
  correct(token: string): string | undefined {
    if (token.length < MIN_TYPO_LENGTH || token.length > MAX_TYPO_LENGTH) return undefined;
    let known = this.cache.get(token);
    if (known === undefined) {
      known = this.lookUp(token) ?? null;
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(token, known);
    }
    return known ?? undefined;
  }

  private lookUp(token: string): string | undefined {
    const found = this.candidates(token);
    if (found.length !== 1) return undefined;
    const word = found[0] as string;
    if (this.protectedWords.has(token) && token !== `${word}s` && word !== `${token}s`) return undefined;
    return word;
  }
}
