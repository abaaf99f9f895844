/** What the session route asks of the database. */
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/** Whether the workspace has its first admin yet. */
export async function hasAdmin(db: Kysely<Database>): Promise<boolean> {
  return (await db.selectFrom('users').select('id').where('role', '=', 'admin').limit(1).executeTakeFirst()) !== undefined;
}
