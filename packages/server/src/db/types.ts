/** The tables, as Kysely sees them. Timestamps are ISO 8601 strings (UTC); analyses are JSON text. */
import type { Generated } from 'kysely';
import type { Perspective } from '@peerlens/core';

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
  /**
   * JSON: a note's most clinical sentences, `[text, confidence]`, most clinical first (at most
   * six), for the drift signal's examples without parsing the analysis (decision 025); null for a
   * role, and for a note saved before migration 011 until it is analysed again (its analysis is read then).
   */
  clinical_top?: string | null;
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

export interface InvitationsTable {
  id: string;
  /** SHA-256 of the link's token (base64url); the token is shown once and never stored. */
  token_hash: string;
  name: string;
  role: MemberRole;
  team_id: string | null;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  used_by: string | null;
}

/** Who viewed, exported or deleted what. Never any note text: an action and the target's type and id. */
export interface AuditLogTable {
  seq: Generated<number>;
  at: string;
  user_id: string | null;
  action: string;
  target_type: string | null;
  target_id: string | null;
  /** 007: JSON of facts that make the entry readable (ids, a role, counts); never words anyone wrote. */
  detail: string | null;
}

// 005-learning: card sorts, program task lists, certifications and trainings.
export type Placement = Perspective;

export interface CardSortsTable {
  id: string;
  team_id: string;
  title: string;
  created_by: string | null;
  status: 'open' | 'closed';
  created_at: string;
}

export interface CardSortPlacementsTable {
  card_sort_id: string;
  user_id: string;
  /** `<dimension>:<column>`, e.g. `relationship:peer`. */
  statement_id: string;
  placement: Placement;
  placed_at: string;
}

export interface ProgramTasksTable {
  id: string;
  /** null: the whole program's list. */
  team_id: string | null;
  text: string;
  assigned_to: 'peer' | 'other';
  /** core's DutyLabel. */
  label: string;
  /** JSON: core's DutyResult from classifyDuty. */
  result: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** Order of entry. */
  seq: number;
}

export interface CertificationsTable {
  /** 007: one row per certification (a member may hold several). */
  id: string;
  user_id: string;
  state: string;
  number: string;
  /** ISO date, or null when it does not expire. */
  expires_on: string | null;
  created_at: string;
  updated_at: string;
}

export interface TrainingsTable {
  id: string;
  user_id: string;
  /** A TRAINING_AREAS id from core, or 'other'. */
  area: string;
  title: string;
  completed_on: string;
  hours: number | null;
  created_at: string;
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

/** 007: an answer to a reflection, by its writer or their supervisor. */
export interface ReflectionRepliesTable {
  id: string;
  reflection_id: string;
  author_id: string;
  text: string;
  created_at: string;
  updated_at: string;
}

// 006-accounts
export interface PasswordResetsTable {
  id: string;
  /** SHA-256 of the link's token (base64url); the token is shown once and never stored. */
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/**
 * Drift rollups (migration 008, decision 023): per author and month (YYYY-MM of written_at, else
 * created_at), the sums over their notes' stored analyses that the drift pages read. Kept in step
 * with `documents` in the same transaction as every save, edit, import and deletion.
 */
export interface DriftMonthsTable {
  author_id: string;
  month: string;
  /** Notes counted (with a readable analysis); a row with 0 is deleted. */
  notes: number;
  units: number;
  words: number;
  peer: number;
  overlap: number;
  clinical: number;
  neutral: number;
  language_findings: number;
  role_conflicts: number;
}

/** Per author, month and dimension: the notes whose profile names the dimension, and each perspective's units. */
export interface DriftMonthDimensionsTable {
  author_id: string;
  month: string;
  dimension: string;
  notes: number;
  peer: number;
  overlap: number;
  clinical: number;
}

// 009-shared-limits
/** One failed try (a sign-in, a wrong current password), counted across every app server. */
export interface LimitFailuresTable {
  scope: string;
  /** SHA-256 (base64url) of what is limited: an address and a username, an address, a member's id. */
  key: string;
  /** Milliseconds since 1970. */
  at: number;
}

/** A member's token bucket for the costly routes, shared by every app server. */
export interface RateBucketsTable {
  /** SHA-256 (base64url) of the member's id. */
  key: string;
  tokens: number;
  /** Milliseconds since 1970 of the last take. */
  at: number;
  /** 1 when the last take was allowed. */
  allowed: Generated<number>;
}

export interface Database {
  documents: DocumentsTable;
  drift_months: DriftMonthsTable;
  drift_month_dimensions: DriftMonthDimensionsTable;
  settings: SettingsTable;
  teams: TeamsTable;
  users: UsersTable;
  sessions: SessionsTable;
  invitations: InvitationsTable;
  audit_log: AuditLogTable;
  card_sorts: CardSortsTable;
  card_sort_placements: CardSortPlacementsTable;
  program_tasks: ProgramTasksTable;
  certifications: CertificationsTable;
  trainings: TrainingsTable;
  imports: ImportsTable;
  import_rows: ImportRowsTable;
  reflections: ReflectionsTable;
  reflection_replies: ReflectionRepliesTable;
  password_resets: PasswordResetsTable;
  limit_failures: LimitFailuresTable;
  rate_buckets: RateBucketsTable;
}
