/** The JSON API of decision 007, in-process: every route, its replies and its errors. */
import { analyze, classifyDuty, reviewRole } from '@peerlens/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { injectAs, json, setupAdmin, startServer, type TestServer } from './helpers.js';

let server: TestServer;
/** Requests as the workspace's admin (signed in, with the CSRF token). */
let inject: ReturnType<typeof injectAs>;
beforeAll(async () => {
  server = await startServer({ demo: false });
  inject = injectAs(server.app, await setupAdmin(server.app));
});
afterAll(() => server.close());

const NOTE =
  'The client is noncompliant with meds. I shared my own story of getting through a hard winter, and we planned her week together.';
const ROLE = `Peer Specialist duties
- Share lived experience to build hope.
- Serve as representative payee for members.
- Other duties as assigned.
`;

const post = (url: string, payload: unknown) => inject({ method: 'POST', url, payload: payload as object });

describe('GET /api/health', () => {
  it('says the server is up and its version', async () => {
    const r = await inject({ url: '/api/health' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ ok: true, ready: true, version: '0.1.0' });
  });

  it('says it is not ready (503) when its database does not answer', async () => {
    const broken = await startServer({ demo: false });
    await broken.app.db.destroy();
    const r = await broken.app.inject({ url: '/api/health' });
    expect(r.statusCode).toBe(503);
    expect(r.json()).toEqual({ ok: false, ready: false, version: '0.1.0' });
    await broken.close().catch(() => undefined);
  });
});

describe('POST /api/analyze', () => {
  it('analyzes a note exactly as core does', async () => {
    const r = await post('/api/analyze', { text: NOTE, kind: 'note' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ kind: 'note', analysis: JSON.parse(JSON.stringify(analyze(NOTE))) });
    expect(r.json().analysis.findings.some((f: { actual: string }) => f.actual === 'noncompliant')).toBe(true);
  });

  it('classifies one duty', async () => {
    const r = await post('/api/analyze', { text: 'Serve as representative payee for members', kind: 'duty' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ kind: 'duty', duty: JSON.parse(JSON.stringify(classifyDuty('Serve as representative payee for members'))) });
    expect(r.json().duty.label).toBe('conflict');
  });

  it('reviews a job description duty by duty', async () => {
    const r = await post('/api/analyze', { text: ROLE, kind: 'document' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ kind: 'document', role: JSON.parse(JSON.stringify(reviewRole(ROLE))) });
    expect(r.json().role.summary).toMatch(/of \d+ duties/);
  });

  it('answers malformed JSON with 400 bad_json', async () => {
    const r = await inject({ method: 'POST', url: '/api/analyze', payload: '{"text": "x", kind', headers: json });
    expect(r.statusCode).toBe(400);
    expect(r.json()).toEqual({ error: { code: 'bad_json', message: expect.any(String) } });
  });

  it('answers an empty JSON body with 400 bad_json', async () => {
    const r = await inject({ method: 'POST', url: '/api/analyze', payload: '', headers: json });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('bad_json');
  });

  it('names the field at fault when the body fails its schema', async () => {
    const r = await post('/api/analyze', { text: 'We met.', kind: 'poem' });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'invalid', field: 'kind' });
    expect(r.json().error.message).toContain('kind');
    const missing = await post('/api/analyze', { kind: 'note' });
    expect(missing.json().error).toMatchObject({ code: 'invalid', field: 'text' });
  });

  it('refuses a body that is not an object', async () => {
    const r = await inject({ method: 'POST', url: '/api/analyze', payload: '[1, 2]', headers: json });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('invalid');
  });

  it('answers a body over 1 MB with 413 stating the limit', async () => {
    const r = await post('/api/analyze', { text: 'a'.repeat(1_100_000), kind: 'note' });
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('too_large');
    expect(r.json().error.message).toContain('1 MB');
  });

  it('answers a body that is not JSON with 415', async () => {
    const r = await inject({
      method: 'POST',
      url: '/api/analyze',
      payload: '<note/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.code).toBe('unsupported_type');
  });
});

