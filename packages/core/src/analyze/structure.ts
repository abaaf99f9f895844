/**
 * Peer cues read from the shape of a sentence rather than from one phrase: the writer's own
 * experience ("my psychiatrist", "I was hospitalized", "mine got better"), and a person
 * speaking for themselves ("told him herself", "did it himself"). Each is tied to the lexicon
 * entry that carries its `structural` field (perspective/peer-structural.yml), which explains it;
 * the words looked for are lexicon/context/structure.yml. Bounded look-ups only.
 */
import type { Token } from '../text/tokenize.js';
import { contextSet, type Span } from './context.js';

/** Things a person has been through that a writer's "my …" points to. */
const EXPERIENCE = contextSet('experience');
const OWN_EVENTS = contextSet('own-events');
const ACT_VERBS = contextSet('act-verbs');
const REFLEXIVE = contextSet('reflexive');

export interface StructureHit {
  /** The cue, explained by the lexicon entry with this `structural` field. */
  readonly cue: 'own-experience' | 'speaking-for-themselves';
  readonly first: number;
  readonly last: number;
}

function inQuotes(quotes: readonly Span[], t: Token): boolean {
  for (const q of quotes) if (t.start >= q.start && t.end <= q.end) return true;
  return false;
}

export function structureCues(
  words: readonly string[],
  tokens: readonly Token[],
  first: number,
  last: number,
  quoteSpansOf: () => readonly Span[],
): StructureHit[] {
  let quotes: readonly Span[] | undefined;
  const quoted = (t: Token): boolean => inQuotes((quotes ??= quoteSpansOf()), t);
  const hits: StructureHit[] = [];
  let own = false;
  let self = false;
  for (let i = first; i < last && !(own && self); i++) {
    const w = words[i] as string;
    if (!own && (w === 'my' || w === 'i' || w === "i've" || w === 'ive') && !quoted(tokens[i] as Token)) {
      if (w === 'my') {
        for (let k = i + 1; k < last && k <= i + 3; k++) {
          if (EXPERIENCE.has(words[k] as string)) {
            hits.push({ cue: 'own-experience', first: i, last: k });
            own = true;
            break;
          }
        }
      } else {
        // "I was hospitalized", "I've been there", "I was on a hold"
        const next = words[i + 1];
        const after = words[i + 2];
        if ((next === 'was' || next === 'been' || next === 'got' || next === 'have' || next === 'had') && i + 2 < last) {
          const target = next === 'have' || next === 'had' ? words[i + 3] : after;
          const needsBeen = target === 'there' || target === 'through';
          if (target !== undefined && OWN_EVENTS.has(target) && (!needsBeen || next === 'been' || words[i + 2] === 'been')) {
            hits.push({ cue: 'own-experience', first: i, last: Math.min(last - 1, i + 3) });
            own = true;
          }
        }
      }
    }
    if (!self && REFLEXIVE.has(w) && !quoted(tokens[i] as Token)) {
      for (let k = i - 1; k >= first && k >= i - 4; k--) {
        if (ACT_VERBS.has(words[k] as string)) {
          hits.push({ cue: 'speaking-for-themselves', first: k, last: i });
          self = true;
          break;
        }
      }
    }
  }
  return hits;
}
