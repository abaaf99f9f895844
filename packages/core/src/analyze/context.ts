/**
 * What the words around a match say about it: inside a quotation, a mention ("the word …"),
 * negated ("did not …"), the writer's own words about themselves, or something another
 * professional did ("the psychiatrist …"). Every look is bounded to a few tokens.
 */
import type { Token } from '../text/tokenize.js';

export const NEGATORS = new Set([
  'not',
  'no',
  'never',
  'without',
  'nor',
  'neither',
  'non',
  'cannot',
  "didn't",
  "don't",
  "doesn't",
  "won't",
  "wouldn't",
  "isn't",
  "aren't",
  "wasn't",
  "weren't",
  "can't",
  "couldn't",
  "shouldn't",
  "hasn't",
  "haven't",
  "hadn't",
  "mustn't",
  "needn't",
  'didnt',
  'dont',
  'doesnt',
  'wont',
  'wouldnt',
  'isnt',
  'arent',
  'wasnt',
  'werent',
  'cant',
  'couldnt',
  'shouldnt',
  'hasnt',
  'havent',
  'hadnt',
  'avoid',
  'avoids',
  'avoided',
  'avoiding',
  'refrain',
  'refrains',
  'refrained',
  'refraining',
  'instead',
  'rather',
  'nothing',
  'none',
]);

/** Words that end a clause for negation and actor look-back. */
const CLAUSE_BREAKS = new Set([
  'but',
  'and',
  'so',
  'because',
  'while',
  'although',
  'though',
  'however',
  'then',
  'when',
  'after',
  'before',
  'since',
  'yet',
]);

/** Words right before a term that make it a mention: "the word X", "a label like X". */
const MENTION_BEFORE = new Set([
  'word',
  'words',
  'term',
  'terms',
  'label',
  'labels',
  'labeled',
  'labelled',
  'labeling',
  'labelling',
  'phrase',
  'phrases',
  'expression',
  'expressions',
  'jargon',
  'slur',
  'slurs',
  'nickname',
  'dubbed',
  'branded',
]);
/** "calling him X" is a mention only when the calling is refused or suffered: "stop calling", "being called". */
const CALL_WORDS = new Set(['called', 'calling', 'call', 'calls', 'saying', 'say', 'says', 'using', 'use', 'named']);
const CALL_FRAMES = new Set([
  'stop',
  'stopped',
  'stops',
  'quit',
  'avoid',
  'avoided',
  'not',
  'never',
  "don't",
  'dont',
  "didn't",
  "won't",
  'being',
  'been',
  'was',
  'were',
  'get',
  'got',
  'gets',
  'hates',
  'hate',
  'hated',
  'no',
  'longer',
  'instead',
  'of',
]);

/** Third parties whose acts a peer may report without taking them on. */
const OTHER_ACTORS = new Set([
  'psychiatrist',
  'psychiatrists',
  'psych',
  'prescriber',
  'prescribers',
  'doctor',
  'doctors',
  'dr',
  'doc',
  'md',
  'pcp',
  'nurse',
  'nurses',
  'rn',
  'lpn',
  'np',
  'therapist',
  'therapists',
  'clinician',
  'clinicians',
  'counselor',
  'counselors',
  'counsellor',
  'counsellors',
  'psychologist',
  'psychologists',
  'team',
  'staff',
  'hospital',
  'er',
  'provider',
  'providers',
  'judge',
  'court',
  'police',
  'officer',
  'officers',
  'cm',
  'caseworker',
  'worker',
  'social',
  'crisis',
  'clinic',
  'unit',
  'inpatient',
]);
const SELF_ACTORS = new Set(['i', 'we', "i've", "we've", "i'd", "we'd", "i'll", "we'll", 'myself', 'ourselves', 'me', 'us']);
const OWN_WORDS = new Set(['myself', 'herself', 'himself', 'themselves', 'themself', 'ourselves']);
const FIRST_PERSON_BE = new Set(["i'm", 'im', 'i']);
/** "I'm so OCD": an intensifier makes a diagnosis a figure of speech, not a self-description. */
const INTENSIFIERS = new Set(['so', 'very', 'totally', 'super', 'kinda', 'such', 'completely', 'literally', 'lol', 'little', 'bit']);

