/**
 * Which member each value of an author column starts as (issue 13, item 6): the member whose name
 * or username it is, ignoring case, among those the importer may import for; for a guessed column
 * and for a column chosen by hand alike. A value that fits no one, or several, is left to choose.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMember, createTeam, injectAs, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

let server: TestServer;
let supervisor: Member;
const ids: Record<string, string> = {};

beforeAll(async () => {
  server = await startServer({ demo: false });
  const admin = await setupAdmin(server.app);
  const team = await createTeam(server.app, admin, 'North');
  const other = await createTeam(server.app, admin, 'South');
  supervisor = await addMember(server.app, admin, 'sup', 'supervisor', team, 'Sam Super');
  for (const [username, name, t] of [
    ['casey.m', 'Casey Morgan', team],
    ['rlee', 'Robin Lee', team],
    ['robin.k', 'Robin Kay', team],
    ['dana', 'Dana Far', other],
  ] as const)
    ids[username] = (await addMember(server.app, admin, username, 'peer', t, name)).id;
});
afterAll(() => server.close());

describe('the author column of an import', () => {
  it('starts each value as the member it names, for a guessed column and for one chosen by hand', async () => {
    const as = injectAs(server.app, supervisor);
    const file = [
      'note,staff,on shift',
      'She chose the park.,casey morgan,CASEY.M',
      'We planned her week.,Robin Lee,RLee',
      'She called her sister.,Robin,Someone Else',
      'We met at the library.,Dana Far,dana',
    ].join('\n');
    const created = await as({
      method: 'POST',
      url: '/api/imports',
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'team.csv' },
      payload: file,
    });
    expect(created.statusCode).toBe(201);
    const body = created.json();
    expect(body.mapping.authorColumn).toBe('staff');
    // a full name in any case; "Robin" is the first name of two members: left to choose; Dana is on another team
    expect(body.authorGuess).toEqual({ 'casey morgan': ids['casey.m'], 'Robin Lee': ids.rlee });

    // the column chosen by hand: usernames in any case
    const values = await as(`/api/imports/${body.id}/values?column=${encodeURIComponent('on shift')}`);
    expect(values.statusCode).toBe(200);
    expect(values.json()).toEqual({
      values: ['CASEY.M', 'RLee', 'Someone Else', 'dana'],
      guess: { 'CASEY.M': ids['casey.m'], RLee: ids.rlee },
    });
  });
});
