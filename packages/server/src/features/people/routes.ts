/**
 * People (admin): teams, members and invitations; and for everyone, who can see their documents.
 * An invitation's link holds a random token shown once to the admin; only its SHA-256 is kept.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { audit } from '../../audit.js';
import { requireUser } from '../../auth/access.js';
import { endSessionsOf, newId } from '../../auth/sessions.js';
import { getSettings } from '../privacy/service.js';
import { ApiError } from '../../errors.js';
import { tokenHash } from '../auth/service.js';
import {
  activeAdminCount,
  insertInvitation,
  insertTeam,
  memberRow,
  memberRows,
  openInvitations,
  renameTeam,
  revokeInvitation,
  supervisorsOf,
  teamIdExists,
  teamNamed,
  teamsWithCounts,
  teamWithCount,
  updateMember,
  type MemberRow,
} from './service.js';
import {
  CreatedInvitation,
  ErrorReply,
  IdParam,
  InvitationBody,
  InvitationList,
  MemberChange,
  MemberDetail,
  MemberList,
  Team,
  TeamBody,
  TeamList,
  Visibility,
} from './schemas.js';

const tags = ['people'];
/** How long an invitation link stays valid. */
export const INVITATION_DAYS = 7;
const admin = { 401: ErrorReply, 403: ErrorReply };