export interface Span {
  readonly start: number;
  readonly end: number;
}

function isWordChar(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || (c >= 0x30 && c <= 0x39) || c > 0xbf;
}

/**
 * Quoted stretches of [from, to): straight and curly double quotes, curly single quotes, and
 * straight single quotes that open after a space and close before one. An unclosed quote
 * runs to the end of the unit.
 */
export function quoteSpans(text: string, from: number, to: number): Span[] {
  const spans: Span[] = [];
  let openDouble = -1;
  let openSingle = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // every quotation mark below is 0x22, 0x27 or at least 0xab
    if (c < 0xab && c !== 0x22 && c !== 0x27) continue;
    const before = i > from ? text.charCodeAt(i - 1) : 0x20;
    const after = i + 1 < to ? text.charCodeAt(i + 1) : 0x20;
    if (c === 0x22) {
      if (openDouble < 0) openDouble = i;
      else {
        spans.push({ start: openDouble, end: i + 1 });
        openDouble = -1;
      }
    } else if (c === 0x201c || c === 0x201e || c === 0xab) {
      if (openDouble < 0) openDouble = i;
    } else if (c === 0x201d || c === 0xbb) {
      if (openDouble >= 0) {
        spans.push({ start: openDouble, end: i + 1 });
        openDouble = -1;
      }
    } else if (c === 0x2018 || (c === 0x27 && !isWordChar(before) && isWordChar(after))) {
      if (openSingle < 0) openSingle = i;
    } else if ((c === 0x2019 || c === 0x27) && openSingle >= 0 && !isWordChar(after)) {
      spans.push({ start: openSingle, end: i + 1 });
      openSingle = -1;
    }
  }
  if (openDouble >= 0) spans.push({ start: openDouble, end: to });
  // an unclosed single quote is most often an apostrophe: ignore it
  return spans;
}

/** Whether the gap between two tokens holds punctuation that ends a clause. */
function breaksClause(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2c || c === 0x3b || c === 0x3a || c === 0x2e || c === 0x21 || c === 0x3f || c === 0x28 || c === 0x29) return true;
  }
  return false;
}

/** The words `lookBack` found (a buffer reused by every call; read it before the next). */
const back: string[] = [];

/**
 * Words before `first` within its clause, nearest first, at most `max`, not before `floor`:
 * puts them in `back` and gives their number. (A loop, not a generator: generators cost more.)
 */
function lookBack(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number, max: number): number {
  let n = 0;
  for (let k = first - 1; k >= floor && n < max; k--) {
    const next = tokens[k + 1] as Token;
    const here = tokens[k] as Token;
    if (breaksClause(text, here.end, next.start)) return n;
    const w = words[k] as string;
    if (CLAUSE_BREAKS.has(w)) return n;
    back[n++] = w;
  }
  return n;
}

/**
 * A negator a few words before, in the same clause: "did not assess", "rather than
 * diagnosing". A list carries the negation: "not asked to collect screens, search rooms, or
 * witness medication" negates all three.
 */
export function isNegated(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  let prev = '';
  let inList = false;
  for (let k = first - 1, n = 0; k >= floor && n < (inList ? 12 : 8); k--, n++) {
    const gap = text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start);
    if (gap.includes(',')) {
      inList = true;
      if (/[;:.!?()]/.test(gap)) return false;
    } else if (breaksClause(text, (tokens[k] as Token).end, (tokens[k + 1] as Token).start)) return false;
    const w = words[k] as string;
    if (w === 'or' || w === 'nor') inList = true; // "did not assess or diagnose"
    if (CLAUSE_BREAKS.has(w) && !(inList && (w === 'and' || w === 'or'))) return false;
    if (NEGATORS.has(w)) {
      // "not only", "no longer" keep their sense; "instead of" / "rather than" need their partner
      if (w === 'not' && prev === 'only') return false;
      if (w === 'instead' && prev !== 'of') {
        prev = w;
        continue;
      }
      if (w === 'rather' && prev !== 'than') {
        prev = w;
        continue;
      }
      return true;
    }
    prev = w;
  }
  return false;
}

