/**
 * Script injection (issue 6): payloads go into every place a person's text is shown (note
 * and role titles and text, upload and import file names, member, team and invitation names,
 * card-sort titles, task-list text, training titles, certifications, reflections), then every
 * page that shows them is opened as each kind of member. Nothing may run: `window.__pwned`
 * stays undefined, no dialog opens, the browser reports no blocked inline script (a CSP
 * violation would mean a payload reached the DOM as markup and only the CSP stopped it), and
 * the DOM holds no element with an event-handler attribute, no inline script, no
 * `javascript:` link. The payloads must also be visible as text, so the test knows they were
 * drawn at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, startServer, type RunningServer } from './harness.js';

const PASSWORD = 'a long e2e password';

requireChromium('Script-injection browser tests');

/** Short enough for a 100-character name; the marker `pwned` is what the visible-text check looks for. */
const NAME = '<img src=x onerror=window.__pwned=1>"><svg onload=window.__pwned=2> {{7*7}}\u2028';
/** For 200-character titles. */
const TITLE = `<script>window.__pwned=3</script>${NAME} javascript:window.__pwned=4`;
/** For texts: every payload, one a line. */
const TEXT = [
  '<script>window.__pwned=5</script>',
  '<img src=x onerror="window.__pwned=6">',
  '"><svg onload="window.__pwned=7">',
  '\'><iframe src="javascript:window.__pwned=8"></iframe>',
  'javascript:window.__pwned=9',
  '[click](javascript:window.__pwned=10)',
  '{{constructor.constructor("window.__pwned=11")()}} ${window.__pwned=12}',
  'a line\u2028separator\u2029and a paragraph separator',
  'We met at the library and she chose what to work on.',
].join('\n');
const MARK = 'onerror=window.__pwned=1';

interface Session {
  id: string;
  cookie: string;
  csrf: string;
}

