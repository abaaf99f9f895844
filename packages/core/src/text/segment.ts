/**
 * Splits a text into units: sentences, list items and headings, with SOAP / DAP / BIRP
 * section labels recognised and kept apart from the content. Linear in the input; no
 * RegExp runs over more than one short line.
 */

import type { UnitKind } from '../types.js';

export interface Unit {
  /** Content start, after any list marker or section label. */
  readonly start: number;
  readonly end: number;
  readonly kind: UnitKind;
  readonly section?: string;
}

/** A unit longer than this is cut at a space, so one unit never holds a whole book. */
export const MAX_UNIT = 1200;

const SECTION_LETTERS = new Set(['s', 'o', 'a', 'p', 'd', 'b', 'i', 'r']);
const SECTION_WORDS = new Set([
  'subjective',
  'objective',
  'assessment',
  'plan',
  'data',
  'behavior',
  'behaviour',
  'intervention',
  'interventions',
  'response',
  'goal',
  'goals',
  'progress',
  'summary',
  'narrative',
  'observations',
  'observation',
  'next steps',
  'follow up',
  'follow-up',
  'reason for visit',
  'reason for contact',
  'presenting problem',
  'session summary',
  'note',
  'notes',
  'purpose',
  'outcome',
  'description',
]);

const ABBREVIATIONS = new Set([
  'dr',
  'mr',
  'mrs',
  'ms',
  'mx',
  'st',
  'prof',
  'sr',
  'jr',
  'vs',
  'e.g',
  'i.e',
  'eg',
  'ie',
  'approx',
  'dept',
  'etc',
  'cf',
  'fig',
  'no',
  'inc',
  'ltd',
  'co',
  'ave',
  'apt',
  'a.m',
  'p.m',
]);

const CLOSERS = new Set([0x22, 0x27, 0x29, 0x5d, 0x7d, 0x201d, 0x2019, 0xbb]);
const OPENERS = new Set([0x22, 0x27, 0x28, 0x5b, 0x201c, 0x2018, 0xab]);

function isSpace(c: number): boolean {
  return (
    c === 0x20 ||
    c === 0x09 ||
    c === 0xa0 ||
    c === 0x0b ||
    c === 0x0c ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x3000 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0xfeff
  );
}
function isUpper(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7);
}
function isLower(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0xdf && c <= 0xff && c !== 0xf7);
}
function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}
function isLetter(c: number): boolean {
  return isUpper(c) || isLower(c) || c > 0xff;
}

interface Line {
  start: number;
  end: number;
}

/** Lines of the text, each without its line break and without surrounding spaces. */
function lines(text: string): Line[] {
  const out: Line[] = [];
  let s = 0;
  const n = text.length;
  if (text.indexOf('\r') < 0 && text.indexOf('\u2028') < 0 && text.indexOf('\u2029') < 0) {
    // only \n breaks lines: let indexOf find them
    for (;;) {
      let i = text.indexOf('\n', s);
      if (i < 0) i = n;
      let a = s;
      let b = i;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      out.push({ start: a, end: b });
      if (i >= n) return out;
      s = i + 1;
    }
  }
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 0x0a;
    if (c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029) {
      let a = s;
      let b = i;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
      while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
      out.push({ start: a, end: b });
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) i++;
      s = i + 1;
    }
  }
  return out;
}

/** Length of a list marker at `at` (bullet, number, letter), including the space after it; 0 if none. */
function listMarker(text: string, at: number, end: number): number {
  const c = text.charCodeAt(at);
  // -, *, +, •, ◦, ▪, ‣, ·, –, —, ●, ○, ■, □, ➢, ✓, ✔
  if (
    c === 0x2d ||
    c === 0x2a ||
    c === 0x2b ||
    c === 0x2022 ||
    c === 0x25e6 ||
    c === 0x25aa ||
    c === 0x2023 ||
    c === 0xb7 ||
    c === 0x2013 ||
    c === 0x2014 ||
    c === 0x25cf ||
    c === 0x25cb ||
    c === 0x25a0 ||
    c === 0x25a1 ||
    c === 0x27a2 ||
    c === 0x2713 ||
    c === 0x2714 ||
    c === 0xf0b7
  ) {
    let j = at + 1;
    if (j < end && !isSpace(text.charCodeAt(j))) return 0;
    while (j < end && isSpace(text.charCodeAt(j))) j++;
    return j - at;
  }
  // 1. 1) 12. a) (a) (1) — but not "1.5 mg" or "3pm"
  let j = at;
  let open = false;
  if (c === 0x28) {
    open = true;
    j++;
  }
  const digitsStart = j;
  while (j < end && j - digitsStart < 3 && isDigit(text.charCodeAt(j))) j++;
  let hasBody = j > digitsStart;
  if (!hasBody && j < end && isLower(text.charCodeAt(j)) && !isLetter(text.charCodeAt(j + 1))) {
    j++;
    hasBody = true;
  }
  if (!hasBody) return 0;
  const p = text.charCodeAt(j);
  if (open ? p !== 0x29 : p !== 0x2e && p !== 0x29) return 0;
  j++;
  if (j < end && !isSpace(text.charCodeAt(j))) return 0;
  while (j < end && isSpace(text.charCodeAt(j))) j++;
  return j - at;
}

