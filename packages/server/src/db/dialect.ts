/** Which database a Kysely instance (or a transaction on one) talks to, for the few places that differ. */
import { PostgresAdapter, type Kysely } from 'kysely';

/** Whether `db` is PostgreSQL (else SQLite). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any schema: a migration's Kysely<unknown> or the app's Kysely<Database>
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/**
 * Whether `e` is the database refusing a row because a unique key already holds its value
 * (SQLite's SQLITE_CONSTRAINT_UNIQUE or PRIMARYKEY, PostgreSQL's 23505): a race two requests ran
 * at once, to be answered as the conflict it is, not as a server error.
 */
export function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}