describe('documents', () => {
  let noteId = '';
  let roleId = '';

  it('starts empty when the demo is off', async () => {
    const r = await inject({ url: '/api/documents' });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toEqual({ documents: [] });
  });

  it('saves a note with its analysis (201)', async () => {
    const r = await post('/api/documents', { title: 'Visit with R.', kind: 'note', text: NOTE });
    expect(r.statusCode).toBe(201);
    const doc = r.json();
    expect(doc).toMatchObject({ title: 'Visit with R.', kind: 'note', text: NOTE });
    expect(doc.id).toEqual(expect.any(String));
    expect(doc.createdAt).toBe(doc.updatedAt);
    expect(doc.analysis).toEqual(JSON.parse(JSON.stringify(analyze(NOTE))));
    expect(doc.role).toBeUndefined();
    noteId = doc.id;
  });

  it('saves a role with its review (201)', async () => {
    const r = await post('/api/documents', { title: 'Peer Specialist', kind: 'role', text: ROLE });
    expect(r.statusCode).toBe(201);
    expect(r.json().role).toEqual(JSON.parse(JSON.stringify(reviewRole(ROLE))));
    expect(r.json().analysis).toBeUndefined();
    roleId = r.json().id;
  });

  it('lists documents, most recently updated first, with a profile for notes and a summary line', async () => {
    const r = await inject({ url: '/api/documents' });
    const docs = r.json().documents as { id: string; kind: string; profile?: unknown; summary: string; text?: string }[];
    expect(docs.map((d) => d.id)).toEqual([roleId, noteId]);
    const note = docs.find((d) => d.id === noteId);
    expect(note?.profile).toEqual(JSON.parse(JSON.stringify(analyze(NOTE).profile)));
    expect(note?.summary).toMatch(/peer \d+%/);
    expect(note?.text).toBeUndefined();
    const role = docs.find((d) => d.id === roleId);
    expect(role?.profile).toBeUndefined();
    expect(role?.summary).toBe(reviewRole(ROLE).summary);
  });

  it('reads one document back', async () => {
    const r = await inject({ url: `/api/documents/${noteId}` });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ id: noteId, title: 'Visit with R.', kind: 'note', text: NOTE });
  });

  it('redoes the analysis when the text changes', async () => {
    const text = 'I shared my own story and we learned from each other.';
    const before = (await inject({ url: `/api/documents/${noteId}` })).json();
    const r = await inject({ method: 'PUT', url: `/api/documents/${noteId}`, payload: { text } });
    expect(r.statusCode).toBe(200);
    expect(r.json().text).toBe(text);
    expect(r.json().title).toBe('Visit with R.');
    expect(r.json().analysis).toEqual(JSON.parse(JSON.stringify(analyze(text))));
    expect(r.json().updatedAt >= before.updatedAt).toBe(true);
    expect(r.json().createdAt).toBe(before.createdAt);
    const again = (await inject({ url: `/api/documents/${noteId}` })).json();
    expect(again.analysis).toEqual(r.json().analysis);
    const listed = (await inject({ url: '/api/documents' })).json().documents;
    expect(listed[0].id).toBe(noteId);
  });

  it('renames without touching the text', async () => {
    const r = await inject({ method: 'PUT', url: `/api/documents/${noteId}`, payload: { title: 'Renamed' } });
    expect(r.statusCode).toBe(200);
    expect(r.json()).toMatchObject({ title: 'Renamed', text: 'I shared my own story and we learned from each other.' });
  });

  it('refuses an empty title and an unknown kind, naming the field', async () => {
    const empty = await inject({ method: 'PUT', url: `/api/documents/${noteId}`, payload: { title: '   ' } });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().error).toMatchObject({ code: 'invalid', field: 'title' });
    const kind = await post('/api/documents', { title: 'x', kind: 'poem', text: 'y' });
    expect(kind.json().error).toMatchObject({ code: 'invalid', field: 'kind' });
  });

  it('answers 404 for an unknown id on every document route', async () => {
    const id = '00000000-0000-0000-0000-000000000000';
    for (const [method, url] of [
      ['GET', `/api/documents/${id}`],
      ['PUT', `/api/documents/${id}`],
      ['DELETE', `/api/documents/${id}`],
      ['GET', `/api/documents/${id}/report`],
    ] as const) {
      const r = await inject({ method, url, ...(method === 'PUT' ? { payload: { title: 'x' } } : {}) });
      expect(r.statusCode, `${method} ${url}`).toBe(404);
      expect(r.json().error.code).toBe('not_found');
    }
  });

  it('deletes a document (204) and then it is gone', async () => {
    const r = await inject({ method: 'DELETE', url: `/api/documents/${roleId}` });
    expect(r.statusCode).toBe(204);
    expect(r.body).toBe('');
    expect((await inject({ url: `/api/documents/${roleId}` })).statusCode).toBe(404);
    expect((await inject({ method: 'DELETE', url: `/api/documents/${roleId}` })).statusCode).toBe(404);
  });
});

