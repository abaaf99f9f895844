/**
 * The schema of a lexicon entry (docs/lexicon-format.md), shared by the build and by anything
 * that loads an organization's own lexicon. Strict: an unknown key is an error.
 */
import { z } from 'zod';

export const DIMENSIONS = [
  'relationship',
  'stance',
  'sharing',
  'meaning',
  'choice',
  'advocacy',
  'language',
  'identity',
  'position',
] as const;

/** Peer cues the engine also reads from the shape of a sentence (analyze/structure.ts), each explained by one entry. */
export const STRUCTURAL_CUES = ['naming-language', 'own-experience', 'speaking-for-themselves'] as const;

const words = z
  .array(
    z
      .string()
      .regex(/^[^\s]+$/, 'a guard is a list of single lower-case words')
      .transform((w) => w.toLowerCase()),
  )
  .min(1);

/** A replacement stands in for the flagged words: a short phrase, not a sentence or advice. */
const replacementText = z
  .string()
  .min(1)
  .refine(
    (t) => !/[.?!…:;]$/.test(t.trim()),
    'a replacement is words to put in place of the flagged ones, not a sentence: advice goes in hints',
  )
  .refine((t) => !/[()\n]/.test(t), 'a replacement has no brackets or line breaks: "(describe …)" is a hint')
  .refine((t) => t.trim().split(/\s+/).length <= 9, 'a replacement has at most nine words; longer advice goes in hints');

const swap = z
  .record(
    z.string().regex(/^[^\s[\]|<>]+( [^\s[\]|<>]+)*$/, 'a swap key is one or more plain words, separated by single spaces'),
    replacementText,
  )
  .refine((r) => Object.keys(r).length > 0, 'a swap needs at least one word to swap');

const hint = z
  .string()
  .min(8)
  .refine(
    (t) => /^["'“‘(]?[A-Z]/.test(t.trim()) && /[.?!]["'”’)]?$/.test(t.trim()),
    'a hint is a sentence: it starts with a capital and ends with . ? or !',
  );

export const entrySchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case words joined by hyphens'),
    category: z.enum(['language', 'perspective', 'role']),
    dimension: z.enum(DIMENSIONS),
    severity: z.enum(['error', 'warning', 'info']),
    label: z.enum(['peer', 'overlap', 'clinical', 'conflict', 'errand']).optional(),
    weight: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    negatable: z.boolean().optional(),
    scope: z.enum(['note', 'duty']).optional(),
    topical: z.boolean().optional(),
    actorSensitive: z.boolean().optional(),
    structural: z.enum(STRUCTURAL_CUES).optional(),
    phrases: z.array(z.string().min(1)).min(1),
    message: z.string().min(8),
    note: z.string().min(8),
    source: z.array(z.string()).min(1),
    replacements: z.array(z.union([replacementText, z.object({ swap }).strict()])).optional(),
    hints: z.array(hint).optional(),
    suggestions: z
      .never({
        error:
          'suggestions are now two lists: replacements (words that stand in for exactly the flagged ones) and hints (advice, never inserted); see docs/lexicon-format.md',
      })
      .optional(),
    notBefore: words.optional(),
    notAfter: words.optional(),
    onlyAfter: words.optional(),
    onlyBefore: words.optional(),
    orBefore: words.optional(),
    quoted: z.literal(true).optional(),
    examples: z
      .object({
        fire: z.array(z.string().min(1)).min(1),
        pass: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.category === 'perspective' && !(e.label === 'peer' || e.label === 'overlap' || e.label === 'clinical')) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'a perspective cue needs label peer, overlap or clinical' });
    }
    if (e.category === 'role' && e.label === undefined) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'a role cue needs label conflict, errand, clinical, peer or overlap' });
    }
    if (e.category === 'language' && e.label !== undefined && e.label !== 'clinical') {
      ctx.addIssue({ code: 'custom', path: ['label'], message: 'a language entry may only mark the clinical register' });
    }
    const advice = (e.replacements?.length ?? 0) + (e.hints?.length ?? 0);
    const flags =
      e.category === 'language' ||
      (e.category === 'perspective' && e.label === 'clinical') ||
      (e.category === 'role' && (e.label === 'conflict' || e.label === 'errand' || e.label === 'clinical'));
    if (flags && advice === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['hints'],
        message: 'an entry that flags something needs at least one replacement or hint: what could be written or done instead',
      });
    }
    if (e.category === 'role' && (e.replacements?.length ?? 0) > 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['replacements'],
        message: 'a role cue offers hints, not replacements: rewording a duty does not change what the duty is',
      });
    }
    if (e.structural !== undefined && !(e.category === 'perspective' && e.label === 'peer')) {
      ctx.addIssue({ code: 'custom', path: ['structural'], message: 'a structural cue is a peer perspective cue' });
    }
    if (e.category === 'language' && (e.topical !== undefined || e.actorSensitive !== undefined)) {
      ctx.addIssue({
        code: 'custom',
        path: [e.topical !== undefined ? 'topical' : 'actorSensitive'],
        message: 'topical and actorSensitive are read for perspective and role cues only',
      });
    }
    if (e.category !== 'language' && e.weight === undefined) {
      ctx.addIssue({ code: 'custom', path: ['weight'], message: 'perspective and role cues need a weight of 1, 2 or 3' });
    }
  });

export type EntryInput = z.infer<typeof entrySchema>;

export const sourceSchema = z
  .object({
    key: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: z.string().min(3),
    author: z.string().min(2),
    year: z.number().int().optional(),
    url: z.string().optional(),
  })
  .strict();

/** A context word: one lower-case word as the tokenizer gives it (an apostrophe inside stays). */
const contextWord = z
  .string()
  .regex(/^[a-z0-9]+('[a-z0-9]+)*$/, 'a context word is one lower-case word (letters, digits, an apostrophe inside)');

/**
 * A set of context words (lexicon/context/*.yml): words the engine reads around a match, such
 * as the negators of "did not assess". Which sets exist is fixed by the engine
 * (src/lexicon/context-sets.ts); their words are data.
 */
export const contextSetSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case words joined by hyphens'),
    note: z.string().min(8),
    words: z.array(contextWord).min(1),
  })
  .strict();

export type ContextSetInput = z.infer<typeof contextSetSchema>;

/**
 * A training theme (lexicon/themes/*.yml): phrases that show a member's notes touch a training
 * area of the framework, so that training in it can be suggested.
 */
export const themeSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case words joined by hyphens'),
    words: z.string().min(3),
    phrases: z.array(z.string().min(1)).min(1),
    note: z.string().min(8),
    examples: z
      .object({
        fire: z.array(z.string().min(1)).min(1),
        pass: z.array(z.string().min(1)).min(1),
      })
      .strict(),
  })
  .strict();

export type ThemeInput = z.infer<typeof themeSchema>;
