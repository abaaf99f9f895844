import type { Category, DimensionId, DutyLabel, Severity } from '../types.js';
import type { PhraseGraph } from '../match/graph.js';

/** One rule of the lexicon, as compiled from YAML (see docs/lexicon-format.md). */
export interface LexiconEntry {
  readonly id: string;
  readonly category: Category;
  readonly dimension: DimensionId;
  readonly severity: Severity;
  /** For perspective and role cues (and language entries that also mark a register). */
  readonly label?: DutyLabel;
  readonly weight: number;
  readonly negatable: boolean;
  /**
   * Named as a topic nobody does here ("a grievance about the hold", analyze/context.ts isTopic)
   * does not count. YAML `topical`; by default true for conflict cues and clinical cues of the
   * choice dimension.
   */
  readonly topical: boolean;
  /**
   * Done by another professional ("the psychiatrist increased …") counts the tuning's reported
   * share and flags nothing. YAML `actorSensitive`; by default true for clinical and conflict cues.
   */
  readonly actorSensitive: boolean;
  /** The peer cue the engine also reads from the shape of a sentence that this entry explains. */
  readonly structural?: 'naming-language' | 'own-experience' | 'speaking-for-themselves';
  /** Read only in notes, or only in duties; both when absent. */
  readonly scope?: 'note' | 'duty';
  readonly phrases: readonly string[];
  readonly message: string;
  readonly note: string;
  readonly source: readonly string[];
  /**
   * Text that may stand in place of exactly the matched words: a phrase (the whole match), or a
   * swap of some of its words (the rest kept as written). Checked against the entry's own `fire`
   * examples (`npm run check-examples`).
   */
  readonly replacements: readonly Replacement[];
  /** Advice shown with the message (and, for duties, as what to try instead); never inserted. */
  readonly hints: readonly string[];
  readonly notBefore?: readonly string[];
  readonly notAfter?: readonly string[];
  readonly onlyAfter?: readonly string[];
  readonly onlyBefore?: readonly string[];
  /** Fire also when the next word is one of these, whatever `onlyAfter` says (a noun read by what follows it). */
  readonly orBefore?: readonly string[];
  /**
   * Fire only when the match stands alone in quotation marks (scare quotes): a symptom put in
   * quotes ("his 'chest pain'") doubts the person, where other quoted terms are mentions.
   */
  readonly quoted?: true;
  readonly examples: { readonly fire: readonly string[]; readonly pass: readonly string[] };
  /** The YAML file it came from, relative to the lexicon folder. */
  readonly file: string;
}

/**
 * A replacement: a phrase that replaces the whole match, or a swap: each key (one or more
 * folded words, longest first) found in the match is replaced by its value, and every other
 * word and separator of the match is kept as written, so "refuses groups" becomes "declines
 * groups" and "Pt refused meds" "Pt declined meds".
 */
export type Replacement = string | { readonly swap: readonly (readonly [words: string, text: string])[] };

export interface Source {
  readonly key: string;
  readonly title: string;
  readonly author: string;
  readonly year?: number;
  readonly url?: string;
}

/**
 * The compiled lexicon: entries, and their phrases, either as a compiled phrase graph (the
 * built-in lexicon) or as expanded token lists with the entry's index (additions), or both.
 */
export interface Lexicon {
  readonly entries: readonly LexiconEntry[];
  readonly graph?: PhraseGraph;
  readonly phrases: readonly (readonly [tokens: readonly string[], entry: number])[];
  /** English words one edit away from a lexicon word: never "corrected" as typos. */
  readonly protectedWords: readonly string[];
  readonly sources: readonly Source[];
}