describe('reports', () => {
  let noteId = '';
  let roleId = '';
  beforeAll(async () => {
    noteId = (await post('/api/documents', { title: 'Visit — März', kind: 'note', text: NOTE })).json().id;
    roleId = (await post('/api/documents', { title: 'Peer Specialist', kind: 'role', text: ROLE })).json().id;
  });

  it('downloads Markdown by default, as an attachment named after the title', async () => {
    const r = await inject({ url: `/api/documents/${noteId}/report` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(r.headers['content-disposition']).toMatch(
      /^attachment; filename="peerlens-visit-marz\.md"; filename\*=UTF-8''Visit%20%E2%80%94%20M%C3%A4rz\.md$/,
    );
    expect(r.body).toMatch(/^# Visit — März\n/);
    expect(r.body).toContain('noncompliant');
    expect(r.body).toContain('| peer |');
    expect(r.body).toContain('not a score of anyone');
  });

  it('downloads a self-contained HTML page with the findings marked', async () => {
    const r = await inject({ url: `/api/documents/${noteId}/report?format=html` });
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-disposition']).toContain('.html"');
    expect(r.body).toMatch(/<mark class="(error|warning|info)">[^<]*noncompliant<\/mark><sup>1<\/sup>/);
    expect(r.body).toContain(`<h2>Findings (${analyze(NOTE).findings.length})</h2>`);
    expect(r.body).not.toMatch(/<script|https?:\/\//);
  });

  it('escapes the text in the HTML report', async () => {
    const id = (await post('/api/documents', { title: '<b>x</b>', kind: 'note', text: 'We met. <script>alert(1)</script>' })).json().id;
    const r = await inject({ url: `/api/documents/${id}/report?format=html` });
    expect(r.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.body).not.toContain('<script>');
    expect(r.body).toContain('&lt;b&gt;x&lt;/b&gt;');
  });

  it('downloads JSON with the document and its analysis', async () => {
    const r = await inject({ url: `/api/documents/${roleId}/report?format=json` });
    expect(r.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(r.headers['content-disposition']).toContain('peerlens-peer-specialist.json"');
    const body = r.json();
    expect(body.document).toMatchObject({ id: roleId, kind: 'role', text: ROLE });
    expect(body.document.role).toEqual(JSON.parse(JSON.stringify(reviewRole(ROLE))));
  });

  it('puts the duty table in a role report', async () => {
    const r = await inject({ url: `/api/documents/${roleId}/report?format=markdown` });
    expect(r.body).toContain(reviewRole(ROLE).summary);
    expect(r.body).toMatch(/\| \*\*conflict\*\* \| Serve as representative payee for members\. \|/);
  });

  it('refuses an unknown format, naming the query parameter', async () => {
    const r = await inject({ url: `/api/documents/${noteId}/report?format=docx` });
    expect(r.statusCode).toBe(400);
    expect(r.json().error).toMatchObject({ code: 'invalid', field: 'format' });
  });
});

describe('every reply', () => {
  it('answers an unknown API route with a JSON 404', async () => {
    for (const [method, url] of [
      ['GET', '/api/nothing'],
      ['POST', '/api/documents/x/y'],
      ['PATCH', '/api/documents'],
    ] as const) {
      const r = await inject({ method, url });
      expect(r.statusCode).toBe(404);
      expect(r.headers['content-type']).toMatch(/^application\/json/);
      expect(r.json().error.code).toBe('not_found');
    }
  });

  it('answers a malformed address with a 4xx in the error shape, not a crash', async () => {
    for (const url of ['/api/documents/%zz', '/api/%E0%A4%A']) {
      const r = await inject({ url });
      expect(r.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(r.statusCode, url).toBeLessThan(500);
      expect(r.json().error.code).toEqual(expect.any(String));
    }
  });

  it('carries the security headers, and API replies are not cached', async () => {
    const r = await inject({ url: '/api/health' });
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    expect(r.headers['content-security-policy']).toContain("style-src 'self' 'unsafe-inline'");
    expect(r.headers['content-security-policy']).toContain("frame-ancestors 'none'");
    expect(r.headers['content-security-policy']).not.toContain("script-src 'self' 'unsafe-inline'");
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cache-control']).toBe('no-store');
    const error = await inject({ url: '/api/nothing' });
    expect(error.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('allowed hosts', () => {
  it('refuses a request addressed to another host name (a DNS-rebinding page), in the error shape', async () => {
    const guarded = await startServer({ demo: false, allowedHosts: ['localhost', '127.0.0.1'] });
    const ok = await guarded.app.inject({ url: '/api/health', headers: { host: '127.0.0.1:8080' } });
    expect(ok.statusCode).toBe(200);
    const evil = await guarded.app.inject({ url: '/api/documents', headers: { host: 'attacker.example:8080' } });
    expect(evil.statusCode).toBe(403);
    expect(evil.json().error.code).toBe('forbidden');
    await guarded.close();
  });
});
