/** The SQL of teams, members and invitations (see routes.ts for who may do what). */
import type { Kysely, Updateable } from 'kysely';
import type { Database, UsersTable } from '../../db/types.js';

export async function teamIdExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return (await db.selectFrom('teams').select('id').where('id', '=', id).executeTakeFirst()) !== undefined;
}

const teamsCounted = (db: Kysely<Database>) =>
  db
    .selectFrom('teams')
    .leftJoin('users', 'users.team_id', 'teams.id')
    .select(['teams.id', 'teams.name', (eb) => eb.fn.count<number>('users.id').as('members')])
    .groupBy('teams.id');

/** A team with how many members it has. */
export async function teamWithCount(db: Kysely<Database>, id: string): Promise<{ id: string; name: string; members: number } | undefined> {
  const t = await teamsCounted(db).where('teams.id', '=', id).executeTakeFirst();
  return t ? { id: t.id, name: t.name, members: Number(t.members) } : undefined;
}

/** Every team by name, with how many members each has. */
export async function teamsWithCounts(db: Kysely<Database>): Promise<{ id: string; name: string; members: number }[]> {
  const rows = await teamsCounted(db).orderBy('teams.name').execute();
  return rows.map((t) => ({ id: t.id, name: t.name, members: Number(t.members) }));
}

export function teamNamed(db: Kysely<Database>, name: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('teams').select('id').where('name', '=', name).executeTakeFirst();
}

export async function insertTeam(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db.insertInto('teams').values({ id, name, created_at: new Date().toISOString() }).execute();
}

export async function renameTeam(db: Kysely<Database>, id: string, name: string): Promise<void> {
  await db.updateTable('teams').set({ name }).where('id', '=', id).execute();
}

const memberQuery = (db: Kysely<Database>) =>
  db
    .selectFrom('users')
    .leftJoin('teams', 'teams.id', 'users.team_id')
    .select([
      'users.id',
      'users.username',
      'users.name',
      'users.role',
      'users.team_id',
      'users.disabled_at',
      'users.created_at',
      'teams.name as team_name',
    ]);
export type MemberRow = Awaited<ReturnType<ReturnType<typeof memberQuery>['executeTakeFirstOrThrow']>>;

/** Every member by name, with their team's name. */
export function memberRows(db: Kysely<Database>): Promise<MemberRow[]> {
  return memberQuery(db).orderBy('users.name').execute();
}

export function memberRow(db: Kysely<Database>, id: string): Promise<MemberRow | undefined> {
  return memberQuery(db).where('users.id', '=', id).executeTakeFirst();
}

export async function activeAdminCount(db: Kysely<Database>): Promise<number> {
  return (await db.selectFrom('users').select('id').where('role', '=', 'admin').where('disabled_at', 'is', null).execute()).length;
}

export async function updateMember(db: Kysely<Database>, id: string, set: Updateable<UsersTable>): Promise<void> {
  await db.updateTable('users').set(set).where('id', '=', id).execute();
}

/** Invitations not used and not expired at `now`, newest first, with their team's name. */
export function openInvitations(db: Kysely<Database>, now: string) {
  return db
    .selectFrom('invitations')
    .leftJoin('teams', 'teams.id', 'invitations.team_id')
    .select([
      'invitations.id',
      'invitations.name',
      'invitations.role',
      'invitations.team_id',
      'invitations.created_at',
      'invitations.expires_at',
      'teams.name as team_name',
    ])
    .where('invitations.used_at', 'is', null)
    .where('invitations.expires_at', '>', now)
    .orderBy('invitations.created_at', 'desc')
    .execute();
}

export async function insertInvitation(db: Kysely<Database>, row: Database['invitations']): Promise<void> {
  await db.insertInto('invitations').values(row).execute();
}

/** Deletes an invitation not used yet; false when there is none. */
export async function revokeInvitation(db: Kysely<Database>, id: string): Promise<boolean> {
  const r = await db.deleteFrom('invitations').where('id', '=', id).where('used_at', 'is', null).executeTakeFirst();
  return r.numDeletedRows !== 0n;
}

/** The active supervisors of a team but one, by name. */
export function supervisorsOf(db: Kysely<Database>, teamId: string, except: string) {
  return db
    .selectFrom('users')
    .select(['name', 'role'])
    .where('team_id', '=', teamId)
    .where('role', '=', 'supervisor')
    .where('id', '!=', except)
    .where('disabled_at', 'is', null)
    .orderBy('name')
    .execute();
}
