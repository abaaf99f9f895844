import type { DutyLabel, NoteLabel, Perspective, Severity, Category } from '@peerlens/core';

/** The note labels in the order they are shown. */
export const NOTE_LABELS: readonly NoteLabel[] = ['peer', 'overlap', 'clinical', 'neutral'];
export const PERSPECTIVES: readonly Perspective[] = ['peer', 'overlap', 'clinical'];
export const DUTY_LABELS: readonly DutyLabel[] = ['peer', 'overlap', 'clinical', 'conflict', 'errand'];

/** How a label is written on screen: always in words, never by colour alone. */
export const LABEL_TEXT: Readonly<Record<NoteLabel | DutyLabel, string>> = {
  peer: 'Peer',
  overlap: 'Shared (overlap)',
  clinical: 'Clinical',
  neutral: 'Neutral',
  conflict: 'Conflict',
  errand: 'Errand',
};

/**
 * Colours for charts and badges. Each has at least 4.5:1 contrast with white, so white text on
 * it and the colour on a white page both pass WCAG AA.
 */
export const LABEL_COLOR: Readonly<Record<NoteLabel | DutyLabel, string>> = {
  peer: '#0f6b5c',
  overlap: '#8a5a00',
  clinical: '#5b3cc4',
  neutral: '#5c6370',
  conflict: '#b42318',
  errand: '#9c4a12',
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
