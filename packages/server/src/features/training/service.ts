/**
 * Training and certification: expiry reminders, and training areas suggested from the work a
 * member's notes show. The notes are read here and never leave this function: only counts and
 * the area's name go into a suggestion, never a sentence.
 */
import { TRAINING_AREAS, TRAINING_THEMES, trainingThemes } from '@peerlens/core';
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Database, MemberRole } from '../../db/types.js';
import type { TrainingPerson } from './schemas.js';

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

export interface Suggestion {
  readonly area: string;
  readonly title: string;
  readonly notes: number;
  readonly sentences: number;
  readonly why: string;
}

/**
 * Areas the notes show a lot of but no training is on record for, most notes first. Which areas
 * a sentence touches is core's training themes (packages/core/lexicon/themes/*.yml).
 */
export function suggestAreas(notes: readonly (readonly string[])[], trainedAreas: ReadonlySet<string>, months = 3): Suggestion[] {
  const tally = new Map<string, { notes: number; sentences: number }>();
  for (const sentences of notes) {
    const seen = new Set<string>();
    for (const s of sentences)
      for (const area of trainingThemes(s)) {
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
      const words = TRAINING_THEMES.find((t) => t.id === area)?.words ?? area;
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

/* ---------------- the SQL of certifications and trainings (see routes.ts for who may do what) ---------------- */

/** The sentences of a member's notes written in the last SUGGEST_DAYS days; read here, never sent anywhere. */
export async function recentNoteSentences(db: Kysely<Database>, userId: string, now: Date): Promise<string[][]> {
  const since = new Date(now.getTime() - SUGGEST_DAYS * 86_400_000).toISOString();
  const docs = await db
    .selectFrom('documents')
    .select(['text', 'analysis', 'written_at', 'created_at'])
    .where('author_id', '=', userId)
    .where('kind', '=', 'note')
    .where((eb) => eb(eb.fn.coalesce('written_at', 'created_at'), '>=', since.slice(0, 10)))
    .execute();
  return docs.map((d) => {
    try {
      const a = JSON.parse(d.analysis) as { sentences?: { text?: unknown }[] };
      if (Array.isArray(a.sentences) && a.sentences.length > 0) return a.sentences.map((s) => (typeof s.text === 'string' ? s.text : ''));
    } catch {
      // an analysis that cannot be read: fall back to the text
    }
    return d.text.split(/(?<=[.!?])\s+|\n+/);
  });
}

export type CertRow = Database['certifications'];
export const certOf = (c: {
  id: string;
  state: string;
  number: string;
  expires_on: string | null;
  created_at: string;
  updated_at: string;
}) => ({
  id: c.id,
  state: c.state,
  number: c.number,
  expiresOn: c.expires_on,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});

/** Certifications soonest to expire first (those that never expire last), then by state. */
const byExpiry = (a: { expires_on: string | null; state: string }, b: { expires_on: string | null; state: string }): number =>
  (a.expires_on ?? '9999').localeCompare(b.expires_on ?? '9999') || a.state.localeCompare(b.state);

/** A reminder for each certification that has expired or expires soon, most urgent first. */
export function remindersOf(certs: readonly CertRow[], today: string): Reminder[] {
  return certs
    .map((c) => {
      const r = reminderFor(c, today);
      return r ? { ...r, certificationId: c.id } : null;
    })
    .filter((r): r is Reminder & { certificationId: string } => r !== null)
    .sort((a, b) => a.days - b.days);
}

export async function personOf(
  db: Kysely<Database>,
  u: { id: string; name: string; role: MemberRole },
  now: Date,
): Promise<z.infer<typeof TrainingPerson>> {
  const certs = (await db.selectFrom('certifications').selectAll().where('user_id', '=', u.id).execute()).sort(byExpiry);
  const trainings = await db
    .selectFrom('trainings')
    .selectAll()
    .where('user_id', '=', u.id)
    .orderBy('completed_on', 'desc')
    .orderBy('id')
    .execute();
  const trained = new Set(trainings.map((t) => t.area));
  return {
    user: { id: u.id, name: u.name, role: u.role },
    certifications: certs.map(certOf),
    trainings: trainings.map((t) => ({
      id: t.id,
      area: t.area,
      areaTitle: areaTitle(t.area),
      direction: TRAINING_AREAS.find((a) => a.id === t.area)?.direction ?? 'other',
      title: t.title,
      completedOn: t.completed_on,
      hours: t.hours,
    })),
    reminders: remindersOf(certs, now.toISOString()),
    suggestions: suggestAreas(await recentNoteSentences(db, u.id, now), trained),
  };
}

/** The active members of a team but one, by name. */
export function teammates(db: Kysely<Database>, teamId: string, except: string): Promise<{ id: string; name: string; role: MemberRole }[]> {
  return db
    .selectFrom('users')
    .select(['id', 'name', 'role'])
    .where('team_id', '=', teamId)
    .where('id', '!=', except)
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .execute();
}

/** The active peers' ids, their certifications and the areas of their trainings. */
export async function peerRecords(db: Kysely<Database>) {
  const peers = await db.selectFrom('users').select('id').where('role', '=', 'peer').where('disabled_at', 'is', null).execute();
  const ids = peers.map((p) => p.id);
  const certs = ids.length ? await db.selectFrom('certifications').selectAll().where('user_id', 'in', ids).execute() : [];
  const trainings = ids.length ? await db.selectFrom('trainings').select(['user_id', 'area']).where('user_id', 'in', ids).execute() : [];
  return { ids, certs, trainings };
}

export async function certificationCount(db: Kysely<Database>, userId: string): Promise<number> {
  const count = await db
    .selectFrom('certifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('user_id', '=', userId)
    .executeTakeFirstOrThrow();
  return Number(count.n);
}

export async function insertCertification(db: Kysely<Database>, row: CertRow): Promise<void> {
  await db.insertInto('certifications').values(row).execute();
}

/** Changes a member's own certification and gives it back; undefined when they have none of that id. */
export async function updateCertification(
  db: Kysely<Database>,
  id: string,
  userId: string,
  change: Pick<CertRow, 'state' | 'number' | 'expires_on' | 'updated_at'>,
): Promise<CertRow | undefined> {
  const r = await db.updateTable('certifications').set(change).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) return undefined;
  return db.selectFrom('certifications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export async function insertTraining(db: Kysely<Database>, row: Database['trainings']): Promise<void> {
  await db.insertInto('trainings').values(row).execute();
}

/** Removes a member's own certification or training; false when they have none of that id. */
export async function deleteOwn(db: Kysely<Database>, table: 'certifications' | 'trainings', id: string, userId: string): Promise<boolean> {
  const r = await db.deleteFrom(table).where('id', '=', id).where('user_id', '=', userId).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}
