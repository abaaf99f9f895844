/**
 * Attacks on the server (issue 6): the per-member rate limit on analysis, security headers on
 * every reply, hostile upload names, PDFs over the page limit, DOCX bombs, and script
 * payloads in the HTML report.
 */
import { rmSync } from 'node:fs';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitFromEnv, TokenBucketLimiter } from '../src/auth/ratelimit.js';
import { safeFileName } from '../src/features/extract/names.js';
import { MAX_PDF_PAGES } from '../src/features/extract/service.js';
import { buildApp } from '../src/app.js';
import { addMember, fakeWebDist, injectAs, setupAdmin, startServer, tempDir, type Member, type TestServer } from './helpers.js';
import { makePdf } from './pdf-maker.js';

const note = { kind: 'note', text: 'We talked about her week and what she wants next.' };

describe('rate limit on analysis, extraction and imports', () => {
  let server: TestServer;
  let admin: Member;
  let peer: Member;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 4 });
    admin = await setupAdmin(server.app);
    peer = await addMember(server.app, admin, 'peer1', 'peer');
  });
  afterAll(() => server.close());

  it('answers 429 rate_limited with Retry-After once a member spends their minute, and only for that member', async () => {
    const asPeer = injectAs(server.app, peer);
    for (let i = 0; i < 4; i++) expect((await asPeer({ method: 'POST', url: '/api/analyze', payload: note })).statusCode).toBe(200);
    const r = await asPeer({ method: 'POST', url: '/api/analyze', payload: note });
    expect(r.statusCode).toBe(429);
    expect(r.json().error.code).toBe('rate_limited');
    expect(r.json().error.message).toMatch(/4 a minute/);
    expect(Number(r.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(r.headers['retry-after'])).toBeLessThanOrEqual(15);
    // the upload routes share the member's bucket, and are refused before the body is read
    const up = await asPeer({
      method: 'POST',
      url: '/api/extract',
      payload: Buffer.from('hello'),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.txt' },
    });
    expect(up.statusCode).toBe(429);
    const imp = await asPeer({
      method: 'POST',
      url: '/api/imports',
      payload: Buffer.from('text\nhello\n'),
      headers: { 'content-type': 'application/octet-stream', 'x-file-name': 'a.csv' },
    });
    expect(imp.statusCode).toBe(429);
    // another member is not affected; nor are other routes of the limited member
    expect((await injectAs(server.app, admin)({ method: 'POST', url: '/api/analyze', payload: note })).statusCode).toBe(200);
    expect((await asPeer('/api/documents')).statusCode).toBe(200);
  });

  it('does not count anonymous requests against anyone (they get 401)', async () => {
    const r = await server.app.inject({ method: 'POST', url: '/api/analyze', payload: note });
    expect(r.statusCode).toBe(401);
  });

  it('is off with rateLimit 0', async () => {
    const open = await startServer({ demo: false, rateLimit: 0 });
    try {
      const as = injectAs(open.app, await setupAdmin(open.app));
      for (let i = 0; i < 30; i++) expect((await as({ method: 'POST', url: '/api/analyze', payload: note })).statusCode).toBe(200);
    } finally {
      await open.close();
    }
  });

  it('refills evenly: a token bucket of 600 a minute gives one back every 100 ms', () => {
    const b = new TokenBucketLimiter(600);
    const t0 = 1_000_000;
    for (let i = 0; i < 600; i++) expect(b.take('m', t0)).toBe(0);
    expect(b.take('m', t0)).toBe(1);
    expect(b.take('m', t0 + 100)).toBe(0);
    expect(b.take('m', t0 + 100)).toBeGreaterThan(0);
    expect(b.take('other', t0)).toBe(0);
  });

  it('reads PEERLENS_RATE_LIMIT (0 turns it off) and refuses nonsense', () => {
    expect(rateLimitFromEnv({})).toBe(600);
    expect(rateLimitFromEnv({ PEERLENS_RATE_LIMIT: '0' })).toBe(0);
    expect(rateLimitFromEnv({ PEERLENS_RATE_LIMIT: ' 1200 ' })).toBe(1200);
    expect(() => rateLimitFromEnv({ PEERLENS_RATE_LIMIT: 'lots' })).toThrow(/PEERLENS_RATE_LIMIT/);
    expect(() => rateLimitFromEnv({ PEERLENS_RATE_LIMIT: '-1' })).toThrow(/PEERLENS_RATE_LIMIT/);
  });
});

