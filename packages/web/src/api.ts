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
