/**
 * What the words around a match say about it: inside a quotation, a mention ("the word …"),
 * negated ("did not …"), the writer's own words about themselves, or something another
 * professional did ("the psychiatrist …"). Every look is bounded to a few tokens.
 */
import type { Token } from '../text/tokenize.js';
import { CONTEXT_WORDS } from '../generated/context.js';
import type { ContextSetId } from '../lexicon/context-sets.js';

/** A set of context words, from lexicon/context/*.yml (docs/lexicon-format.md, "Context words"). */
export function contextSet(id: ContextSetId): ReadonlySet<string> {
  return new Set(CONTEXT_WORDS[id]);
}

export const NEGATORS = contextSet('negators');

/** Words that end a clause for negation and actor look-back. */
const CLAUSE_BREAKS = contextSet('clause-breaks');

/** Words right before a term that make it a mention: "the word X", "a label like X". */
const MENTION_BEFORE = contextSet('mention-before');
/** "long-term", "short term": a span of time, not "the term X". */
const TERM_OF_TIME = contextSet('term-of-time');
/** "calling him X" is a mention only when the calling is refused or suffered: "stop calling", "being called". */
const CALL_WORDS = contextSet('call-words');
const CALL_FRAMES = contextSet('call-frames');

/** Third parties whose acts a peer may report without taking them on. */
const OTHER_ACTORS = contextSet('other-actors');
const SELF_ACTORS = contextSet('self-actors');
const OWN_WORDS = contextSet('own-words');
/** "I'm so OCD": an intensifier makes a diagnosis a figure of speech, not a self-description. */
const INTENSIFIERS = contextSet('intensifiers');

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
    } else if (c === 0x201d && openDouble < 0 && !isWordChar(before) && isWordChar(after)) {
      // a closing mark where an opening one belongs (”drug addict”, common in converted text) opens
      openDouble = i;
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

const LIST_MARKERS = contextSet('list-markers');

/**
 * Whether a negation read at token `negatedEnd` still holds at `first`, later in the same
 * clause, because the words between only continue a list: "do not take part in involuntary
 * interventions such as a hold or outpatient commitment" negates both. The words between must
 * hold a list marker (or, nor, such as, including, a comma) and no stronger break.
 */
export function carriesNegation(
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  negatedEnd: number,
  first: number,
): boolean {
  if (first <= negatedEnd || first - negatedEnd > 16) return false;
  let list = false;
  for (let k = negatedEnd; k < first; k++) {
    const gap = text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start);
    if (/[;:.!?()]/.test(gap)) return false;
    if (gap.includes(',')) list = true;
    if (k > negatedEnd) {
      const w = words[k] as string;
      if (LIST_MARKERS.has(w)) list = true;
      else if (CLAUSE_BREAKS.has(w)) return false;
    }
  }
  return list;
}

const RULED_OUT_NOUNS = contextSet('ruled-out-nouns');
/** Words that begin a new predicate after the frame: "no evidence of psychosis; he is …". */
const RULED_OUT_ENDS = contextSet('ruled-out-ends');

/**
 * Whether the term at `first` is ruled out: "no evidence of entitlement, grandiosity or
 * manipulation", "without signs of". An observer recording that a trait is absent does not
 * pin it on the person. A list after the frame stays in it; a clause break ends it.
 */
export function ruledOut(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  for (let k = first - 1, n = 0; k >= floor + 2 && n < 12; k--, n++) {
    const gap = text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start);
    if (/[;:.!?()]/.test(gap)) return false;
    const w = words[k] as string;
    // "no evidence of psychosis, but he is manipulative": a new clause or predicate ends the frame
    if ((CLAUSE_BREAKS.has(w) && w !== 'and') || RULED_OUT_ENDS.has(w)) return false;
    if (w !== 'of') continue;
    const noun = words[k - 1] as string;
    const neg = words[k - 2] as string;
    return RULED_OUT_NOUNS.has(noun) && (neg === 'no' || neg === 'without' || neg === 'nor' || neg === 'any');
  }
  return false;
}

/**
 * Whether the term at `first` continues a list begun by a term at `earlierEnd` (its last
 * token): "instead of calling them an addict (or junkie or tweaker)", "words like addict,
 * junkie and crackhead". Between them only list words, commas and parentheses, at most eight
 * tokens: a term named beside a mentioned one is mentioned too.
 */
