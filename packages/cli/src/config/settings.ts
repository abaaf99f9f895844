/** What applies to one input, resolved from its configuration: plain data, sent to workers as is. */
import type { DeniedPhrase, RuleSetting } from '@peerlens/core';

export interface Settings {
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly allow: readonly string[];
  readonly deny: readonly DeniedPhrase[];
  /** Absolute paths of an organization's own lexicon files. */
  readonly lexicon: readonly string[];
  /** How documents are read: as prose (`note`) or duty by duty (`role`). */
  readonly as: 'note' | 'role';
  /** The configuration file it came from, as shown to the user. */
  readonly origin?: string;
}

export const DEFAULT_SETTINGS: Settings = { rules: {}, allow: [], deny: [], lexicon: [], as: 'note' };

/** A stable key for settings, to share an engine between inputs with the same ones. */
export function settingsKey(s: Settings): string {
  return JSON.stringify([s.rules, s.allow, s.deny, s.lexicon, s.origin ?? '']);
}
