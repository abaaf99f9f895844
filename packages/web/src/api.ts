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
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = 'http_' + res.status;
  let message = `The server answered with status ${res.status}.`;
  try {
    const body = (await res.json()) as { error?: unknown };
    const e = body.error;
    if (typeof e === 'string') message = e;
    else if (e && typeof e === 'object') {
      const o = e as { code?: unknown; message?: unknown };
      if (typeof o.code === 'string') code = o.code;
      if (typeof o.message === 'string') message = o.message;
    }
  } catch {
    // not JSON: keep the status message
  }
  return new ApiError(res.status, code, message);
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
  readonly progress: ImportProgress;
  readonly problems: readonly LineProblem[];
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
  readonly rule: string;
}

export interface DriftScope {
  readonly members: readonly { readonly id: string; readonly name: string; readonly role: string }[];
  readonly teams: readonly { readonly id: string; readonly name: string }[];
}

export interface Reflection {
  readonly id: string;
  readonly member: string;
  readonly month: string;
  readonly text: string;
  readonly updatedAt: string;
}

export const historyApi = {
  upload: async (file: File): Promise<ImportCreated> =>
    request('POST', '/api/imports', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  values: async (id: string, column: string): Promise<readonly string[]> =>
    (await request<{ values: string[] }>('GET', `/api/imports/${encodeURIComponent(id)}/values?column=${encodeURIComponent(column)}`))
      .values,
  map: (
    id: string,
    mapping: { textColumn: string; authorColumn?: string; dateColumn?: string; authors?: Record<string, string> },
  ): Promise<ImportState> => request('PUT', `/api/imports/${encodeURIComponent(id)}/mapping`, ...json(mapping)),
  commit: (id: string, batch = 200): Promise<ImportProgress> =>
    request('POST', `/api/imports/${encodeURIComponent(id)}/commit?batch=${batch}`),
  get: (id: string): Promise<ImportState> => request('GET', `/api/imports/${encodeURIComponent(id)}`),
  imports: async (): Promise<readonly ImportState[]> => (await request<{ imports: ImportState[] }>('GET', '/api/imports')).imports,
  scope: (): Promise<DriftScope> => request('GET', '/api/drift/scope'),
  drift: (which: { member: string } | { team: string }): Promise<DriftReply> =>
    request(
      'GET',
      'member' in which ? `/api/drift?member=${encodeURIComponent(which.member)}` : `/api/drift?team=${encodeURIComponent(which.team)}`,
    ),
  reflections: async (member: string): Promise<readonly Reflection[]> =>
    (await request<{ reflections: Reflection[] }>('GET', `/api/reflections?member=${encodeURIComponent(member)}`)).reflections,
  reflect: async (month: string, text: string): Promise<Reflection | null> =>
    (await request<{ reflection: Reflection | null }>('PUT', `/api/reflections?month=${encodeURIComponent(month)}`, ...json({ text })))
      .reflection,
};