export function continuesList(
  text: string,
  tokens: readonly Token[],
  words: readonly string[],
  earlierEnd: number,
  first: number,
): boolean {
  if (first <= earlierEnd || first - earlierEnd > 8) return false;
  for (let k = earlierEnd; k < first; k++) {
    const gap = text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start);
    if (/[;:.!?]/.test(gap)) return false;
    if (k > earlierEnd) {
      const w = words[k] as string;
      // a one-word item of a comma list ("terms like schizo, psycho, bipolar, crazy") keeps it going
      const commaItem =
        text.slice((tokens[k - 1] as Token).end, (tokens[k] as Token).start).includes(',') &&
        text.slice((tokens[k] as Token).end, (tokens[k + 1] as Token).start).includes(',');
      if (!LIST_WORDS.has(w) && !commaItem) return false;
    }
  }
  return true;
}
const LIST_WORDS = contextSet('list-words');

/**
 * "the word X", "a label like X", "stopped calling him X", "being called X", "rather than X",
 * "instead of X", "so-called X" (three words of slack for a/the/him).
 */
/**
 * A glossary line defines a term in order to replace it ("Addict = person with a substance use
 * disorder", "clean → not using"): the term right before "=" or an arrow is mentioned, not used.
 */
export function definesTerm(text: string, end: number): boolean {
  let i = end;
  for (
    let c = text.charCodeAt(i);
    c === 0x20 || c === 0x22 || c === 0x27 || c === 0x29 || c === 0x201d || c === 0x2019;
    c = text.charCodeAt(i)
  )
    i++;
  const c = text.charCodeAt(i);
  return c === 0x3d || c === 0x2192 || (c === 0x2d && text.charCodeAt(i + 1) === 0x3e);
}

export function isMention(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  return scareQuoted(text, tokens, first) || mentionedBefore(text, tokens, words, first, floor);
}

/** Whether the words before a term hold it up for discussion ("the word", "calling it", "instead of"). */
export function mentionedBefore(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  const n = lookBack(text, tokens, words, first, floor, 6);
  for (let i = 0; i < n && i < 4; i++) {
    const w = back[i] as string;
    const prev = i > 0 ? (back[i - 1] as string) : '';
    // "avoid" names a term only right before it ("avoid 'addict'", "avoid the X"), not in "avoid refusing services to X"
    if (
      MENTION_BEFORE.has(w) &&
      !(w === 'avoid' && i > 1) &&
      !((w === 'term' || w === 'terms') && TERM_OF_TIME.has(i + 1 < n ? (back[i + 1] as string) : ''))
    )
      return true;
    if (w === 'like' && MENTION_BEFORE.has(i + 1 < n ? (back[i + 1] as string) : '')) return true;
    // "instead of 'addict'", "rather than saying addict": only an article or a word of saying
    // between ("instead of taking the X to …" uses the term)
    if (((w === 'rather' && prev === 'than') || (w === 'instead' && prev === 'of')) && onlySayingBetween(i - 1)) return true;
    if (w === 'so' && prev === 'called') return true;
    if (CALL_WORDS.has(w)) {
      for (let j = i + 1; j < n && j <= i + 2; j++) if (CALL_FRAMES.has(back[j] as string)) return true;
    }
    if (LABEL_VERBS.has(w) && (labelOthersUse(n, i) || (i + 1 < n && back[i + 1] === 'be'))) return true;
  }
  return false;
}

/** "Don't use: …", "never say …": words before a verb of saying that turn it into advice against a term. */
const REFUSING_BEFORE = new Set(["don't", 'dont', 'not', 'never', 'avoid', 'stop']);

/** Words that may stand between "instead of" or "rather than" and a term it offers a swap for. */
const SWAP_GAP = new Set([
  'a',
  'an',
  'the',
  'calling',
  'call',
  'saying',
  'say',
  'writing',
  'write',
  'using',
  'use',
  'word',
  'words',
  'term',
  'terms',
  'label',
  'labels',
  'like',
  'as',
  'such',
]);

/** Whether the words between the term and `back[upTo]` are all from SWAP_GAP. */
function onlySayingBetween(upTo: number): boolean {
  for (let j = 0; j < upTo; j++) if (!SWAP_GAP.has(back[j] as string)) return false;
  return true;
}

