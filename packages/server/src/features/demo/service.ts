/**
 * The demo workspace: a few example notes and a job description, written for PeerLens (no
 * real person, no copied text), saved once on first start so a new user has something to open.
 * A settings row records that it was seeded, so deleting the examples is final.
 */
import type { Kysely } from 'kysely';
import { insertDocument } from '../documents/service.js';
import { deletePersonData } from '../privacy/service.js';
import { checkpoint } from '../../db/database.js';
import { DEMO_LOGINS_SETTING, DEMO_MEMBERS, DEMO_PASSWORD_SETTING, DEMO_TEAM, demoPassword, seedDemoTeam } from './team.js';
import type { Database, MemberRole } from '../../db/types.js';
export { demoLogins } from './team.js';

export const DEMO_SETTING = 'demo_seeded';

export const DEMO_DOCUMENTS: readonly { title: string; kind: 'note' | 'role'; text: string }[] = [
  {
    title: 'Example note: looking for an apartment together',
    kind: 'note',
    text: `Met with Dana at the library café, a place she chose. We talked about her week of looking for an apartment and how tiring it has been.
I shared that when I was looking for housing after a long hospital stay, I kept a list of landlords who did not ask about my history, and she asked to see it.
She said the shelter staff keep telling her what she should do. We talked about how she could tell her caseworker what she wants instead.
She decided to call two landlords herself tomorrow and asked me to sit with her while she practises what to say.
I learned something from her too: she showed me a bus app I had never used.
We agreed to meet again on Thursday at the same place.
`,
  },
  {
    title: 'Example note: drifting toward a clinical voice',
    kind: 'note',
    text: `Client is a 34 year old schizophrenic male and a frequent flyer at the emergency room.
Assessed client's mood and affect; affect was flat and insight poor.
Client was noncompliant with meds again this week.
Reminded client that he must take his medication as prescribed or the treatment team may consider a hold.
Plan: continue to monitor symptoms and report any decline to his psychiatrist.
`,
  },
  {
    title: 'Example note: a phone check-in, mixed',
    kind: 'note',
    text: `Checked in with Marcus by phone this morning.
He said the voices were loud last night and he did not sleep much.
I told him I have had nights like that too, and asked what has helped him before. He mentioned music and walking by the river.
I reminded him of his appointment on Friday and documented his symptoms for the team.
He asked me to come with him so he can speak for himself about the side effects he is having, and we planned what he wants to say.
`,
  },
  {
    title: 'Example note: the Tuesday peer group',
    kind: 'note',
    text: `Six people came to the Tuesday peer group. Members chose the topic this week: getting through the holidays.
Two members talked about family visits that are hard for them, and others offered what has worked for them.
I shared how I plan quiet time for myself during busy days, and asked the group what they would add.
The group agreed to make a list of free places to go on the holidays and to bring it next week.
`,
  },
  {
    title: 'Example job description: Peer Support Specialist',
    kind: 'role',
    text: `Peer Support Specialist

Position summary
The Peer Support Specialist uses their own lived experience of recovery to support people who use our services. This is a full-time position on the community team.

Responsibilities
- Build mutual, trusting relationships with people using our services, sharing your own recovery story when it helps.
- Facilitate peer support groups and a weekly recovery circle run by its members.
- Support people to set their own goals and to speak for themselves in treatment meetings.
- Connect people with community resources such as housing, work, benefits and education.
- Administer and document medications during evening rounds.
- Serve as representative payee for participants who need help managing their money.
- Drive participants to medical and court appointments.
- Monitor participants for medication compliance and report concerns to the treatment team.
- Answer phones, file charts and perform general clerical duties.
- Other duties as assigned.

Qualifications
- Lived experience of mental health or substance use challenges and recovery.
- State peer certification, or willingness to complete it within six months.
`,
  },
];

/** `PEERLENS_DEMO`: "0", "false", "no" or "off" start a new workspace without the demo; anything else (or unset) with it. */
export function demoFromEnv(env: NodeJS.ProcessEnv = process.env): boolean {
  return !['0', 'false', 'no', 'off'].includes((env.PEERLENS_DEMO ?? '').trim().toLowerCase());
}

/**
 * Saves the demo workspace unless it was seeded (or skipped) before; returns whether it seeded
 * now. With it, the Riverside peer team (demo-team.ts): every demo account and the shared
 * password go to `announce` (stdout by default), a line at a time.
 */
export async function seedDemo(
  db: Kysely<Database>,
  announce: (line: string) => void = (l) => void process.stdout.write(`${l}\n`),
): Promise<boolean> {
  return db
    .transaction()
    .execute(async (trx) => {
      const now = Date.now();
      // claimed first: of two servers starting at once on an empty database, the second waits on
      // this row until the first commits, then finds it there and seeds nothing
      const claimed = await trx
        .insertInto('settings')
        .values({ key: DEMO_SETTING, value: new Date(now).toISOString() })
        .onConflict((oc) => oc.doNothing())
        .executeTakeFirst();
      if (claimed.numInsertedOrUpdatedRows === 0n) return false;
      // A second apart, the first the newest, so the list (newest first) shows them in this order.
      for (const [i, d] of DEMO_DOCUMENTS.entries()) await insertDocument(trx, d, new Date(now - i * 1000));
      return seedDemoTeam(trx, new Date(now));
    })
    .then((lines) => {
      if (lines === false) return false;
      for (const l of lines) announce(l);
      return true;
    });
}

/** A new workspace started without the demo (PEERLENS_DEMO=0) never gets it later: the seed is recorded as skipped. */
export async function skipDemo(db: Kysely<Database>): Promise<void> {
  await db
    .insertInto('settings')
    .values({ key: DEMO_SETTING, value: 'skipped' })
    .onConflict((oc) => oc.doNothing())
    .execute();
}