export const peopleRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;

  async function teamExists(id: string | null): Promise<void> {
    if (id === null) return;
    if (!(await teamIdExists(db, id))) throw new ApiError(400, 'invalid', 'There is no such team.', 'teamId');
  }

  async function teamById(id: string) {
    const t = await teamWithCount(db, id);
    if (!t) throw new ApiError(404, 'not_found', 'No such team.');
    return t;
  }

  app.get(
    '/api/teams',
    { schema: { summary: 'Every team and how many members it has (admin)', tags, response: { 200: TeamList, ...admin } } },
    async (request) => {
      requireUser(request, 'admin');
      return { teams: await teamsWithCounts(db) };
    },
  );

  app.post(
    '/api/teams',
    {
      schema: {
        summary: 'Create a team (admin)',
        tags,
        body: TeamBody,
        response: { 201: Team, 400: ErrorReply, 409: ErrorReply, ...admin },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'admin');
      if (await teamNamed(db, request.body.name)) throw new ApiError(409, 'conflict', 'A team with that name already exists.', 'name');
      const id = newId();
      await insertTeam(db, id, request.body.name);
      await audit(db, user.id, 'create-team', { type: 'team', id });
      return reply.code(201).send({ id, name: request.body.name, members: 0 });
    },
  );

  app.patch(
    '/api/teams/:id',
    {
      schema: {
        summary: 'Rename a team (admin)',
        tags,
        params: IdParam,
        body: TeamBody,
        response: { 200: Team, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const before = await teamById(request.params.id);
      const clash = await teamNamed(db, request.body.name);
      if (clash && clash.id !== request.params.id) throw new ApiError(409, 'conflict', 'A team with that name already exists.', 'name');
      await renameTeam(db, request.params.id, request.body.name);
      await audit(db, user.id, 'rename-team', { type: 'team', id: request.params.id, detail: { from: before.name } });
      return teamById(request.params.id);
    },
  );

  const member = (r: MemberRow): z.infer<typeof MemberDetail> => ({
    id: r.id,
    username: r.username,
    name: r.name,
    role: r.role,
    teamId: r.team_id,
    teamName: r.team_name,
    disabled: r.disabled_at !== null,
    createdAt: r.created_at,
  });

  app.get(
    '/api/members',
    { schema: { summary: 'Every member, with role, team and whether disabled (admin)', tags, response: { 200: MemberList, ...admin } } },
    async (request) => {
      requireUser(request, 'admin');
      const rows = await memberRows(db);
      return { members: rows.map(member) };
    },
  );

  app.patch(
    '/api/members/:id',
    {
      schema: {
        summary: "Change a member's role, team or name, or disable them (admin); disabling ends their sessions",
        tags,
        params: IdParam,
        body: MemberChange,
        response: { 200: MemberDetail, 400: ErrorReply, 404: ErrorReply, 409: ErrorReply, ...admin },
      },
    },
    async (request) => {
      const user = requireUser(request, 'admin');
      const { id } = request.params;
      const change = request.body;
      const current = await memberRow(db, id);
      if (!current) throw new ApiError(404, 'not_found', 'No such member.');
      if (change.teamId !== undefined) await teamExists(change.teamId);
      const losesAdmin = current.role === 'admin' && ((change.role !== undefined && change.role !== 'admin') || change.disabled === true);
      if (losesAdmin) {
        if ((await activeAdminCount(db)) <= 1) throw new ApiError(409, 'conflict', 'The workspace needs at least one active admin.');
      }
      await updateMember(db, id, {
        ...(change.role !== undefined ? { role: change.role } : {}),
        ...(change.teamId !== undefined ? { team_id: change.teamId } : {}),
        ...(change.name !== undefined ? { name: change.name } : {}),
        ...(change.disabled !== undefined
          ? { disabled_at: change.disabled ? (current.disabled_at ?? new Date().toISOString()) : null }
          : {}),
      });
      // A change of role or team changes what they may see: they sign in again.
      if (change.disabled === true || (change.role !== undefined && change.role !== current.role) || change.teamId !== undefined)
        await endSessionsOf(db, id);
      await audit(db, user.id, 'change-member', {
        type: 'user',
        id,
        detail: {
          ...(change.role !== undefined && change.role !== current.role ? { role: change.role, fromRole: current.role } : {}),
          ...(change.teamId !== undefined && change.teamId !== current.team_id ? { teamId: change.teamId } : {}),
          ...(change.name !== undefined && change.name !== current.name ? { name: change.name } : {}),
          ...(change.disabled !== undefined && change.disabled !== (current.disabled_at !== null) ? { disabled: change.disabled } : {}),
        },
      });
      const after = await memberRow(db, id);
      if (!after) throw new ApiError(404, 'not_found', 'No such member.');
      return member(after);
    },
  );

  app.get(
    '/api/invitations',
    {
      schema: {
        summary: 'Invitations not yet used and not expired (admin); the links themselves are not kept',
        tags,
        response: { 200: InvitationList, ...admin },
      },
    },
    async (request) => {
      requireUser(request, 'admin');
      const rows = await openInvitations(db, new Date().toISOString());
      return {
        invitations: rows.map((r) => ({
          id: r.id,
          name: r.name,
          role: r.role,
          teamId: r.team_id,
          teamName: r.team_name,
          createdAt: r.created_at,
          expiresAt: r.expires_at,
        })),
      };
    },
  );

  app.post(
    '/api/invitations',
    {
      schema: {
        summary: `Invite a member (admin): returns a one-time link, valid ${INVITATION_DAYS} days, shown only now; no e-mail is sent`,
        tags,
        body: InvitationBody,
        response: { 201: CreatedInvitation, 400: ErrorReply, ...admin },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'admin');
      const { name, role, teamId } = request.body;
      await teamExists(teamId);
      const token = randomBytes(32).toString('base64url');
      const now = new Date();
      const row = {
        id: newId(),
        token_hash: tokenHash(token),
        name,
        role,
        team_id: teamId,
        created_by: user.id,
        created_at: now.toISOString(),
        expires_at: new Date(now.getTime() + INVITATION_DAYS * 86_400_000).toISOString(),
        used_at: null,
        used_by: null,
      };
      await insertInvitation(db, row);
      await audit(db, user.id, 'create-invitation', { type: 'invitation', id: row.id, detail: { role: row.role } });
      const team = teamId === null ? undefined : await teamWithCount(db, teamId);
      return reply.code(201).send({
        id: row.id,
        name,
        role,
        teamId,
        teamName: team?.name ?? null,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        link: `/invite/${token}`,
      });
    },
  );

  app.delete(
    '/api/invitations/:id',
    {
      schema: {
        summary: 'Revoke an invitation (admin), by its id',
        tags,
        params: IdParam,
        response: { 204: z.null().describe('Revoked'), 404: ErrorReply, ...admin },
      },
    },
    async (request, reply) => {
      const user = requireUser(request, 'admin');
      if (!(await revokeInvitation(db, request.params.id)))
        throw new ApiError(404, 'not_found', 'No such invitation (it may have been used already).');
      await audit(db, user.id, 'revoke-invitation', { type: 'invitation', id: request.params.id });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/api/me/visibility',
    {
      schema: {
        summary: 'Who can see my documents: me, and my team’s supervisors by name; leaders and admins see only team-level figures',
        tags,
        response: { 200: Visibility, 401: ErrorReply },
      },
    },
    async (request) => {
      const user = requireUser(request);
      const readers: z.infer<typeof Visibility>['readers'] = [{ name: user.name, role: user.role, reason: 'you' }];
      if (user.teamId !== null) {
        const supervisors = await supervisorsOf(db, user.teamId, user.id);
        for (const s of supervisors) readers.push({ name: s.name, role: s.role, reason: 'supervisor' });
      }
      const { keepText, retentionDays } = await getSettings(db);
      return { readers, aggregatesOnly: ['leader' as const, 'admin' as const], keepText, retentionDays };
    },
  );
};
