/**
 * The demo workspace: a few example notes and a job description, written for PeerLens (no
 * real person, no copied text), saved once on first start so a new user has something to open.
 * A settings row records that it was seeded, so deleting the examples is final.
 */
import type { Kysely } from 'kysely';
import { insertDocument } from '../documents.js';
import { seedDemoTeam } from './demo-team.js';
import type { Database } from './types.js';
export { demoLogins } from './demo-team.js';

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

/**
 * Saves the demo workspace unless it was seeded before; returns whether it seeded now. With it,
 * the Riverside peer team (demo-team.ts): its sign-in line goes to `announce` (stdout by default).
 */
export async function seedDemo(
  db: Kysely<Database>,
  announce: (line: string) => void = (l) => void process.stdout.write(`${l}\n`),
): Promise<boolean> {
  return db
    .transaction()
    .execute(async (trx) => {
      const done = await trx.selectFrom('settings').select('value').where('key', '=', DEMO_SETTING).executeTakeFirst();
      if (done) return false;
      const now = Date.now();
      // A second apart, the first the newest, so the list (newest first) shows them in this order.
      for (const [i, d] of DEMO_DOCUMENTS.entries()) await insertDocument(trx, d, new Date(now - i * 1000));
      const line = await seedDemoTeam(trx, new Date(now));
      await trx
        .insertInto('settings')
        .values({ key: DEMO_SETTING, value: new Date(now).toISOString() })
        .execute();
      return line;
    })
    .then((line) => {
      if (line === false) return false;
      announce(line);
      return true;
    });
}
