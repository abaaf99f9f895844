/**
 * Drift over time and reflections (issue 5, decision 009 "Drift"), and the demo sign-ins.
 *
 * - GET /api/drift?member=<id>: a peer their own; a supervisor their team's members; with the
 *   sentences behind a signal. Anyone else: 404.
 * - GET /api/drift?team=<id>: a supervisor their own team (with sentences); a leader or admin
 *   any team, as aggregates only (no sentences, no document ids). A peer: 403.
 * - from=YYYY-MM&to=YYYY-MM on either: only those months count (months, tables and signal).
 * - GET /api/drift/roster: a supervisor's team at a glance (each person); a leader's or admin's
 *   teams (aggregates, months of fewer than MIN_PEOPLE people left out). A peer: 403.
 * - GET /api/drift/scope: whom the viewer may pick.
 * - Reflections and their replies: routes/reflections.ts.
 * - GET /api/demo: the demo workspace's usernames (never a password), for the sign-in page.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit.js';
import { readableAuthors, requireUser } from '../../auth/access.js';
import { demoLogins } from '../demo/service.js';
import { ApiError } from '../../errors.js';
import {
  computeDrift,
  memberById,
  membersByName,
  MIN_PEOPLE,
  teamWithMembers,
  teamsByName,
  teamsWithShownMonths,
  type MonthRange,
} from './service.js';
import { rosterFor } from './roster.js';
import { DemoLogins, DriftReply, DriftScope, ErrorReply, RangeQuery, RosterReply } from './schemas.js';

const tags = ['drift'];

function rangeOf(q: { from?: string | undefined; to?: string | undefined }): MonthRange {
  if (q.from !== undefined && q.to !== undefined && q.from > q.to)
    throw new ApiError(400, 'invalid', 'The first month of the range comes after the last.', 'from');
  return { from: q.from, to: q.to };
}

const notFound = (): ApiError => new ApiError(404, 'not_found', 'No such member or team among those you can see.');

export const driftRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/drift',
    {
      schema: {
        summary: "A member's or a team's notes by month, and the drift signal",
        tags,
        querystring: z.object({ member: z.string().max(100).optional(), team: z.string().max(100).optional(), ...RangeQuery }),
        response: { 200: DriftReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const { member, team } = request.query;
      const range = rangeOf(request.query);
      if ((member === undefined) === (team === undefined))
        throw new ApiError(400, 'invalid', 'Ask for one member (?member=) or one team (?team=).');
      if (member !== undefined) {
        if (!(await readableAuthors(db, user)).includes(member)) throw notFound();
        const who = await memberById(db, member);
        if (!who) throw notFound();
        await audit(db, user.id, 'view-drift', { type: 'user', id: who.id });
        return { scope: { kind: 'member' as const, id: who.id, name: who.name }, ...(await computeDrift(db, [member], true, null, range)) };
      }
      const teamId = team as string;
      if (user.role === 'peer') throw new ApiError(403, 'forbidden', 'Team drift is for supervisors, program leaders and admins.');
      if (user.role === 'supervisor' && user.teamId !== teamId) throw notFound();
      const t = await teamWithMembers(db, teamId);
      if (!t) throw notFound();
      const members = t.members;
      // a supervisor may read these notes; a leader or admin sees aggregates, and none of fewer than MIN_PEOPLE people
      const supervisor = user.role === 'supervisor';
      const drift = await computeDrift(db, members, supervisor, supervisor ? null : MIN_PEOPLE, range);
      await audit(db, user.id, 'view-drift', { type: 'team', id: t.id });
      return { scope: { kind: 'team' as const, id: t.id, name: t.name }, ...drift };
    },
  );

  app.get(
    '/api/drift/roster',
    {
      schema: {
        summary: "At a glance: each person of a supervisor's team, or each team for a leader or admin (aggregates only)",
        description:
          "A supervisor: each member of their team with their last note's date, months with notes and drift status. A leader or admin: each team, counting only months in which at least minPeople people wrote (a team where no month reaches it is hidden). A peer: 403. With from and to, only those months count.",
        tags,
        querystring: z.object(RangeQuery),
        response: { 200: RosterReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const roster = await rosterFor(db, user, rangeOf(request.query));
      if (!roster) throw new ApiError(403, 'forbidden', 'The roster is for supervisors, program leaders and admins.');
      return roster;
    },
  );

  app.get(
    '/api/drift/scope',
    {
      schema: {
        summary: 'The members and teams whose drift the viewer may see',
        tags,
        response: {
          200: DriftScope,
          401: ErrorReply,
        },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const ids = await readableAuthors(db, user);
      const members = await membersByName(db, ids);
      const teams =
        user.role === 'leader' || user.role === 'admin'
          ? await teamsByName(db)
          : user.role === 'supervisor' && user.teamId !== null
            ? await teamsByName(db, user.teamId)
            : [];
      // a leader or admin sees a team's months only where enough people wrote: say which teams can show anything
      const shown =
        user.role === 'leader' || user.role === 'admin'
          ? await teamsWithShownMonths(
              db,
              teams.map((t) => t.id),
              MIN_PEOPLE,
            )
          : new Set(teams.map((t) => t.id));
      // a supervisor sees their team's members first, themselves last
      members.sort(
        (a, b) => Number(a.id === user.id && user.role === 'supervisor') - Number(b.id === user.id && user.role === 'supervisor'),
      );
      return { members, teams: teams.map((t) => ({ ...t, shown: shown.has(t.id) })) };
    },
  );

  app.get(
    '/api/demo',
    {
      schema: {
        summary: "The demo workspace's sign-in names (the password is printed in the server's terminal at first start, never sent)",
        tags: ['people'],
        response: {
          200: DemoLogins,
        },
      },
    },
    async () => ({ demoLogins: await demoLogins(db) }),
  );
};