describe.skipIf(!haveChromium)('script injection in Chromium', () => {
  let browser: Browser;
  let base = '';
  let running: RunningServer | undefined;
  const sessions: Record<'admin' | 'peer' | 'supervisor' | 'leader', Session> = {} as never;
  let noteId = '';
  let adminNoteId = '';
  let roleId = '';
  let sortId = '';

  async function api(who: Session | null, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
        ...(body !== undefined && !Buffer.isBuffer(body) ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body === undefined ? {} : { body: Buffer.isBuffer(body) ? new Uint8Array(body) : JSON.stringify(body) }),
    });
    const text = await res.text();
    if (res.status >= 400) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
  }

  function sessionOf(r: { json: Record<string, unknown>; headers: Headers }): Session {
    const cookie = /peerlens_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '';
    return { id: (r.json.user as { id: string }).id, cookie, csrf: r.json.csrf as string };
  }

  async function member(username: string, role: string, teamId: string | null): Promise<Session> {
    const inv = await api(sessions.admin, 'POST', '/api/invitations', { name: `${NAME} ${role}`.slice(0, 100), role, teamId });
    const token = (inv.json.link as string).replace('/invite/', '');
    return sessionOf(await api(null, 'POST', `/api/invitations/${token}`, { username, password: PASSWORD }));
  }

  const month = (back: number): string => {
    const d = new Date();
    d.setUTCDate(1);
    d.setUTCMonth(d.getUTCMonth() - back);
    return d.toISOString().slice(0, 7);
  };

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-xss-');
    base = running.base;

    // The workspace, every name and title a payload
    sessions.admin = sessionOf(await api(null, 'POST', '/api/setup', { username: 'admin', name: NAME, password: PASSWORD }));
    const team = (await api(sessions.admin, 'POST', '/api/teams', { name: `${NAME} team`.slice(0, 100) })).json.id as string;
    sessions.supervisor = await member('sup', 'supervisor', team);
    sessions.peer = await member('peer', 'peer', team);
    sessions.leader = await member('leader', 'leader', null);
    await api(sessions.admin, 'POST', '/api/invitations', { name: `${NAME} pending`.slice(0, 100), role: 'peer', teamId: team });

    const { peer, supervisor, leader, admin } = sessions;
    noteId = (await api(peer, 'POST', '/api/documents', { title: TITLE, kind: 'note', text: TEXT, writtenAt: `${month(1)}-05` })).json
      .id as string;
    roleId = (await api(peer, 'POST', '/api/documents', { title: TITLE, kind: 'role', text: TEXT })).json.id as string;
    adminNoteId = (await api(admin, 'POST', '/api/documents', { title: TITLE, kind: 'note', text: TEXT })).json.id as string;

    // an import whose file name, values and column names are payloads
    const quote = (v: string): string => `"${v.replace(/"/g, '""')}"`;
    const rows = [0, 1, 2, 3, 4, 5].map((i) => [`${month(i % 3)}-0${i + 1}`, `${TEXT} (${i})`].map(quote).join(','));
    const csv = Buffer.from(`date,${quote(NAME)}\n${rows.join('\n')}\n`);
    const imp = await api(peer, 'POST', '/api/imports', csv, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(`../../${NAME}.csv`),
    });
    const importId = imp.json.id as string;
    await api(peer, 'PUT', `/api/imports/${importId}/mapping`, { textColumn: NAME, dateColumn: 'date' });
    await api(peer, 'POST', `/api/imports/${importId}/commit?batch=500`);
    // a second import left staged, so its name shows in the list
    await api(peer, 'POST', '/api/imports', csv, {
      'content-type': 'application/octet-stream',
      'x-file-name': encodeURIComponent(`${NAME}.csv`),
    });

    const reflection = (
      (await api(peer, 'PUT', `/api/reflections?month=${month(1)}`, { text: TEXT })).json as { reflection: { id: string } }
    ).reflection.id;
    // a supervisor's answer beneath it (issue 13), shown on both their drift pages
    await api(supervisor, 'POST', `/api/reflections/${reflection}/replies`, { text: TEXT });
    await api(peer, 'POST', '/api/training/me/trainings', { area: 'crisis', title: TITLE, completedOn: '2026-01-15' });
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await api(peer, 'POST', '/api/training/me/certifications', { state: NAME, number: NAME, expiresOn: soon });
    sortId = (await api(supervisor, 'POST', '/api/card-sorts', { title: TITLE })).json.id as string;
    await api(leader, 'POST', '/api/program-tasks', {
      text: `${TITLE}\n${NAME} escort members to appointments`,
      assignedTo: 'peer',
      teamId: null,
    });
    await api(leader, 'POST', '/api/program-tasks', { text: TITLE, assignedTo: 'other', teamId: team });

    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  /** Opens `paths` as `who`; returns the problems found, page by page. */
  async function visit(who: Session, paths: readonly { path: string; shows?: boolean }[]): Promise<string[]> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.addCookies([
      { name: 'peerlens_session', value: /=(.*)$/.exec(who.cookie)?.[1] ?? '', url: base, httpOnly: true, sameSite: 'Strict' },
    ]);
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    const problems: string[] = [];
    const page: Page = await context.newPage();
    let where = '';
    page.on('dialog', (d) => {
      problems.push(`${where}: a ${d.type()} dialog opened: ${d.message()}`);
      void d.dismiss();
    });
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (execute|load)/i.test(m.text()))
        problems.push(`${where}: CSP stopped something: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`${where}: page error ${e.message}`));
    try {
      for (const { path, shows = true } of paths) {
        where = path;
        await page.goto(`${base}${path}`);
        await page.locator('main h1').first().waitFor({ timeout: 15_000 });
        await page.waitForLoadState('networkidle').catch(() => undefined);
        if (shows) {
          // the payload is drawn as text (in the page or in a field), so it was really tested
          const seen = await page
            .waitForFunction(
              (mark) => {
                const fields = [...document.querySelectorAll('input, textarea')].map((e) => (e as HTMLInputElement).value);
                return [document.body.innerText, ...fields].some((t) => t.includes(mark));
              },
              MARK,
              { timeout: 15_000 },
            )
            .then(
              () => true,
              () => false,
            );
          if (!seen) problems.push(`${path}: the payload is not shown as text`);
        }
        // open whatever disclosures the page has, so hidden text is drawn too
        for (const d of await page.locator('details:not([open]) > summary').all()) await d.click().catch(() => undefined);
        await page.waitForTimeout(200);
        const found = await page.evaluate(() => {
          const out: string[] = [];
          if ((window as { __pwned?: unknown }).__pwned !== undefined)
            out.push(`window.__pwned = ${String((window as { __pwned?: unknown }).__pwned)}`);
          for (const el of document.querySelectorAll('*')) {
            for (const a of el.attributes) {
              if (/^on/i.test(a.name)) out.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
              if (/^(href|src|action|formaction|xlink:href)$/i.test(a.name) && /^\s*javascript:/i.test(a.value))
                out.push(`<${el.tagName.toLowerCase()} ${a.name}="${a.value}">`);
            }
          }
          for (const s of document.querySelectorAll('script')) if (!s.src) out.push(`an inline <script>: ${s.textContent?.slice(0, 80)}`);
          if (document.querySelector('iframe, object, embed')) out.push('an iframe, object or embed');
          if (document.querySelector('img[src="x"], svg[onload]')) out.push('an injected img or svg');
          return out;
        });
        problems.push(...found.map((f) => `${path}: ${f}`));
      }
    } finally {
      await context.close();
    }
    return problems;
  }

  it('a peer: check, documents, a note, a role review, import, drift, learn, training, me', async () => {
    const problems = await visit(sessions.peer, [
      { path: '/check', shows: false },
      { path: '/documents' },
      { path: `/documents/${noteId}` },
      { path: `/documents/${roleId}` },
      { path: '/roles', shows: false },
      { path: '/import' },
      { path: '/drift' },
      { path: '/learn' },
      { path: `/learn?sort=${sortId}&view=place` },
      { path: '/training' },
      { path: '/me' },
    ]);
    expect(problems).toEqual([]);
  }, 180_000);

  it('a supervisor: documents and the peer’s note, drift of the peer, learn (map), training reminders, me', async () => {
    const problems = await visit(sessions.supervisor, [
      { path: '/documents' },
      { path: `/documents/${noteId}` },
      { path: `/drift?member=${sessions.peer.id}` },
      { path: '/drift' },
      { path: '/learn' },
      { path: `/learn?sort=${sortId}&view=map` },
      { path: '/training' },
      { path: '/role-design' },
      { path: '/me' },
    ]);
    expect(problems).toEqual([]);
  }, 180_000);

  it('a program leader: role design (task lists), drift, learn, training', async () => {
    const problems = await visit(sessions.leader, [
      { path: '/role-design' },
      { path: '/drift' },
      { path: '/learn' },
      { path: `/learn?sort=${sortId}&view=map` },
      { path: '/training', shows: false },
      { path: '/me' },
    ]);
    expect(problems).toEqual([]);
  }, 180_000);

  it('an admin: people (members, teams, invitations), settings and the audit log, own documents, me', async () => {
    const problems = await visit(sessions.admin, [
      { path: '/people' },
      { path: '/settings' },
      { path: '/documents' },
      { path: `/documents/${adminNoteId}` },
      { path: '/check' },
      { path: '/me' },
      { path: '/import', shows: false },
    ]);
    expect(problems).toEqual([]);
  }, 180_000);

  it('the HTML report a browser opens runs nothing either', async () => {
    const context = await browser.newContext();
    await context.addCookies([
      { name: 'peerlens_session', value: /=(.*)$/.exec(sessions.peer.cookie)?.[1] ?? '', url: base, httpOnly: true, sameSite: 'Strict' },
    ]);
    const page = await context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    // served as an attachment; read its HTML and load it as a page of the same origin
    const html = await (await context.request.get(`${base}/api/documents/${noteId}/report?format=html`)).text();
    await page.route(`${base}/report-preview`, (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto(`${base}/report-preview`);
    expect(await page.locator('h1').textContent()).toContain('<script>window.__pwned=3</script>');
    expect(await page.evaluate(() => (window as { __pwned?: unknown }).__pwned)).toBeUndefined();
    expect(await page.locator('script, img, svg, iframe').count()).toBe(0);
    expect(dialogs).toEqual([]);
    await context.close();
  });
});
