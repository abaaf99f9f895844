/**
 * Issue 13, item 12, in Chromium: the drift and team pages take a range of months, kept in the
 * page's address and applied to the charts, tables and signal; a supervisor sees their team at a
 * glance (each person's last note, months with notes and drift signal); a program leader sees
 * teams as a whole, never a team where fewer than 3 people wrote; a peer sees no roster.
 */
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000, interval: 100 };
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (m: string): string => `${MONTHS[Number(m.slice(5, 7)) - 1]} ${m.slice(0, 4)}`;

requireChromium('Browser tests of the drift and team pages (issue 13, item 12)');

interface Db {
  insertInto(table: string): { values(v: Record<string, unknown>): { execute(): Promise<unknown> } };
  selectFrom(table: string): {
    select(c: string[]): { where(c: string, op: string, v: unknown): { executeTakeFirstOrThrow(): Promise<{ id: string }> } };
  };
  destroy(): Promise<void>;
}
interface Modules {
  openDatabase(dir: string): Db;
  createSession(db: Db, id: string): Promise<{ token: string }>;
  insertDocument(
    db: Db,
    input: { title: string; kind: 'note'; text: string; writtenAt?: string },
    at?: Date,
    options?: { authorId?: string | null; teamId?: string | null },
  ): Promise<unknown>;
}

