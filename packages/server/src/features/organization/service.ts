/**
 * The organization's allow list (issue 13): phrases PeerLens never flags in this workspace, the
 * same list and shape as the `allow` of a CLI configuration file. Kept in the settings table as
 * JSON under `allow`; every analysis the server makes (saving, importing, /api/analyze) uses it,
 * and the checker in the browser reads it to do the same. Phrases are words about writing, not
 * about anyone: no note text is kept here.
 */
import { tidyAllowList, type AnalyzeOptions } from '@peerlens/core';
import type { Kysely } from 'kysely';
import type { Database } from '../../db/types.js';

const KEY = 'allow';

export async function getAllowList(db: Kysely<Database>): Promise<string[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', KEY).executeTakeFirst();
  if (!row) return [];
  try {
    const list = JSON.parse(row.value) as unknown;
    return Array.isArray(list) ? tidyAllowList(list.filter((p): p is string => typeof p === 'string')) : [];
  } catch {
    return [];
  }
}

export async function putAllowList(db: Kysely<Database>, list: readonly string[]): Promise<string[]> {
  const value = tidyAllowList(list);
  const json = JSON.stringify(value);
  await db
    .insertInto('settings')
    .values({ key: KEY, value: json })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: json }))
    .execute();
  return value;
}

/** What every analysis the server makes is given: the organization's allow list. */
export async function analyzeOptions(db: Kysely<Database>): Promise<AnalyzeOptions> {
  const allow = await getAllowList(db);
  return allow.length > 0 ? { allow } : {};
}
