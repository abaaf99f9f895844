/**
 * Flows a supervisor and an admin rely on, in Chromium (issue 13, items 5, 6 and 10): sign-in
 * goes where `?next=` asks (this site only); a supervisor's saved documents name their authors,
 * can be searched and filtered, offer Delete only where it works, and open a peer's note read
 * only; the editor marks unsaved changes and asks before the page is left; a hand-mapped author
 * column maps names and usernames to members; a supervisor undoes an import; the demo workspace
 * prints every account with its password, shows the password to the admin, and can be removed.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000, interval: 100 };
const ADMIN_PASSWORD = 'a long flows password';

requireChromium('Flow browser tests');

interface ApiSession {
  cookie: string;
  csrf: string;
}

describe.skipIf(!haveChromium)('supervisor and admin flows in Chromium', () => {
  let browser: Browser;
  let running: RunningServer | undefined;
  let base = '';
  let demoPassword = '';
  let admin: ApiSession;
  const contexts: BrowserContext[] = [];

  async function api(who: ApiSession | null, method: string, path: string, body?: unknown) {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: {
        ...(who ? { cookie: who.cookie, 'x-csrf-token': who.csrf } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, json: (text ? JSON.parse(text) : {}) as Record<string, unknown>, headers: res.headers };
  }

  async function login(username: string, password: string): Promise<ApiSession> {
    const r = await api(null, 'POST', '/api/login', { username, password });
    if (r.status !== 200) throw new Error(`sign-in of ${username}: ${r.status}`);
    return { cookie: /peerlens_session=[^;]+/.exec(r.headers.get('set-cookie') ?? '')?.[0] ?? '', csrf: r.json.csrf as string };
  }

  async function newPage(): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    contexts.push(context);
    await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
    return context.newPage();
  }

  async function signIn(page: Page, username: string, password: string): Promise<void> {
    await page.getByLabel('Username').fill(username);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: 'Sign in' }).click();
  }

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-flows-');
    base = running.base;
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
    const setup = await api(null, 'POST', '/api/setup', { username: 'admin', name: 'Avery Admin', password: ADMIN_PASSWORD });
    admin = { cookie: /peerlens_session=[^;]+/.exec(setup.headers.get('set-cookie') ?? '')?.[0] ?? '', csrf: setup.json.csrf as string };
  });

  afterAll(async () => {
    for (const c of contexts) await c.close().catch(() => undefined);
    await browser?.close();
    await running?.stop();
  });

  it('prints every demo account at first start, with the password they all sign in with', async () => {
    const out = running?.output() ?? '';
    demoPassword = /accounts all use the password (\S+)/.exec(out)?.[1] ?? '';
    expect(demoPassword).not.toBe('');
    const demo = (await api(null, 'GET', '/api/demo')).json.demoLogins as { username: string }[];
    expect(demo.map((d) => d.username)).toEqual(['demo-jordan', 'demo-alex', 'demo-casey', 'demo-robin']);
    // every demo account that exists is printed, and signs in with the printed password
    for (const { username } of demo) {
      expect(out).toMatch(new RegExp(`^ {2}${username} \\(`, 'm'));
      expect((await api(null, 'POST', '/api/login', { username, password: demoPassword })).status).toBe(200);
    }
  });

  it('signs in to the page asked for with ?next=, and never to another site', async () => {
    const page = await newPage();
    // a signed-out visit to a document's own page: sign in, and that page opens
    const docs = (await api(admin, 'GET', '/api/documents')).json.documents as { id: string; title: string }[];
    const example = docs.find((d) => d.title.startsWith('Example note'));
    expect(example).toBeDefined();
    await page.goto(`${base}/documents`);
    await page.waitForURL(/\/login\?next=%2Fdocuments$/);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(/\/documents$/, SLOW);
    await page.getByTestId('documents-table').waitFor(SLOW);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${base}/documents/${example?.id ?? ''}?from=mail#findings`);
    await page.waitForURL(/\/login\?next=/);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    await page.waitForURL(new RegExp(`/documents/${example?.id ?? ''}\\?from=mail#findings$`), SLOW);
    await expect.poll(() => page.locator('#note-title').inputValue(), SLOW).toBe(example?.title);
    // no open redirect: another site, a protocol-relative address, a backslash, a script
    for (const next of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)', '/login?next=/x']) {
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(/\/login$/);
      await page.goto(`${base}/login?next=${encodeURIComponent(next)}`);
      await signIn(page, 'admin', ADMIN_PASSWORD);
      await page.waitForURL(/\/check$/, SLOW);
      expect(new URL(page.url()).origin).toBe(base);
    }
  });

  it('shows a supervisor who wrote each document, with search and an author filter, and Delete only where it works', async () => {
    const jordan = await login('demo-jordan', demoPassword);
    const own = (
      await api(jordan, 'POST', '/api/documents', {
        title: 'Jordan supervision notes',
        kind: 'note',
        text: 'We met and she chose the topic.',
      })
    ).json.id as string;
    const page = await newPage();
    await page.goto(`${base}/documents`);
    await signIn(page, 'demo-jordan', demoPassword);
    await page.waitForURL(/\/documents$/, SLOW);
    const table = page.getByTestId('documents-table');
    await table.waitFor(SLOW);
    const all = await table.locator('tbody tr').count();
    expect(all).toBeGreaterThan(100);
    // the author of each row
    const alexRow = table.locator('tbody tr', { hasText: "Alex's note of" }).first();
    expect(await alexRow.locator('td').first().textContent()).toBe('Alex Rivera');
    // Delete is offered for the supervisor's own note only, and works
    expect(await alexRow.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    expect(await page.getByTestId('documents-read-only').textContent()).toContain('only the person who wrote one can change or delete it');
    expect(await table.getByRole('button', { name: /^Delete/ }).count()).toBe(1);
    // filter by author
    await page.getByLabel('Written by').selectOption({ label: 'Casey Morgan' });
    const casey = await table.locator('tbody tr').count();
    expect(casey).toBeGreaterThan(10);
    expect(casey).toBeLessThan(all);
    for (const cell of await table.locator('tbody tr td:first-of-type').allTextContents()) expect(cell).toBe('Casey Morgan');
    // search within it
    const first = (await table.locator('tbody tr th').first().textContent()) ?? '';
    const date = /\d{4}-\d{2}-\d{2}/.exec(first)?.[0] ?? '';
    await page.getByLabel('Search titles and summaries').fill(date);
    await expect.poll(() => table.locator('tbody tr').count(), SLOW).toBeGreaterThanOrEqual(1);
    for (const title of await table.locator('tbody tr th').allTextContents()) expect(title).toContain(date);
    expect(await page.getByTestId('documents-count').textContent()).toMatch(/^\d+ of \d+ documents$/);
    expect(await a11yProblems(page)).toEqual([]);
    // back to everyone, find the own note and delete it
    await page.getByLabel('Written by').selectOption({ label: 'Everyone' });
    await page.getByLabel('Search titles and summaries').fill('supervision notes');
    await expect.poll(() => table.locator('tbody tr').count(), SLOW).toBe(1);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete Jordan supervision notes' }).click();
    await expect.poll(() => page.locator('.save-status').first().textContent(), SLOW).toBe('Deleted “Jordan supervision notes”.');
    expect((await api(jordan, 'GET', `/api/documents/${own}`)).status).toBe(404);
  });

  it("opens a peer's note read only for a supervisor: no Save changes, a note saying why", async () => {
    const jordan = await login('demo-jordan', demoPassword);
    const docs = (await api(jordan, 'GET', '/api/documents')).json.documents as { id: string; title: string }[];
    const alexNote = docs.find((d) => d.title.startsWith("Alex's note"));
    const page = await newPage();
    await page.goto(`${base}/documents/${alexNote?.id ?? ''}`);
    await signIn(page, 'demo-jordan', demoPassword);
    await page.getByTestId('read-only').waitFor(SLOW);
    expect(await page.getByTestId('read-only').textContent()).toContain('Alex Rivera wrote this note, and only its author can change it');
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.locator('.cm-content').getAttribute('contenteditable')).toBe('false');
    expect(await page.locator('#note-title').getAttribute('readonly')).not.toBeNull();
    // typing changes nothing
    const before = await page.locator('.cm-content').textContent();
    await page.locator('.cm-content').click();
    await page.keyboard.type('extra words');
    expect(await page.locator('.cm-content').textContent()).toBe(before);
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
  });

  it('marks unsaved changes in the editor, clears the mark on save, and asks before the page is left', async () => {
    const page = await newPage();
    await page.goto(`${base}/check`);
    await signIn(page, 'demo-casey', demoPassword);
    await page.waitForURL(/\/check$/, SLOW);
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);
    await page.locator('.cm-content').click();
    await page.keyboard.insertText('We walked to the library and she chose a book.');
    await expect.poll(() => page.getByTestId('unsaved-marker').count(), SLOW).toBe(1);
    expect(await page.getByTestId('save-status').textContent()).toContain('Unsaved changes.');
    await page.getByLabel('Title').fill('Library walk');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.getByTestId('save-status').textContent(), SLOW).toMatch(/^Saved at/);
    expect(await page.getByTestId('unsaved-marker').count()).toBe(0);
    await page.locator('.cm-content').click();
    await page.keyboard.press('End');
    await page.keyboard.insertText(' She read the first page aloud.');
    await expect.poll(() => page.getByTestId('unsaved-marker').count(), SLOW).toBe(1);
    const asked: string[] = [];
    page.on('dialog', (d) => {
      asked.push(d.type());
      void d.dismiss();
    });
    await page.close({ runBeforeUnload: true });
    await expect.poll(() => asked, SLOW).toEqual(['beforeunload']);
  });

  it('maps a hand-chosen author column to members by name or username, and lets the supervisor undo the import', async () => {
    const jordan = await login('demo-jordan', demoPassword);
    const before = ((await api(jordan, 'GET', '/api/documents')).json.documents as unknown[]).length;
    const page = await newPage();
    const file = join(running?.dataDir ?? '', 'shift-notes.csv');
    writeFileSync(
      file,
      'note,on shift,date\nShe chose the park for our walk today.,casey morgan,2026-01-05\nWe planned her week together.,DEMO-ROBIN,2026-01-06\nShe called her sister herself.,Someone Else,2026-01-07\n',
    );
    await page.goto(`${base}/import`);
    await signIn(page, 'demo-jordan', demoPassword);
    await page.waitForURL(/\/import$/, SLOW);
    await page.setInputFiles('#import-file', file);
    await page.getByTestId('import-preview').waitFor(SLOW);
    // "on shift" is not guessed as the author column: the supervisor chooses it
    expect(await page.locator('#map-author').inputValue()).toBe('');
    await page.locator('#map-author').selectOption('on shift');
    await page.getByRole('group', { name: 'Who wrote them' }).waitFor(SLOW);
    const chosen = async (value: string): Promise<string> =>
      page.getByLabel(value, { exact: true }).evaluate((el) => (el as HTMLSelectElement).selectedOptions[0]?.textContent ?? '');
    await expect.poll(() => chosen('casey morgan'), SLOW).toBe('Casey Morgan');
    expect(await chosen('DEMO-ROBIN')).toBe('Robin Lee');
    expect(await chosen('Someone Else')).toBe('Leave these rows out');
    await page.getByRole('button', { name: 'Import these notes' }).click();
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), SLOW)
      .toMatch(/^Done: 2 kept, 0 already saved before, 1 left out\./);
    expect(((await api(jordan, 'GET', '/api/documents')).json.documents as unknown[]).length).toBe(before + 2);
    expect(await a11yProblems(page)).toEqual([]);
    // undo: the import and the two notes it saved are deleted
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Undo this import (delete the 2 notes it saved)' }).click();
    await expect.poll(() => page.locator('.notice').textContent(), SLOW).toBe('Deleted the import of shift-notes.csv and 2 notes.');
    const after = (await api(jordan, 'GET', '/api/documents')).json.documents as { title: string }[];
    expect(after.length).toBe(before);
    expect(after.some((d) => d.title.includes('shift-notes.csv'))).toBe(false);
    expect((await api(jordan, 'GET', '/api/imports')).json.imports).toEqual([]);
  });

  it('shows the admin the demo password in Settings, and removes the demo workspace for good', async () => {
    const page = await newPage();
    await page.goto(`${base}/settings`);
    await signIn(page, 'admin', ADMIN_PASSWORD);
    const panel = page.getByTestId('demo-workspace');
    await panel.waitFor(SLOW);
    await expect.poll(() => page.getByTestId('demo-password').textContent(), SLOW).toBe(demoPassword);
    expect(await page.getByTestId('demo-accounts').locator('li').count()).toBe(4);
    expect(await a11yProblems(page)).toEqual([]);
    page.once('dialog', (d) => void d.accept());
    await panel.getByRole('button', { name: 'Remove the demo workspace' }).click();
    await expect
      .poll(() => panel.getByRole('status').textContent(), SLOW)
      .toMatch(/^Removed the demo workspace: 4 accounts and \d+ documents, and the demo team\.$/);
    await expect.poll(() => panel.textContent(), SLOW).toContain('There is no demo workspace.');
    // gone: no demo sign-in, no demo document, no demo team
    expect((await api(null, 'POST', '/api/login', { username: 'demo-jordan', password: demoPassword })).status).toBe(401);
    expect((await api(null, 'GET', '/api/demo')).json.demoLogins).toEqual([]);
    expect((await api(admin, 'GET', '/api/documents')).json.documents).toEqual([]);
    expect(((await api(admin, 'GET', '/api/teams')).json.teams as { name: string }[]).map((t) => t.name)).not.toContain(
      'Riverside peer team',
    );
  });
});