describe('headers on every reply', () => {
  let server: TestServer;
  let admin: Member;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 1 });
    admin = await setupAdmin(server.app);
  });
  afterAll(() => server.close());

  const check = (where: string, headers: Record<string, unknown>): void => {
    expect(headers['content-security-policy'], where).toMatch(/default-src 'self'.*frame-ancestors 'none'/);
    expect(headers['content-security-policy'], where).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    expect(headers['x-content-type-options'], where).toBe('nosniff');
    expect(headers['referrer-policy'], where).toBe('no-referrer');
    expect(headers['x-frame-options'], where).toBe('DENY');
    expect(headers['x-powered-by'], where).toBeUndefined();
    expect(headers.server, where).toBeUndefined();
  };

  it('CSP, nosniff, referrer-policy, frame-ancestors and X-Frame-Options; no x-powered-by: pages, every GET route, errors', async () => {
    const spec = server.app.inject({ url: '/api/openapi.json' });
    const paths = Object.entries((await spec).json().paths as Record<string, Record<string, unknown>>);
    const urls = [
      '/',
      '/check',
      '/documents',
      '/documents/x',
      '/people',
      '/settings',
      '/import',
      '/drift',
      '/learn',
      '/training',
      '/assets/app-1234.js',
      '/assets/missing.js',
      '/api/no-such-route',
    ];
    for (const [path, methods] of paths) if ('get' in methods) urls.push(path.replace(/\{[^}]+\}/g, 'x'));
    expect(urls.length).toBeGreaterThan(30);
    for (const url of urls) {
      check(`anonymous GET ${url}`, (await server.app.inject({ url })).headers);
      const r = await server.app.inject({ url, headers: admin.headers });
      check(`admin GET ${url}`, r.headers);
      if (url.startsWith('/api/')) expect(r.headers['cache-control'], url).toBe('no-store');
    }
    // errors of every kind
    const as = injectAs(server.app, admin);
    check(
      'bad JSON',
      (await as({ method: 'POST', url: '/api/analyze', payload: '{', headers: { 'content-type': 'application/json' } })).headers,
    );
    check('schema failure', (await as({ method: 'POST', url: '/api/analyze', payload: { kind: 'nope' } })).headers);
    check(
      'CSRF failure',
      (await server.app.inject({ method: 'POST', url: '/api/analyze', payload: note, headers: { cookie: admin.cookie } })).headers,
    );
    await as({ method: 'POST', url: '/api/analyze', payload: note });
    const limited = await as({ method: 'POST', url: '/api/analyze', payload: note });
    expect(limited.statusCode).toBe(429);
    check('429', limited.headers);
  });

  it('the session cookie is HttpOnly, SameSite=Strict, Path=/ and is cleared on sign-out', async () => {
    const r = await server.app.inject({
      method: 'POST',
      url: '/api/login',
      payload: { username: 'admin', password: 'a long test password' },
    });
    const cookie = [r.headers['set-cookie']].flat().join('\n');
    expect(cookie).toMatch(/peerlens_session=[^;]+;.*Path=\//);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).not.toMatch(/Domain=/i);
    const session = /peerlens_session=[^;]+/.exec(cookie)?.[0] ?? '';
    const csrf = (r.json() as { csrf: string }).csrf;
    const out = await server.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie: session, 'x-csrf-token': csrf } });
    expect([out.headers['set-cookie']].flat().join('\n')).toMatch(/peerlens_session=;.*(Expires=Thu, 01 Jan 1970|Max-Age=0)/);
  });
});

