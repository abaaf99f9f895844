/** The same-origin API of decision 007. Nothing else is ever fetched. */
import type { Analysis, Profile, RoleReview } from '@peerlens/core';

export type DocumentKind = 'note' | 'role';

export interface DocumentSummary {
  readonly id: string | number;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly profile?: Profile;
  readonly summary?: string;
  /** The member who wrote it (null: no author). */
  readonly authorId?: string | null;
  /** Who wrote it (null: no author). */
  readonly authorName?: string | null;
  /** Whether the signed-in member may change and delete it. */
  readonly canChange?: boolean;
}

export interface SavedDocument {
  readonly id: string | number;
  readonly title: string;
  readonly kind: DocumentKind;
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly analysis?: Analysis;
  readonly role?: RoleReview;
  readonly authorName?: string | null;
  /** False when the signed-in member may read it but not change it (a supervisor reading a peer's note). */
  readonly canChange?: boolean;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** The request field at fault, when the server names one. */
    readonly field?: string,
  ) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = `The server answered with status ${res.status}.`;
  let field: string | undefined;
  try {
    const body = (await res.json()) as { error?: unknown };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown; field?: unknown };
      if (typeof o.code === 'string') code = o.code;
      if (typeof o.message === 'string') message = o.message;
      if (typeof o.field === 'string') field = o.field;
    }
  } catch {
    // not JSON: keep the status message
  }
  return new ApiError(res.status, code, message, field);
}

export interface SessionInfo {
  readonly user: {
    readonly id: string;
    readonly username: string;
    readonly name: string;
    readonly role: string;
    readonly teamId: string | null;
  } | null;
  readonly csrf: string | null;
  readonly setupNeeded: boolean;
}

/** Sent on window when the server answers 401: the session is gone. */
export const SIGNED_OUT = 'peerlens:signed-out';

/** The signed-in member's CSRF token, sent with every request that changes something (set by loadSession). */
let csrfToken: string | null = null;

/** Asks the server who is signed in, and keeps the CSRF token for later requests. */
export async function loadSession(): Promise<SessionInfo> {
  const s = await request<SessionInfo>('GET', '/api/session');
  csrfToken = s.csrf;
  return s;
}

