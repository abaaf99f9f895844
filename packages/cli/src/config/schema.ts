/** The shape of a PeerLens configuration (`.peerlensrc.json`, `.peerlensrc.yaml`, `package.json#peerlens`). */
import { SEVERITIES } from '@peerlens/core';
import { z } from 'zod';

const severity = z.enum(SEVERITIES);
const setting = z.enum(['off', ...SEVERITIES], { message: 'a rule is "off", "error", "warning" or "info"' });

const denied = z.union([
  z.string().min(1),
  z
    .object({
      phrase: z.string().min(1),
      id: z
        .string()
        .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'ids are kebab-case: lower-case words joined by hyphens')
        .optional(),
      severity: severity.optional(),
      message: z.string().min(1).optional(),
      /** Words that may stand in place of the phrase (offered, never applied). */
      replacements: z.array(z.string().min(1)).optional(),
      /** Advice shown with the message, never inserted. */
      hints: z.array(z.string().min(1)).optional(),
      /** The older name of `replacements`, still read. */
      suggestions: z.array(z.string().min(1)).optional(),
      note: z.string().min(1).optional(),
    })
    .strict(),
]);

const settings = {
  rules: z.record(z.string(), setting).optional(),
  allow: z.array(z.string().min(1)).optional(),
  deny: z.array(denied).optional(),
  as: z.enum(['note', 'role'], { message: 'as is "note" (notes, prose) or "role" (job descriptions, task lists)' }).optional(),
};

export const overrideSchema = z
  .object({
    files: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]),
    ...settings,
  })
  .strict();

export const configSchema = z
  .object({
    ...settings,
    lexicon: z.union([z.string().min(1), z.array(z.string().min(1))]).optional(),
    overrides: z.array(overrideSchema).optional(),
  })
  .strict();

export type ConfigInput = z.infer<typeof configSchema>;
export type OverrideInput = z.infer<typeof overrideSchema>;
export type DeniedInput = z.infer<typeof denied>;
