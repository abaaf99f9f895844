/** The migrations, in order. Names sort in the order they run; a new one is added at the end, never edited once released. */
import type { Migration, MigrationProvider } from 'kysely';
import { documents } from './001-documents.js';
import { people } from './002-people.js';
import { access } from './003-access.js';
import { history } from './004-history.js';
import { learning } from './005-learning.js';
import { accounts } from './006-accounts.js';
import { threads } from './007-threads.js';
import { driftRollups } from './008-drift-rollups.js';
import { sharedLimits } from './009-shared-limits.js';
import { driftCovering } from './010-drift-covering.js';
import { clinicalTop } from './011-clinical-top.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-documents': documents,
  '002-people': people,
  '003-access': access,
  '004-history': history,
  '005-learning': learning,
  '006-accounts': accounts,
  '007-threads': threads,
  '008-drift-rollups': driftRollups,
  '009-shared-limits': sharedLimits,
  '010-drift-covering': driftCovering,
  '011-clinical-top': clinicalTop,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