/** "known as", "referred to as", "called": how a label others use is named. */
const LABEL_VERBS = contextSet('label-verbs');
/** Nouns for a group of people that a label is said to be used for. */
const GROUP_NOUNS = contextSet('group-nouns');
const GENERIC_ADVERBS = contextSet('generic-adverbs');

/**
 * "a group commonly called 'the addicts'", "the population known as the severely
 * ill": the label is named as one others give a group, not used by the writer. The verb is
 * `back[i]`; before it, within three words, a group noun (generic adverbs between).
 */
function labelOthersUse(n: number, i: number): boolean {
  for (let j = i + 1; j < n && j <= i + 3; j++) {
    const w = back[j] as string;
    if (GROUP_NOUNS.has(w)) return true;
    if (!GENERIC_ADVERBS.has(w)) return false;
  }
  return false;
}

/** Words before a quoted term that report somebody using it: "referred to him as a 'frequent flyer'". */
const USE_VERBS = contextSet('use-verbs');
/** Use verbs that need an object or a speaker to report a use: "call her a", "when I say". */
const CALL_VERBS = contextSet('call-verbs');
/** Frames that mark a mention after "called" but not after "referred to as": "was referred to as" reports a use. */
const PASSIVE_FRAMES = contextSet('passive-frames');
/** Words before a use verb that turn it into a refusal or a complaint: "stopped calling", "instead of saying". */
const USE_REFUSED = new Set(['didnt', ...[...CALL_FRAMES].filter((w) => !PASSIVE_FRAMES.has(w))]);

const CALL_OBJECTS = contextSet('call-objects');
const CALL_SUBJECTS = contextSet('call-subjects');

/**
 * Whether the few words before token `at` report the term as used on someone: "staff call her
 * a", "referred to him as a", "when I say", "what we call". A refused, suffered or general
 * naming ("stopped calling him", "instead of saying", "being called", "what society calls") is
 * not one.
 */
function reportsUse(tokens: readonly Token[], at: number): boolean {
  for (let k = at - 1, n = 0; k >= 0 && n < 5; k--, n++) {
    const w = (tokens[k] as Token).text;
    if (w === 'someone' || w === 'somebody' || w === 'anyone' || w === 'anybody') return false;
    if (MENTION_BEFORE.has(w)) return false;
    if (!USE_VERBS.has(w)) continue;
    const call = CALL_VERBS.has(w);
    for (let j = k - 1; j >= 0 && j >= k - 2; j--) {
      const f = (tokens[j] as Token).text;
      if (USE_REFUSED.has(f) || (call && CALL_FRAMES.has(f))) return false;
    }
    // "was referred to as", "identified as", "when I say", "likes to say"
    if (!call || w.startsWith('sa')) return true;
    // "call her a X" names someone; "what society calls X" names a group's word for it
    for (let j = k + 1; j < at; j++) if (CALL_OBJECTS.has((tokens[j] as Token).text)) return true;
    for (let j = k - 1; j >= 0 && j >= k - 2; j--) if (CALL_SUBJECTS.has((tokens[j] as Token).text)) return true;
    return false;
  }
  return false;
}

/** Forms of "be" right before a quotation that make it a description of someone. */
const QUOTED_BE = contextSet('quoted-be');
/** People a quoted description may stand before: 'a “frequent flyer” patient'. */
const QUOTED_ABOUT = contextSet('quoted-about');

/** Words that make a short quotation a clause somebody said rather than a term held up. */
const QUOTED_CLAUSE = contextSet('quoted-clause');

/** Whether quotation `span` holds exactly the tokens [first, last], nothing more. */
export function quotesExactly(span: Span, tokens: readonly Token[], first: number, last: number): boolean {
  if ((tokens[first] as Token).start < span.start || (tokens[last] as Token).end > span.end) return false;
  if (first > 0 && (tokens[first - 1] as Token).start >= span.start) return false;
  return last + 1 >= tokens.length || (tokens[last + 1] as Token).end > span.end;
}

/**
 * A quotation is a mention when it holds little more than the term ("we stopped saying
 * 'frequent flyer'"), unless the words before it report the term used on someone ("staff call
 * her a 'frequent flier'", "referred to him as a “frequent flyer”"): that records a use. A
 * longer one is somebody's speech, which is the speaker's own words when they speak of
 * themselves and a use of the term otherwise.
 */
