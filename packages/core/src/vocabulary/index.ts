/**
 * PeerLens's vocabulary, spelled out once: the labels, categories, severities and dimension ids
 * in the order they are shown, and how each is written in words. The CLI, the server (its zod
 * schemas, in @peerlens/contract) and the web import these instead of listing them again.
 */
import type { Category, DimensionId, DutyLabel, NoteLabel, NotDutyKind, Perspective, RethinkLabel, Severity } from '../types.js';

/** A list of every member of the union `U`: leaving one out is a type error. */
const all =
  <U>() =>
  <const T extends readonly U[]>(t: T & ([U] extends [T[number]] ? unknown : 'lists every member')): T =>
    t;

/** The three perspectives of the chart, in the order they are shown. */
export const PERSPECTIVES = all<Perspective>()(['peer', 'overlap', 'clinical']);
/** The labels of a note's units, in the order they are shown. */
export const NOTE_LABELS = all<NoteLabel>()(['peer', 'overlap', 'clinical', 'neutral']);
/** The labels of a duty, in the order they are shown. */
export const DUTY_LABELS = all<DutyLabel>()(['peer', 'overlap', 'clinical', 'conflict', 'errand']);
/** The labels of a duty to rethink. */
export const RETHINK_LABELS = all<RethinkLabel>()(['conflict', 'errand', 'clinical']);
export const CATEGORIES = all<Category>()(['language', 'perspective', 'role']);
export const SEVERITIES = all<Severity>()(['error', 'warning', 'info']);
/** The framework's dimensions, in the chart's order (the same as `DIMENSIONS`, pinned by a test). */
export const DIMENSION_IDS = all<DimensionId>()([
  'relationship',
  'stance',
  'sharing',
  'meaning',
  'choice',
  'advocacy',
  'language',
  'identity',
  'position',
]);
/** The kinds of job-description lines that are not duties. */
export const NOT_DUTY_KINDS = all<NotDutyKind>()(['heading', 'summary', 'qualification', 'pay', 'hours']);

/** How a label is written for people: always in words, never by colour alone. */
export const LABEL_TEXT: Readonly<Record<NoteLabel | DutyLabel, string>> = {
  peer: 'Peer',
  overlap: 'Shared (overlap)',
  clinical: 'Clinical',
  neutral: 'Neutral',
  conflict: 'Conflict',
  errand: 'Errand',
};

export const CATEGORY_TEXT: Readonly<Record<Category, string>> = {
  language: 'Language',
  perspective: 'Perspective',
  role: 'Role',
};

export const SEVERITY_TEXT: Readonly<Record<Severity, string>> = {
  error: 'Worth a close look',
  warning: 'Worth a look',
  info: 'For reflection',
};

/** What a line that is not a duty is, in words. */
export const NOT_DUTY_TEXT: Readonly<Record<NotDutyKind, string>> = {
  heading: 'heading',
  summary: 'position summary',
  qualification: 'qualification',
  pay: 'pay or benefits',
  hours: 'hours or schedule',
};
