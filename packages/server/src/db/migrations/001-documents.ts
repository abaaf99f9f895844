/** 001: saved documents (notes and roles) with their analysis, and a settings table (key → value). */
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

export const documents: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    // PostgreSQL numbers rows with a serial column; SQLite with autoincrement (decision 022)
    const pg = isPostgres(db);
    await db.schema
      .createTable('documents')
      .addColumn('seq', pg ? 'serial' : 'integer', (c) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()))
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('note', 'role')`))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('analysis', 'text', (c) => c.notNull())
      .addColumn('profile', 'text')
      .addColumn('summary', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('documents_updated_at').on('documents').column('updated_at').execute();
    await db.schema
      .createTable('settings')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('value', 'text', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('settings').execute();
    await db.schema.dropTable('documents').execute();
  },
};