describe.skipIf(!haveChromium)('drift and team pages, in Chromium (issue 13, item 12)', () => {
  let browser: Browser;
  let running: RunningServer | undefined;
  let base = '';
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const outside: string[] = [];

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-team-');
    base = running.base;
    const load = async (file: string): Promise<Record<string, unknown>> =>
      (await import(pathToFileURL(join(serverDist, file)).href)) as Record<string, unknown>;
    const mods = {
      ...(await load('db/database.js')),
      ...(await load('auth/sessions.js')),
      ...(await load('features/documents/service.js')),
    } as unknown as Modules;
    const db = mods.openDatabase(running.dataDir);
    try {
      const now = new Date().toISOString();
      const add = async (username: string, name: string, role: string, teamId: string | null): Promise<string> => {
        const id = randomUUID();
        await db
          .insertInto('users')
          .values({ id, username, name, role, team_id: teamId, password_hash: null, created_at: now, disabled_at: null })
          .execute();
        return id;
      };
      await add('e2e-leader', 'Lane Leader', 'leader', null);
      // a team of two peers who both wrote in the same months: a leader never sees it
      const small = randomUUID();
      await db.insertInto('teams').values({ id: small, name: 'Two-person team', created_at: now }).execute();
      for (const n of [1, 2]) {
        const peer = await add(`e2e-small-${n}`, `Small Peer ${n}`, 'peer', small);
        for (const m of ['2025-03', '2025-04', '2025-05'])
          await mods.insertDocument(
            db,
            {
              title: 'Visit',
              kind: 'note',
              text: 'We walked to the library together. Client was noncompliant with medication.',
              writtenAt: `${m}-10`,
            },
            new Date(),
            { authorId: peer, teamId: small },
          );
      }
      for (const username of ['demo-jordan', 'demo-alex', 'demo-casey', 'e2e-leader']) {
        const u = await db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirstOrThrow();
        ids[username] = u.id;
        tokens[username] = (await mods.createSession(db, u.id)).token;
      }
    } finally {
      await db.destroy();
    }
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function as(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.addCookies([
      { name: 'peerlens_session', value: tokens[username] as string, url: base, httpOnly: true, sameSite: 'Strict' },
    ]);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    return { context, page: await context.newPage() };
  }

  const rosterRows = (page: Page) => page.locator('[data-testid="roster"] tbody tr');
  const cells = async (page: Page, name: string): Promise<string[]> =>
    rosterRows(page)
      .filter({ has: page.getByRole('rowheader', { name, exact: true }) })
      .locator('td')
      .allTextContents();

  it('shows a supervisor their team at a glance, and opens a person’s drift from it', async () => {
    const { context, page } = await as('demo-jordan');
    await page.goto(`${base}/drift`);
    const roster = page.getByTestId('roster');
    await roster.waitFor(SLOW);
    expect(await roster.locator('h2').textContent()).toBe('Your team at a glance');
    await expect
      .poll(() => rosterRows(page).locator('th').allTextContents(), SLOW)
      .toEqual(['Alex Rivera', 'Casey Morgan', 'Robin Lee', 'Jordan Ellis']);
    const alex = await cells(page, 'Alex Rivera');
    expect(alex[0]).toMatch(/^\d{1,2} [A-Z][a-z]{2} \d{4}$/);
    expect(alex.slice(1, 3)).toEqual(['12', 'Something to talk about together']);
    expect((await cells(page, 'Casey Morgan')).slice(1, 3)).toEqual(['12', 'No drift signal']);
    expect((await cells(page, 'Jordan Ellis')).slice(0, 3)).toEqual(['No notes', '0', 'Not enough notes to judge yet']);
    // the last note is the newest note of that person's
    const drift = (await (await context.request.get(`${base}/api/drift?member=${ids['demo-alex']}`)).json()) as {
      months: { month: string }[];
    };
    expect(alex[0]).toContain(monthName(drift.months[drift.months.length - 1]?.month ?? ''));

    await roster.getByRole('button', { name: 'See drift for Casey Morgan' }).click();
    await expect.poll(() => page.locator('.drift-scope').textContent(), SLOW).toBe('Casey Morgan');
    expect(await page.locator('#drift-who').inputValue()).toBe(`member:${ids['demo-casey']}`);
    expect(page.url()).toContain(`member=${ids['demo-casey']}`);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('applies a range of months to the charts, tables, signal and roster, and keeps it in the address', async () => {
    const { context, page } = await as('demo-jordan');
    const months = (
      (await (await context.request.get(`${base}/api/drift?member=${ids['demo-alex']}`)).json()) as { months: { month: string }[] }
    ).months.map((m) => m.month);
    expect(months).toHaveLength(12);
    const [first, third] = [months[0] as string, months[2] as string];

    await page.goto(`${base}/drift?member=${ids['demo-alex']}`);
    const table = page.locator('[data-testid="drift-table"] tbody tr');
    await expect.poll(() => table.count(), SLOW).toBe(12);
    const signal = page.getByTestId('drift-signal');
    expect(await signal.getAttribute('data-status')).toBe('signal');

    await page.getByLabel('From', { exact: true }).fill(first);
    await page.getByLabel('To', { exact: true }).fill(third);
    await page.getByRole('button', { name: 'Show these months' }).click();
    await expect.poll(() => table.count(), SLOW).toBe(3);
    expect(await table.locator('th').allTextContents()).toEqual(months.slice(0, 3).map(monthName));
    // three months are too few to judge: the year's signal is not claimed for them
    await expect.poll(() => signal.getAttribute('data-status'), SLOW).toBe('too-little');
    expect(page.url()).toContain(`member=${ids['demo-alex']}&from=${first}&to=${third}`);
    expect(await page.getByTestId('range-text').textContent()).toBe(
      `Showing ${monthName(first)} to ${monthName(third)}. The charts, tables and signal count only these months.`,
    );
    // the roster counts the same months
    await expect.poll(async () => (await cells(page, 'Alex Rivera'))[1], SLOW).toBe('3');
    expect((await cells(page, 'Alex Rivera'))[0]).toContain(monthName(third));

    // the address keeps the range: a reload, or the link shared, shows the same months
    await page.reload();
    await expect.poll(() => table.count(), SLOW).toBe(3);
    expect(await page.getByLabel('From', { exact: true }).inputValue()).toBe(first);
    expect(await page.getByLabel('To', { exact: true }).inputValue()).toBe(third);
    expect(await page.locator('.drift-scope').textContent()).toBe('Alex Rivera');
    expect(await a11yProblems(page)).toEqual([]);

    // a range that ends before it starts is refused on the page
    await page.getByLabel('From', { exact: true }).fill(third);
    await page.getByLabel('To', { exact: true }).fill(first);
    await page.getByRole('button', { name: 'Show these months' }).click();
    expect(await page.getByRole('alert').textContent()).toBe('The first month comes after the last.');

    await page.getByRole('button', { name: 'All months' }).click();
    await expect.poll(() => table.count(), SLOW).toBe(12);
    await expect.poll(() => signal.getAttribute('data-status'), SLOW).toBe('signal');
    expect(page.url()).not.toContain('from=');
    await context.close();
  });

  it('shows a program leader teams as a whole, never one where fewer than 3 people wrote; a peer no roster', async () => {
    const { context, page } = await as('e2e-leader');
    await page.goto(`${base}/drift`);
    const roster = page.getByTestId('roster');
    await roster.waitFor(SLOW);
    expect(await roster.locator('h2').textContent()).toBe('Teams at a glance');
    await expect.poll(() => rosterRows(page).locator('th').allTextContents(), SLOW).toEqual(['Riverside peer team', 'Two-person team']);
    const riverside = await cells(page, 'Riverside peer team');
    expect(riverside[0]).toBe('4');
    expect(riverside[2]).toBe('12');
    expect(await cells(page, 'Two-person team')).toEqual(['2', 'Not shown: fewer than 3 people wrote notes in any month', '']);
    expect(await rosterRows(page).filter({ hasText: 'Two-person team' }).getByRole('button').count()).toBe(0);
    const text = (await roster.textContent()) ?? '';
    for (const name of ['Alex', 'Casey', 'Small Peer']) expect(text).not.toContain(name);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();

    const peer = await as('demo-alex');
    await peer.page.goto(`${base}/drift`);
    await peer.page.getByTestId('drift-table').waitFor(SLOW);
    expect(await peer.page.getByTestId('drift-range').count()).toBe(1);
    expect(await peer.page.getByTestId('roster').count()).toBe(0);
    await peer.context.close();
    expect(outside).toEqual([]);
  });
});
