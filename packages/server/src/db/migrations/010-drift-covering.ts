/**
 * 010: covering indexes for the drift rollups (issue 15, decision 025). A team's drift reads one
 * row per member and month (and per dimension) through the primary key, then each row from the
 * table. With every column the drift reads in the index, the database answers from the index
 * alone: on the 500,000-note SQLite workspace a team's drift queries took 0.74 ms instead of
 * 1.25 ms. The same statements on PostgreSQL, where they allow index-only scans.
 */
import type { Kysely, Migration } from 'kysely';

export const driftCovering: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createIndex('drift_months_read')
      .on('drift_months')
      .columns([
        'author_id',
        'month',
        'notes',
        'units',
        'words',
        'peer',
        'overlap',
        'clinical',
        'neutral',
        'language_findings',
        'role_conflicts',
      ])
      .execute();
    await db.schema
      .createIndex('drift_month_dimensions_read')
      .on('drift_month_dimensions')
      .columns(['author_id', 'month', 'dimension', 'notes', 'peer', 'overlap', 'clinical'])
      .execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropIndex('drift_month_dimensions_read').execute();
    await db.schema.dropIndex('drift_months_read').execute();
  },
};