export function quoteKind(span: Span, tokens: readonly Token[], first: number, last: number): 'mention' | 'speech' {
  let at = first;
  while (at > 0 && (tokens[at - 1] as Token).start >= span.start) at--;
  // "phrases like 'he's just X'", "rather than 'a X' or 'was X'", "Instead of: 'They had a dirty
  // test.'", "Don't use: 'suffers from mental illness'": held up for discussion, however long
  for (let k = at - 1; k >= 0 && k >= at - 12; k--) {
    const w = (tokens[k] as Token).text;
    if (MENTION_BEFORE.has(w) || w === 'rather' || w === 'instead') return 'mention';
    if ((w === 'use' || w === 'say' || w === 'write') && k > 0 && REFUSING_BEFORE.has((tokens[k - 1] as Token).text)) return 'mention';
  }
  let inside = first - at;
  if (inside > 2) return 'speech';
  let after = last + 1;
  for (; after < tokens.length && (tokens[after] as Token).end <= span.end; after++) if (++inside > 2) return 'speech';
  // 'a “drug seeking” patient': the quoted words describe the person named right after them
  if (after < tokens.length && QUOTED_ABOUT.has((tokens[after] as Token).text)) return 'speech';
  // "'was paranoid schizophrenic'": a quoted clause, not a word held up
  for (let k = at; k < first; k++) if (QUOTED_CLAUSE.has((tokens[k] as Token).text)) return 'speech';
  // "patients were “frequent fliers”", "she was a “frequent-flyer”": the quotation says what people are
  for (let k = at - 1; k >= 0 && k >= at - 2; k--) {
    const w = (tokens[k] as Token).text;
    if (QUOTED_BE.has(w)) return 'speech';
    if (w !== 'a' && w !== 'an' && w !== 'all' && w !== 'just' && w !== 'real') break;
  }
  return reportsUse(tokens, at) ? 'speech' : 'mention';
}

function isQuoteOpen(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201c || c === 0x2018 || c === 0xab || c === 0x201e;
}
function isQuoteClose(c: number): boolean {
  return c === 0x22 || c === 0x27 || c === 0x201d || c === 0x2019 || c === 0xbb;
}

/**
 * Scare quotes on one word of the match: 'a "clean" screen', 'she “claims” that': the writer
 * holds the word up at a distance, which is a mention, unless a use is reported just before.
 */
function scareQuoted(text: string, tokens: readonly Token[], first: number): boolean {
  for (let k = first; k <= first + 1 && k < tokens.length; k++) {
    const t = tokens[k] as Token;
    if (t.start === 0 || t.end >= text.length) continue;
    if (!isQuoteOpen(text.charCodeAt(t.start - 1)) || !isQuoteClose(text.charCodeAt(t.end))) continue;
    // an apostrophe inside a word ("don't") is not a quotation mark
    if (t.start >= 2 && isWordChar(text.charCodeAt(t.start - 2)) && text.charCodeAt(t.start - 1) === 0x27) continue;
    return !reportsUse(tokens, k);
  }
  return false;
}

export function spanOf(spans: readonly Span[], start: number, end: number): Span | undefined {
  for (const s of spans) if (start >= s.start && end <= s.end) return s;
  return undefined;
}

/** First-person subjects: "I", "we", "I'm", "we're". */
const FIRST_PERSON = contextSet('first-person');
/** Forms of being, becoming and staying that tie a first-person subject to the term. */
const SELF_BE = contextSet('self-be');
/**
 * The only words that may stand between a first-person subject and the term for it to be a
 * self-description: "I am (still) a (recovering drug) X", "I used to be an X", "we have been X
 * for (two) years". Anything else ("I'm working with", "I think he is") is about somebody else.
 */
const SELF_BETWEEN = contextSet('self-between');

/** Verbs before a reflexive that make it a self-description: "describes herself as", "calls himself". */
const SELF_DESCRIBE = contextSet('self-describe');

/** What a writer names as their own when they say "my ...": lived experience of the term. */
const LIVED = contextSet('lived');
const OTHER_PEOPLE = contextSet('other-people');
const FIRST_PERSON_ANY = contextSet('first-person-any');
const WORKPLACES = contextSet('workplaces');

/**
 * A writer who names their own lived experience in the sentence ("my years of active
 * addiction") speaks as one of the group: "most X have similar stories". So does one who sets
 * the term beside themselves: "other X", "fellow X", with "we" or "I" in the sentence.
 */
