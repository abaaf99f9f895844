/** The labels and the finding shape that every part of PeerLens shares (see docs/design.md). */

/** A framework dimension: one row of the peer / overlap / clinical chart. */
export type DimensionId = 'relationship' | 'stance' | 'sharing' | 'meaning' | 'choice' | 'advocacy' | 'language' | 'identity' | 'position';

/** The three perspectives of the chart. */
export type Perspective = 'peer' | 'overlap' | 'clinical';

/** The label of a note unit (a sentence or short passage). */
export type NoteLabel = Perspective | 'neutral';

/** The label of a duty (a job-description line or a task). */
export type DutyLabel = Perspective | 'conflict' | 'errand';

export type Category = 'language' | 'perspective' | 'role';
export type Severity = 'error' | 'warning' | 'info';

/** A place in the text: offsets in UTF-16 code units into the original text; line and column 1-based. */
export interface Point {
  readonly line: number;
  readonly column: number;
  readonly offset: number;
}

/** One thing PeerLens noticed, with why and what a person might write instead. */
export interface Finding {
  readonly category: Category;
  readonly severity: Severity;
  readonly ruleId: string;
  readonly start: Point;
  readonly end: Point;
  /** The matched text, exactly as written. */
  readonly actual: string;
  readonly message: string;
  /**
   * Replacements: text that may stand in place of exactly `actual` (from `start` to `end`), with
   * its case matched. Offered to a person, never applied by PeerLens itself. Empty when no
   * replacement fits; the hints then say what to write instead.
   */
  readonly expected: readonly string[];
  /** Advice for the person: shown with the message, never inserted into the text. */
  readonly hints: readonly string[];
  /** Why, naming the source. */
  readonly note: string;
  readonly source: readonly string[];
  readonly dimension?: DimensionId;
  /** Set when a typo-tolerant match produced this finding. */
  readonly fuzzy?: true;
  /**
   * Set when the situation changed the severity: `own-words`, a person's own words about
   * themselves, shown as information only (theirs to use).
   */
  readonly situation?: 'own-words';
  /**
   * Other rules that flagged some of the same words, merged into this finding so that one
   * place in the text is one finding (each with its own span, message, why and hints).
   */
  readonly also?: readonly Finding[];
}

/** A cue that counted toward a label, for the explanation of that label. */
export interface Reason {
  readonly ruleId: string;
  readonly label: DutyLabel;
  readonly actual: string;
  readonly start: number;
  readonly end: number;
  readonly weight: number;
  readonly dimension: DimensionId;
  /** How the context changed the cue: a negated clinical cue counts as a boundary statement. */
  readonly context?: 'negated' | 'reported';
  readonly message: string;
}

export type UnitKind = 'sentence' | 'item' | 'heading';

/**
 * What PeerLens's labelled corpus says about a text's words, beside the lexicon's cues: the
 * most probable label by word evidence, its probability, and the words that carried it.
 */
export interface CorpusEvidence {
  readonly label: DutyLabel | NoteLabel;
  readonly probability: number;
  readonly words: readonly string[];
}

/** A labelled unit of a note. */
export interface Sentence {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: UnitKind;
  /** A SOAP / DAP / BIRP section label the unit stands under (S, O, A, P, D, B, I, R …). */
  readonly section?: string;
  readonly label: NoteLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly reasons: readonly Reason[];
  readonly evidence?: CorpusEvidence;
}

export type LabelShares = Readonly<Record<NoteLabel, number>>;

/** The perspective profile of a document. */
export interface Profile {
  /** Units counted (sentences and list items; headings are not counted). */
  readonly units: number;
  readonly counts: LabelShares;
  /** Share of each label among counted units, 0..1. */
  readonly shares: LabelShares;
  /** Per dimension, how many units of each perspective touched it. */
  readonly byDimension: Readonly<Partial<Record<DimensionId, Readonly<Record<Perspective, number>>>>>;
  readonly findings: Readonly<Record<Category, number>>;
  readonly words: number;
}

export interface Analysis {
  readonly label: NoteLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly sentences: readonly Sentence[];
  readonly findings: readonly Finding[];
  readonly profile: Profile;
}

export interface DutyResult {
  readonly label: DutyLabel;
  readonly confidence: number;
  readonly dimensions: readonly DimensionId[];
  readonly reasons: readonly Reason[];
  readonly findings: readonly Finding[];
  /**
   * What to try instead, for a duty to rethink (a conflict, an errand or a clinical duty): the
   * hints of the rules behind its label. Advice, never text to put in place of the duty.
   */
  readonly suggestions: readonly string[];
  readonly evidence?: CorpusEvidence;
}

/** A duty found in a job description or task list, with its place in the text. */
export interface Duty extends DutyResult {
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

/**
 * What a line of a job description is when it is not a duty: a heading, the position summary,
 * a qualification (education, experience, certification, skills asked of the person), pay and
 * benefits, or the hours and schedule.
 */
export type NotDutyKind = 'heading' | 'summary' | 'qualification' | 'pay' | 'hours';

/** A line of a job description that is not a duty, left out of the counts. */
export interface NotDuty {
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly kind: NotDutyKind;
}

/** Labels of duties to rethink: given to a peer, they would set the peer against the person, use them as general help, or make them a clinician. */
export type RethinkLabel = 'conflict' | 'errand' | 'clinical';

export interface RoleReview {
  /** Every line that reads as a duty, in text order. */
  readonly duties: readonly Duty[];
  /** Lines that are not duties (headings, the summary, qualifications, pay, hours), in text order. */
  readonly notDuties: readonly NotDuty[];
  readonly counts: Readonly<Record<DutyLabel, number>>;
  /** How many duties are conflicts, errands or clinical. */
  readonly rethink: number;
  /** e.g. "5 of 21 duties to rethink: 2 conflicts, 2 errands and 1 clinical duty. 4 lines are not duties and are not counted." */
  readonly summary: string;
}

/** A rule's setting: off, or on at a chosen severity. */
export type RuleSetting = 'off' | Severity;

export interface AnalyzeOptions {
  /** Rules turned off or set to another severity, by id. */
  readonly rules?: Readonly<Record<string, RuleSetting>>;
  /** Phrases never to flag (an organization's allow list), matched like lexicon phrases. */
  readonly allow?: readonly string[];
}