describe('hostile file names and files', () => {
  let server: TestServer;
  let as: ReturnType<typeof injectAs>;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 0 });
    as = injectAs(server.app, await setupAdmin(server.app));
  });
  afterAll(() => server.close());

  const upload = (url: string, bytes: Buffer, name: string) =>
    as({ method: 'POST', url, payload: bytes, headers: { 'content-type': 'application/octet-stream', 'x-file-name': name } });

  it('safeFileName keeps the last segment, drops control and direction characters, and bounds the length', () => {
    expect(safeFileName('../../etc/passwd')).toBe('passwd');
    expect(safeFileName('..\\..\\windows\\win.ini')).toBe('win.ini');
    expect(safeFileName('%2e%2e%2f%2e%2e%2fetc%2fpasswd')).toBe('passwd');
    expect(safeFileName('notes%00.csv')).toBe('notes.csv');
    expect(safeFileName('notes\u202etxt.csv')).toBe('notestxt.csv');
    expect(safeFileName('..')).toBe('upload');
    expect(safeFileName('/')).toBe('upload');
    expect(safeFileName(undefined)).toBe('upload');
    expect(safeFileName('%E0%A4%A')).toBe('%E0%A4%A');
    const long = safeFileName(`${'a'.repeat(5000)}.csv`);
    expect(long).toHaveLength(200);
    expect(long.endsWith('.csv')).toBe(true);
  });

  it('an import stores and shows only the sanitized name; traversal names reach no file', async () => {
    const csv = Buffer.from('date,text\n2024-01-02,We talked about her week.\n');
    for (const [name, shown] of [
      ['../../etc/passwd.csv', 'passwd.csv'],
      [encodeURIComponent('..\\..\\win.ini.csv'), 'win.ini.csv'],
      [encodeURIComponent('notes\u0000.csv'), 'notes.csv'],
      [encodeURIComponent('<img src=x onerror=alert(1)>.csv'), '<img src=x onerror=alert(1)>.csv'],
    ] as const) {
      const r = await upload('/api/imports', csv, name);
      expect(r.statusCode, name).toBe(201);
      const view = await as(`/api/imports/${(r.json() as { id: string }).id}`);
      expect(view.json().fileName, name).toBe(shown);
    }
    const list = (await as('/api/imports')).json() as { imports: { fileName: string }[] };
    for (const i of list.imports) expect(i.fileName).not.toMatch(/[/\\]/);
    for (const i of list.imports) expect(i.fileName.includes('\0')).toBe(false);
  });

  it('a 10 KB name is refused with 400; path segments never decide the format', async () => {
    const r = await upload('/api/extract', Buffer.from('hello'), 'a'.repeat(10_000));
    expect(r.statusCode).toBe(400);
    expect(r.json().error.code).toBe('invalid');
    // the path segments of a name do not decide the format: only the extension of the last one
    const t = await upload('/api/extract', Buffer.from('hello there'), '../../etc/passwd');
    expect(t.statusCode).toBe(200);
    expect(t.json().format).toBe('text');
    const x = await upload('/api/extract', Buffer.from('hello there'), '..%2F..%2Fnotes.md');
    expect(x.json().format).toBe('markdown');
  });

  it('a raw NUL, CR or LF in x-file-name is refused by the HTTP parser (a real socket, not inject)', async () => {
    const dataDir = tempDir();
    const webDist = fakeWebDist();
    const app = await buildApp({ dataDir, demo: false, retentionPurge: false, webDist });
    try {
      await app.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      for (const name of ['a\u0000b.txt', 'a\nX-Evil: 1', 'a\rb.txt']) {
        const status = await new Promise<string>((resolve) => {
          const socket = connect(port, '127.0.0.1', () =>
            socket.write(
              `POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/octet-stream\r\nx-file-name: ${name}\r\nContent-Length: 5\r\n\r\nhello`,
            ),
          );
          let out = '';
          socket.on('data', (d) => (out += String(d)));
          socket.on('close', () => resolve(out.split('\r\n')[0] ?? ''));
          socket.on('error', () => resolve(out.split('\r\n')[0] ?? ''));
        });
        expect(status, JSON.stringify(name)).toBe('HTTP/1.1 400 Bad Request');
      }
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(webDist, { recursive: true, force: true });
    }
  });

  it(`refuses a PDF of more than ${MAX_PDF_PAGES} pages with 422 and a clear message, and reads one at the limit`, async () => {
    const big = await upload('/api/extract', makePdf(MAX_PDF_PAGES + 1), 'long.pdf');
    expect(big.statusCode).toBe(422);
    expect(big.json().error.code).toBe('unreadable');
    expect(big.json().error.message).toMatch(/501 pages.*up to 500 pages/);
    const imp = await upload('/api/imports', makePdf(MAX_PDF_PAGES + 1), 'long.pdf');
    expect(imp.statusCode).toBe(422);
    const ok = await upload('/api/extract', makePdf(3, 'Hello'), 'short.pdf');
    expect(ok.statusCode).toBe(200);
    expect(ok.json().text).toContain('Hello 3');
  }, 30_000);

  it('refuses a PDF whose text is longer than a document can hold, while reading it (413)', async () => {
    const r = await upload('/api/extract', makePdf(120, 'x'.repeat(80), 60), 'wordy.pdf');
    expect(r.statusCode).toBe(413);
    expect(r.json().error.code).toBe('too_large');
  }, 30_000);
});

