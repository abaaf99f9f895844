/**
 * 002: the team workspace (issue 5): teams, members with a role, login sessions, and who wrote
 * each document, for whom, and when (the date a note was written drives the drift charts).
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const people: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('teams')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('username', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('peer', 'supervisor', 'leader', 'admin')`))
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
      // null until the member sets a password through their invitation
      .addColumn('password_hash', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('disabled_at', 'text')
      .execute();
    await db.schema.createIndex('users_team').on('users').column('team_id').execute();
    await db.schema
      .createTable('sessions')
      // the SHA-256 of the cookie's token: a copy of the database does not hold live sessions
      .addColumn('token_hash', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('csrf', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('sessions_user').on('sessions').column('user_id').execute();
    await db.schema
      .alterTable('documents')
      .addColumn('author_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
      .execute();
    await db.schema.alterTable('documents').addColumn('team_id', 'text').execute();
    await db.schema.alterTable('documents').addColumn('written_at', 'text').execute();
    await db.schema.alterTable('documents').addColumn('content_hash', 'text').execute();
    await db.schema.createIndex('documents_author_written').on('documents').columns(['author_id', 'written_at']).execute();
    await db.schema.createIndex('documents_content_hash').on('documents').columns(['author_id', 'content_hash']).execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('documents_content_hash').execute();
    await db.schema.dropIndex('documents_author_written').execute();
    for (const c of ['content_hash', 'written_at', 'team_id', 'author_id']) await db.schema.alterTable('documents').dropColumn(c).execute();
    await db.schema.dropTable('sessions').execute();
    await db.schema.dropTable('users').execute();
    await db.schema.dropTable('teams').execute();
  },
};
