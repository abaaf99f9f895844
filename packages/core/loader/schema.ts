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

const words = z
  .array(
    z
      .string()
      .regex(/^[^\s]+$/, 'a guard is a list of single lower-case words')
      .transform((w) => w.toLowerCase()),
  )
  .min(1);

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
    phrases: z.array(z.string().min(1)).min(1),
    message: z.string().min(8),
    note: z.string().min(8),
    source: z.array(z.string()).min(1),
    suggestions: z.array(z.string().min(1)).min(1),
    notBefore: words.optional(),
    notAfter: words.optional(),
    onlyAfter: words.optional(),
    onlyBefore: words.optional(),
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
