/**
 * The demo team (issue 5): "Riverside peer team", a supervisor and three peer specialists, each
 * peer with a year of short notes built from sentence templates written for PeerLens (no real
 * person, no copied text) by a seeded random generator, so every seed writes the same notes.
 * Two peers write steadily; one peer's notes drift: their clinical share rises month by month,
 * so the drift signal of decision 009 shows for them.
 *
 * The demo members share one password, drawn at random when the workspace is seeded. Every demo
 * account is printed with it at first start; the password is kept (settings `demo_password`,
 * left out of exports) so an admin can see it again in Settings while a demo account still uses
 * it, and goes with the demo workspace (demo.ts `removeDemo`). Decision 016.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { analyze, NOTE_LABELS, type NoteLabel } from '@peerlens/core';
import type { Kysely } from 'kysely';
import { hashPassword } from '../../auth/passwords.js';
import { clinicalTop, noteSummary } from '../documents/service.js';
import { RollupDelta } from '../../db/rollups.js';
import { DEMO_LOGINS_SETTING, DEMO_PASSWORD_SETTING } from '../../db/demo-settings.js';
export { DEMO_LOGINS_SETTING, DEMO_PASSWORD_SETTING } from '../../db/demo-settings.js';
import type { Database, MemberRole } from '../../db/types.js';

export const DEMO_TEAM = 'Riverside peer team';

export const DEMO_MEMBERS: readonly { username: string; name: string; role: MemberRole; drift?: true }[] = [
  { username: 'demo-jordan', name: 'Jordan Ellis', role: 'supervisor' },
  { username: 'demo-alex', name: 'Alex Rivera', role: 'peer', drift: true },
  { username: 'demo-casey', name: 'Casey Morgan', role: 'peer' },
  { username: 'demo-robin', name: 'Robin Lee', role: 'peer' },
];

const PEOPLE = ['Dana', 'Rosa', 'Keisha', 'Lena', 'Mei', 'Tasha', 'Nora', 'Ivy'];

/** Sentences by the label PeerLens gives them (checked by test/drift.test.ts). */
export const TEMPLATES: Readonly<Record<NoteLabel, readonly string[]>> = {
  peer: [
    'I helped {name} fill out the food bank form, and she decided which days work for her.',
    '{name} talked about her symptoms and what has helped her cope.',
    'We walked to the library together and {name} signed up for the computer class she has been talking about.',
    'I shared a bit of my own story about finding work after a long hospital stay, and {name} asked how I got through the first month.',
    '{name} said she wants to speak for herself at the next team meeting, and we planned what she will say.',
    'I told {name} that I also found mornings hard when I was starting out, and we swapped ideas that helped us.',
    '{name} decided to call the landlord herself, and I sat with her while she made the call.',
    '{name} showed me a bus route I did not know, and we laughed about how we both get lost downtown.',
    'We talked about her right to say no to a program she does not want, and she decided what to tell her worker.',
    '{name} wants to find a volunteer job at the animal shelter, so we looked at the sign-up form together.',
    'I reminded {name} about her appointment on Friday and she asked me to come along.',
    '{name} asked for the number of the crisis line, and we put it in her phone together.',
    'I gave {name} a list of free clinics in the area and she picked one to call.',
    'We went to the community garden together and {name} met two neighbours who volunteer there.',
  ],
  overlap: [
    'We practised a breathing exercise she can use when she feels anxious.',
    'We talked about the week {name} wants to have and what she hopes will be different.',
    '{name} chose what we worked on today: practising what she wants to say at her housing meeting.',
    'We talked about what a good week looks like for {name}, in her own words.',
    'We reviewed her recovery goals and talked about coping skills for the weekend.',
    'I encouraged {name} to keep going to her groups.',
    'We talked about her progress on her goals this month.',
    'I encouraged {name} as she works toward her goal of getting her own apartment.',
  ],
  clinical: [
    'Assessed client mood and affect; affect was flat and insight was limited.',
    'Client was noncompliant with medication again this week.',
    'Monitored client for symptoms of psychosis and reported them to the psychiatrist.',
    'Reminded client that he must take his medication as prescribed.',
    'Client presents with depressed mood and poor hygiene.',
    'Completed a risk assessment; client denies suicidal ideation.',
    'Documented client behaviors and progress toward treatment plan objectives.',
    'Educated client on the importance of medication adherence.',
    'Client continues to lack insight into his diagnosis.',
    'Plan: continue to monitor symptoms and report any decline to the treatment team.',
    'Client was observed to be guarded and paranoid during the session.',
    'I told him I would hold his money as payee until the end of the month.',
  ],
  neutral: [
    'We met on Tuesday afternoon.',
    'The next visit is set for next week.',
    'We spoke by phone for twenty minutes.',
    'The office was busy today.',
    'We met for an hour in the afternoon.',
    'The bus was late.',
  ],
};

/** Mulberry32: a small seeded generator, so the demo is the same on every machine. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The chance of each label in month `i` (0 = a year ago, 11 = last month). */
function mix(drift: boolean, i: number): Record<NoteLabel, number> {
  if (!drift) return { peer: 0.45, overlap: 0.25, clinical: 0.1, neutral: 0.2 };
  const clinical = 0.06 + 0.05 * i;
  const peer = 0.52 - 0.036 * i;
  return { peer, overlap: 0.22, clinical, neutral: Math.max(0, 1 - peer - 0.22 - clinical) };
}

