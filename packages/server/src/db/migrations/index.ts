/** The migrations, in order. Names sort in the order they run; a new one is added at the end, never edited once released. */
import type { Migration, MigrationProvider } from 'kysely';
import { documents } from './001-documents.js';
import { people } from './002-people.js';
import { history } from './004-history.js';

export const MIGRATIONS: Readonly<Record<string, Migration>> = {
  '001-documents': documents,
  '002-people': people,
  '004-history': history,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve({ ...MIGRATIONS }),
};
