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
  /** Who wrote it (null: saved before the workspace had members). */
  author_id: string | null;
  /** The author's team when it was saved. */
  team_id: string | null;
  /** When the note was written (ISO date or date-time), which may be long before it was imported; null: created_at. */
  written_at: string | null;
  /** SHA-256 of the text, so importing the same note twice does not keep it twice. */
  content_hash: string | null;
}

export type MemberRole = 'peer' | 'supervisor' | 'leader' | 'admin';

export interface TeamsTable {
  id: string;
  name: string;
  created_at: string;
}

export interface UsersTable {
  id: string;
  username: string;
  name: string;
  role: MemberRole;
  team_id: string | null;
  /** scrypt, in the form written by auth/passwords.ts; null until the member sets one. */
  password_hash: string | null;
  created_at: string;
  disabled_at: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf: string;
  created_at: string;
  expires_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type ImportStatus = 'parsed' | 'mapped' | 'committing' | 'done';
export type ImportRowStatus = 'staged' | 'ready' | 'kept' | 'duplicate' | 'problem';

export interface ImportsTable {
  id: string;
  created_by: string;
  file_name: string;
  /** csv | jsonl | docx | pdf | text | markdown */
  format: string;
  created_at: string;
  status: ImportStatus;
  /** JSON: the columns found in the file. */
  columns: Generated<string>;
  /** JSON: the mapping chosen (PUT /api/imports/:id/mapping), null until then. */
  mapping: string | null;
  rows: Generated<number>;
  kept: Generated<number>;
  duplicates: Generated<number>;
  problems: Generated<number>;
  /** JSON: [{ line, reason }] for rows the file reader could not read at all; never a row's text. */
  file_problems: Generated<string>;
}

export interface ImportRowsTable {
  import_id: string;
  line: number;
  /** JSON: the row's columns, until it is committed. */
  fields: string | null;
  text: string | null;
  author_id: string | null;
  written_at: string | null;
  status: ImportRowStatus;
  /** Why a row is a problem (never its text). */
  reason: string | null;
  document_id: string | null;
}

export interface ReflectionsTable {
  id: string;
  author_id: string;
  /** YYYY-MM */
  month: string;
  text: string;
  created_at: string;
  updated_at: string;
}

export interface Database {
  documents: DocumentsTable;
  settings: SettingsTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  reflections: ReflectionsTable;
}
