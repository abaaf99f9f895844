/**
 * The card sort (issue 5, "Team learning"). A supervisor opens a sort for their team (a program
 * leader for any team); every member of that team places each statement as peer, overlap or
 * clinical; the team, its leader and the admin see the anonymous map and the discussion guide.
 * No route ever says who placed what.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { Kysely } from 'kysely';
import type { SessionUser } from '../../auth/sessions.js';
import { newId } from '../../auth/sessions.js';
import { requireUser } from '../../auth/access.js';
import type { CardSortsTable, Database } from '../../db/types.js';
import { ApiError } from '../../errors.js';
import {
  ANONYMITY_MIN,
  discussionGuide,
  insertSort,
  listSorts,
  mapOf,
  mostDivided,
  orderFor,
  placementsOf,
  savePlacement,
  setSortStatus,
  sortById,
  sortCounts,
  STATEMENT_IDS,
  STATEMENTS,
  teamChoices,
  teamExists,
} from './service.js';
import type { z } from 'zod';
import {
  CardSort,
  CardSortDetail,
  CardSortList,
  ErrorReply,
  Guide,
  OpenSortBody,
  PlaceBody,
  PlaceReply,
  PlacementParams,
  SortParams,
  TeamMap,
  UpdateSortBody,
} from './schemas.js';

const tags = ['learning'];
const noSort = (): ApiError => new ApiError(404, 'not_found', 'No such card sort.');

const canManage = (u: SessionUser, s: { team_id: string }): boolean =>
  u.role === 'leader' || (u.role === 'supervisor' && u.teamId === s.team_id);
const canPlace = (u: SessionUser, s: { team_id: string }): boolean => u.teamId === s.team_id;
const canRead = (u: SessionUser, s: { team_id: string }): boolean => canPlace(u, s) || u.role === 'leader' || u.role === 'admin';

/** The sort, or a 404 for one that does not exist or that this member may not see (so ids cannot be probed). */
async function sortFor(db: Kysely<Database>, user: SessionUser, id: string): Promise<CardSortsTable> {
  const s = await sortById(db, id);
  if (!s || !canRead(user, s)) throw noSort();
  return s;
}

async function describe(db: Kysely<Database>, user: SessionUser, s: CardSortsTable): Promise<z.infer<typeof CardSort>> {
  const { teamName, members, participants, mine } = await sortCounts(db, s, user.id);
  return {
    id: s.id,
    teamId: s.team_id,
    teamName,
    title: s.title,
    status: s.status,
    createdAt: s.created_at,
    members,
    participants,
    statements: STATEMENTS.length,
    myPlaced: mine,
    canManage: canManage(user, s),
    canPlace: canPlace(user, s),
  };
}

export const cardSortRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  app.get(
    '/api/card-sorts',
    {
      schema: {
        summary: "The card sorts this member can see: their team's; every team's for a leader or admin",
        tags,
        response: { 200: CardSortList, 401: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const rows = await listSorts(db, user.role === 'leader' || user.role === 'admin' ? undefined : (user.teamId ?? '\u0000none'));
      const teams =
        user.role === 'leader'
          ? await teamChoices(db)
          : user.role === 'supervisor' && user.teamId !== null
            ? await teamChoices(db, user.teamId)
            : [];
      return { sorts: await Promise.all(rows.map((s) => describe(db, user, s))), teams };
    },
  );

  app.post(
    '/api/card-sorts',
    {
      schema: {
        summary: 'Open a card sort for a team (a supervisor for their own team, a leader for any)',
        tags,
        body: OpenSortBody,
        response: { 201: CardSort, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'supervisor', 'leader');
      const teamId = user.role === 'supervisor' ? user.teamId : (request.body.teamId ?? null);
      if (user.role === 'supervisor' && request.body.teamId !== undefined && request.body.teamId !== user.teamId)
        throw new ApiError(403, 'forbidden', 'A supervisor opens card sorts for their own team.');
      if (teamId === null) throw new ApiError(400, 'invalid', 'Choose the team the card sort is for.', 'teamId');
      if (!(await teamExists(db, teamId))) throw new ApiError(404, 'not_found', 'No such team.');
      const row: CardSortsTable = {
        id: newId(),
        team_id: teamId,
        title: request.body.title,
        created_by: user.id,
        status: 'open',
        created_at: new Date().toISOString(),
      };
      await insertSort(db, row);
      return reply.code(201).send(await describe(db, user, row));
    },
  );

  app.get(
    '/api/card-sorts/:id',
    {
      schema: {
        summary: "A card sort with this member's cards in their own order and their placements so far",
        tags,
        params: SortParams,
        response: { 200: CardSortDetail, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await sortFor(db, user, request.params.id);
      const mine = await placementsOf(db, s.id, user.id);
      return {
        sort: await describe(db, user, s),
        cards: canPlace(user, s) ? orderFor(s.id, user.id).map((st) => ({ id: st.id, text: st.text })) : [],
        placements: Object.fromEntries(mine.map((p) => [p.statement_id, p.placement])),
      };
    },
  );

  app.put(
    '/api/card-sorts/:id',
    {
      schema: {
        summary: 'Close or reopen a card sort (its supervisor or a leader)',
        tags,
        params: SortParams,
        body: UpdateSortBody,
        response: { 200: CardSort, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await sortFor(db, user, request.params.id);
      if (!canManage(user, s))
        throw new ApiError(403, 'forbidden', "Only the team's supervisor or a program leader opens and closes a card sort.");
      await setSortStatus(db, s.id, request.body.status);
      return describe(db, user, { ...s, status: request.body.status });
    },
  );

  app.put(
    '/api/card-sorts/:id/placements/:statementId',
    {
      schema: {
        summary: 'Place one statement as peer, overlap or clinical (saved as you go)',
        tags,
        params: PlacementParams,
        body: PlaceBody,
        response: { 200: PlaceReply, 400: ErrorReply, 401: ErrorReply, 403: ErrorReply, 404: ErrorReply, 409: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await sortFor(db, user, request.params.id);
      if (!canPlace(user, s)) throw new ApiError(403, 'forbidden', 'Only members of the team take part in its card sort.');
      if (s.status !== 'open') throw new ApiError(409, 'conflict', 'This card sort is closed; placements can no longer change.');
      const statementId = request.params.statementId;
      if (!STATEMENT_IDS.has(statementId)) throw new ApiError(404, 'not_found', 'No such statement in the card sort.');
      const myPlaced = await savePlacement(db, s.id, user.id, statementId, request.body.placement);
      return { statementId, placement: request.body.placement, myPlaced, statements: STATEMENTS.length };
    },
  );

  app.get(
    '/api/card-sorts/:id/map',
    {
      schema: {
        summary: `The team's anonymous map: counts per statement, shown once ${ANONYMITY_MIN} or more members have placed it`,
        tags,
        params: SortParams,
        response: { 200: TeamMap, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await sortFor(db, user, request.params.id);
      const rows = await mapOf(db, s.id);
      return {
        sort: await describe(db, user, s),
        anonymityMin: ANONYMITY_MIN,
        rows,
        mostDivided: mostDivided(rows).map((r) => r.statement.id),
      };
    },
  );

  app.get(
    '/api/card-sorts/:id/guide',
    {
      schema: {
        summary: 'A discussion guide from the statements where the team’s views differ most',
        tags,
        params: SortParams,
        response: { 200: Guide, 401: ErrorReply, 404: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const s = await sortFor(db, user, request.params.id);
      return { sort: await describe(db, user, s), items: discussionGuide(await mapOf(db, s.id)) };
    },
  );
};
