/** What the health check asks of the database. */
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

/** Whether the database answers a query. */
export async function databaseAnswers(db: Kysely<Database>): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
