/** The SQL of passwords and reset links (see routes.ts for who may do what). */
import type { Kysely, Selectable } from 'kysely';
import type { Database, UsersTable } from '../../db/types.js';

/** A member's stored password hash (null: none set). */
export async function passwordHashOf(db: Kysely<Database>, userId: string): Promise<string | null> {
  return (await db.selectFrom('users').select(['password_hash']).where('id', '=', userId).executeTakeFirstOrThrow()).password_hash;
}

export async function setPasswordHash(db: Kysely<Database>, userId: string, hash: string): Promise<void> {
  await db.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
}

/** A member's whole row (to sign them in). */
export function userRow(db: Kysely<Database>, id: string): Promise<Selectable<UsersTable>> {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
}

export function memberState(db: Kysely<Database>, id: string): Promise<{ id: string; disabled_at: string | null } | undefined> {
  return db.selectFrom('users').select(['id', 'disabled_at']).where('id', '=', id).executeTakeFirst();
}

/** Saves a new reset link for a member; an earlier unused one stops working. */
export async function replaceReset(db: Kysely<Database>, row: Database['password_resets']): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('password_resets').where('user_id', '=', row.user_id).where('used_at', 'is', null).execute();
    await trx.insertInto('password_resets').values(row).execute();
  });
}

/** A reset link by the hash of its token, with its member's name, username and state. */
export function resetByTokenHash(db: Kysely<Database>, hash: string) {
  return db
    .selectFrom('password_resets')
    .innerJoin('users', 'users.id', 'password_resets.user_id')
    .select([
      'password_resets.id',
      'password_resets.user_id',
      'password_resets.created_by',
      'password_resets.expires_at',
      'password_resets.used_at',
      'users.name',
      'users.username',
      'users.disabled_at',
    ])
    .where('password_resets.token_hash', '=', hash)
    .executeTakeFirst();
}

/**
 * Uses a reset link: marks it used first, so two uses at once cannot both succeed, then sets the
 * new password and ends every session of the member, all or nothing. False when it was used already.
 */
export async function useReset(db: Kysely<Database>, resetId: string, userId: string, hash: string, now: string): Promise<boolean> {
  return db.transaction().execute(async (trx) => {
    const used = await trx
      .updateTable('password_resets')
      .set({ used_at: now })
      .where('id', '=', resetId)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    if (used.numUpdatedRows === 0n) return false;
    await trx.updateTable('users').set({ password_hash: hash }).where('id', '=', userId).execute();
    await trx.deleteFrom('sessions').where('user_id', '=', userId).execute();
    return true;
  });
}
