/**
 * Replacements for a finding: the rule's phrases and swaps, applied to exactly the matched
 * words, with their case matched and only where the article before them still fits. What
 * comes out stands in for `actual` and nothing else (docs/lexicon-format.md, decision 013).
 */
import type { Replacement } from '../lexicon/types.js';
import type { Token } from '../text/tokenize.js';

/** Whether a word is written in capitals throughout (an abbreviation such as SMI, FFs, AWOL). */
function isCapitals(word: string): boolean {
  return /^\p{Lu}{2,}s?$/u.test(word);
}

/**
 * `replacement` in the case of the word it stands for: a capital where the original starts
 * with one (a sentence's first word, a heading), except after an abbreviation in capitals
 * inside a sentence ("an SMI" → "a person …", not "a Person …").
 */
export function matchCase(original: string, replacement: string, atSentenceStart: boolean): string {
  const first = original.charAt(0);
  if (!first || first === first.toLowerCase()) return replacement;
  const head = original.split(/[^\p{L}\p{N}']+/u)[0] ?? original;
  if (isCapitals(head) && !atSentenceStart) return replacement;
  return replacement.charAt(0).toUpperCase() + replacement.slice(1);
}

/** Letters whose name starts with a vowel sound: an abbreviation starting with one takes "an" (an SMI, an MRI). */
const AN_LETTERS = 'AEFHILMNORSX';
/** Words that take "an" although they start with a consonant letter, or "a" although they start with a vowel. */
const AN_ANYWAY = /^(hour|honest|honou?r|heir)/i;
const A_ANYWAY = /^(one|once|uni|use|usu|uti|urin|euro|eu|ewe)/i;

/** Whether a word takes "an" rather than "a". */
export function takesAn(word: string): boolean {
  if (/^\p{Lu}{2,}/u.test(word)) return AN_LETTERS.includes(word.charAt(0));
  if (AN_ANYWAY.test(word)) return true;
  if (A_ANYWAY.test(word)) return false;
  return /^[aeiou]/i.test(word);
}

/**
 * Whether a replacement reads after the word before the match: "a" before a vowel sound or "an"
 * before a consonant sound would not. Other words always fit.
 */
export function fitsArticle(before: string | undefined, replacement: string): boolean {
  if (before !== 'a' && before !== 'an') return true;
  const word = replacement.trimStart().split(/[^\p{L}\p{N}]+/u)[0] ?? '';
  if (!word) return true;
  return takesAn(word) === (before === 'an');
}

/** A singular noun for a person: it needs a determiner before it ("a person", "the man"). */
const SINGULAR_PERSON = /^(person|man|woman|child|baby|mother|father|member|individual|newborn|resident|client|patient|teen|teenager)\b/i;
/** Words after which a bare singular noun does not read: "she's person …", "diagnosed as person …". */
const NO_DETERMINER = new Set([
  'is',
  'was',
  'are',
  'were',
  'be',
  'been',
  'being',
  "he's",
  "she's",
  "they're",
  "it's",
  'remains',
  'seems',
  'became',
  'becomes',
  'as',
  'like',
  'of',
  'for',
  'with',
  'to',
  'about',
  'than',
  'and',
  'or',
  'but',
]);

/** Words that take a noun after them, never a pronoun ("this writer" → not "this I"). */
const DETERMINERS = new Set(['a', 'an', 'the', 'this', 'that', 'these', 'those', 'my', 'our', 'your', 'his', 'her', 'their', 'its']);
const PRONOUN = /^(i|me|we|us|he|him|she|they|them)\b/i;

/** Whether a replacement reads after the word before it: its article, a determiner for a singular person noun, no pronoun after a determiner. */
export function fitsBefore(before: string | undefined, replacement: string): boolean {
  if (!fitsArticle(before, replacement)) return false;
  if (before !== undefined && DETERMINERS.has(before) && PRONOUN.test(replacement.trimStart())) return false;
  return !(before !== undefined && NO_DETERMINER.has(before) && SINGULAR_PERSON.test(replacement.trimStart()));
}

/** Whether a replacement would repeat the word before or after it ("started drinking again again"). */
function repeats(before: string | undefined, replacement: string, after: string | undefined): boolean {
  const words = replacement.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  return (before !== undefined && words[0] === before) || (after !== undefined && words[words.length - 1] === after);
}

/**
 * Every replacement of a rule for one match (tokens `first`..`last` of `text`), in the rule's
 * order, without repeats or the matched text itself. `words` are the folded words the matcher
 * read (typos corrected), `before` the folded word just before the match.
 */
export function replacementsFor(
  replacements: readonly Replacement[],
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  first: number,
  last: number,
  atSentenceStart: boolean,
  before: string | undefined,
  after?: string,
): string[] {
  if (replacements.length === 0) return [];
  const start = (tokens[first] as Token).start;
  const end = (tokens[last] as Token).end;
  const actual = text.slice(start, end);
  const out: string[] = [];
  for (const r of replacements) {
    let next: string | undefined;
    if (typeof r === 'string') next = keepPossessive(actual, tokens[last] as Token, matchCase(actual, r, atSentenceStart));
    else next = swapped(r.swap, text, tokens, words, first, last, atSentenceStart);
    if (next === undefined || next === actual || out.includes(next)) continue;
    if (!fitsBefore(before, next) || repeats(before, next, after)) continue;
    out.push(next);
  }
  return out;
}

/** A possessive 's that the words replaced carried, kept on their replacement ("the addict's" → "the person's"). */
function keepPossessive(original: string, lastToken: Token, replacement: string): string {
  const ending = /['’]s$/i.exec(original)?.[0];
  // the tokenizer folds a possessive away ("addict's" → "addict") but keeps a contraction ("she's")
  if (!ending || lastToken.text.endsWith("'s")) return replacement;
  return /['’]s$/i.test(replacement) ? replacement : replacement + ending;
}

/** The match with a swap's words replaced and every other word and separator kept; undefined when no key is in it. */
function swapped(
  swap: readonly (readonly [string, string])[],
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  first: number,
  last: number,
  atSentenceStart: boolean,
): string | undefined {
  let out = '';
  let changed = false;
  let i = first;
  while (i <= last) {
    const token = tokens[i] as Token;
    if (i > first) out += text.slice((tokens[i - 1] as Token).end, token.start);
    let done = false;
    for (const [key, value] of swap) {
      const keys = key.split(' ');
      if (i + keys.length - 1 > last) continue;
      let hit = true;
      for (let k = 0; k < keys.length && hit; k++) hit = words[i + k] === keys[k] || (tokens[i + k] as Token).text === keys[k];
      if (!hit) continue;
      const lastToken = tokens[i + keys.length - 1] as Token;
      const original = text.slice(token.start, lastToken.end);
      out += keepPossessive(original, lastToken, matchCase(original, value, atSentenceStart && i === first));
      i += keys.length;
      changed = true;
      done = true;
      break;
    }
    if (!done) {
      out += text.slice(token.start, token.end);
      i++;
    }
  }
  return changed ? out : undefined;
}
