/**
 * 011: a note's most clinical sentences beside it (issue 15, decision 025), so that the drift
 * signal's examples read a few sentences a note instead of parsing every analysis of its last
 * three months. Not filled here: a note saved before has none (null) until it is analysed again,
 * and the signal reads its analysis then, as before, so nothing changes but the time it takes.
 */
import type { Kysely, Migration } from 'kysely';

export const clinicalTop: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('documents').addColumn('clinical_top', 'text').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('documents').dropColumn('clinical_top').execute();
  },
};
