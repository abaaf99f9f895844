/**
 * The role × route table that access-matrix.slow.test.ts walks: for every route in /api/openapi.json,
 * the status each kind of visitor gets. A route may have several rows (e.g. a peer's own
 * document and someone else's). The test fails when an OpenAPI route has no row, or a row names
 * a route the OpenAPI document lacks, so a part that adds routes adds its rows here.
 *
 * The world the rows run in (see access-matrix.slow.test.ts): team A holds `peer`, `supervisor` and
 * `leader`; team B holds `otherPeer`; `admin` has no team. `call` may create what it needs
 * (a fresh note, invitation or team) so rows never depend on each other.
 */
import type { FastifyInstance } from 'fastify';
import type { Member } from './helpers.js';

export type Who = 'anonymous' | 'peer' | 'supervisor' | 'leader' | 'admin';
export const WHO: readonly Who[] = ['anonymous', 'peer', 'supervisor', 'leader', 'admin'];
export type MemberWho = Exclude<Who, 'anonymous'>;

export interface World {
  app: FastifyInstance;
  members: Readonly<Record<MemberWho, Member>>;
  otherPeer: Member;
  teamA: string;
  teamB: string;
  /** A unique suffix for names and usernames. */
  unique(): string;
  /** A new note written by `author`; returns its id. */
  note(author: Member): Promise<string>;
  /** A new invitation (made by the admin) for a peer: its id and its link's token. */
  invitation(): Promise<{ id: string; token: string }>;
  /** A new team; returns its id. */
  team(): Promise<string>;
  /** A fresh session for a member (for routes that end the session they are called with). */
  session(who: MemberWho): Promise<Member>;
  /**
   * A new card sort; returns its id. Team A's is opened by its supervisor, team B's by the leader;
   * `closed` closes it (as its opener) before returning.
   */
  cardSort(team: 'A' | 'B', status?: 'open' | 'closed'): Promise<string>;
  /** A new task on team A's task list, added by the leader; returns its id. */
  programTask(): Promise<string>;
  /** A new import of a small CSV started by `by` (who must be a peer, supervisor or admin), mapped when asked; returns its id. */
  importOf(by: Member, options?: { mapped?: boolean }): Promise<string>;
  /** A new member of team A and a password reset link for them, made by the admin; returns the link's token. */
  resetToken(): Promise<string>;
  /** A new training on `member`'s own record; returns its id. */
  training(member: Member): Promise<string>;
  /** A new certification on `member`'s own record; returns its id. */
  certification(member: Member): Promise<string>;
  /** `member`'s reflection on February 2026 (written if need be); returns its id. */
  reflection(member: Member): Promise<string>;
  /** A reply by `member` to a reflection; returns its id. */
  reply(member: Member, reflectionId: string): Promise<string>;
}

export interface Call {
  url: string;
  payload?: unknown;
  /** Headers instead of the member's session headers (e.g. a fresh session); content-type etc. are added to them. */
  headers?: Record<string, string>;
  /** Replace the session headers entirely (rather than add to them). */
  replaceHeaders?: boolean;
}

export interface AccessRow {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The route as the OpenAPI document names it, e.g. /api/documents/{id}. */
  path: string;
  /** What this row checks, when a route has several. */
  case?: string;
  call(world: World, who: Who): Call | Promise<Call>;
  expect: Readonly<Record<Who, number>>;
}

const all = (status: number, anonymous = status): Record<Who, number> => ({
  anonymous,
  peer: status,
  supervisor: status,
  leader: status,
  admin: status,
});
/** Signed-in members get `status`; anonymous visitors 401. */
const members = (status: number): Record<Who, number> => all(status, 401);
/** Only the admin gets `status`; other members 403, anonymous 401. */
const adminOnly = (status: number): Record<Who, number> => ({ anonymous: 401, peer: 403, supervisor: 403, leader: 403, admin: status });

const NOTE_TEXT = 'We met at the library. I shared how I look for housing and she chose two places to call.';