async function request<T>(method: string, path: string, body?: BodyInit, headers: Record<string, string> = {}): Promise<T> {
  let res: Response;
  const csrf: Record<string, string> = csrfToken !== null && method !== 'GET' && method !== 'HEAD' ? { 'x-csrf-token': csrfToken } : {};
  try {
    res = await fetch(path, {
      method,
      headers: { accept: 'application/json', ...csrf, ...headers },
      ...(body === undefined ? {} : { body }),
    });
  } catch {
    throw new ApiError(0, 'offline', 'The PeerLens server could not be reached. Is it still running?');
  }
  // A session that ended (timed out, or the member was signed out elsewhere): the app reloads it and asks them to sign in.
  if (res.status === 401 && path !== '/api/login') window.dispatchEvent(new Event(SIGNED_OUT));
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

const json = (value: unknown): [BodyInit, Record<string, string>] => [JSON.stringify(value), { 'content-type': 'application/json' }];

export const api = {
  list: async (): Promise<readonly DocumentSummary[]> =>
    (await request<{ documents: DocumentSummary[] }>('GET', '/api/documents')).documents,
  get: (id: string): Promise<SavedDocument> => request('GET', `/api/documents/${encodeURIComponent(id)}`),
  create: (doc: { title: string; kind: DocumentKind; text: string }): Promise<SavedDocument> =>
    request('POST', '/api/documents', ...json(doc)),
  update: (id: string, doc: { title?: string; text?: string }): Promise<SavedDocument> =>
    request('PUT', `/api/documents/${encodeURIComponent(id)}`, ...json(doc)),
  remove: (id: string): Promise<void> => request('DELETE', `/api/documents/${encodeURIComponent(id)}`),
  /** Sends a file's bytes to be turned into text (DOCX, PDF, text, Markdown). */
  extract: async (file: File): Promise<{ text: string; format: string }> =>
    request('POST', '/api/extract', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  reportHref: (id: string, format: 'markdown' | 'html' | 'json' = 'markdown'): string =>
    `/api/documents/${encodeURIComponent(id)}/report?format=${format}`,
};

/* ---------------- sign-in, people and privacy (issue 5) ---------------- */

export type MemberRole = 'peer' | 'supervisor' | 'leader' | 'admin';
export type SignedInUser = NonNullable<SessionInfo['user']>;

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly members: number;
}

export interface MemberDetail {
  readonly id: string;
  readonly username: string;
  readonly name: string;
  readonly role: MemberRole;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly disabled: boolean;
  readonly createdAt: string;
}

export interface Invitation {
  readonly id: string;
  readonly name: string;
  readonly role: MemberRole;
  readonly teamId: string | null;
  readonly teamName: string | null;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** Only in the reply that creates it. */
  readonly link?: string;
}

export interface Visibility {
  readonly readers: readonly { readonly name: string; readonly role: MemberRole; readonly reason: 'you' | 'supervisor' | 'team' }[];
  readonly aggregatesOnly: readonly MemberRole[];
  readonly keepText: boolean;
  readonly retentionDays: number | null;
}

export interface PrivacySettings {
  readonly keepText: boolean;
  readonly retentionDays: number | null;
}

export interface AuditEntry {
  readonly at: string;
  readonly userId: string | null;
  readonly userName: string | null;
  readonly action: string;
  readonly targetType: string | null;
  readonly targetId: string | null;
  /** Who, in words (a name, "a former member", "PeerLens", "Someone"). */
  readonly actor: string;
  /** What, in words, with names: "changed member Jo Park’s role to supervisor". */
  readonly description: string;
  readonly targetName: string | null;
}

/** Signs in (or sets up, or accepts an invitation) and keeps the new CSRF token. */
async function signingIn(path: string, body: unknown): Promise<SignedInUser> {
  const r = await request<{ user: SignedInUser; csrf: string }>('POST', path, ...json(body));
  csrfToken = r.csrf;
  return r.user;
}

export interface DemoWorkspace {
  readonly present: boolean;
  readonly team: string | null;
  readonly accounts: readonly {
    readonly id: string;
    readonly username: string;
    readonly name: string;
    readonly role: MemberRole;
    readonly disabled: boolean;
    readonly usesDemoPassword: boolean;
  }[];
  readonly documents: number;
  readonly password: string | null;
}

export const ROLE_NAMES: Readonly<Record<MemberRole, string>> = {
  peer: 'Peer specialist',
  supervisor: 'Supervisor',
  leader: 'Program leader',
  admin: 'Admin',
};

export const people = {
  setup: (body: { username: string; name: string; password: string; teamName?: string }): Promise<SignedInUser> =>
    signingIn('/api/setup', body),
  login: (username: string, password: string): Promise<SignedInUser> => signingIn('/api/login', { username, password }),
  logout: async (): Promise<void> => {
    await request<void>('POST', '/api/logout');
    csrfToken = null;
  },
  invitation: (token: string): Promise<{ name: string; role: MemberRole; teamName: string | null; expiresAt: string }> =>
    request('GET', `/api/invitations/${encodeURIComponent(token)}`),
  accept: (token: string, username: string, password: string): Promise<SignedInUser> =>
    signingIn(`/api/invitations/${encodeURIComponent(token)}`, { username, password }),
  teams: async (): Promise<readonly Team[]> => (await request<{ teams: Team[] }>('GET', '/api/teams')).teams,
  createTeam: (name: string): Promise<Team> => request('POST', '/api/teams', ...json({ name })),
  renameTeam: (id: string, name: string): Promise<Team> => request('PATCH', `/api/teams/${encodeURIComponent(id)}`, ...json({ name })),
  members: async (): Promise<readonly MemberDetail[]> => (await request<{ members: MemberDetail[] }>('GET', '/api/members')).members,
  changeMember: (id: string, change: { role?: MemberRole; teamId?: string | null; disabled?: boolean }): Promise<MemberDetail> =>
    request('PATCH', `/api/members/${encodeURIComponent(id)}`, ...json(change)),
  invitations: async (): Promise<readonly Invitation[]> =>
    (await request<{ invitations: Invitation[] }>('GET', '/api/invitations')).invitations,
  invite: (body: { name: string; role: MemberRole; teamId: string | null }): Promise<Invitation> =>
    request('POST', '/api/invitations', ...json(body)),
  revoke: (id: string): Promise<void> => request('DELETE', `/api/invitations/${encodeURIComponent(id)}`),
  visibility: (): Promise<Visibility> => request('GET', '/api/me/visibility'),
  settings: (): Promise<PrivacySettings> => request('GET', '/api/settings'),
  saveSettings: (s: PrivacySettings): Promise<PrivacySettings> => request('PUT', '/api/settings', ...json(s)),
  audit: (page: number, pageSize = 25): Promise<{ entries: readonly AuditEntry[]; total: number; page: number; pageSize: number }> =>
    request('GET', `/api/audit?page=${page}&pageSize=${pageSize}`),
  deleteData: (userId: string): Promise<{ deleted: Record<string, number> }> =>
    request('DELETE', `/api/people/${encodeURIComponent(userId)}/data`),
  exportHref: '/api/export',
  /** The demo sign-in names still in the workspace (public; never a password). */
  demoLogins: async (): Promise<readonly { username: string; role: MemberRole }[]> =>
    (await request<{ demoLogins: { username: string; role: MemberRole }[] }>('GET', '/api/demo')).demoLogins,
  /** The demo workspace (admin): what is left, and its password while a demo account still uses it. */
  demo: (): Promise<DemoWorkspace> => request('GET', '/api/demo/workspace'),
  /** Removes the demo workspace for good (admin). */
  removeDemo: (): Promise<{ removed: { accounts: number; documents: number; team: boolean } }> => request('DELETE', '/api/demo'),
  /** Changes one's own password; the session is renewed (a new CSRF token) and other sessions end. */
  changePassword: (currentPassword: string, newPassword: string): Promise<SignedInUser> =>
    signingIn('/api/me/password', { currentPassword, newPassword }),
  /** A one-time reset link for a member (admin). */
  resetLink: (id: string): Promise<{ link: string; expiresAt: string }> =>
    request('POST', `/api/members/${encodeURIComponent(id)}/password-reset`),
  reset: (token: string): Promise<{ name: string; username: string; expiresAt: string }> =>
    request('GET', `/api/password-resets/${encodeURIComponent(token)}`),
  useReset: (token: string, password: string): Promise<SignedInUser> =>
    signingIn(`/api/password-resets/${encodeURIComponent(token)}`, { password }),
};

/** What the server asks of a new password (auth/policy.ts), said before the person types one. */
export const PASSWORD_RULE = 'At least 12 characters, not only spaces, and not a common password. A few unrelated words work well.';

// Team learning, role design and training (issue 5; server routes of migration 005).

export type Placement = 'peer' | 'overlap' | 'clinical';
export type PlacementCounts = Readonly<Record<Placement, number>>;

export interface TeamChoice {
  readonly id: string;
  readonly name: string;
}

export interface CardSortInfo {
  readonly id: string;
  readonly teamId: string;
  readonly teamName: string;
  readonly title: string;
  readonly status: 'open' | 'closed';
  readonly createdAt: string;
  readonly members: number;
  readonly participants: number;
  readonly statements: number;
  readonly myPlaced: number;
  readonly canManage: boolean;
  readonly canPlace: boolean;
}

export interface StatementCite {
  readonly source: string;
  readonly locator: string;
  readonly sourceName: string;
}

export interface StatementInfo {
  readonly id: string;
  readonly dimension: string;
  readonly dimensionTitle: string;
  readonly column: Placement;
  readonly text: string;
  readonly detail: string;
  readonly question: string;
  readonly cite: readonly StatementCite[];
}

export interface MapRow {
  readonly statement: StatementInfo;
  readonly placed: number;
  readonly shown: boolean;
  readonly counts: PlacementCounts | null;
  readonly spread: number | null;
  readonly offChart: number | null;
}

export interface TeamMapReply {
  readonly sort: CardSortInfo;
  readonly anonymityMin: number;
  readonly rows: readonly MapRow[];
  readonly mostDivided: readonly string[];
}

export interface GuideItem {
  readonly statement: StatementInfo;
  readonly counts: PlacementCounts;
  readonly why: string;
  readonly questions: readonly string[];
  readonly framework: string;
}

export interface ProgramTaskInfo {
  readonly id: string;
  readonly teamId: string | null;
  readonly text: string;
  readonly assignedTo: 'peer' | 'other';
  readonly label: import('@peerlens/core').DutyLabel;
  readonly result: import('@peerlens/core').DutyResult;
  readonly flagged: boolean;
  /** What the line is when it is not a duty (a heading, summary, qualification, pay or hours); null for a duty. */
  readonly notDuty: import('@peerlens/core').NotDutyKind | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TaskListReply {
  readonly tasks: readonly ProgramTaskInfo[];
  readonly summary: {
    readonly tasks: number;
    readonly peerTasks: number;
    readonly flagged: number;
    readonly notDuties: number;
    readonly text: string;
  };
  readonly canManage: boolean;
  readonly teams: readonly TeamChoice[];
}

export interface TrainingRecord {
  readonly id: string;
  readonly area: string;
  readonly areaTitle: string;
  readonly direction: 'wider' | 'deeper' | 'other';
  readonly title: string;
  readonly completedOn: string;
  readonly hours: number | null;
}

export interface CertificationRecord {
  readonly id: string;
  readonly state: string;
  readonly number: string;
  readonly expiresOn: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface TrainingPerson {
  readonly user: { readonly id: string; readonly name: string; readonly role: string };
  /** Every certification on record, soonest to expire first. */
  readonly certifications: readonly CertificationRecord[];
  readonly trainings: readonly TrainingRecord[];
  /** One per certification that has expired or expires soon, most urgent first. */
  readonly reminders: readonly {
    readonly certificationId?: string;
    readonly kind: 'expired' | 'expiring';
    readonly expiresOn: string;
    readonly days: number;
    readonly message: string;
  }[];
  readonly suggestions: readonly {
    readonly area: string;
    readonly title: string;
    readonly notes: number;
    readonly sentences: number;
    readonly why: string;
  }[];
}

const sortPath = (id: string): string => `/api/card-sorts/${encodeURIComponent(id)}`;

export const learnApi = {
  sorts: (): Promise<{ sorts: readonly CardSortInfo[]; teams: readonly TeamChoice[] }> => request('GET', '/api/card-sorts'),
  openSort: (title: string, teamId?: string): Promise<CardSortInfo> =>
    request('POST', '/api/card-sorts', ...json(teamId === undefined ? { title } : { title, teamId })),
  setStatus: (id: string, status: 'open' | 'closed'): Promise<CardSortInfo> => request('PUT', sortPath(id), ...json({ status })),
  sort: (
    id: string,
  ): Promise<{ sort: CardSortInfo; cards: readonly { id: string; text: string }[]; placements: Readonly<Record<string, Placement>> }> =>
    request('GET', sortPath(id)),
  place: (id: string, statementId: string, placement: Placement): Promise<{ myPlaced: number; statements: number }> =>
    request('PUT', `${sortPath(id)}/placements/${encodeURIComponent(statementId)}`, ...json({ placement })),
  map: (id: string): Promise<TeamMapReply> => request('GET', `${sortPath(id)}/map`),
  guide: (id: string): Promise<{ sort: CardSortInfo; items: readonly GuideItem[] }> => request('GET', `${sortPath(id)}/guide`),
  tasks: (teamId?: string): Promise<TaskListReply> =>
    request('GET', teamId === undefined ? '/api/program-tasks' : `/api/program-tasks?teamId=${encodeURIComponent(teamId)}`),
  addTasks: (body: { text: string; assignedTo: 'peer' | 'other'; teamId?: string | null }): Promise<{ tasks: ProgramTaskInfo[] }> =>
    request('POST', '/api/program-tasks', ...json(body)),
  updateTask: (id: string, body: { text?: string; assignedTo?: 'peer' | 'other' }): Promise<ProgramTaskInfo> =>
    request('PUT', `/api/program-tasks/${encodeURIComponent(id)}`, ...json(body)),
  removeTask: (id: string): Promise<void> => request('DELETE', `/api/program-tasks/${encodeURIComponent(id)}`),
  training: (): Promise<{ people: readonly TrainingPerson[]; today: string }> => request('GET', '/api/training'),
  addCertification: (body: { state: string; number: string; expiresOn: string | null }): Promise<CertificationRecord> =>
    request('POST', '/api/training/me/certifications', ...json(body)),
  updateCertification: (id: string, body: { state: string; number: string; expiresOn: string | null }): Promise<CertificationRecord> =>
    request('PUT', `/api/training/me/certifications/${encodeURIComponent(id)}`, ...json(body)),
  removeCertification: (id: string): Promise<void> => request('DELETE', `/api/training/me/certifications/${encodeURIComponent(id)}`),
  addTraining: (body: { area: string; title: string; completedOn: string; hours: number | null }): Promise<TrainingRecord> =>
    request('POST', '/api/training/me/trainings', ...json(body)),
  removeTraining: (id: string): Promise<void> => request('DELETE', `/api/training/me/trainings/${encodeURIComponent(id)}`),
  /** Counts only, for a program leader or admin. */
  trainingSummary: (): Promise<{
    peers: number;
    certified: number;
    expiring: number;
    expired: number;
    byArea: Readonly<Record<string, number>>;
    hidden: boolean;
  }> => request('GET', '/api/training/summary'),
};

// ── History import and drift over time (issue 5; decision 009 "History" and "Drift") ──

export interface LineProblem {
  readonly line: number;
  readonly reason: string;
}

export interface ColumnMapping {
  readonly textColumn?: string;
  readonly authorColumn?: string;
  readonly dateColumn?: string;
}

export interface ImportCreated {
  readonly id: string;
  readonly format: string;
  readonly columns: readonly string[];
  readonly mapping: ColumnMapping;
  readonly preview: readonly { readonly line: number; readonly fields: Readonly<Record<string, string>> }[];
  readonly rows: number;
  readonly authorValues: readonly string[];
  /** Author value → the member id it most likely is (name or username, ignoring case). */
  readonly authorGuess?: Readonly<Record<string, string>>;
  readonly problems: readonly LineProblem[];
}

export interface ImportProgress {
  readonly done: number;
  readonly total: number;
  readonly kept: number;
  readonly duplicates: number;
  readonly problems: number;
  readonly finished: boolean;
}

export interface ImportState {
  readonly id: string;
  readonly fileName: string;
  readonly status: string;
  readonly createdAt?: string;
  readonly progress: ImportProgress;
  readonly problems: readonly LineProblem[];
}

/** An import as the list shows it: a supervisor also sees their team's (to delete, not continue). */
export interface ImportListItem extends Omit<ImportState, 'problems'> {
  readonly createdBy: { readonly id: string; readonly name: string };
}

export interface DriftMonth {
  readonly month: string;
  readonly notes: number;
  readonly units: number;
  readonly words: number;
  readonly counts: Readonly<Record<'peer' | 'overlap' | 'clinical' | 'neutral', number>>;
  readonly shares: Readonly<Record<'peer' | 'overlap' | 'clinical' | 'neutral', number>>;
  readonly byDimension: Readonly<Record<string, { readonly peer: number; readonly overlap: number; readonly clinical: number }>>;
  readonly dimensionShares: Readonly<Record<string, { readonly peer: number; readonly overlap: number; readonly clinical: number }>>;
  readonly languageFindings: number;
  readonly languagePer1000Words: number;
  readonly roleConflicts: number;
  /** Fewer than `minPeople` people wrote this month (a leader's or admin's view): its figures are not shown. */
  readonly hidden: boolean;
}

export interface DriftReply {
  readonly scope: { readonly kind: 'member' | 'team'; readonly id: string; readonly name: string };
  readonly months: readonly DriftMonth[];
  readonly signal: {
    readonly kind: 'clinical-rising' | 'peer-falling';
    readonly months: readonly string[];
    readonly from: number;
    readonly to: number;
    readonly message: string;
    readonly sentences?: readonly { readonly documentId: string; readonly date: string; readonly text: string }[];
  } | null;
  /** What the page says: a signal, no signal over enough months, or not enough notes to judge yet. */
  readonly status: {
    readonly kind: 'signal' | 'steady' | 'too-little';
    readonly title: string;
    readonly message: string;
    readonly needed?: string;
  };
  readonly rule: string;
  readonly minPeople: number | null;
}

export interface DriftScope {
  readonly members: readonly { readonly id: string; readonly name: string; readonly role: string }[];
  /** `shown`: whether the team's drift shows this viewer anything (a leader sees no month of fewer than 3 writers). */
  readonly teams: readonly { readonly id: string; readonly name: string; readonly shown: boolean }[];
}

export interface ReflectionReply {
  readonly id: string;
  /** null once the writer's account is gone. */
  readonly author: { readonly id: string; readonly name: string; readonly role: string } | null;
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface Reflection {
  readonly id: string;
  readonly member: string;
  readonly memberName: string;
  readonly month: string;
  readonly text: string;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** The thread beneath it, oldest first: the member and their supervisor. */
  readonly replies: readonly ReflectionReply[];
}

export const historyApi = {
  upload: async (file: File): Promise<ImportCreated> =>
    request('POST', '/api/imports', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  /** The distinct values of a column, and the member each most likely is (value → member id). */
  values: (id: string, column: string): Promise<{ values: readonly string[]; guess: Readonly<Record<string, string>> }> =>
    request('GET', `/api/imports/${encodeURIComponent(id)}/values?column=${encodeURIComponent(column)}`),
  map: (
    id: string,
    mapping: { textColumn: string; authorColumn?: string; dateColumn?: string; authors?: Record<string, string> },
  ): Promise<ImportState> => request('PUT', `/api/imports/${encodeURIComponent(id)}/mapping`, ...json(mapping)),
  commit: (id: string, batch = 200): Promise<ImportProgress> =>
    request('POST', `/api/imports/${encodeURIComponent(id)}/commit?batch=${batch}`),
  get: (id: string): Promise<ImportState> => request('GET', `/api/imports/${encodeURIComponent(id)}`),
  imports: async (): Promise<readonly ImportListItem[]> => (await request<{ imports: ImportListItem[] }>('GET', '/api/imports')).imports,
  /** Deletes an import (cancels one not finished): its file name, columns and staged rows; with `notes`, the notes it saved. */
  remove: (id: string, notes = false): Promise<{ deleted: { notes: number } }> =>
    request('DELETE', `/api/imports/${encodeURIComponent(id)}?notes=${notes}`),
  scope: (): Promise<DriftScope> => request('GET', '/api/drift/scope'),
  drift: (which: { member: string } | { team: string }, range: MonthRange = {}): Promise<DriftReply> =>
    request(
      'GET',
      ('member' in which ? `/api/drift?member=${encodeURIComponent(which.member)}` : `/api/drift?team=${encodeURIComponent(which.team)}`) +
        rangeQuery(range, '&'),
    ),
  roster: (range: MonthRange = {}): Promise<Roster> => request('GET', `/api/drift/roster${rangeQuery(range, '?')}`),
  reflections: async (member: string): Promise<readonly Reflection[]> =>
    (await request<{ reflections: Reflection[] }>('GET', `/api/reflections?member=${encodeURIComponent(member)}`)).reflections,
  reflect: async (month: string, text: string): Promise<Reflection | null> =>
    (await request<{ reflection: Reflection | null }>('PUT', `/api/reflections?month=${encodeURIComponent(month)}`, ...json({ text })))
      .reflection,
  reply: (reflectionId: string, text: string): Promise<ReflectionReply> =>
    request('POST', `/api/reflections/${encodeURIComponent(reflectionId)}/replies`, ...json({ text })),
  removeReply: (id: string): Promise<void> => request('DELETE', `/api/reflections/replies/${encodeURIComponent(id)}`),
};

// ── A range of months, the roster and the organization's allow list (issue 13) ──

/** Months, both included (YYYY-MM); an end left out is open. */
export interface MonthRange {
  readonly from?: string;
  readonly to?: string;
}

function rangeQuery(range: MonthRange, first: '?' | '&'): string {
  const q = new URLSearchParams();
  if (range.from) q.set('from', range.from);
  if (range.to) q.set('to', range.to);
  const s = q.toString();
  return s ? `${first}${s}` : '';
}

export interface RosterRow {
  readonly id: string;
  readonly name: string;
  readonly role: MemberRole | null;
  /** Members in the team (teams), or null. */
  readonly people: number | null;
  /** A person's last note (YYYY-MM-DD), or a team's last month shown (YYYY-MM). */
  readonly lastNote: string | null;
  readonly monthsWithNotes: number;
  readonly signal: { readonly kind: 'signal' | 'steady' | 'too-little'; readonly title: string };
  /** A team where fewer than minPeople people wrote in every month: nothing about it is shown. */
  readonly hidden: boolean;
}

export interface Roster {
  readonly kind: 'people' | 'teams';
  readonly rows: readonly RosterRow[];
  readonly minPeople: number | null;
}

export const organizationApi = {
  /** The allow list (phrases never flagged), and whether this member may change it. */
  allowList: (): Promise<{ allow: readonly string[]; canChange: boolean }> => request('GET', '/api/organization/allow'),
  allow: async (phrase: string): Promise<readonly string[]> =>
    (await request<{ allow: string[] }>('POST', '/api/organization/allow', ...json({ phrase }))).allow,
  disallow: async (phrase: string): Promise<readonly string[]> =>
    (await request<{ allow: string[] }>('DELETE', `/api/organization/allow?phrase=${encodeURIComponent(phrase)}`)).allow,
  /** Replaces the list from a PeerLens configuration (.peerlensrc.json or package.json), read as JSON. */
  importConfig: (config: unknown): Promise<{ allow: readonly string[]; ignored: readonly string[] }> =>
    request('PUT', '/api/organization/allow', ...json(config)),
  /** The list as a .peerlensrc.json, for the CLI. */
  exportHref: '/api/organization/peerlensrc.json',
};
