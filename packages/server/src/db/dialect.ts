/** Which database a Kysely instance (or a transaction on one) talks to, for the few places that differ. */
import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether `db` is PostgreSQL (else SQLite). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: a migration's Kysely<unknown> or the app's Kysely<Database>
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}
