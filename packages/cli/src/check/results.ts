/**
 * What checking a batch takes and gives back (process.ts), apart from the code so that the
 * reporters can name a result without importing what makes it.
 */
import type { DimensionId, DutyLabel, Finding, LabelWhy, NotDuty, NoteLabel, Profile, UnitKind } from '@peerlens/core';
import type { Settings } from '../config/settings.js';

/** How a text is read: prose unit by unit, a whole job description duty by duty, or one duty. */
export type Mode = 'note' | 'role' | 'duty';

/** Where a record came from, for a line the worker formats itself. */
export type RecordMeta = Omit<import('@peerlens/inputs').InputRecord, 'text' | 'bytes'>;

export interface WorkItem {
  readonly text: string;
  /** With `preformat`: the record's origin, so the worker can write its output line. */
  readonly meta?: RecordMeta;
  readonly mode: Mode;
  /** Read inline controls (text and Markdown). */
  readonly controls: boolean;
  /** Key into the batch's settings table. */
  readonly settings: string;
}

export interface WorkBatch {
  readonly settings: Readonly<Record<string, Settings>>;
  /** Return each note's sentences (only the html and json reporters show them; leaving them out halves what workers send back). */
  readonly sentences?: boolean;
  readonly items: readonly WorkItem[];
  /**
   * `jsonl`: the worker writes each record's output line itself and sends back only that and
   * the counts, instead of every finding to be copied across threads and written out here.
   */
  readonly preformat?: 'jsonl';
}

export interface SentenceResult {
  readonly start: number;
  readonly end: number;
  readonly kind: UnitKind;
  readonly label: NoteLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  /** Why the label: cues for it, cues it outweighed, the words that carried it. */
  readonly why: LabelWhy;
}

export interface DutyRow {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly label: DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  /** The cues behind the label. */
  readonly reasons: readonly {
    readonly ruleId: string;
    readonly label: DutyLabel;
    readonly actual: string;
    readonly message: string;
    readonly context?: string;
  }[];
  /** For conflicts, errands and clinical duties: what a program might do instead (never empty for those). */
  readonly suggestions: readonly string[];
  readonly findings: readonly Finding[];
  /** Why the label: cues for it, cues it outweighed, the words that carried it. */
  readonly why: LabelWhy;
}

export interface ItemResult {
  readonly mode: Mode;
  readonly label: NoteLabel | DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly findings: readonly Finding[];
  /** Findings an inline control turned off. */
  readonly suppressed: number;
  readonly profile?: Profile;
  readonly sentences?: readonly SentenceResult[];
  readonly duties?: readonly DutyRow[];
  readonly counts?: Readonly<Record<DutyLabel, number>>;
  readonly summary?: string;
  /** In a role: the lines that are not duties (headings, summary, qualifications, pay, hours). */
  readonly notDuties?: readonly NotDuty[];
  /** With `preformat`: the record's output line, and its findings counted by severity (the findings themselves stay in the line). */
  readonly preformatted?: string;
  readonly severities?: { readonly error: number; readonly warning: number; readonly info: number };
  /** Directives that could not be read, with their lines. */
  readonly controlProblems?: readonly { readonly line: number; readonly message: string }[];
}
