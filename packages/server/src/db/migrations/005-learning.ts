/**
 * 005: team learning, role design and training (issue 5): card sorts and their placements, a
 * program's task lists (each task classified), and each member's certification and trainings.
 */
import { sql, type Kysely, type Migration } from 'kysely';
import { isPostgres } from '../dialect.js';

export const learning: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('card_sorts')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('team_id', 'text', (c) => c.notNull().references('teams.id').onDelete('cascade'))
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open', 'closed')`))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('card_sorts_team').on('card_sorts').column('team_id').execute();
    await db.schema
      .createTable('card_sort_placements')
      .addColumn('card_sort_id', 'text', (c) => c.notNull().references('card_sorts.id').onDelete('cascade'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('statement_id', 'text', (c) => c.notNull())
      .addColumn('placement', 'text', (c) => c.notNull().check(sql`placement in ('peer', 'overlap', 'clinical')`))
      .addColumn('placed_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('card_sort_placements_pk', ['card_sort_id', 'user_id', 'statement_id'])
      .execute();
    await db.schema
      .createTable('program_tasks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // null: the task list of the whole program, not one team's
      .addColumn('team_id', 'text', (c) => c.references('teams.id').onDelete('cascade'))
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('assigned_to', 'text', (c) => c.notNull().check(sql`assigned_to in ('peer', 'other')`))
      .addColumn('label', 'text', (c) => c.notNull())
      .addColumn('result', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .addColumn('seq', 'integer', (c) => c.notNull().defaultTo(0))
      .execute();
    await db.schema.createIndex('program_tasks_team').on('program_tasks').column('team_id').execute();
    await db.schema
      .createTable('certifications')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('state', 'text', (c) => c.notNull())
      .addColumn('number', 'text', (c) => c.notNull())
      .addColumn('expires_on', 'text')
      .addColumn('updated_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('trainings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('area', 'text', (c) => c.notNull())
      .addColumn('title', 'text', (c) => c.notNull())
      .addColumn('completed_on', 'text', (c) => c.notNull())
      .addColumn('hours', isPostgres(db) ? 'double precision' : 'real') // PostgreSQL's real is 4 bytes; SQLite's is 8
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
    await db.schema.createIndex('trainings_user').on('trainings').column('user_id').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.dropTable('trainings').execute();
    await db.schema.dropTable('certifications').execute();
    await db.schema.dropTable('program_tasks').execute();
    await db.schema.dropTable('card_sort_placements').execute();
    await db.schema.dropTable('card_sorts').execute();
  },
};