function pick<T>(rand: () => number, list: readonly T[]): T {
  return list[Math.floor(rand() * list.length)] as T;
}

function label(rand: () => number, p: Record<NoteLabel, number>): NoteLabel {
  let r = rand() * (p.peer + p.overlap + p.clinical + p.neutral);
  for (const l of NOTE_LABELS) {
    r -= p[l];
    if (r < 0) return l;
  }
  return 'neutral';
}

/** The year of notes of one demo peer: [{ date (YYYY-MM-DD), text }], month by month before `seedDate`'s month. */
export function demoNotes(seed: number, drift: boolean, seedDate: Date): { date: string; text: string }[] {
  const rand = prng(seed);
  const notes: { date: string; text: string }[] = [];
  for (let i = 0; i < 12; i++) {
    const at = new Date(Date.UTC(seedDate.getUTCFullYear(), seedDate.getUTCMonth() - 12 + i, 1));
    const count = 8 + Math.floor(rand() * 8);
    for (let k = 0; k < count; k++) {
      const day = 1 + Math.floor(rand() * 28);
      const name = pick(rand, PEOPLE);
      const n = 4 + Math.floor(rand() * 3);
      const used = new Set<string>();
      const sentences: string[] = [];
      for (let s = 0; s < n; s++) {
        const t = pick(rand, TEMPLATES[label(rand, mix(drift, i))]);
        if (used.has(t)) continue;
        used.add(t);
        sentences.push(t.replaceAll('{name}', name));
      }
      const date = `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
      notes.push({ date, text: `${sentences.join(' ')}\n` });
    }
  }
  return notes;
}

/** Seeds the team, its members and their notes; returns the lines to print. */
export async function seedDemoTeam(trx: Kysely<Database>, now: Date): Promise<string[]> {
  const password = randomBytes(9).toString('base64url');
  const hash = await hashPassword(password);
  const stamp = now.toISOString();
  const teamId = randomUUID();
  // the drift rollups gain the demo notes in the same transaction (decision 023)
  const delta = new RollupDelta();
  await trx.insertInto('teams').values({ id: teamId, name: DEMO_TEAM, created_at: stamp }).execute();
  for (const [m, member] of DEMO_MEMBERS.entries()) {
    const userId = randomUUID();
    await trx
      .insertInto('users')
      .values({
        id: userId,
        username: member.username,
        name: member.name,
        role: member.role,
        team_id: teamId,
        password_hash: hash,
        created_at: stamp,
        disabled_at: null,
      })
      .execute();
    if (member.role !== 'peer') continue;
    for (const note of demoNotes(1000 + m, member.drift === true, now)) {
      const a = analyze(note.text);
      const at = `${note.date}T12:00:00.000Z`;
      const doc = {
        id: randomUUID(),
        title: `${member.name.split(' ')[0] as string}'s note of ${note.date}`,
        kind: 'note' as const,
        text: note.text,
        analysis: JSON.stringify(a),
        profile: JSON.stringify(a.profile),
        summary: noteSummary(a),
        clinical_top: clinicalTop(a),
        created_at: at,
        updated_at: at,
        author_id: userId,
        team_id: teamId,
        written_at: note.date,
        content_hash: createHash('sha256').update(note.text).digest('hex'),
      };
      await trx.insertInto('documents').values(doc).execute();
      delta.add(doc);
    }
  }
  await delta.apply(trx);
  const logins = DEMO_MEMBERS.map((m) => ({ username: m.username, role: m.role }));
  await trx
    .insertInto('settings')
    .values([
      { key: DEMO_LOGINS_SETTING, value: JSON.stringify(logins) },
      { key: DEMO_PASSWORD_SETTING, value: JSON.stringify({ password, hash }) },
    ])
    .execute();
  return [
    `Demo workspace (${DEMO_TEAM}: made-up people and notes). Its ${DEMO_MEMBERS.length} accounts all use the password ${password}`,
    ...DEMO_MEMBERS.map((m) => `  ${m.username} (${m.name}, ${m.role}${m.drift ? ', whose notes drift' : ''})`),
    'An admin sees this password again in Settings and can remove the demo workspace there; PEERLENS_DEMO=0 starts a new workspace without it.',
  ];
}

/** The demo password and its hash, or null (removed, or seeded by a version that did not keep it). */
export async function demoPassword(db: Kysely<Database>): Promise<{ password: string; hash: string } | null> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEMO_PASSWORD_SETTING).executeTakeFirst();
  if (!row) return null;
  try {
    const v = JSON.parse(row.value) as { password?: unknown; hash?: unknown };
    return typeof v.password === 'string' && typeof v.hash === 'string' ? { password: v.password, hash: v.hash } : null;
  } catch {
    return null;
  }
}

/** The demo sign-in names still in the workspace (never a password). */
export async function demoLogins(db: Kysely<Database>): Promise<{ username: string; role: MemberRole }[]> {
  const row = await db.selectFrom('settings').select('value').where('key', '=', DEMO_LOGINS_SETTING).executeTakeFirst();
  if (!row) return [];
  const logins = JSON.parse(row.value) as { username: string; role: MemberRole }[];
  const present = await db.selectFrom('users').select('username').where('disabled_at', 'is', null).execute();
  const names = new Set(present.map((p) => p.username));
  return logins.filter((l) => names.has(l.username));
}
