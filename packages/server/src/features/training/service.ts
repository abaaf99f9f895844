/**
 * Training and certification: expiry reminders, and training areas suggested from the work a
 * member's notes show. The notes are read here and never leave this function: only counts and
 * the area's name go into a suggestion, never a sentence.
 */
import { TRAINING_AREAS } from '@peerlens/core';

/** A certification's reminder starts this many days before it expires. */
export const REMIND_DAYS = 60;
/** Notes from this many days back count toward suggestions. */
export const SUGGEST_DAYS = 91;
/** A suggestion needs at least this many notes touching the area. */
export const SUGGEST_MIN_NOTES = 3;

export const AREA_IDS: readonly string[] = [...TRAINING_AREAS.map((a) => a.id), 'other'];

export function areaTitle(id: string): string {
  return TRAINING_AREAS.find((a) => a.id === id)?.title ?? 'Other';
}

/** The themes notes can show, by training area: word patterns, matched case-insensitively at word starts. */
export const THEMES: Readonly<Record<string, { readonly words: string; readonly patterns: readonly RegExp[] }>> = {
  crisis: {
    words: 'crisis',
    patterns: [
      /\bcris[ie]s\b/i,
      /\bsuicid/i,
      /\bself[- ]harm/i,
      /\b988\b/,
      /\bsafety plan/i,
      /\bemergency (room|department)\b/i,
      /\bmobile crisis\b/i,
    ],
  },
  housing: {
    words: 'housing',
    patterns: [
      /\bhous(ing|ed)\b/i,
      /\bapartment/i,
      /\blandlord/i,
      /\bevict/i,
      /\brent\b/i,
      /\bshelter\b/i,
      /\blease\b/i,
      /\bunhoused\b/i,
      /\bhomeless/i,
    ],
  },
  employment: {
    words: 'work and jobs',
    patterns: [
      /\bjobs?\b/i,
      /\bemploy/i,
      /\br[eé]sum[eé]s?\b/i,
      /\bjob interview/i,
      /\binterview(s|ed|ing)?\b/i,
      /\bpaycheck/i,
      /\bhired\b/i,
      /\bshifts? at\b/i,
    ],
  },
  'supported-education': {
    words: 'school and studies',
    patterns: [
      /\bschool\b/i,
      /\bcollege\b/i,
      /\bclass(es)?\b/i,
      /\bcourses?\b/i,
      /\bGED\b/,
      /\benroll/i,
      /\btuition\b/i,
      /\bdegree\b/i,
      /\bstudy(ing)?\b/i,
    ],
  },
  'primary-care': {
    words: 'physical health and primary care',
    patterns: [
      /\bprimary care\b/i,
      /\bdoctor'?s?\b/i,
      /\bdiabet/i,
      /\bblood pressure\b/i,
      /\bchronic\b/i,
      /\basthma\b/i,
      /\bheart\b/i,
      /\bphysical health\b/i,
      /\bpain\b/i,
      /\bdentist/i,
    ],
  },
  'engaging-not-yet-interested': {
    words: 'people not yet looking for recovery',
    patterns: [
      /\bnot (yet )?(interested|ready)\b/i,
      /\bdid(n't| not) want to (talk|meet|come)\b/i,
      /\bdeclined (to )?(meet|talk|the)\b/i,
      /\bno-?show/i,
    ],
  },
};

export function themesOf(sentence: string): string[] {
  return Object.entries(THEMES)
    .filter(([, t]) => t.patterns.some((p) => p.test(sentence)))
    .map(([id]) => id);
}

export interface Suggestion {
  readonly area: string;
  readonly title: string;
  readonly notes: number;
  readonly sentences: number;
  readonly why: string;
}

/** Areas the notes show a lot of but no training is on record for, most notes first. */
export function suggestAreas(notes: readonly (readonly string[])[], trainedAreas: ReadonlySet<string>, months = 3): Suggestion[] {
  const tally = new Map<string, { notes: number; sentences: number }>();
  for (const sentences of notes) {
    const seen = new Set<string>();
    for (const s of sentences)
      for (const area of themesOf(s)) {
        const t = tally.get(area) ?? { notes: 0, sentences: 0 };
        t.sentences += 1;
        if (!seen.has(area)) {
          t.notes += 1;
          seen.add(area);
        }
        tally.set(area, t);
      }
  }
  return [...tally.entries()]
    .filter(([area, t]) => t.notes >= SUGGEST_MIN_NOTES && !trainedAreas.has(area))
    .sort((a, b) => b[1].notes - a[1].notes || b[1].sentences - a[1].sentences || a[0].localeCompare(b[0]))
    .map(([area, t]) => {
      const words = THEMES[area]?.words ?? area;
      return {
        area,
        title: areaTitle(area),
        notes: t.notes,
        sentences: t.sentences,
        why: `${t.notes} notes in the last ${months} months mention ${words} (${t.sentences} sentences); no ${areaTitle(area).toLowerCase()} training on record.`,
      };
    });
}

export interface Reminder {
  readonly kind: 'expired' | 'expiring';
  readonly expiresOn: string;
  readonly days: number;
  readonly message: string;
}

/** Whole days from `today` to `date` (both ISO dates); negative once past. */
export function daysUntil(date: string, today: string): number {
  return Math.round((Date.parse(`${date.slice(0, 10)}T00:00:00Z`) - Date.parse(`${today.slice(0, 10)}T00:00:00Z`)) / 86_400_000);
}

/** A reminder when the certification has expired or expires within REMIND_DAYS; otherwise null. */
export function reminderFor(cert: { state: string; expires_on: string | null } | undefined, today: string): Reminder | null {
  if (!cert || cert.expires_on === null) return null;
  const days = daysUntil(cert.expires_on, today);
  if (days < 0)
    return {
      kind: 'expired',
      expiresOn: cert.expires_on,
      days,
      message: `The ${cert.state} certification expired on ${cert.expires_on} (${-days} days ago). Renewing it is worth planning together.`,
    };
  if (days <= REMIND_DAYS)
    return {
      kind: 'expiring',
      expiresOn: cert.expires_on,
      days,
      message:
        days === 0
          ? `The ${cert.state} certification expires today (${cert.expires_on}).`
          : `The ${cert.state} certification expires on ${cert.expires_on}, in ${days} day${days === 1 ? '' : 's'}.`,
    };
  return null;
}
