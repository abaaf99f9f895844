/**
 * 008: drift rollups (issue 15, decision 023). The drift pages read monthly sums per author and
 * per dimension instead of every stored analysis. The tables are created, then filled from the
 * notes already saved, a page of analyses at a time. Query builders only, so that the same
 * migration runs on SQLite and PostgreSQL.
 */
import type { Kysely, Migration } from 'kysely';
import type { Database } from '../types.js';
import { RollupDelta } from '../rollups.js';

const PAGE = 1000;

export const driftRollups: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('drift_months')
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('notes', 'integer', (c) => c.notNull())
      .addColumn('units', 'integer', (c) => c.notNull())
      .addColumn('words', 'integer', (c) => c.notNull())
      .addColumn('peer', 'integer', (c) => c.notNull())
      .addColumn('overlap', 'integer', (c) => c.notNull())
      .addColumn('clinical', 'integer', (c) => c.notNull())
      .addColumn('neutral', 'integer', (c) => c.notNull())
      .addColumn('language_findings', 'integer', (c) => c.notNull())
      .addColumn('role_conflicts', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('drift_months_pk', ['author_id', 'month'])
      .execute();
    await db.schema
      .createTable('drift_month_dimensions')
      .addColumn('author_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('month', 'text', (c) => c.notNull())
      .addColumn('dimension', 'text', (c) => c.notNull())
      .addColumn('notes', 'integer', (c) => c.notNull())
      .addColumn('peer', 'integer', (c) => c.notNull())
      .addColumn('overlap', 'integer', (c) => c.notNull())
      .addColumn('clinical', 'integer', (c) => c.notNull())
      .addPrimaryKeyConstraint('drift_month_dimensions_pk', ['author_id', 'month', 'dimension'])
      .execute();

    // the notes saved so far, in pages by insertion order; the sums are small (one row per author and month)
    const typed = db as Kysely<Database>;
    const delta = new RollupDelta();
    let after = -1;
    for (;;) {
      const rows = await typed
        .selectFrom('documents')
        .select(['seq', 'kind', 'author_id', 'written_at', 'created_at', 'analysis'])
        .where('kind', '=', 'note')
        .where('author_id', 'is not', null)
        .where('seq', '>', after)
        .orderBy('seq')
        .limit(PAGE)
        .execute();
      for (const r of rows) delta.add(r);
      const last = rows[rows.length - 1];
      if (!last || rows.length < PAGE) break;
      after = last.seq;
    }
    await delta.apply(typed);
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('drift_month_dimensions').execute();
    await db.schema.dropTable('drift_months').execute();
  },
};
