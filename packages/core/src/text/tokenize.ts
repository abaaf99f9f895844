/**
 * Word tokens with exact UTF-16 offsets into the original text.
 *
 * A token is a run of letters and digits; an apostrophe between two letters stays inside
 * (`don't`). Everything else separates tokens, so `non-compliant`, `non compliant` and
 * `non/compliant` give the same tokens. Token text is folded to lower case and a possessive
 * `'s` is dropped, without ever moving an offset: offsets always point into the original.
 */

import type { Vocabulary } from './vocabulary.js';

export interface Token {
  /** Folded text used for matching. */
  readonly text: string;
  readonly start: number;
  readonly end: number;
}

/** Words whose 's is "is" or "us", not a possessive: kept whole. */
const CONTRACTIONS = new Set(["he's", "she's", "it's", "that's", "who's", "there's", "what's", "here's", "where's", "let's", "one's"]);

/** Letters, digits and marks that can be inside a word. Linear, no RegExp. */
export function isWordCode(c: number): boolean {
  if (c < 0x80) {
    return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39);
  }
  // Latin-1 letters (not × ÷), Latin Extended, Greek, Cyrillic … up to general punctuation.
  if (c >= 0xc0 && c < 0x2000) return c !== 0xd7 && c !== 0xf7;
  // Letterlike symbols, CJK and most other scripts; leave punctuation blocks out.
  if (c >= 0x2000 && c <= 0x2bff) return false; // punctuation, symbols, arrows, dingbats
  if (c >= 0x3000 && c <= 0x303f) return false; // CJK punctuation
  if (c >= 0xd800 && c <= 0xdfff) return true; // surrogates: astral letters stay in a word
  if (c >= 0xfe30 && c <= 0xfe4f) return false;
  if (c >= 0xff00 && c <= 0xff0f) return false;
  return c !== 0xfeff && c !== 0xfffd;
}

function isLetterish(c: number): boolean {
  return isWordCode(c) && !(c >= 0x30 && c <= 0x39);
}

function fold(text: string, start: number, end: number): string {
  let ascii = true;
  let upper = false;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) {
      ascii = false;
      break;
    }
    if (c >= 0x41 && c <= 0x5a) upper = true;
  }
  let s = text.slice(start, end);
  if (!ascii) s = s.replace(/[\u2019\u02bc`]/g, "'").toLowerCase();
  else if (upper) s = s.toLowerCase();
  if (s.endsWith("'s") && s.length > 2 && !CONTRACTIONS.has(s)) s = s.slice(0, -2);
  return s;
}

/** Split text into word tokens. `from`/`to` limit the scan to a slice of the text. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  return scan(text, from, to, undefined, undefined);
}

/**
 * Tokens with the id of each one's folded text in `vocabulary` (−1 for a word it does not
 * know). A known word's text is the vocabulary's own string; the tokens are those of `tokenize`.
 */
export function tokenizeWithIds(text: string, vocabulary: Vocabulary): { tokens: Token[]; ids: Int32Array } {
  // a text of n code units has at most (n + 1) / 2 tokens; the ids are gathered in a reused buffer
  const most = (text.length + 1) >> 1;
  if (scratch.length < most) scratch = new Int32Array(Math.max(most, 2 * scratch.length));
  const tokens = scan(text, 0, text.length, vocabulary, scratch);
  return { tokens, ids: scratch.slice(0, tokens.length) };
}

let scratch = new Int32Array(4096);

/** 1 for the ASCII letters and digits. */
const ASCII_WORD = new Uint8Array(128);
for (let c = 0; c < 128; c++) ASCII_WORD[c] = isWordCode(c) ? 1 : 0;

/** The word "US" stands for when it is the country. */
const COUNTRY_US = 'usa';

/** Whether the word before `start` (across at most three spaces or marks) is in capitals, as in "JOIN US": then "US" is the pronoun. */
function afterCapitalWord(text: string, start: number): boolean {
  let i = start - 1;
  for (let n = 0; n < 3 && i >= 0 && !isWordCode(text.charCodeAt(i)); n++) i--;
  let letters = 0;
  for (; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) letters++;
    else if (isWordCode(c)) return false;
    else break;
  }
  return letters >= 2;
}

function isApostrophe(c: number): boolean {
  return c === 0x27 || c === 0x2019 || c === 0x2bc || c === 0x60;
}

/**
 * The tokenizer. While it scans a token it hashes the token's characters folded to lower case
 * (as `hashFolded` does; for an ASCII word character or apostrophe, folding is `| 0x20`), so an
 * ASCII token can be looked up in the vocabulary without first being made a string.
 */
function scan(text: string, from: number, to: number, vocabulary: Vocabulary | undefined, ids: Int32Array | undefined): Token[] {
  const tokens: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 0x80 ? ASCII_WORD[c] === 0 : !isWordCode(c)) {
      i++;
      continue;
    }
    const start = i;
    let ascii = c < 0x80;
    let upper = (c & 0x60) === 0x40;
    let h = Math.imul(0x811c9dc5 ^ (c | 0x20), 0x01000193);
    i++;
    while (i < to) {
      const d = text.charCodeAt(i);
      if (d < 0x80) {
        if (ASCII_WORD[d] === 1) {
          if ((d & 0x60) === 0x40) upper = true;
          h = Math.imul(h ^ (d | 0x20), 0x01000193);
          i++;
          continue;
        }
      } else if (isWordCode(d)) {
        ascii = false;
        i++;
        continue;
      }
      if (isApostrophe(d) && i + 1 < to && isLetterish(text.charCodeAt(i + 1)) && isLetterish(text.charCodeAt(i - 1))) {
        const e = text.charCodeAt(i + 1);
        if (d >= 0x80 || e >= 0x80) ascii = false;
        if ((e & 0x60) === 0x40) upper = true;
        h = Math.imul(Math.imul(h ^ d, 0x01000193) ^ (e | 0x20), 0x01000193);
        i += 2;
      } else {
        break;
      }
    }
    // "US" in capitals is the country, not "us": its own word, so that "drives us crazy" and a
    // writer's "us" are not read into "in the US"
    if (i - start === 2 && text.charCodeAt(start) === 0x55 && text.charCodeAt(start + 1) === 0x53 && !afterCapitalWord(text, start)) {
      if (ids) ids[tokens.length] = vocabulary?.get(COUNTRY_US) ?? -1;
      tokens.push({ text: COUNTRY_US, start, end: i });
      continue;
    }
    // fold() for an ASCII word without a possessive 's, inline
    const plain = ascii && !(i - start > 2 && text.charCodeAt(i - 2) === 0x27 && (text.charCodeAt(i - 1) | 0x20) === 0x73);
    if (!vocabulary || !ids) {
      tokens.push({
        text: plain ? (upper ? text.slice(start, i).toLowerCase() : text.slice(start, i)) : fold(text, start, i),
        start,
        end: i,
      });
      continue;
    }
    let id: number;
    let folded: string;
    if (plain) {
      id = vocabulary.idOfFolded(text, start, i, h);
      folded = id >= 0 ? (vocabulary.words[id] as string) : upper ? text.slice(start, i).toLowerCase() : text.slice(start, i);
    } else {
      folded = fold(text, start, i);
      id = vocabulary.get(folded) ?? -1;
      if (id >= 0) folded = vocabulary.words[id] as string;
    }
    ids[tokens.length] = id;
    tokens.push({ text: folded, start, end: i });
  }
  return tokens;
}
