/**
 * The context word sets the engine reads (analyze/context.ts, analyze/structure.ts). Their words
 * live in lexicon/context/*.yml (docs/lexicon-format.md, "Context words"); the build compiles
 * them into src/generated/context.ts and fails when a set listed here is missing there, or one
 * there is not listed here.
 */
export const CONTEXT_SETS = [
  // negation and lists (lexicon/context/negation.yml)
  'negators',
  'clause-breaks',
  'list-markers',
  'list-words',
  'ruled-out-nouns',
  'ruled-out-ends',
  // a term mentioned, not used (mention.yml)
  'mention-before',
  'term-of-time',
  'call-words',
  'call-frames',
  'label-verbs',
  'group-nouns',
  'generic-adverbs',
  'use-verbs',
  'call-verbs',
  'passive-frames',
  'call-objects',
  'call-subjects',
  'quoted-be',
  'quoted-about',
  'quoted-clause',
  // a person's own words about themselves (own-words.yml)
  'own-words',
  'intensifiers',
  'first-person',
  'self-be',
  'self-between',
  'self-describe',
  'lived',
  'other-people',
  'first-person-any',
  'workplaces',
  // who does it, and a topic nobody does (actors.yml)
  'other-actors',
  'self-actors',
  'topic-before',
  // peer cues from the shape of a sentence (structure.yml)
  'experience',
  'own-events',
  'act-verbs',
  'reflexive',
] as const;

export type ContextSetId = (typeof CONTEXT_SETS)[number];

/** The compiled context words: every set, its words. */
export type ContextWords = Readonly<Record<ContextSetId, readonly string[]>>;
