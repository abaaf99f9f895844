/**
 * 007: conversations and records (issue 13). A reflection gets replies (its writer and their
 * supervisor answer each other, a thread beside a month); a member keeps any number of
 * certifications (one row each, no longer one per member); the audit log gets a `detail`
 * column: a few facts that make an entry readable (a role changed to, counts of an import), as
 * JSON of ids, names of roles and numbers, never any words people wrote.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

export const threads: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('reflection_replies')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('reflection_id', 'text', (c) => c.notNull().references('reflections.id').onDelete('cascade'))
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('reflection_replies_reflection')
      .on('reflection_replies')
      .columns(['reflection_id', 'created_at'])
      .execute();
    await db.schema.createIndex('reflection_replies_author').on('reflection_replies').column('author_id').execute();

    // certifications: one row each (an id of its own) instead of one per member
    await db.schema
      .createTable('certifications_many')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // a random id each: 32 hex digits (PostgreSQL has no randomblob)
    const randomId = isPostgres(db) ? sql`replace(gen_random_uuid()::text, '-', '')` : sql`lower(hex(randomblob(16)))`;
    await sql`insert into certifications_many (id, user_id, state, number, expires_on, created_at, updated_at)
      select ${randomId}, user_id, state, number, expires_on, updated_at, updated_at from certifications`.execute(db);
    await db.schema.dropTable('certifications').execute();
    await db.schema.alterTable('certifications_many').renameTo('certifications').execute();
    await db.schema.createIndex('certifications_user').on('certifications').column('user_id').execute();

    await db.schema.alterTable('audit_log').addColumn('detail', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('audit_log').dropColumn('detail').execute();
    await db.schema.dropIndex('certifications_user').execute();
    await db.schema.alterTable('certifications').renameTo('certifications_many').execute();
    await db.schema
      .createTable('certifications')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    // one per member again: the most recently changed
    await sql`insert into certifications (user_id, state, number, expires_on, updated_at)
      select user_id, state, number, expires_on, updated_at from certifications_many c
      where id = (select id from certifications_many d where d.user_id = c.user_id order by updated_at desc, id limit 1)`.execute(db);
    await db.schema.dropTable('certifications_many').execute();
    await db.schema.dropTable('reflection_replies').execute();
  },
};
