import { tokenize } from '../text/tokenize.js';

/** Token classes a phrase may use: `<num>`, `<dose>`, `<icd>`, and `<any>` for any one word. */
export const TOKEN_CLASSES = ['num', 'dose', 'icd', 'any'] as const;
export type TokenClass = (typeof TOKEN_CLASSES)[number];

const DOSE_UNITS = new Set(['mg', 'mcg', 'ml', 'cc', 'g', 'gm', 'unit', 'units', 'iu', 'meq']);

function isDigits(s: string, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** Whether a folded token belongs to a token class. */
export function inClass(cls: string, token: string): boolean {
  switch (cls) {
    case '<any>':
      return true;
    case '<num>':
      return isDigits(token, 0, token.length);
    case '<icd>': {
      // f20, f33, z63, f1020 (without the dot) — one letter and 2-4 digits; h0038 and t1017 are
      // billing (HCPCS) codes for peer support and case management, not diagnoses
      const c = token.charCodeAt(0);
      if (token.length === 5 && (c === 0x68 || c === 0x74)) return false;
      return token.length >= 3 && token.length <= 5 && c >= 0x61 && c <= 0x7a && isDigits(token, 1, token.length);
    }
    case '<dose>': {
      let i = 0;
      while (i < token.length && token.charCodeAt(i) >= 0x30 && token.charCodeAt(i) <= 0x39) i++;
      return i > 0 && i < token.length && DOSE_UNITS.has(token.slice(i));
    }
    default:
      return false;
  }
}

/**
 * Expands `[a|b]` alternatives (also inside words; `[s|]` is an optional piece) into every
 * phrase they stand for. Throws on an unbalanced bracket.
 */
export function expandAlternatives(phrase: string): string[] {
  let results = [''];
  let i = 0;
  while (i < phrase.length) {
    const open = phrase.indexOf('[', i);
    const literal = open < 0 ? phrase.slice(i) : phrase.slice(i, open);
    if (literal.includes(']')) throw new Error(`unbalanced ']' in phrase "${phrase}"`);
    results = results.map((r) => r + literal);
    if (open < 0) break;
    const close = phrase.indexOf(']', open);
    if (close < 0) throw new Error(`unbalanced '[' in phrase "${phrase}"`);
    const body = phrase.slice(open + 1, close);
    if (body.includes('[')) throw new Error(`nested '[' in phrase "${phrase}"`);
    const options = body.split('|');
    const next: string[] = [];
    for (const r of results) for (const o of options) next.push(r + o);
    results = next;
    if (results.length > 5000) throw new Error(`phrase "${phrase}" expands to more than 5000 forms`);
    i = close + 1;
  }
  return results.map((r) => r.replace(/\s+/g, ' ').trim()).filter((r) => r.length > 0);
}

/** The token sequence of one expanded phrase; token classes stay as `<num>` etc. */
export function phraseTokens(phrase: string): string[] {
  const out: string[] = [];
  for (const part of phrase.split(/(<[a-z]+>)/)) {
    if (/^<[a-z]+>$/.test(part)) {
      if (!(TOKEN_CLASSES as readonly string[]).includes(part.slice(1, -1))) {
        throw new Error(`unknown token class ${part} in phrase "${phrase}"`);
      }
      out.push(part);
    } else {
      for (const t of tokenize(part)) out.push(t.text);
    }
  }
  return out;
}

/** Prefixes written hyphenated, spaced or joined alike: non-compliant, non compliant, noncompliant. */
const JOINING_PREFIXES = new Set([
  'non',
  'self',
  'co',
  'anti',
  're',
  'pre',
  'un',
  'mis',
  'over',
  'under',
  'multi',
  'semi',
  'ex',
  'sub',
  'post',
  'dis',
  'hyper',
  'hypo',
  'well',
  'psycho',
  'neuro',
  'bi',
  'counter',
  'inter',
  'intra',
  'mid',
  'out',
  'poly',
  'tele',
  'de',
]);

export interface PhraseVariant {
  readonly tokens: readonly string[];
  /** Added by the compiler (the joined form of a short multi-word phrase), not written. */
  readonly joined: boolean;
}

/** Every token sequence a phrase stands for, with the joined form of short multi-word phrases. */
export function phraseVariants(phrase: string): PhraseVariant[] {
  const written: PhraseVariant[] = [];
  const joined: PhraseVariant[] = [];
  const seen = new Set<string>();
  for (const form of expandAlternatives(phrase)) {
    const tokens = phraseTokens(form);
    const key = tokens.join(' ');
    if (tokens.length === 0 || seen.has(key)) continue;
    seen.add(key);
    written.push({ tokens, joined: false });
    if (tokens.length === 2 && JOINING_PREFIXES.has(tokens[0] as string) && /^[a-z]+$/.test(tokens[1] as string)) {
      joined.push({ tokens: [tokens.join('')], joined: true });
    }
  }
  for (const j of joined) {
    const key = j.tokens.join(' ');
    if (!seen.has(key)) {
      seen.add(key);
      written.push(j);
    }
  }
  return written;
}
