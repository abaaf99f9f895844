/**
 * Every route of /api/openapi.json × anonymous, peer, supervisor, leader, admin: the status each
 * gets, from the table in access-table.ts. Requests are sent as the pages send them (session
 * cookie and CSRF token), so a 403 here is the role check, not a missing token.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCESS_TABLE, WHO, type World } from './access-table.js';
import { startServer, type TestServer } from './helpers.js';
import { buildWorld } from './world.js';

let server: TestServer;
let world: World;
let openapiRoutes: string[] = [];

beforeAll(async () => {
  server = await startServer({ demo: false });
  const app = server.app;
  world = await buildWorld(app);
  const doc = (await app.inject({ url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  openapiRoutes = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
});
afterAll(() => server.close());

describe('the role × route matrix', () => {
  it('has a row for every route in the OpenAPI document, and no row for a route it lacks', () => {
    const rows = new Set(ACCESS_TABLE.map((r) => `${r.method} ${r.path}`));
    expect(
      openapiRoutes.filter((r) => !rows.has(r)),
      'routes without a row in test/access-table.ts',
    ).toEqual([]);
    expect(
      [...rows].filter((r) => !openapiRoutes.includes(r)),
      'rows for routes not in the OpenAPI document',
    ).toEqual([]);
  });

  for (const row of ACCESS_TABLE) {
    it(`${row.method} ${row.path}${row.case ? ` (${row.case})` : ''}`, async () => {
      const got: Record<string, number> = {};
      for (const who of WHO) {
        const call = await row.call(world, who);
        const session = who === 'anonymous' ? {} : world.members[who].headers;
        const headers = { ...(call.replaceHeaders ? {} : session), ...call.headers };
        const r = await world.app.inject({
          method: row.method,
          url: call.url,
          headers,
          ...(call.payload === undefined ? {} : { payload: call.payload as object }),
        });
        got[who] = r.statusCode;
        // every refusal is in the one error shape
        if (r.statusCode >= 400) expect((r.json() as { error: { code: string } }).error.code).toEqual(expect.any(String));
      }
      expect(got).toEqual(row.expect);
    });
  }
});
