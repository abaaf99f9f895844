/**
 * 004: history and drift (issue 5). An import is staged row by row (`import_rows`) so that it
 * can be committed in chunks, one transaction each, and resumed after a stop; its problems keep
 * the line and the reason, never the row's text. A reflection is a member's own words beside a
 * month of their drift chart.
 */
import { sql, type Kysely, type Migration } from 'kysely';

export const history: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('created_by', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('file_name', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('parsed', 'mapped', 'committing', 'done')`))
      // JSON: the columns found and the mapping chosen
      .addColumn('columns', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('mapping', 'text')
      .addColumn('rows', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('kept', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('duplicates', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('problems', 'integer', (c) => c.notNull().defaultTo(0))
      // JSON: [{ line, reason }] of the file itself (rows that could not be read at all)
      .addColumn('file_problems', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();
    await db.schema.createIndex('imports_created_by').on('imports').column('created_by').execute();
    await db.schema
      .createTable('import_rows')
      .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
      .addColumn('line', 'integer', (c) => c.notNull())
      // JSON: every column of the row, until it is committed (then cleared)
      .addColumn('fields', 'text')
      .addColumn('text', 'text')
      .addColumn('author_id', 'text')
      .addColumn('written_at', 'text')
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('staged', 'ready', 'kept', 'duplicate', 'problem')`))
      .addColumn('reason', 'text')
      .addColumn('document_id', 'text')
      .addPrimaryKeyConstraint('import_rows_pk', ['import_id', 'line'])
      .execute();
    await db.schema
      .createTable('reflections')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addUniqueConstraint('reflections_author_month', ['author_id', 'month'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('reflections').execute();
    await db.schema.dropTable('import_rows').execute();
    await db.schema.dropTable('imports').execute();
  },
};