/** A section label at `at` (`S:`, `Assessment:`, `Data -`): its name and the length to skip. */
function sectionLabel(text: string, at: number, end: number): { name: string; skip: number } | undefined {
  // The longest known name of up to three words at `at`.
  let nameEnd = -1;
  let single = false;
  let j = at;
  for (let w = 0; w < 3 && j < end; w++) {
    const wordStart = j;
    while (j < end && isLetter(text.charCodeAt(j))) j++;
    if (j === wordStart) break;
    const lower = text.slice(at, j).toLowerCase();
    if (w === 0 && j - at === 1 && SECTION_LETTERS.has(lower) && isUpper(text.charCodeAt(at))) {
      nameEnd = j;
      single = true;
    } else if (SECTION_WORDS.has(lower)) {
      nameEnd = j;
      single = false;
    }
    const c = text.charCodeAt(j);
    if ((c === 0x20 || c === 0x2d) && isLetter(text.charCodeAt(j + 1))) j++;
    else break;
  }
  if (nameEnd < 0) return undefined;
  const name = text.slice(at, nameEnd);
  // separator
  let k = nameEnd;
  while (k < end && text.charCodeAt(k) === 0x20) k++;
  const sep = text.charCodeAt(k);
  if (sep === 0x3a || (sep === 0x29 && single)) k++;
  else if ((sep === 0x2d || sep === 0x2013 || sep === 0x2014) && (k > nameEnd || !single)) k++;
  else return undefined;
  if (k < end && !isSpace(text.charCodeAt(k))) return undefined;
  while (k < end && isSpace(text.charCodeAt(k))) k++;
  return { name, skip: k - at };
}

function endsSentence(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x2026;
}

function isHeadingLine(text: string, start: number, end: number, followed: boolean): boolean {
  const len = end - start;
  if (len === 0 || len > 80) return false;
  const last = text.charCodeAt(end - 1);
  if (last === 0x3a) return true; // "Goals:"
  if (endsSentence(last) || last === 0x2c || last === 0x3b) return false;
  let letters = 0;
  let lower = 0;
  let words = 0;
  let capitalWords = 0;
  let longWords = 0;
  let inWord = false;
  let wordStart = 0;
  for (let i = start; i <= end; i++) {
    const c = i < end ? text.charCodeAt(i) : 0x20;
    if (isLetter(c)) {
      letters++;
      if (isLower(c)) lower++;
      if (!inWord) {
        inWord = true;
        wordStart = i;
      }
    } else if (inWord) {
      inWord = false;
      words++;
      if (i - wordStart >= 4) {
        longWords++;
        if (isUpper(text.charCodeAt(wordStart))) capitalWords++;
      }
    }
  }
  if (letters < 2 || words > 10) return false;
  if (lower === 0) return letters >= 3 || followed; // ALL CAPS
  // Title Case only reads as a heading when text follows it
  return followed && words <= 6 && longWords > 0 && capitalWords === longWords;
}

function wordBefore(text: string, from: number, limit: number): string {
  let j = from;
  while (j > limit && from - j < 12) {
    const c = text.charCodeAt(j - 1);
    if (isLetter(c) || c === 0x2e) j--;
    else break;
  }
  return text.slice(j, from).toLowerCase();
}

/**
 * Finds sentence-ending characters with a RegExp, which scans faster than a loop of
 * charCodeAt. It remembers its last answer, so the blocks of one text cost one pass in all,
 * however far ahead the next ending character is.
 */
class Enders {
  private readonly re = /[.!?\u2026]/g;
  private from = -1;
  private at = -1;

  constructor(private readonly text: string) {}

  /** The index of the first sentence-ending character at or after `i`, or the text's length. */
  next(i: number): number {
    if (this.from >= 0 && this.from <= i && i <= this.at) return this.at;
    this.re.lastIndex = i;
    this.at = this.re.test(this.text) ? this.re.lastIndex - 1 : this.text.length;
    this.from = i;
    return this.at;
  }
}

