/**
 * 003: sign-in and privacy (issue 5): one-time invitations, the audit log (who viewed or
 * exported what; never any note text), and the workspace's privacy settings, kept as rows of
 * the `settings` table (`keep_text`, `retention_days`).
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

export const access: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('invitations')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // the SHA-256 of the link's token: the link itself is shown once, to the admin, and never stored
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('peer', 'supervisor', 'leader', 'admin')`))
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('set null'))
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn('used_at', 'text')
      .addColumn('used_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .execute();
    const pg = isPostgres(db);
    await db.schema
      .createTable('audit_log')
      .addColumn('seq', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('at', 'text', (c) => c.notNull())
      // null: the server itself (the retention purge)
      .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('target_type', 'text')
      .addColumn('target_id', 'text')
      .execute();
    await db.schema.createIndex('audit_log_at').on('audit_log').column('at').execute();
    await db
      .insertInto('settings' as never)
      .values([
        { key: 'keep_text', value: 'true' },
        { key: 'retention_days', value: '' },
      ] as never)
      .onConflict((oc) => oc.doNothing())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db
      .deleteFrom('settings' as never)
      .where(sql.ref('key'), 'in', ['keep_text', 'retention_days'])
      .execute();
    await db.schema.dropTable('audit_log').execute();
    await db.schema.dropTable('invitations').execute();
  },
};
