/**
 * 009: limits shared by every app server (issue 15, decision 022). Failed sign-ins and wrong
 * current passwords (`limit_failures`, one row per failure) and each member's request bucket
 * (`rate_buckets`) live in the database, so that a limit counts across several server
 * processes on one PostgreSQL. Keys are SHA-256 digests (of an address and a username, or a
 * member's id), never the address or the name; rows older than a day are purged every hour.
 */
import type { Kysely, Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

export const sharedLimits: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const float = isPostgres(db) ? 'double precision' : 'real';
    await db.schema
      .createTable('limit_failures')
      // what is counted: 'sign-in', 'sign-in-address', 'current-password'
      .addColumn('scope', 'text', (c) => c.notNull())
      .addColumn('key', 'text', (c) => c.notNull())
      // milliseconds since 1970
      .addColumn('at', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('limit_failures_key').on('limit_failures').columns(['scope', 'key', 'at']).execute();
    await db.schema.createIndex('limit_failures_at').on('limit_failures').column('at').execute();
    await db.schema
      .createTable('rate_buckets')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('tokens', float, (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      // 1 when the last take was allowed
      .addColumn('allowed', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('rate_buckets').execute();
    await db.schema.dropTable('limit_failures').execute();
  },
};
