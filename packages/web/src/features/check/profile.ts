/** The perspective profile as rows for a chart and for its table twin. */
import {
  DIMENSIONS,
  type DimensionId,
  type NoteLabel,
  type Perspective,
  type Profile,
  LABEL_TEXT,
  NOTE_LABELS,
  PERSPECTIVES,
} from '@peerlens/core';

export interface ShareRow {
  readonly label: NoteLabel;
  readonly text: string;
  readonly count: number;
  /** 0..1 */
  readonly share: number;
  /** e.g. "40%" */
  readonly percent: string;
}

export interface DimensionRow {
  readonly dimension: DimensionId;
  readonly title: string;
  readonly perspective: Perspective;
  readonly text: string;
  readonly count: number;
}

export function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}

/** One row per note label, in the fixed order peer, overlap, clinical, neutral. */
export function shareRows(profile: Profile): ShareRow[] {
  return NOTE_LABELS.map((label) => ({
    label,
    text: LABEL_TEXT[label],
    count: profile.counts[label] ?? 0,
    share: profile.shares[label] ?? 0,
    percent: percent(profile.shares[label] ?? 0),
  }));
}

/** One row per (dimension, perspective) the note touched, in framework order; untouched dimensions are left out. */
export function dimensionRows(profile: Profile): DimensionRow[] {
  const rows: DimensionRow[] = [];
  for (const d of DIMENSIONS) {
    const counts = profile.byDimension[d.id];
    if (!counts) continue;
    const total = PERSPECTIVES.reduce((n, p) => n + (counts[p] ?? 0), 0);
    if (total === 0) continue;
    for (const p of PERSPECTIVES)
      rows.push({ dimension: d.id, title: d.title, perspective: p, text: LABEL_TEXT[p], count: counts[p] ?? 0 });
  }
  return rows;
}

/** A one-sentence summary of the profile for people who do not read the chart. */
export function profileSentence(profile: Profile): string {
  if (profile.units === 0) return 'Nothing to show yet: write or paste a note.';
  const parts = shareRows(profile)
    .filter((r) => r.count > 0)
    .map((r) => `${r.percent} ${r.text.toLowerCase()}`);
  const units = profile.units === 1 ? '1 sentence' : `${profile.units} sentences`;
  return `${units}: ${parts.join(', ')}.`;
}
