/**
 * Training and certification (issue 5). Every member keeps their own certification and
 * trainings; a supervisor reads their team's, with expiry reminders and the training areas
 * suggested from the work their notes show. A program leader or admin sees only counts.
 */
import { TRAINING_AREAS } from '@peerlens/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { MIN_PEOPLE } from '../drift/service.js';
import { requireUser } from '../../auth/access.js';
import { newId, type SessionUser } from '../../auth/sessions.js';
import type { Database, MemberRole } from '../../db/types.js';
import { ApiError } from '../../errors.js';
import { AREA_IDS, areaTitle, reminderFor, suggestAreas, SUGGEST_DAYS, type Reminder } from './service.js';
import {
  Certification,
  CertificationBody,
  CertificationParams,
  ErrorReply,
  Training,
  TrainingBody,
  TrainingDashboard,
  TrainingParams,
  TrainingPerson,
  TrainingSummary,
} from './schemas.js';

const tags = ['training'];

/** Enough for every state a peer could be certified in, and a bound on what one member can store. */
const MAX_CERTIFICATIONS = 60;

const today = (): string => new Date().toISOString().slice(0, 10);

/** The sentences of a member's notes written in the last SUGGEST_DAYS days; read here, never sent anywhere. */
async function recentNoteSentences(db: Kysely<Database>, userId: string, now: Date): Promise<string[][]> {
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

type CertRow = Database['certifications'];
const certOf = (c: { id: string; state: string; number: string; expires_on: string | null; created_at: string; updated_at: string }) => ({
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
function remindersOf(certs: readonly CertRow[], today: string): Reminder[] {
  return certs
    .map((c) => {
      const r = reminderFor(c, today);
      return r ? { ...r, certificationId: c.id } : null;
    })
    .filter((r): r is Reminder & { certificationId: string } => r !== null)
    .sort((a, b) => a.days - b.days);
}

async function personOf(
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

export const trainingRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/training',
    {
      schema: {
        summary: "Certification, trainings, reminders and suggested areas: the member's own, and for a supervisor their team's",
        tags,
        response: { 200: TrainingDashboard, 401: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const now = new Date();
      const people: { id: string; name: string; role: MemberRole }[] = [{ id: user.id, name: user.name, role: user.role }];
      if (user.role === 'supervisor' && user.teamId !== null) {
        const team = await db
          .selectFrom('users')
          .select(['id', 'name', 'role'])
          .where('team_id', '=', user.teamId)
          .where('id', '!=', user.id)
          .where('disabled_at', 'is', null)
          .orderBy('name')
          .execute();
        people.push(...team);
      }
      return { people: await Promise.all(people.map((p) => personOf(db, p, now))), today: today() };
    },
  );

  app.get(
    '/api/training/summary',
    {
      schema: {
        summary: 'Counts only, for a program leader or admin: certified peers, reminders, trainings by area (no names)',
        tags,
        response: { 200: TrainingSummary, 401: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      requireUser(request, 'leader', 'admin');
      const peers = await db.selectFrom('users').select('id').where('role', '=', 'peer').where('disabled_at', 'is', null).execute();
      const ids = peers.map((p) => p.id);
      const certs = ids.length ? await db.selectFrom('certifications').selectAll().where('user_id', 'in', ids).execute() : [];
      const trainings = ids.length
        ? await db.selectFrom('trainings').select(['user_id', 'area']).where('user_id', 'in', ids).execute()
        : [];
      const t = today();
      // counted by peer: a peer with two certifications is one certified peer
      const certified = new Set(certs.map((c) => c.user_id));
      const reminded = (kind: 'expired' | 'expiring'): number =>
        new Set(certs.filter((c) => reminderFor(c, t)?.kind === kind).map((c) => c.user_id)).size;
      const byArea: Record<string, number> = Object.fromEntries(AREA_IDS.map((a) => [a, 0]));
      // fewer than MIN_PEOPLE peers with a record: the counts would be one or two people's own
      const withData = new Set([...certs.map((c) => c.user_id), ...trainings.map((x) => x.user_id)]).size;
      if (withData < MIN_PEOPLE) return { peers: ids.length, certified: 0, expiring: 0, expired: 0, byArea, hidden: true };
      for (const a of AREA_IDS) byArea[a] = new Set(trainings.filter((x) => x.area === a).map((x) => x.user_id)).size;
      return {
        hidden: false,
        peers: ids.length,
        certified: certified.size,
        expiring: reminded('expiring'),
        expired: reminded('expired'),
        byArea,
      };
    },
  );

  app.post(
    '/api/training/me/certifications',
    {
      schema: {
        summary: 'Add a certification of your own (state, number, expiry); a member may hold several',
        tags,
        body: CertificationBody,
        response: { 201: Certification, 400: ErrorReply, 401: ErrorReply, 409: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const count = await db
        .selectFrom('certifications')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      if (Number(count.n) >= MAX_CERTIFICATIONS)
        throw new ApiError(409, 'conflict', `At most ${MAX_CERTIFICATIONS} certifications are kept per member; remove an old one first.`);
      const now = new Date().toISOString();
      const row = {
        id: newId(),
        user_id: user.id,
        state: request.body.state,
        number: request.body.number,
        expires_on: request.body.expiresOn ?? null,
        created_at: now,
        updated_at: now,
      };
      await db.insertInto('certifications').values(row).execute();
      return reply.code(201).send(certOf(row));
    },
  );

  app.put(
    '/api/training/me/certifications/:id',
    {
      schema: {
        summary: 'Change one of your own certifications (state, number, expiry)',
        tags,
        params: CertificationParams,
        body: CertificationBody,
        response: { 200: Certification, 400: ErrorReply, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const updated_at = new Date().toISOString();
      const r = await db
        .updateTable('certifications')
        .set({ state: request.body.state, number: request.body.number, expires_on: request.body.expiresOn ?? null, updated_at })
        .where('id', '=', request.params.id)
        .where('user_id', '=', user.id)
        .executeTakeFirst();
      if (Number(r.numUpdatedRows) === 0) throw new ApiError(404, 'not_found', 'No such certification of yours.');
      return certOf(await db.selectFrom('certifications').selectAll().where('id', '=', request.params.id).executeTakeFirstOrThrow());
    },
  );

  app.delete(
    '/api/training/me/certifications/:id',
    {
      schema: {
        summary: 'Remove one of your own certifications',
        tags,
        params: CertificationParams,
        response: { 204: z.null().describe('Removed'), 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const r = await db.deleteFrom('certifications').where('id', '=', request.params.id).where('user_id', '=', user.id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new ApiError(404, 'not_found', 'No such certification of yours.');
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/api/training/me/trainings',
    {
      schema: {
        summary: 'Add a training you completed, by area (wider or deeper, per the framework)',
        tags,
        body: TrainingBody,
        response: { 201: Training, 400: ErrorReply, 401: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      const b = request.body;
      if (!AREA_IDS.includes(b.area)) throw new ApiError(400, 'invalid', `The area must be one of: ${AREA_IDS.join(', ')}.`, 'area');
      const row = {
        id: newId(),
        user_id: user.id,
        area: b.area,
        title: b.title,
        completed_on: b.completedOn,
        hours: b.hours ?? null,
        created_at: new Date().toISOString(),
      };
      await db.insertInto('trainings').values(row).execute();
      return reply.code(201).send({
        id: row.id,
        area: row.area,
        areaTitle: areaTitle(row.area),
        direction: TRAINING_AREAS.find((a) => a.id === row.area)?.direction ?? 'other',
        title: row.title,
        completedOn: row.completed_on,
        hours: row.hours,
      });
    },
  );

  app.delete(
    '/api/training/me/trainings/:id',
    {
      schema: {
        summary: 'Remove one of your own trainings',
        tags,
        params: TrainingParams,
        response: { 204: z.null().describe('Removed'), 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user: SessionUser = requireUser(request);
      const r = await db.deleteFrom('trainings').where('id', '=', request.params.id).where('user_id', '=', user.id).executeTakeFirst();
      if (Number(r.numDeletedRows) === 0) throw new ApiError(404, 'not_found', 'No such training of yours.');
      return reply.code(204).send(null);
    },
  );
};