/** Splits [start, end) into sentences and pushes them. */
function splitSentences(
  text: string,
  start: number,
  end: number,
  kind: UnitKind,
  section: string | undefined,
  out: Unit[],
  enders: Enders,
): void {
  let s = start;
  let first = true;
  const push = (a: number, b: number): void => {
    while (a < b && isSpace(text.charCodeAt(a))) a++;
    while (b > a && isSpace(text.charCodeAt(b - 1))) b--;
    if (b <= a) return;
    // cut over-long units at a space
    while (b - a > MAX_UNIT) {
      let cut = a + MAX_UNIT;
      let k = cut;
      while (k > a + MAX_UNIT / 2 && !isSpace(text.charCodeAt(k))) k--;
      if (k > a + MAX_UNIT / 2) cut = k;
      const u: Unit =
        section === undefined
          ? { start: a, end: cut, kind: first ? kind : 'sentence' }
          : { start: a, end: cut, kind: first ? kind : 'sentence', section };
      out.push(u);
      first = false;
      a = cut;
      while (a < b && isSpace(text.charCodeAt(a))) a++;
    }
    if (b <= a) return;
    out.push(
      section === undefined
        ? { start: a, end: b, kind: first ? kind : 'sentence' }
        : { start: a, end: b, kind: first ? kind : 'sentence', section },
    );
    first = false;
  };
  for (let i = start; i < end; i++) {
    i = enders.next(i);
    if (i >= end) break;
    const c = text.charCodeAt(i);
    if (!endsSentence(c)) continue;
    let j = i + 1;
    while (j < end && (endsSentence(text.charCodeAt(j)) || CLOSERS.has(text.charCodeAt(j)))) j++;
    if (j >= end) break;
    if (!isSpace(text.charCodeAt(j))) {
      i = j - 1;
      continue;
    }
    let k = j;
    while (k < end && isSpace(text.charCodeAt(k))) k++;
    if (k >= end) break;
    const n = text.charCodeAt(k);
    let split: boolean;
    if (c === 0x21 || c === 0x3f || c === 0x2026) {
      split = true;
    } else {
      const w = wordBefore(text, i, s);
      const abbreviation = ABBREVIATIONS.has(w) || (w.length === 1 && isUpper(text.charCodeAt(i - 1)));
      if (isUpper(n) || isDigit(n) || OPENERS.has(n) || listMarker(text, k, end) > 0) split = !abbreviation;
      else if (isLower(n)) split = !abbreviation && w.length >= 3 && !w.includes('.');
      else split = !abbreviation;
    }
    if (split) {
      push(s, j);
      s = k;
    }
    i = j - 1;
  }
  push(s, end);
}

/**
 * Units of a text in order. Headings and lone section labels are units of kind `heading`;
 * the first sentence of a list item is of kind `item`.
 */
export function segment(text: string): Unit[] {
  const out: Unit[] = [];
  const enders = new Enders(text);
  let section: string | undefined;
  let blockStart = -1;
  let blockEnd = -1;
  let blockKind: UnitKind = 'sentence';
  let blockSection: string | undefined;
  let prevLineEnd = -1;
  let prevLineLong = false;

  const flush = (): void => {
    if (blockStart >= 0) splitSentences(text, blockStart, blockEnd, blockKind, blockSection, out, enders);
    blockStart = -1;
  };
  const open = (start: number, end: number, kind: UnitKind): void => {
    blockStart = start;
    blockEnd = end;
    blockKind = kind;
    blockSection = section;
  };
  const heading = (start: number, end: number): void => {
    if (end > start) out.push(section === undefined ? { start, end, kind: 'heading' } : { start, end, kind: 'heading', section });
  };

  const all = lines(text);
  let lastNonEmpty = -1;
  all.forEach((l, i) => {
    if (l.end > l.start) lastNonEmpty = i;
  });
  for (let li = 0; li < all.length; li++) {
    const line = all[li] as Line;
    let { start } = line;
    const { end } = line;
    if (start >= end) {
      flush();
      prevLineEnd = -1;
      continue;
    }
    // Markdown heading
    if (text.charCodeAt(start) === 0x23) {
      let j = start;
      while (j < end && text.charCodeAt(j) === 0x23 && j - start < 6) j++;
      if (j < end && isSpace(text.charCodeAt(j))) {
        flush();
        section = undefined;
        while (j < end && isSpace(text.charCodeAt(j))) j++;
        heading(j, end);
        prevLineEnd = -1;
        continue;
      }
    }
    let kind: UnitKind = 'sentence';
    const marker = listMarker(text, start, end);
    if (marker > 0) {
      start += marker;
      kind = 'item';
    }
    const label = sectionLabel(text, start, end);
    if (label) {
      flush();
      section = label.name;
      start += label.skip;
      if (start >= end) {
        prevLineEnd = -1;
        continue;
      }
      open(start, end, kind);
    } else if (kind === 'item') {
      flush();
      open(start, end, 'item');
    } else if (isHeadingLine(text, start, end, li < lastNonEmpty)) {
      flush();
      let e = end;
      if (text.charCodeAt(e - 1) === 0x3a) e--;
      heading(start, e);
      prevLineEnd = -1;
      continue;
    } else {
      const continues =
        blockStart >= 0 &&
        prevLineEnd >= 0 &&
        !endsSentence(text.charCodeAt(prevLineEnd - 1)) &&
        (isLower(text.charCodeAt(start)) || prevLineLong);
      if (continues) blockEnd = end;
      else {
        flush();
        open(start, end, 'sentence');
      }
    }
    prevLineEnd = end;
    prevLineLong = end - line.start >= 60;
  }
  flush();
  return out;
}
