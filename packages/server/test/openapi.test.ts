/** GET /api/openapi.json: the OpenAPI document made from the same zod schemas that check requests and replies. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from './helpers.js';

let server: TestServer;
// eslint-disable-next-line @typescript-eslint/no-explicit-any
let doc: any;
beforeAll(async () => {
  server = await startServer({ demo: false });
  const r = await server.app.inject({ url: '/api/openapi.json' });
  expect(r.statusCode).toBe(200);
  doc = r.json();
});
afterAll(() => server.close());

const ROUTES = [
  ['get', '/api/health'],
  ['get', '/api/session'],
  ['post', '/api/analyze'],
  ['get', '/api/documents'],
  ['post', '/api/documents'],
  ['get', '/api/documents/{id}'],
  ['put', '/api/documents/{id}'],
  ['delete', '/api/documents/{id}'],
  ['get', '/api/documents/{id}/report'],
  ['post', '/api/extract'],
  // sign-in, people and privacy (issue 5)
  ['post', '/api/setup'],
  ['post', '/api/login'],
  ['post', '/api/logout'],
  ['get', '/api/invitations/{token}'],
  ['post', '/api/invitations/{token}'],
  ['get', '/api/invitations'],
  ['post', '/api/invitations'],
  ['delete', '/api/invitations/{id}'],
  ['get', '/api/teams'],
  ['post', '/api/teams'],
  ['patch', '/api/teams/{id}'],
  ['get', '/api/members'],
  ['patch', '/api/members/{id}'],
  ['get', '/api/me/visibility'],
  ['get', '/api/settings'],
  ['put', '/api/settings'],
  ['get', '/api/export'],
  ['get', '/api/audit'],
  ['delete', '/api/people/{id}/data'],
  // passwords (issue 12)
  ['post', '/api/me/password'],
  ['post', '/api/members/{id}/password-reset'],
  ['get', '/api/password-resets/{token}'],
  ['post', '/api/password-resets/{token}'],
  // learning, role design and training (migration 005)
  ['get', '/api/card-sorts'],
  ['post', '/api/card-sorts'],
  ['get', '/api/card-sorts/{id}'],
  ['put', '/api/card-sorts/{id}'],
  ['put', '/api/card-sorts/{id}/placements/{statementId}'],
  ['get', '/api/card-sorts/{id}/map'],
  ['get', '/api/card-sorts/{id}/guide'],
  ['get', '/api/program-tasks'],
  ['post', '/api/program-tasks'],
  ['put', '/api/program-tasks/{id}'],
  ['delete', '/api/program-tasks/{id}'],
  ['get', '/api/training'],
  ['get', '/api/training/summary'],
  ['post', '/api/training/me/certifications'],
  ['put', '/api/training/me/certifications/{id}'],
  ['delete', '/api/training/me/certifications/{id}'],
  ['post', '/api/training/me/trainings'],
  ['delete', '/api/training/me/trainings/{id}'],
  ['post', '/api/imports'],
  ['get', '/api/imports'],
  ['get', '/api/imports/{id}'],
  ['get', '/api/imports/{id}/values'],
  ['put', '/api/imports/{id}/mapping'],
  ['post', '/api/imports/{id}/commit'],
  ['delete', '/api/imports/{id}'],
  ['get', '/api/drift'],
  ['get', '/api/drift/scope'],
  ['get', '/api/drift/roster'],
  ['get', '/api/organization/allow'],
  ['put', '/api/organization/allow'],
  ['post', '/api/organization/allow'],
  ['delete', '/api/organization/allow'],
  ['get', '/api/organization/peerlensrc.json'],
  ['get', '/api/reflections'],
  ['put', '/api/reflections'],
  ['post', '/api/reflections/{id}/replies'],
  ['delete', '/api/reflections/replies/{id}'],
  ['get', '/api/demo'],
  // the demo workspace for admins (issue 13, decision 016)
  ['get', '/api/demo/workspace'],
  ['delete', '/api/demo'],
] as const;

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1 and lists every route of the API and nothing else', () => {
    expect(doc.openapi).toBe('3.1.0');
    const listed = Object.entries(doc.paths as Record<string, object>).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(listed.sort()).toEqual(ROUTES.map(([m, p]) => `${m} ${p}`).sort());
  });

  it('gives every route a success reply schema and every request body its schema', () => {
    for (const [method, path] of ROUTES) {
      const op = doc.paths[path][method];
      const ok = op.responses['200'] ?? op.responses['201'] ?? op.responses['204'];
      expect(ok, `${method} ${path}`).toBeDefined();
      // commit takes no body (its chunk size is in the query), nor does making a reset link
      const bodiless = ['/api/logout', '/api/imports/{id}/commit', '/api/members/{id}/password-reset'];
      if ((method === 'post' || method === 'put' || method === 'patch') && !bodiless.includes(path))
        expect(op.requestBody, `${method} ${path}`).toBeDefined();
    }
  });

  it('describes the analyze body: text, and kind as one of note, duty, document', () => {
    const schema = doc.paths['/api/analyze'].post.requestBody.content['application/json'].schema;
    expect(schema.required).toEqual(expect.arrayContaining(['text', 'kind']));
    expect(schema.properties.kind.enum).toEqual(['note', 'duty', 'document']);
  });

  it('describes documents, the error shape, ids, the report formats and the upload', () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(['Document', 'DocumentSummary', 'Analysis', 'RoleReview', 'Error']),
    );
    const error = doc.components.schemas.Error;
    expect(error.properties.error.required).toEqual(expect.arrayContaining(['code', 'message']));
    expect(error.properties.error.properties.code.enum).toEqual(
      expect.arrayContaining(['bad_json', 'invalid', 'not_found', 'too_large', 'unsupported_type', 'unreadable']),
    );
    const get = doc.paths['/api/documents/{id}'].get;
    expect(get.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ in: 'path', name: 'id', required: true })]));
    expect(JSON.stringify(get.responses['404'])).toContain('#/components/schemas/Error');
    const report = doc.paths['/api/documents/{id}/report'].get;
    const format = report.parameters.find((p: { name: string }) => p.name === 'format');
    expect(format.schema.enum).toEqual(['markdown', 'html', 'json']);
    expect(Object.keys(report.responses['200'].content)).toEqual(['text/markdown', 'text/html', 'application/json']);
    const extract = doc.paths['/api/extract'].post;
    expect(Object.keys(extract.requestBody.content)).toEqual(['application/octet-stream']);
    expect(Object.keys(extract.responses)).toEqual(expect.arrayContaining(['200', '413', '415', '422']));
  });
});