/**
 * "the word X", "a label like X", "stopped calling him X", "being called X", "rather than X",
 * "instead of X", "so-called X" (three words of slack for a/the/him).
 */
export function isMention(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  const n = lookBack(text, tokens, words, first, floor, 6);
  for (let i = 0; i < n && i < 4; i++) {
    const w = back[i] as string;
    const prev = i > 0 ? (back[i - 1] as string) : '';
    if (MENTION_BEFORE.has(w)) return true;
    if (w === 'like' && MENTION_BEFORE.has(i + 1 < n ? (back[i + 1] as string) : '')) return true;
    if ((w === 'rather' && prev === 'than') || (w === 'instead' && prev === 'of')) return true;
    if (w === 'so' && prev === 'called') return true;
    if (CALL_WORDS.has(w)) {
      for (let j = i + 1; j < n && j <= i + 2; j++) if (CALL_FRAMES.has(back[j] as string)) return true;
    }
  }
  return false;
}

/**
 * A quotation is a mention when it holds little more than the term ("we stopped saying
 * 'frequent flyer'"); a longer one is somebody's speech, which is the speaker's own words when
 * they speak of themselves and a use of the term otherwise.
 */
export function quoteKind(span: Span, tokens: readonly Token[], first: number, last: number): 'mention' | 'speech' {
  let inside = 0;
  for (let k = first - 1; k >= 0 && (tokens[k] as Token).start >= span.start; k--) inside++;
  for (let k = last + 1; k < tokens.length && (tokens[k] as Token).end <= span.end; k++) inside++;
  return inside <= 2 ? 'mention' : 'speech';
}

export function spanOf(spans: readonly Span[], start: number, end: number): Span | undefined {
  for (const s of spans) if (start >= s.start && end <= s.end) return s;
  return undefined;
}

/** "describes herself as X", "I'm a X", "I am X": a person's own words about themselves. */
export function isOwnWords(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  let n = 0;
  let prev = '';
  if (INTENSIFIERS.has(words[first] as string)) return false;
  const count = lookBack(text, tokens, words, first, floor, 6);
  for (let i = 0; i < count; i++) {
    const w = back[i] as string;
    if (INTENSIFIERS.has(w)) return false;
    if (OWN_WORDS.has(w)) return true;
    if (FIRST_PERSON_BE.has(w) && (w !== 'i' || prev === 'am' || prev === 'was')) return n <= 3;
    prev = w;
    n++;
  }
  return false;
}

/** Who does it: 'other' when a clinician, the team or a court is the subject nearby. */
export function actorOf(
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  first: number,
  floor: number,
): 'self' | 'other' | 'none' {
  const count = lookBack(text, tokens, words, first, floor, 6);
  for (let i = 0; i < count; i++) {
    const w = back[i] as string;
    if (SELF_ACTORS.has(w)) return 'self';
    if (OTHER_ACTORS.has(w)) return 'other';
  }
  return 'none';
}

const TOPIC_BEFORE = new Set([
  'about',
  'regarding',
  're',
  'against',
  'appeal',
  'appealing',
  'challenge',
  'challenging',
  'contest',
  'contesting',
  'dispute',
  'disputing',
  'fight',
  'fighting',
  'facing',
  'changes',
  'over',
  'after',
]);

/** "a grievance about the hold", "appeal the commitment": the cue names a topic, nobody does it here. */
export function isTopic(words: readonly string[], first: number, floor: number): boolean {
  for (let k = first - 1; k >= floor && k >= first - 4; k--) if (TOPIC_BEFORE.has(words[k] as string)) return true;
  return false;
}
