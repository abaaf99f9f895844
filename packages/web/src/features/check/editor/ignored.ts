/**
 * Findings a person chose to ignore in one note (issue 13): kept for the note while the tab is
 * open, by rule and place, and moved with the text as it is edited, so an ignored finding stays
 * ignored when words are typed before it and comes back if its own words change.
 */
import { MapMode, type ChangeDesc } from '@codemirror/state';

export interface Ignored {
  readonly ruleId: string;
  readonly from: number;
  readonly to: number;
  /** The flagged words when it was ignored. */
  readonly actual: string;
}

export const sameFinding = (a: Ignored, b: Ignored): boolean =>
  a.ruleId === b.ruleId && a.from === b.from && a.to === b.to && a.actual === b.actual;

export const isIgnored = (d: Ignored, list: readonly Ignored[]): boolean => list.some((i) => sameFinding(i, d));

/** The list after an edit: each place moved with the text; one whose words were deleted is dropped. */
export function mapIgnored(list: readonly Ignored[], changes: ChangeDesc): Ignored[] {
  const out: Ignored[] = [];
  for (const i of list) {
    const from = changes.mapPos(i.from, 1, MapMode.TrackDel);
    const to = changes.mapPos(i.to, -1, MapMode.TrackDel);
    if (from === null || to === null || to < from) continue;
    out.push({ ...i, from, to });
  }
  return out;
}
