/** The world the role × route table runs in (access-table.ts): two teams, a member of each role, and makers of fresh things. */
import { expect } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { MemberWho, World } from './access-table.js';
import { addMember, createTeam, invite, login, setupAdmin, type Member } from './helpers.js';

export async function buildWorld(app: FastifyInstance): Promise<World> {
  const admin = await setupAdmin(app);
  const teamA = await createTeam(app, admin, 'Team A');
  const teamB = await createTeam(app, admin, 'Team B');
  const peer = await addMember(app, admin, 'peer', 'peer', teamA, 'Pat Peer');
  const supervisor = await addMember(app, admin, 'supervisor', 'supervisor', teamA, 'Sam Supervisor');
  const leader = await addMember(app, admin, 'leader', 'leader', teamA, 'Lee Leader');
  const otherPeer = await addMember(app, admin, 'other', 'peer', teamB, 'Olu Other');
  let n = 0;
  const world: World = {
    app,
    members: { peer, supervisor, leader, admin },
    otherPeer,
    teamA,
    teamB,
    unique: () => `${++n}`,
    async note(author: Member) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/documents',
        headers: author.headers,
        payload: { title: `Note ${++n}`, kind: 'note', text: 'We met and planned the week together.' },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
    async invitation() {
      const token = await invite(app, admin, 'Invited', 'peer', teamA);
      const list = (await app.inject({ url: '/api/invitations', headers: admin.headers })).json() as { invitations: { id: string }[] };
      return { id: list.invitations[0]?.id ?? '', token };
    },
    team: () => createTeam(app, admin, `Team ${++n}`),
    session: (who: MemberWho) => login(app, world.members[who].username),
    async cardSort(team: 'A' | 'B', status: 'open' | 'closed' = 'open') {
      const opener = team === 'A' ? supervisor : leader;
      const r = await app.inject({
        method: 'POST',
        url: '/api/card-sorts',
        headers: opener.headers,
        payload: { title: `Sort ${++n}`, teamId: team === 'A' ? teamA : teamB },
      });
      expect(r.statusCode).toBe(201);
      const id = (r.json() as { id: string }).id;
      if (status === 'closed') {
        const c = await app.inject({ method: 'PUT', url: `/api/card-sorts/${id}`, headers: opener.headers, payload: { status } });
        expect(c.statusCode).toBe(200);
      }
      return id;
    },
    async programTask() {
      const r = await app.inject({
        method: 'POST',
        url: '/api/program-tasks',
        headers: leader.headers,
        payload: { text: `Run the weekly recovery group ${++n}`, assignedTo: 'peer', teamId: teamA },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { tasks: { id: string }[] }).tasks[0]?.id ?? '';
    },
    async importOf(by: Member, options: { mapped?: boolean } = {}) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/imports',
        headers: { ...by.headers, 'content-type': 'application/octet-stream', 'x-file-name': `notes-${++n}.csv` },
        payload: Buffer.from(`date,note\n2025-01-05,We met at the park and she chose where to walk (${n}).\n`),
      });
      expect(r.statusCode).toBe(201);
      const id = (r.json() as { id: string }).id;
      if (options.mapped) {
        const m = await app.inject({
          method: 'PUT',
          url: `/api/imports/${id}/mapping`,
          headers: by.headers,
          payload: { textColumn: 'note', dateColumn: 'date' },
        });
        expect(m.statusCode).toBe(200);
      }
      return id;
    },
    async resetToken() {
      const member = await addMember(app, admin, `reset-${++n}`, 'peer', teamA, `Reset ${n}`);
      const r = await app.inject({ method: 'POST', url: `/api/members/${member.id}/password-reset`, headers: admin.headers });
      expect(r.statusCode).toBe(201);
      return (r.json() as { link: string }).link.replace('/reset/', '');
    },
    async training(member: Member) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/training/me/trainings',
        headers: member.headers,
        payload: { area: 'crisis', title: `Crisis course ${++n}`, completedOn: '2026-01-15' },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
    async certification(member: Member) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/training/me/certifications',
        headers: member.headers,
        payload: { state: 'Ohio', number: `CPS-${++n}`, expiresOn: '2027-06-30' },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
    async reflection(member: Member) {
      const r = await app.inject({
        method: 'PUT',
        url: '/api/reflections?month=2026-02',
        headers: member.headers,
        payload: { text: `A month of groups ${++n}.` },
      });
      expect(r.statusCode).toBe(200);
      return (r.json() as { reflection: { id: string } }).reflection.id;
    },
    async reply(member: Member, reflectionId: string) {
      const r = await app.inject({
        method: 'POST',
        url: `/api/reflections/${reflectionId}/replies`,
        headers: member.headers,
        payload: { text: `Let us talk about it ${++n}.` },
      });
      expect(r.statusCode).toBe(201);
      return (r.json() as { id: string }).id;
    },
  };
  return world;
}