describe('script payloads in the HTML report', () => {
  let server: TestServer;
  let as: ReturnType<typeof injectAs>;
  beforeAll(async () => {
    server = await startServer({ demo: false, rateLimit: 0 });
    as = injectAs(server.app, await setupAdmin(server.app));
  });
  afterAll(() => server.close());

  const PAYLOADS = [
    '<script>window.__pwned=1</script>',
    '<img src=x onerror="window.__pwned=1">',
    '"><svg onload=window.__pwned=1>',
    "'><iframe src=javascript:alert(1)>",
    'javascript:alert(1)',
    '{{constructor.constructor("window.__pwned=1")()}}',
    '</title><script>alert(1)</script>',
    'line\u2028separator\u2029 and </style><script>alert(1)</script>',
  ];

  it.each(['note', 'role'] as const)('escapes every payload in the title and the text of a %s', async (kind) => {
    const title = PAYLOADS.slice(0, 4).join(' ').slice(0, 200);
    const text = `${PAYLOADS.join('\n')}\nWe diagnosed her as non-compliant <b>again</b>.\n`;
    const created = await as({ method: 'POST', url: '/api/documents', payload: { title, kind, text } });
    expect(created.statusCode).toBe(201);
    const id = (created.json() as { id?: string; document?: { id: string } }).id ?? created.json().document.id;
    const r = await as(`/api/documents/${id}/report?format=html`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toMatch(/^text\/html/);
    expect(r.headers['content-security-policy']).toContain("default-src 'self'");
    const html = r.body;
    // the only tags are the report's own, and none has an event handler
    const tags = new Set([...html.matchAll(/<\/?([a-zA-Z][\w-]*)/g)].map((m) => m[1]?.toLowerCase()));
    const own = [
      'html',
      'head',
      'meta',
      'title',
      'style',
      'body',
      'header',
      'h1',
      'h2',
      'p',
      'main',
      'strong',
      'div',
      'table',
      'thead',
      'tbody',
      'tr',
      'th',
      'td',
      'mark',
      'sup',
      'ol',
      'ul',
      'li',
      'br',
      'section',
      'span',
      'em',
      'a',
      'small',
    ];
    for (const t of tags) expect(own, `<${t}> in the report`).toContain(t);
    expect(html).not.toMatch(/<[^>]*\son\w+\s*=/i);
    expect(html.match(/<\/title>/g)).toHaveLength(1);
    expect(html.match(/<\/style>/g)).toHaveLength(1);
    expect(html).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(html).toContain('&quot;&gt;&lt;svg onload=window.__pwned=1&gt;');
    // no element attribute starts with javascript:
    expect(html).not.toMatch(/<[^>]*(href|src)\s*=\s*["']?\s*javascript:/i);
    // the download name cannot break the header
    expect(r.headers['content-disposition']).toMatch(/^attachment; filename="peerlens-[\w-]+\.html"; filename\*=UTF-8''[\w%.~!-]+$/);
    const json = await as(`/api/documents/${id}/report?format=json`);
    expect(() => JSON.parse(json.body) as unknown).not.toThrow();
    // JSON, served as JSON with nosniff and as an attachment: never read as a page
    expect(json.headers['content-type']).toMatch(/^application\/json/);
    expect(json.headers['content-disposition']).toMatch(/^attachment;/);
  });
});
