import type { DutyLabel, NoteLabel } from '@peerlens/core';

/**
 * Colours for charts and badges. Each has at least 4.5:1 contrast with white, so white text on
 * it and the colour on a white page both pass WCAG AA. The labels themselves, their order and
 * their words come from @peerlens/core (`NOTE_LABELS`, `LABEL_TEXT` …).
 */
export const LABEL_COLOR: Readonly<Record<NoteLabel | DutyLabel, string>> = {
  peer: '#0f6b5c',
  overlap: '#8a5a00',
  clinical: '#5b3cc4',
  neutral: '#5c6370',
  conflict: '#b42318',
  errand: '#9c4a12',
};
