/** The tables, as Kysely sees them. Timestamps are ISO 8601 strings (UTC); analyses are JSON text. */
import type { Generated } from 'kysely';

export interface DocumentsTable {
  id: string;
  title: string;
  kind: 'note' | 'role';
  text: string;
  /** JSON: core's Analysis for a note, its RoleReview for a role. */
  analysis: string;
  /** JSON: a note's Profile, for the list without parsing every analysis; null for a role. */
  profile: string | null;
  /** One line for the list. */
  summary: string;
  created_at: string;
  updated_at: string;
  /** Insertion order, to break ties between documents saved in the same millisecond. */
  seq: Generated<number>;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface Database {
  documents: DocumentsTable;
  settings: SettingsTable;
}
