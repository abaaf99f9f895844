/**
 * An organization's own additions to the lexicon: phrases it wants flagged (a deny list) and
 * entries from its own lexicon file, merged with the built-in lexicon into one engine.
 * Browser-safe: the entries arrive already parsed (the Node loader reads YAML files).
 */
import { Engine } from '../analyze/engine.js';
import { phraseVariants } from '../lexicon/expand.js';
import type { Lexicon, LexiconEntry } from '../lexicon/types.js';
import type { Severity } from '../types.js';

/** A phrase an organization asks PeerLens to flag, with what to say about it. */
export interface DeniedPhrase {
  /** Matched like a lexicon phrase: whole words, any case, `[a|b]` alternatives. */
  readonly phrase: string;
  /** Rule id of the finding; default `denied-phrase`. */
  readonly id?: string;
  readonly severity?: Severity;
  /** `{actual}` stands for the matched text. */
  readonly message?: string;
  /** Words that may stand in place of the phrase (offered, never applied). */
  readonly replacements?: readonly string[];
  /** Advice shown with the message, never inserted. */
  readonly hints?: readonly string[];
  /** Older name for `replacements`, still read. */
  readonly suggestions?: readonly string[];
  /** Why, for the reader; default names where the list came from. */
  readonly note?: string;
}

export interface LexiconAdditions {
  readonly entries: readonly LexiconEntry[];
  readonly phrases: readonly (readonly [readonly string[], number])[];
}

export const DENIED_PHRASE_RULE = 'denied-phrase';

/**
 * Turns a deny list into lexicon entries (category `language`). `origin` names where the list
 * is kept (e.g. a config file), for the note. A phrase that cannot be read is reported, not thrown.
 */
export function deniedEntries(list: readonly DeniedPhrase[], origin: string): LexiconAdditions & { problems: string[] } {
  const entries: LexiconEntry[] = [];
  const phrases: [string[], number][] = [];
  const problems: string[] = [];
  for (const d of list) {
    let variants;
    try {
      variants = phraseVariants(d.phrase);
    } catch (e) {
      problems.push((e as Error).message);
      continue;
    }
    if (variants.length === 0) {
      problems.push(`phrase "${d.phrase}" has no words`);
      continue;
    }
    const index = entries.length;
    entries.push({
      id: d.id ?? DENIED_PHRASE_RULE,
      category: 'language',
      dimension: 'language',
      severity: d.severity ?? 'warning',
      weight: 0,
      negatable: false,
      topical: false,
      actorSensitive: false,
      phrases: [d.phrase],
      message: d.message ?? `'{actual}' is on your organization's list of phrases to avoid.`,
      note: d.note ?? `Your organization asked PeerLens to flag this phrase (${origin}).`,
      source: ['organization'],
      replacements: d.replacements ?? d.suggestions ?? [],
      hints: d.hints ?? [],
      examples: { fire: [d.phrase], pass: [] },
      file: origin,
    });
    for (const v of variants) phrases.push([[...v.tokens], index]);
  }
  return { entries, phrases, problems };
}

/** A lexicon with the additions appended (their entry indexes shifted to follow the base). */
export function extendLexicon(base: Lexicon, ...additions: readonly LexiconAdditions[]): Lexicon {
  const entries: LexiconEntry[] = [...base.entries];
  const phrases: (readonly [readonly string[], number])[] = [...base.phrases];
  for (const add of additions) {
    const shift = entries.length;
    entries.push(...add.entries);
    for (const [tokens, i] of add.phrases) phrases.push([tokens, i + shift]);
  }
  return { ...base, entries, phrases };
}

/**
 * An engine over a base lexicon plus an organization's additions, with the base's trained
 * models: an addition changes what is read only where its phrases occur.
 */
export function extendEngine(base: Engine, ...additions: readonly LexiconAdditions[]): Engine {
  if (additions.every((a) => a.entries.length === 0)) return base;
  return new Engine(extendLexicon(base.lexicon, ...additions), base.evidence);
}
