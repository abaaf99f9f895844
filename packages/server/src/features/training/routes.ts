/**
 * Training and certification (issue 5). Every member keeps their own certification and
 * trainings; a supervisor reads their team's, with expiry reminders and the training areas
 * suggested from the work their notes show. A program leader or admin sees only counts.
 */
import { TRAINING_AREAS } from '@peerlens/core';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MIN_PEOPLE } from '../drift/service.js';
import { requireUser } from '../../auth/access.js';
import { newId, type SessionUser } from '../../auth/sessions.js';
import type { MemberRole } from '../../db/types.js';
import { ApiError } from '../../errors.js';
import {
  AREA_IDS,
  areaTitle,
  certificationCount,
  certOf,
  deleteOwn,
  insertCertification,
  insertTraining,
  peerRecords,
  personOf,
  reminderFor,
  teammates,
  updateCertification,
} from './service.js';
import {
  Certification,
  CertificationBody,
  CertificationParams,
  ErrorReply,
  Training,
  TrainingBody,
  TrainingDashboard,
  TrainingParams,
  TrainingSummary,
} from './schemas.js';

const tags = ['training'];

/** Enough for every state a peer could be certified in, and a bound on what one member can store. */
const MAX_CERTIFICATIONS = 60;

const today = (): string => new Date().toISOString().slice(0, 10);

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
        people.push(...(await teammates(db, user.teamId, user.id)));
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
      const { ids, certs, trainings } = await peerRecords(db);
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
      if ((await certificationCount(db, user.id)) >= MAX_CERTIFICATIONS)
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
      await insertCertification(db, row);
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
      const updated = await updateCertification(db, request.params.id, user.id, {
        state: request.body.state,
        number: request.body.number,
        expires_on: request.body.expiresOn ?? null,
        updated_at: new Date().toISOString(),
      });
      if (!updated) throw new ApiError(404, 'not_found', 'No such certification of yours.');
      return certOf(updated);
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
      if (!(await deleteOwn(db, 'certifications', request.params.id, user.id)))
        throw new ApiError(404, 'not_found', 'No such certification of yours.');
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
      await insertTraining(db, row);
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
      if (!(await deleteOwn(db, 'trainings', request.params.id, user.id)))
        throw new ApiError(404, 'not_found', 'No such training of yours.');
      return reply.code(204).send(null);
    },
  );
};