export interface DemoAccount {
  id: string;
  username: string;
  name: string;
  role: MemberRole;
  disabled: boolean;
  /** Whether it still signs in with the shared demo password (its password was not changed). */
  usesDemoPassword: boolean;
}

/** When the demo was seeded (ISO), or null: never, or skipped. */
async function seededAt(db: Kysely<Database>): Promise<string | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
  return row && row.value !== 'skipped' ? row.value : null;
}

/** The demo accounts still in the workspace: a demo username, made when the demo was seeded. */
export async function demoAccounts(db: Kysely<Database>): Promise<DemoAccount[]> {
  const at = await seededAt(db);
  if (at === null) return [];
  const secret = await demoPassword(db);
  const rows = await db
    .selectFrom('users')
    .select(['id', 'username', 'name', 'role', 'disabled_at', 'password_hash'])
    .where(
      'username',
      'in',
      DEMO_MEMBERS.map((m) => m.username),
    )
    .where('created_at', '=', at)
    .execute();
  const order = DEMO_MEMBERS.map((m) => m.username);
  return rows
    .sort((a, b) => order.indexOf(a.username) - order.indexOf(b.username))
    .map((r) => ({
      id: r.id,
      username: r.username,
      name: r.name,
      role: r.role,
      disabled: r.disabled_at !== null,
      usesDemoPassword: secret !== null && r.password_hash === secret.hash,
    }));
}

/** The example documents without an author that the demo saved (by title and the time it gave each). */
function exampleDocuments(db: Kysely<Database>, at: string) {
  const start = Date.parse(at);
  return db
    .selectFrom('documents')
    .select('id')
    .where('author_id', 'is', null)
    .where(
      'title',
      'in',
      DEMO_DOCUMENTS.map((d) => d.title),
    )
    .where(
      'created_at',
      'in',
      DEMO_DOCUMENTS.map((_d, i) => new Date(start - i * 1000).toISOString()),
    );
}

/** What of the demo workspace is left, for the admin's Settings page; the password only while an account still uses it. */
export async function demoWorkspace(db: Kysely<Database>): Promise<{
  present: boolean;
  team: string | null;
  accounts: DemoAccount[];
  documents: number;
  password: string | null;
}> {
  const at = await seededAt(db);
  if (at === null) return { present: false, team: null, accounts: [], documents: 0, password: null };
  const accounts = await demoAccounts(db);
  const examples = (await exampleDocuments(db, at).execute()).length;
  const ids = accounts.map((a) => a.id);
  const written =
    ids.length === 0
      ? 0
      : Number(
          (
            await db
              .selectFrom('documents')
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .where('author_id', 'in', ids)
              .executeTakeFirstOrThrow()
          ).n,
        );
  const team = await db.selectFrom('teams').select('name').where('created_at', '=', at).executeTakeFirst();
  const secret = await demoPassword(db);
  return {
    present: accounts.length > 0 || examples > 0 || team !== undefined,
    team: team?.name ?? null,
    accounts,
    documents: examples + written,
    password: secret !== null && accounts.some((a) => a.usesDemoPassword) ? secret.password : null,
  };
}

/**
 * At a later start: which demo accounts still sign in with the demo password, and where to see
 * it (the password itself is printed at first start only, then shown to admins in Settings).
 */
export async function announceDemo(
  db: Kysely<Database>,
  announce: (line: string) => void = (l) => void process.stdout.write(`${l}\n`),
): Promise<void> {
  const still = (await demoAccounts(db)).filter((a) => a.usesDemoPassword && !a.disabled);
  if (still.length === 0) return;
  announce(
    `Demo workspace: ${still.map((a) => `${a.username} (${a.role})`).join(', ')} still sign in with the demo password; an admin sees it in Settings and can remove the demo workspace there.`,
  );
}

/**
 * Removes the demo workspace, "deleted means gone" (decision 012): everything its accounts wrote
 * (deletePersonData), the accounts themselves with their sign-ins, the example documents, the
 * demo team unless someone else is in it, and the kept password; then empties the write-ahead
 * log. The demo is never seeded again. Returns what was removed.
 */
export async function removeDemo(db: Kysely<Database>): Promise<{ accounts: number; documents: number; team: boolean }> {
  const at = await seededAt(db);
  if (at === null) return { accounts: 0, documents: 0, team: false };
  const accounts = await demoAccounts(db);
  let documents = 0;
  for (const a of accounts) documents += (await deletePersonData(db, a.id)).documents ?? 0;
  const ids = accounts.map((a) => a.id);
  const team = await db.transaction().execute(async (trx) => {
    documents += Number((await trx.deleteFrom('documents').where('id', 'in', exampleDocuments(trx, at)).executeTakeFirst()).numDeletedRows);
    if (ids.length > 0) await trx.deleteFrom('users').where('id', 'in', ids).execute();
    let removed = false;
    const demoTeam = await trx.selectFrom('teams').select('id').where('created_at', '=', at).executeTakeFirst();
    if (demoTeam) {
      const others = await trx.selectFrom('users').select('id').where('team_id', '=', demoTeam.id).executeTakeFirst();
      if (!others) {
        await trx.deleteFrom('teams').where('id', '=', demoTeam.id).execute();
        removed = true;
      }
    }
    await trx.deleteFrom('settings').where('key', 'in', [DEMO_LOGINS_SETTING, DEMO_PASSWORD_SETTING]).execute();
    return removed;
  });
  await checkpoint(db);
  return { accounts: accounts.length, documents, team };
}

export { DEMO_TEAM };