function speaksAsInsider(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  const term = words[first] as string;
  const before = first > floor ? (words[first - 1] as string) : '';
  // "unlike other X" sets the X apart from whoever is speaking
  const beside = (before === 'other' || before === 'fellow') && !(first - 2 >= floor && words[first - 2] === 'unlike');
  if (!beside && !term.endsWith('s')) return false;
  // the sentence around the term: back to the unit start, on to a full stop
  let end = first;
  while (end + 1 < words.length && end - first < 40) {
    const gap = text.slice((tokens[end] as Token).end, (tokens[end + 1] as Token).start);
    if (/[.!?]/.test(gap)) break;
    end++;
  }
  for (let k = Math.max(floor, first - 40); k <= end; k++) {
    const w = words[k] as string;
    // "our ED", "my unit": the writer's workplace, not the writer among the X
    if (beside && FIRST_PERSON_ANY.has(w) && k !== first && !((w === 'our' || w === 'my') && WORKPLACES.has(words[k + 1] ?? '')))
      return true;
    if (w === 'my' || w === 'our') {
      for (let j = k + 1; j <= end && j <= k + 4; j++) {
        const v = words[j] as string;
        if (OTHER_PEOPLE.has(v)) break; // "my brother's addiction" is his
        if (LIVED.has(v)) return true;
      }
    }
  }
  return false;
}

/** "As a former X, I ...": the next clause, a few words on, opens with the speaker. */
function firstPersonAfter(text: string, tokens: readonly Token[], words: readonly string[], first: number): boolean {
  for (let k = first + 1; k < words.length && k <= first + 5; k++) {
    if (!breaksClause(text, (tokens[k - 1] as Token).end, (tokens[k] as Token).start)) continue;
    return FIRST_PERSON.has(words[k] as string);
  }
  return false;
}

/**
 * "describes herself as X", "I'm a X", "I used to be an X", "we are still X", "I am proud of
 * being two years X", "as an X myself": a person's own words about themselves. "My brother is
 * an X", "I think he is an X" and "I'm working with X" are about somebody else.
 */
export function isOwnWords(text: string, tokens: readonly Token[], words: readonly string[], first: number, floor: number): boolean {
  if (INTENSIFIERS.has(words[first] as string)) return false;
  // "as an addict myself", "a former addict myself"
  for (let k = first + 1; k <= first + 3 && k < words.length; k++) {
    if (breaksClause(text, (tokens[k - 1] as Token).end, (tokens[k] as Token).start)) break;
    const w = words[k] as string;
    if (w === 'myself' || w === 'ourselves') return true;
  }
  if (speaksAsInsider(text, tokens, words, first, floor)) return true;
  const count = lookBack(text, tokens, words, first, floor, 8);
  // "I have been clean": a term that opens with a form of being carries its own verb
  let be = SELF_BE.has(words[first] as string);
  for (let i = 0; i < count; i++) {
    const w = back[i] as string;
    if (INTENSIFIERS.has(w)) return false;
    if (OWN_WORDS.has(w)) return i < 6 && (w === 'myself' || w === 'ourselves' || SELF_DESCRIBE.has(back[i + 1] ?? ''));
    // "speaking as an X", "as a former X, I ..."
    if (w === 'as') {
      const before = i + 1 < count ? (back[i + 1] as string) : '';
      if (before === 'speaking' || before === 'writing') return true;
      if (i + 1 >= count) return firstPersonAfter(text, tokens, words, first);
      if (OWN_WORDS.has(before)) continue;
      return false;
    }
    if (FIRST_PERSON.has(w)) {
      // "I'm a X" carries its own verb, "I suffer from X" is my own; otherwise "I X" needs a
      // form of being in between ("I used to be an X")
      return be || i === 0 || w === "i'm" || w === 'im' || w === "we're";
    }
    if (SELF_BE.has(w)) be = true;
    // "proud of being X" is about me; "the kid of an X" is not
    else if (w === 'of') {
      if (i === 0 || back[i - 1] !== 'being') return false;
    } else if (!SELF_BETWEEN.has(w) && !/^[0-9]+$/.test(w)) return false;
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

const TOPIC_BEFORE = contextSet('topic-before');

/** "a grievance about the hold", "appeal the commitment": the cue names a topic, nobody does it here. */
export function isTopic(words: readonly string[], first: number, floor: number): boolean {
  for (let k = first - 1; k >= floor && k >= first - 4; k--) if (TOPIC_BEFORE.has(words[k] as string)) return true;
  return false;
}
