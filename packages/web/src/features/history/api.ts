/** The calls of history import, drift over time, the roster and reflections (issue 5, issue 13). */
import type {
  DriftReply,
  DriftScope,
  ImportCreated,
  ImportDeleted,
  ImportListItem,
  ImportProgress,
  ImportState,
  ImportValues,
  MappingBody,
  Reflection,
  ReflectionReply,
  Roster,
} from '@peerlens/contract/types';
import { json, request } from '../../api.js';

export const historyApi = {
  upload: async (file: File): Promise<ImportCreated> =>
    request('POST', '/api/imports', await file.arrayBuffer(), {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(file.name),
    }),
  /** The distinct values of a column, and the member each most likely is (value → member id). */
  values: (id: string, column: string): Promise<ImportValues> =>
    request('GET', `/api/imports/${encodeURIComponent(id)}/values?column=${encodeURIComponent(column)}`),
  map: (id: string, mapping: MappingBody): Promise<ImportState> =>
    request('PUT', `/api/imports/${encodeURIComponent(id)}/mapping`, ...json(mapping)),
  commit: (id: string, batch = 200): Promise<ImportProgress> =>
    request('POST', `/api/imports/${encodeURIComponent(id)}/commit?batch=${batch}`),
  get: (id: string): Promise<ImportState> => request('GET', `/api/imports/${encodeURIComponent(id)}`),
  imports: async (): Promise<readonly ImportListItem[]> =>
    (await request<{ imports: readonly ImportListItem[] }>('GET', '/api/imports')).imports,
  /** Deletes an import (cancels one not finished): its file name, columns and staged rows; with `notes`, the notes it saved. */
  remove: (id: string, notes = false): Promise<ImportDeleted> => request('DELETE', `/api/imports/${encodeURIComponent(id)}?notes=${notes}`),
  scope: (): Promise<DriftScope> => request('GET', '/api/drift/scope'),
  drift: (which: { member: string } | { team: string }, range: MonthRange = {}): Promise<DriftReply> =>
    request(
      'GET',
      ('member' in which ? `/api/drift?member=${encodeURIComponent(which.member)}` : `/api/drift?team=${encodeURIComponent(which.team)}`) +
        rangeQuery(range, '&'),
    ),
  roster: (range: MonthRange = {}): Promise<Roster> => request('GET', `/api/drift/roster${rangeQuery(range, '?')}`),
  reflections: async (member: string): Promise<readonly Reflection[]> =>
    (await request<{ reflections: readonly Reflection[] }>('GET', `/api/reflections?member=${encodeURIComponent(member)}`)).reflections,
  reflect: async (month: string, text: string): Promise<Reflection | null> =>
    (await request<{ reflection: Reflection | null }>('PUT', `/api/reflections?month=${encodeURIComponent(month)}`, ...json({ text })))
      .reflection,
  reply: (reflectionId: string, text: string): Promise<ReflectionReply> =>
    request('POST', `/api/reflections/${encodeURIComponent(reflectionId)}/replies`, ...json({ text })),
  removeReply: (id: string): Promise<void> => request('DELETE', `/api/reflections/replies/${encodeURIComponent(id)}`),
};

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