export const ACCESS_TABLE: readonly AccessRow[] = [
  // open to everyone
  { method: 'GET', path: '/api/health', call: () => ({ url: '/api/health' }), expect: all(200) },
  { method: 'GET', path: '/api/session', call: () => ({ url: '/api/session' }), expect: all(200) },
  {
    method: 'POST',
    path: '/api/setup',
    case: 'the workspace already has an admin',
    call: (w) => ({ url: '/api/setup', payload: { username: `late-${w.unique()}`, name: 'Late', password: 'a long test password' } }),
    expect: all(409),
  },
  {
    method: 'POST',
    path: '/api/login',
    case: 'a wrong password',
    call: (w) => ({ url: '/api/login', payload: { username: `nobody-${w.unique()}`, password: 'not the password' } }),
    expect: all(401),
  },
  {
    method: 'POST',
    path: '/api/logout',
    call: async (w, who) =>
      who === 'anonymous' ? { url: '/api/logout' } : { url: '/api/logout', headers: (await w.session(who)).headers, replaceHeaders: true },
    expect: all(204),
  },
  {
    method: 'GET',
    path: '/api/invitations/{token}',
    call: async (w) => ({ url: `/api/invitations/${(await w.invitation()).token}` }),
    expect: all(200),
  },
  {
    method: 'POST',
    path: '/api/invitations/{token}',
    // accepting signs the new member in and ends the browser's earlier session: a throwaway session for members
    call: async (w, who) => ({
      url: `/api/invitations/${(await w.invitation()).token}`,
      payload: { username: `new-${w.unique()}`, password: 'a long test password' },
      ...(who === 'anonymous' ? {} : { headers: (await w.session(who)).headers, replaceHeaders: true }),
    }),
    expect: all(201),
  },

  {
    method: 'GET',
    path: '/api/password-resets/{token}',
    call: async (w) => ({ url: `/api/password-resets/${await w.resetToken()}` }),
    expect: all(200),
  },
  {
    method: 'POST',
    path: '/api/password-resets/{token}',
    // like accepting an invitation: it signs the member in and ends the browser's earlier session
    call: async (w, who) => ({
      url: `/api/password-resets/${await w.resetToken()}`,
      payload: { password: 'a new long test password' },
      ...(who === 'anonymous' ? {} : { headers: (await w.session(who)).headers, replaceHeaders: true }),
    }),
    expect: all(200),
  },

  // for every member
  { method: 'GET', path: '/api/me/visibility', call: () => ({ url: '/api/me/visibility' }), expect: members(200) },
  {
    method: 'POST',
    path: '/api/me/password',
    // a wrong current password (a right one would end the sessions the other rows use; deletion.test.ts and accounts.test.ts change it)
    case: 'a wrong current password',
    call: () => ({ url: '/api/me/password', payload: { currentPassword: 'not my password', newPassword: 'a new long test password' } }),
    expect: members(400),
  },
  {
    method: 'POST',
    path: '/api/analyze',
    call: () => ({ url: '/api/analyze', payload: { text: NOTE_TEXT, kind: 'note' } }),
    expect: members(200),
  },
  {
    method: 'POST',
    path: '/api/extract',
    call: () => ({
      url: '/api/extract',
      payload: Buffer.from(NOTE_TEXT),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'n.txt' },
    }),
    expect: members(200),
  },
  { method: 'GET', path: '/api/documents', call: () => ({ url: '/api/documents' }), expect: members(200) },
  {
    method: 'POST',
    path: '/api/documents',
    call: () => ({ url: '/api/documents', payload: { title: 'A visit', kind: 'note', text: NOTE_TEXT } }),
    expect: members(201),
  },

  // a peer's documents: the peer and their team's supervisor read them; only the peer changes them
  {
    method: 'GET',
    path: '/api/documents/{id}',
    case: "a peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.members.peer)}` }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/api/documents/{id}',
    case: "another team's peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.otherPeer)}` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/api/documents/{id}/report',
    case: "a peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.members.peer)}/report?format=json` }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/api/documents/{id}/report',
    case: "another team's peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.otherPeer)}/report` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 404, admin: 404 },
  },
  {
    method: 'PUT',
    path: '/api/documents/{id}',
    case: "a peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.members.peer)}`, payload: { title: 'Renamed' } }),
    expect: { anonymous: 401, peer: 200, supervisor: 403, leader: 404, admin: 404 },
  },
  {
    method: 'DELETE',
    path: '/api/documents/{id}',
    case: "a peer's note",
    call: async (w) => ({ url: `/api/documents/${await w.note(w.members.peer)}` }),
    expect: { anonymous: 401, peer: 204, supervisor: 403, leader: 404, admin: 404 },
  },
  {
    method: 'DELETE',
    path: '/api/people/{id}/data',
    case: "one's own data",
    call: (w, who) => ({ url: `/api/people/${w.members[who === 'anonymous' ? 'peer' : who].id}/data` }),
    expect: members(200),
  },
  {
    method: 'DELETE',
    path: '/api/people/{id}/data',
    case: "someone else's data",
    call: (w) => ({ url: `/api/people/${w.otherPeer.id}/data` }),
    expect: adminOnly(200),
  },

  // admin only
  { method: 'GET', path: '/api/teams', call: () => ({ url: '/api/teams' }), expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/api/teams',
    call: (w) => ({ url: '/api/teams', payload: { name: `Team ${w.unique()}` } }),
    expect: adminOnly(201),
  },
  {
    method: 'PATCH',
    path: '/api/teams/{id}',
    call: async (w) => ({ url: `/api/teams/${await w.team()}`, payload: { name: `Renamed ${w.unique()}` } }),
    expect: adminOnly(200),
  },
  { method: 'GET', path: '/api/members', call: () => ({ url: '/api/members' }), expect: adminOnly(200) },
  {
    method: 'PATCH',
    path: '/api/members/{id}',
    call: (w) => ({ url: `/api/members/${w.otherPeer.id}`, payload: { name: 'Other Peer' } }),
    expect: adminOnly(200),
  },
  { method: 'GET', path: '/api/invitations', call: () => ({ url: '/api/invitations' }), expect: adminOnly(200) },
  {
    method: 'POST',
    path: '/api/members/{id}/password-reset',
    call: (w) => ({ url: `/api/members/${w.otherPeer.id}/password-reset` }),
    expect: adminOnly(201),
  },
  {
    method: 'POST',
    path: '/api/invitations',
    call: (w) => ({ url: '/api/invitations', payload: { name: 'New Peer', role: 'peer', teamId: w.teamA } }),
    expect: adminOnly(201),
  },
  {
    method: 'DELETE',
    path: '/api/invitations/{id}',
    call: async (w) => ({ url: `/api/invitations/${(await w.invitation()).id}` }),
    expect: adminOnly(204),
  },
  { method: 'GET', path: '/api/settings', call: () => ({ url: '/api/settings' }), expect: adminOnly(200) },
  {
    method: 'PUT',
    path: '/api/settings',
    call: () => ({ url: '/api/settings', payload: { keepText: true, retentionDays: null } }),
    expect: adminOnly(200),
  },
  { method: 'GET', path: '/api/export', call: () => ({ url: '/api/export' }), expect: adminOnly(200) },
  { method: 'GET', path: '/api/audit', call: () => ({ url: '/api/audit?page=1&pageSize=10' }), expect: adminOnly(200) },

  // team learning (decision 009, "Learning, roles and training"): team A's sort is its supervisor's; the leader (on team A) runs any
  // team's; the admin reads the maps but neither opens nor closes sorts; only a team's members place cards; another team's sort is 404
  { method: 'GET', path: '/api/card-sorts', call: () => ({ url: '/api/card-sorts' }), expect: members(200) },
  {
    method: 'POST',
    path: '/api/card-sorts',
    case: 'for team A',
    call: (w) => ({ url: '/api/card-sorts', payload: { title: `Sort ${w.unique()}`, teamId: w.teamA } }),
    expect: { anonymous: 401, peer: 403, supervisor: 201, leader: 201, admin: 403 },
  },
  {
    method: 'POST',
    path: '/api/card-sorts',
    case: 'for another team',
    call: (w) => ({ url: '/api/card-sorts', payload: { title: `Sort ${w.unique()}`, teamId: w.teamB } }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 201, admin: 403 },
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}',
    case: "team A's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('A')}` }),
    expect: members(200),
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}',
    case: "another team's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('B')}` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 200, admin: 200 },
  },
  {
    method: 'PUT',
    path: '/api/card-sorts/{id}',
    case: "closing team A's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('A')}`, payload: { status: 'closed' } }),
    expect: { anonymous: 401, peer: 403, supervisor: 200, leader: 200, admin: 403 },
  },
  {
    method: 'PUT',
    path: '/api/card-sorts/{id}',
    case: "closing another team's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('B')}`, payload: { status: 'closed' } }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 200, admin: 403 },
  },
  {
    method: 'PUT',
    path: '/api/card-sorts/{id}/placements/{statementId}',
    case: "team A's open sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('A')}/placements/stance:peer`, payload: { placement: 'peer' } }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 200, admin: 403 },
  },
  {
    method: 'PUT',
    path: '/api/card-sorts/{id}/placements/{statementId}',
    case: "team A's closed sort",
    call: async (w) => ({
      url: `/api/card-sorts/${await w.cardSort('A', 'closed')}/placements/stance:peer`,
      payload: { placement: 'peer' },
    }),
    expect: { anonymous: 401, peer: 409, supervisor: 409, leader: 409, admin: 403 },
  },
  {
    method: 'PUT',
    path: '/api/card-sorts/{id}/placements/{statementId}',
    case: "another team's open sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('B')}/placements/stance:peer`, payload: { placement: 'peer' } }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 403, admin: 403 },
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}/map',
    case: "team A's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('A')}/map` }),
    expect: members(200),
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}/map',
    case: "another team's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('B')}/map` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}/guide',
    case: "team A's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('A')}/guide` }),
    expect: members(200),
  },
  {
    method: 'GET',
    path: '/api/card-sorts/{id}/guide',
    case: "another team's sort",
    call: async (w) => ({ url: `/api/card-sorts/${await w.cardSort('B')}/guide` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 200, admin: 200 },
  },

  // role design: a supervisor reads their team's list and the program-wide one; leaders and admins keep the lists
  {
    method: 'GET',
    path: '/api/program-tasks',
    case: 'every list one may read',
    call: () => ({ url: '/api/program-tasks' }),
    expect: { anonymous: 401, peer: 403, supervisor: 200, leader: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/program-tasks',
    case: "another team's list",
    call: (w) => ({ url: `/api/program-tasks?teamId=${w.teamB}` }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 200, admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/program-tasks',
    call: (w) => ({ url: '/api/program-tasks', payload: { text: `Share lived experience ${w.unique()}`, teamId: w.teamA } }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 201, admin: 201 },
  },
  {
    method: 'PUT',
    path: '/api/program-tasks/{id}',
    call: async (w) => ({ url: `/api/program-tasks/${await w.programTask()}`, payload: { assignedTo: 'other' } }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 200, admin: 200 },
  },
  {
    method: 'DELETE',
    path: '/api/program-tasks/{id}',
    call: async (w) => ({ url: `/api/program-tasks/${await w.programTask()}` }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 204, admin: 204 },
  },

  // training: each member keeps their own record (a supervisor also reads their team's); leaders and admins get counts only
  { method: 'GET', path: '/api/training', call: () => ({ url: '/api/training' }), expect: members(200) },
  {
    method: 'GET',
    path: '/api/training/summary',
    call: () => ({ url: '/api/training/summary' }),
    expect: { anonymous: 401, peer: 403, supervisor: 403, leader: 200, admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/training/me/certifications',
    call: () => ({ url: '/api/training/me/certifications', payload: { state: 'Ohio', number: 'CPS-1', expiresOn: '2027-06-30' } }),
    expect: members(201),
  },
  {
    method: 'PUT',
    path: '/api/training/me/certifications/{id}',
    case: "one's own certification",
    call: async (w, who) => ({
      url: `/api/training/me/certifications/${await w.certification(w.members[who === 'anonymous' ? 'peer' : who])}`,
      payload: { state: 'Iowa', number: 'CPS-2', expiresOn: null },
    }),
    expect: members(200),
  },
  {
    method: 'PUT',
    path: '/api/training/me/certifications/{id}',
    case: "someone else's certification",
    call: async (w) => ({ url: `/api/training/me/certifications/${await w.certification(w.otherPeer)}`, payload: { state: 'Iowa' } }),
    expect: members(404),
  },
  {
    method: 'DELETE',
    path: '/api/training/me/certifications/{id}',
    case: "one's own certification",
    call: async (w, who) => ({
      url: `/api/training/me/certifications/${await w.certification(w.members[who === 'anonymous' ? 'peer' : who])}`,
    }),
    expect: members(204),
  },
  {
    method: 'DELETE',
    path: '/api/training/me/certifications/{id}',
    case: "someone else's certification",
    call: async (w) => ({ url: `/api/training/me/certifications/${await w.certification(w.otherPeer)}` }),
    expect: members(404),
  },
  {
    method: 'POST',
    path: '/api/training/me/trainings',
    call: () => ({ url: '/api/training/me/trainings', payload: { area: 'crisis', title: 'Crisis course', completedOn: '2026-01-15' } }),
    expect: members(201),
  },
  {
    method: 'DELETE',
    path: '/api/training/me/trainings/{id}',
    case: "one's own training",
    call: async (w, who) => ({ url: `/api/training/me/trainings/${await w.training(w.members[who === 'anonymous' ? 'peer' : who])}` }),
    expect: members(204),
  },
  {
    method: 'DELETE',
    path: '/api/training/me/trainings/{id}',
    case: "someone else's training",
    call: async (w) => ({ url: `/api/training/me/trainings/${await w.training(w.otherPeer)}` }),
    expect: members(404),
  },

  // history imports (decision 009, "History"): peers, supervisors and admins import; a leader does not; only the member who
  // started an import, or an admin, sees or continues it (404 otherwise)
  {
    method: 'POST',
    path: '/api/imports',
    call: () => ({
      url: '/api/imports',
      payload: Buffer.from(`date,note\n2025-01-05,${NOTE_TEXT}\n`),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'notes.csv' },
    }),
    expect: { anonymous: 401, peer: 201, supervisor: 201, leader: 403, admin: 201 },
  },
  {
    method: 'GET',
    path: '/api/imports',
    call: () => ({ url: '/api/imports' }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 403, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/imports/{id}',
    case: "the peer's import",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.members.peer)}` }),
    expect: { anonymous: 401, peer: 200, supervisor: 404, leader: 403, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/imports/{id}',
    case: "the supervisor's import",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.members.supervisor)}` }),
    expect: { anonymous: 401, peer: 404, supervisor: 200, leader: 403, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/imports/{id}/values',
    case: "the peer's import",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.members.peer)}/values?column=date` }),
    expect: { anonymous: 401, peer: 200, supervisor: 404, leader: 403, admin: 200 },
  },
  {
    method: 'PUT',
    path: '/api/imports/{id}/mapping',
    case: "the peer's import",
    call: async (w) => ({
      url: `/api/imports/${await w.importOf(w.members.peer)}/mapping`,
      payload: { textColumn: 'note', dateColumn: 'date' },
    }),
    expect: { anonymous: 401, peer: 200, supervisor: 404, leader: 403, admin: 200 },
  },
  {
    method: 'POST',
    path: '/api/imports/{id}/commit',
    case: "the peer's mapped import",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.members.peer, { mapped: true })}/commit` }),
    expect: { anonymous: 401, peer: 200, supervisor: 404, leader: 403, admin: 200 },
  },

  {
    method: 'DELETE',
    path: '/api/imports/{id}',
    case: "the peer's import (their supervisor may delete it too)",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.members.peer)}` }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 403, admin: 200 },
  },
  {
    method: 'DELETE',
    path: '/api/imports/{id}',
    case: "another team's peer's import",
    call: async (w) => ({ url: `/api/imports/${await w.importOf(w.otherPeer)}?notes=true` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 403, admin: 200 },
  },

  // drift and reflections (decision 009, "Drift"): a member's own; a supervisor their team's members and team; leaders and
  // admins a team's aggregates, and no one person's
  {
    method: 'GET',
    path: '/api/drift',
    case: 'oneself',
    call: (w, who) => ({ url: `/api/drift?member=${w.members[who === 'anonymous' ? 'peer' : who].id}` }),
    expect: members(200),
  },
  {
    method: 'GET',
    path: '/api/drift',
    case: 'the peer',
    call: (w) => ({ url: `/api/drift?member=${w.members.peer.id}` }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/api/drift',
    case: "another team's peer",
    call: (w) => ({ url: `/api/drift?member=${w.otherPeer.id}` }),
    expect: { anonymous: 401, peer: 404, supervisor: 404, leader: 404, admin: 404 },
  },
  {
    method: 'GET',
    path: '/api/drift',
    case: 'team A',
    call: (w) => ({ url: `/api/drift?team=${w.teamA}` }),
    expect: { anonymous: 401, peer: 403, supervisor: 200, leader: 200, admin: 200 },
  },
  {
    method: 'GET',
    path: '/api/drift',
    case: 'another team',
    call: (w) => ({ url: `/api/drift?team=${w.teamB}` }),
    expect: { anonymous: 401, peer: 403, supervisor: 404, leader: 200, admin: 200 },
  },
  { method: 'GET', path: '/api/drift/scope', call: () => ({ url: '/api/drift/scope' }), expect: members(200) },
  {
    method: 'GET',
    path: '/api/reflections',
    case: "one's own",
    call: () => ({ url: '/api/reflections' }),
    expect: members(200),
  },
  {
    method: 'GET',
    path: '/api/reflections',
    case: "the peer's",
    call: (w) => ({ url: `/api/reflections?member=${w.members.peer.id}` }),
    expect: { anonymous: 401, peer: 200, supervisor: 200, leader: 404, admin: 404 },
  },
  {
    method: 'PUT',
    path: '/api/reflections',
    case: "one's own",
    call: () => ({ url: '/api/reflections?month=2026-01', payload: { text: 'A month of new groups.' } }),
    expect: members(200),
  },
  {
    method: 'PUT',
    path: '/api/reflections',
    case: "someone else's",
    call: (w) => ({ url: `/api/reflections?member=${w.otherPeer.id}&month=2026-01`, payload: { text: 'Not mine to write.' } }),
    expect: members(403),
  },
  // the roster at a glance (issue 13): a supervisor their team's people; leaders and admins teams as aggregates; peers none
  { method: 'GET', path: '/api/drift/roster', call: () => ({ url: '/api/drift/roster' }), expect: { ...members(200), peer: 403 } },
  // the organization's allow list (issue 13): every member reads it (the checker applies it); only an admin changes it
  { method: 'GET', path: '/api/organization/allow', call: () => ({ url: '/api/organization/allow' }), expect: members(200) },
  {
    method: 'GET',
    path: '/api/organization/peerlensrc.json',
    call: () => ({ url: '/api/organization/peerlensrc.json' }),
    expect: members(200),
  },
  {
    method: 'POST',
    path: '/api/organization/allow',
    call: () => ({ url: '/api/organization/allow', payload: { phrase: 'client' } }),
    expect: adminOnly(200),
  },
  {
    method: 'PUT',
    path: '/api/organization/allow',
    call: () => ({ url: '/api/organization/allow', payload: { allow: ['client'] } }),
    expect: adminOnly(200),
  },
  {
    method: 'DELETE',
    path: '/api/organization/allow',
    call: () => ({ url: '/api/organization/allow?phrase=client' }),
    expect: adminOnly(200),
  },
  // replies (issue 13): whoever may read the reflection answers it (its writer, their supervisor); no one else sees it
  {
    method: 'POST',
    path: '/api/reflections/{id}/replies',
    case: "the peer's reflection",
    call: async (w) => ({ url: `/api/reflections/${await w.reflection(w.members.peer)}/replies`, payload: { text: 'Let us talk.' } }),
    expect: { anonymous: 401, peer: 201, supervisor: 201, leader: 404, admin: 404 },
  },
  {
    method: 'POST',
    path: '/api/reflections/{id}/replies',
    case: "another team's peer's reflection",
    call: async (w) => ({ url: `/api/reflections/${await w.reflection(w.otherPeer)}/replies`, payload: { text: 'Let us talk.' } }),
    expect: members(404),
  },
  {
    method: 'DELETE',
    path: '/api/reflections/replies/{id}',
    case: "one's own reply",
    call: async (w, who) => {
      const m = w.members[who === 'anonymous' ? 'peer' : who];
      return { url: `/api/reflections/replies/${await w.reply(m, await w.reflection(m))}` };
    },
    expect: members(204),
  },
  {
    method: 'DELETE',
    path: '/api/reflections/replies/{id}',
    case: "the supervisor's reply, asked by others",
    call: async (w) => ({ url: `/api/reflections/replies/${await w.reply(w.members.supervisor, await w.reflection(w.members.peer))}` }),
    expect: { anonymous: 401, peer: 404, supervisor: 204, leader: 404, admin: 404 },
  },
  // the demo sign-in names (never a password), for the sign-in page
  { method: 'GET', path: '/api/demo', call: () => ({ url: '/api/demo' }), expect: all(200) },
  // the demo workspace for admins (decision 016); the world has no demo, so removing it removes nothing
  { method: 'GET', path: '/api/demo/workspace', call: () => ({ url: '/api/demo/workspace' }), expect: adminOnly(200) },
  { method: 'DELETE', path: '/api/demo', call: () => ({ url: '/api/demo' }), expect: adminOnly(200) },
];
