/**
 * Issue 13, items 7–9, in Chromium against the built server (demo team seeded on first start):
 * 7. a reflection answered by the supervisor and seen by the peer (a thread with who and when);
 *    more than one certification; an audit log that names people and says what changed.
 * 8. the team map's axis counts in whole numbers and no row label is cut off; no stray ⚠ in a
 *    one-month chart; a leader's drift page opens on a team it can show.
 * 9. at 390 px the menu folds behind an accessible button, and the role table's Why and Instead
 *    are on screen.
 * Members and sessions are made in the server's database with its own built modules.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000 };
const shots = process.env.PEERLENS_SCREENSHOTS;
async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

requireChromium('Browser tests of issue 13 (team items)');

interface Db {
  insertInto(table: string): { values(v: Record<string, unknown>): { execute(): Promise<unknown> } };
  selectFrom(table: string): {
    select(c: readonly string[]): {
      where(c: string, op: string, v: unknown): { executeTakeFirstOrThrow(): Promise<Record<string, string>> };
    };
  };
  destroy(): Promise<void>;
}

describe.skipIf(!haveChromium)('issue 13: reflections, records, charts and small screens in Chromium', () => {
  let browser: Browser;
  let base = '';
  let running: RunningServer | undefined;
  const sessions: Record<string, { id: string; token: string; csrf: string }> = {};
  const outside: string[] = [];

  async function withDb<T>(
    f: (db: Db, mods: { createSession: (db: Db, id: string) => Promise<{ token: string; csrf: string }> }) => Promise<T>,
  ): Promise<T> {
    const { openDatabase } = (await import(pathToFileURL(join(serverDist, 'db/database.js')).href)) as { openDatabase(dir: string): Db };
    const mods = (await import(pathToFileURL(join(serverDist, 'auth/sessions.js')).href)) as {
      createSession: (db: Db, id: string) => Promise<{ token: string; csrf: string }>;
    };
    const db = openDatabase(running?.dataDir ?? '');
    try {
      return await f(db, mods);
    } finally {
      await db.destroy();
    }
  }

  /** A session for an existing member (by username), or a new member made first. */
  async function member(username: string, make?: { name: string; role: string; team?: string | null }): Promise<void> {
    await withDb(async (db, mods) => {
      let id: string;
      if (make) {
        id = crypto.randomUUID();
        let teamId: string | null = null;
        if (make.team) {
          const team = await db
            .selectFrom('teams')
            .select(['id'])
            .where('name', '=', make.team)
            .executeTakeFirstOrThrow()
            .catch(async () => {
              const t = { id: crypto.randomUUID(), name: make.team, created_at: new Date().toISOString() };
              await db.insertInto('teams').values(t).execute();
              return t;
            });
          teamId = team.id as string;
        }
        await db
          .insertInto('users')
          .values({
            id,
            username,
            name: make.name,
            role: make.role,
            team_id: teamId,
            password_hash: null,
            created_at: new Date().toISOString(),
            disabled_at: null,
          })
          .execute();
      } else id = (await db.selectFrom('users').select(['id']).where('username', '=', username).executeTakeFirstOrThrow()).id as string;
      sessions[username] = { id, ...(await mods.createSession(db, id)) };
    });
  }

  /** The API as a member, the way the pages call it (session cookie and CSRF token). */
  async function api(
    username: string,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; json: <T>() => Promise<T> }> {
    const s = sessions[username]!;
    const r = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: `peerlens_session=${s.token}`,
        'x-csrf-token': s.csrf,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: r.status, json: <T>() => r.json() as Promise<T> };
  }

  async function as(username: string, viewport = { width: 1280, height: 900 }): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport, locale: 'en-US' });
    await context.addCookies([
      { name: 'peerlens_session', value: sessions[username]!.token, url: base, httpOnly: true, sameSite: 'Strict' },
    ]);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    return { context, page: await context.newPage() };
  }

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-team-');
    base = running.base;
    for (const u of ['demo-jordan', 'demo-alex', 'demo-casey', 'demo-robin']) await member(u);
    await member('e2e-admin', { name: 'Ada Admin', role: 'admin' });
    await member('e2e-lee', { name: 'Lee Leader', role: 'leader' });
    // a peer on a team of their own, with notes in one month only
    await member('e2e-una', { name: 'Una Month', role: 'peer', team: 'Aardvark team' });
    for (const day of ['05', '12', '19'])
      expect(
        (
          await api('e2e-una', 'POST', '/api/documents', {
            title: `Visit ${day}`,
            kind: 'note',
            text: 'We met at the library and she chose what to work on. Client presents with depressed mood.',
            writtenAt: `2026-03-${day}`,
          })
        ).status,
      ).toBe(201);
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('7. the supervisor answers a reflection and the peer sees the answer, with who wrote it and when, and answers back', async () => {
    const alex = await as('demo-alex');
    // the reflections arrive late (a slow network), after the member has started typing: what they
    // typed is not overwritten by the list, and saving it saves their words
    let release: () => void = () => undefined;
    const held = new Promise<void>((r) => (release = r));
    let first = true;
    await alex.page.route('**/api/reflections**', async (route) => {
      if (first && route.request().method() === 'GET') {
        first = false;
        await held;
      }
      return route.continue();
    });
    await alex.page.goto(`${base}/drift`);
    await alex.page.locator('#reflect-text').waitFor(SLOW);
    const month = await alex.page.locator('#reflect-month').inputValue();
    await alex.page.locator('#reflect-text').fill('More paperwork since the merger; I want to talk about it.');
    const arrived = alex.page.waitForResponse((r) => r.url().includes('/api/reflections') && r.request().method() === 'GET');
    release();
    await arrived;
    // the list has landed (none yet); the words typed are still there
    await alex.page.getByText('No reflections yet.').waitFor(SLOW);
    expect(await alex.page.locator('#reflect-text').inputValue()).toBe('More paperwork since the merger; I want to talk about it.');
    await alex.page.getByRole('button', { name: 'Save reflection' }).click();
    await alex.page.getByTestId('reflection-thread').first().waitFor(SLOW);

    const jordan = await as('demo-jordan');
    await jordan.page.goto(`${base}/drift?member=${sessions['demo-alex']!.id}`);
    const thread = jordan.page.locator(`[data-testid="reflection-thread"][data-month="${month}"]`);
    await thread.waitFor(SLOW);
    expect(await thread.locator('.thread-meta').first().textContent()).toMatch(/^Alex Rivera wrote /);
    await thread
      .getByLabel(/^Answer Alex Rivera’s reflection on /)
      .fill('Thank you. Shall we look at the intake forms together on Tuesday?');
    await thread.getByRole('button', { name: 'Send answer' }).click();
    await thread.getByTestId('reflection-reply').waitFor(SLOW);
    expect(await thread.getByTestId('reflection-reply').textContent()).toMatch(/^You answered .*Thank you\. Shall we look/);
    expect(await a11yProblems(jordan.page)).toEqual([]);
    await jordan.context.close();

    await alex.page.reload();
    const mine = alex.page.locator(`[data-testid="reflection-thread"][data-month="${month}"]`);
    const answer = mine.getByTestId('reflection-reply');
    await answer.waitFor(SLOW);
    expect(await answer.locator('.thread-meta').textContent()).toMatch(/^Jordan Ellis \(Supervisor\) answered \w{3} \d{1,2}, \d{4}/);
    expect(await answer.locator('time').getAttribute('datetime')).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(await answer.locator('.thread-text').textContent()).toBe('Thank you. Shall we look at the intake forms together on Tuesday?');
    await mine.getByLabel(/^Answer in the .* thread$/).fill('Yes, Tuesday works.');
    await mine.getByRole('button', { name: 'Send answer' }).click();
    await expect.poll(() => mine.getByTestId('reflection-reply').count(), SLOW).toBe(2);
    expect(await mine.getByTestId('reflection-reply').nth(1).locator('.thread-meta').textContent()).toMatch(/^You answered/);
    await shot(alex.page, 'issue13-reflection-thread');
    expect(await a11yProblems(alex.page)).toEqual([]);
    await alex.context.close();
  });

  it('7. a member keeps more than one certification: adds two, changes one, removes one', async () => {
    const { context, page } = await as('demo-casey');
    await page.goto(`${base}/training`);
    const add = async (state: string, expires: string): Promise<void> => {
      await page.getByLabel('State').fill(state);
      await page.getByLabel('Number').fill(`${state}-7`);
      await page.getByLabel('Expires on').fill(expires);
      await page.getByRole('button', { name: 'Add the certification' }).click();
      await page.getByTestId('certification').filter({ hasText: state }).waitFor(SLOW);
    };
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await add('Ohio', '2030-01-31');
    await add('Iowa', soon);
    const list = page.getByTestId('my-training').getByTestId('certification');
    expect(await list.allTextContents()).toEqual([
      expect.stringContaining(`Iowa, number Iowa-7; expires on ${soon}.`),
      expect.stringContaining('Ohio, number Ohio-7; expires on 2030-01-31.'),
    ]);
    expect(await page.getByTestId('reminders').textContent()).toContain('The Iowa certification expires on');
    await page.getByRole('button', { name: 'Change the Ohio certification' }).click();
    await page.getByLabel('Number').fill('OH-2');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await list.filter({ hasText: 'Ohio, number OH-2' }).waitFor(SLOW);
    await page.getByRole('button', { name: 'Remove the Iowa certification' }).click();
    await expect.poll(() => list.count(), SLOW).toBe(1);
    expect(await page.getByTestId('reminders').textContent()).not.toContain('Iowa');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('7. the audit log names people and says what changed; it records failed sign-ins and drift views', async () => {
    await member('e2e-jo', { name: 'Jo Park', role: 'peer', team: 'Aardvark team' });
    expect((await api('e2e-admin', 'PATCH', `/api/members/${sessions['e2e-jo']!.id}`, { role: 'supervisor' })).status).toBe(200);
    expect(
      (
        await fetch(`${base}/api/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'demo-casey', password: 'not the password at all' }),
        })
      ).status,
    ).toBe(401);
    const { context, page } = await as('e2e-admin');
    await page.goto(`${base}/settings`);
    const table = page.getByTestId('audit-table');
    await table.locator('tbody tr').first().waitFor(SLOW);
    const rows = (await table.locator('tbody tr').allTextContents()).join('\n');
    expect(rows).toContain('Ada Adminchanged member Jo Park’s role to supervisor');
    expect(rows).toContain('Someonefailed to sign in as Casey Morgan (wrong password)');
    expect(rows).toContain('Jordan Ellisviewed Alex Rivera’s drift');
    // no raw ids
    expect(rows).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}/);
    expect(rows).not.toContain(sessions['e2e-jo']!.id);
    await shot(page, 'issue13-audit');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('8. the team map counts in whole numbers and cuts off no row label', async () => {
    const teamId = (await (await api('demo-jordan', 'GET', '/api/drift/scope')).json<{ teams: { id: string }[] }>()).teams[0]!.id;
    const opened = await api('demo-jordan', 'POST', '/api/card-sorts', { title: 'Riverside map', teamId });
    expect(opened.status).toBe(201);
    const sortId = (await opened.json<{ id: string }>()).id;
    const columns = ['peer', 'overlap', 'clinical'] as const;
    for (const [k, u] of ['demo-alex', 'demo-casey', 'demo-robin', 'demo-jordan'].entries()) {
      const { cards } = await (await api(u, 'GET', `/api/card-sorts/${sortId}`)).json<{ cards: { id: string }[] }>();
      for (const [i, c] of cards.entries())
        expect(
          (await api(u, 'PUT', `/api/card-sorts/${sortId}/placements/${encodeURIComponent(c.id)}`, { placement: columns[(i + k) % 3] }))
            .status,
        ).toBe(200);
    }
    const { context, page } = await as('demo-jordan');
    await page.goto(`${base}/learn?sort=${encodeURIComponent(sortId)}&view=map`);
    const chart = page.getByTestId('map-chart');
    await chart.locator('svg').first().waitFor(SLOW);
    const ticks = await chart.locator('g[aria-label="x-axis tick label"] text').allTextContents();
    expect(ticks.length).toBeGreaterThan(1);
    expect(
      ticks.every((t) => /^\d+$/.test(t)),
      ticks.join(' '),
    ).toBe(true);
    expect(new Set(ticks).size, ticks.join(' ')).toBe(ticks.length);
    expect(ticks.map(Number)).toEqual([0, 1, 2, 3, 4]);
    // every row label lies inside the chart
    const clipped = await chart.evaluate((host) => {
      const svg = host.querySelector('svg:not(.plot-swatches svg)') ?? host.querySelector('svg');
      const box = svg!.getBoundingClientRect();
      return [...host.querySelectorAll('g[aria-label="y-axis tick label"] text')]
        .filter((t) => t.getBoundingClientRect().left < box.left - 0.5)
        .map((t) => t.textContent);
    });
    expect(clipped).toEqual([]);
    expect(await chart.locator('g[aria-label="y-axis tick label"] text').count()).toBe(24);
    await shot(page, 'issue13-team-map');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('8. a one-month chart shows no stray ⚠ glyph', async () => {
    const { context, page } = await as('e2e-una');
    const warnings: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'warning') warnings.push(m.text());
    });
    await page.goto(`${base}/drift`);
    await page.getByTestId('drift-table').waitFor(SLOW);
    expect(await page.locator('[data-testid="drift-table"] tbody tr').count()).toBe(1);
    await page.locator('section[aria-labelledby="lines-title"] svg').first().waitFor(SLOW);
    expect(await page.locator('main svg text', { hasText: '⚠' }).count()).toBe(0);
    expect(warnings.filter((w) => w.includes('Warning'))).toEqual([]);
    await context.close();
  });

  it("8. a leader's drift page opens on a team it can show, not on a one-person team", async () => {
    const { context, page } = await as('e2e-lee');
    await page.goto(`${base}/drift`);
    await page.getByTestId('drift-table').waitFor(SLOW);
    expect(await page.locator('.drift-scope').textContent()).toBe('Riverside peer team');
    expect(await page.getByTestId('drift-hidden').count()).toBe(0);
    const aardvark = page.locator('#drift-who option', { hasText: 'Aardvark team' });
    expect(await aardvark.textContent()).toBe('Aardvark team (too few people to show)');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('9. at 390 px the menu folds behind a button (aria-expanded, keyboard, Escape) and leaves the first screen to the page', async () => {
    const { context, page } = await as('demo-alex', { width: 390, height: 844 });
    await page.goto(`${base}/documents`);
    await page.locator('h1').waitFor(SLOW);
    const button = page.getByRole('button', { name: 'Menu' });
    const nav = page.getByRole('navigation', { name: 'Main' });
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await button.getAttribute('aria-controls')).toBe('site-nav');
    expect(await nav.getByRole('link', { name: 'Drift over time' }).isVisible()).toBe(false);
    const header = await page.locator('header.site-header').boundingBox();
    expect(header!.height).toBeLessThan(844 * 0.25);
    const h1 = await page.locator('h1').boundingBox();
    expect(h1!.y).toBeLessThan(844 * 0.35);
    expect(await a11yProblems(page)).toEqual([]);

    // by keyboard: focus the button, open with Enter, reach a link, close with Escape
    await button.focus();
    await page.keyboard.press('Enter');
    expect(await button.getAttribute('aria-expanded')).toBe('true');
    await nav.getByRole('link', { name: 'Drift over time' }).waitFor({ state: 'visible', ...SLOW });
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.closest('nav')?.id)).toBe('site-nav');
    await page.keyboard.press('Escape');
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => document.activeElement?.classList.contains('menu-button'))).toBe(true);
    expect(await nav.getByRole('link', { name: 'Drift over time' }).isVisible()).toBe(false);
    // following a link closes it
    await button.click();
    await nav.getByRole('link', { name: 'Review a role' }).click();
    await page.locator('h1', { hasText: 'Review a role' }).waitFor(SLOW);
    expect(await button.getAttribute('aria-expanded')).toBe('false');
    await shot(page, 'issue13-mobile-menu');
    // on a wide screen there is no menu button: the links are all there
    await page.setViewportSize({ width: 1280, height: 900 });
    expect(await button.isVisible()).toBe(false);
    expect(await nav.getByRole('link', { name: 'Drift over time' }).isVisible()).toBe(true);
    await context.close();
  });

  it("9. at 390 px the role table's Why and What to try instead are on screen, each named", async () => {
    const { context, page } = await as('demo-alex', { width: 390, height: 844 });
    await page.goto(`${base}/roles`);
    await page
      .locator('#role-text')
      .fill(
        [
          'Peer Support Specialist',
          '- Facilitate weekly recovery groups',
          '- Drive participants to appointments',
          '- Complete psychiatric intake assessments',
        ].join('\n'),
      );
    const table = page.getByTestId('duty-table');
    await table.locator('tbody tr').first().waitFor(SLOW);
    const row = table.locator('tbody tr[data-label="clinical"]').first();
    for (const col of ['Why', 'What to try instead']) {
      const cell = row.locator(`td[data-col="${col}"]`);
      expect(await cell.isVisible()).toBe(true);
      const box = (await cell.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, `${col} ends at ${box.x + box.width}`).toBeLessThanOrEqual(390);
      // the column's name is shown with its cell
      expect(await cell.evaluate((td) => getComputedStyle(td, '::before').content)).toBe(`"${col}"`);
    }
    expect(await row.locator('td[data-col="What to try instead"]').textContent()).toContain('Leave intake assessment');
    // nothing to scroll sideways
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot(page, 'issue13-mobile-roles');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('8. with no team it can show, a leader is told why, and can still pick one (runs last: it empties the demo team)', async () => {
    await withDb(async (db) => {
      const d = db as unknown as { deleteFrom(t: string): { where(c: string, op: string, v: unknown): { execute(): Promise<unknown> } } };
      await d.deleteFrom('documents').where('kind', '=', 'note').execute();
      // the monthly rollups drift reads are kept with each note; deleting notes behind the server's back clears them too
      for (const t of ['drift_month_dimensions', 'drift_months']) await d.deleteFrom(t).where('notes', '>=', 0).execute();
    });
    const { context, page } = await as('e2e-lee');
    await page.goto(`${base}/drift`);
    const why = page.getByTestId('drift-nothing-shown');
    await why.waitFor(SLOW);
    expect(await why.textContent()).toContain('No team has a month in which 3 or more of its members wrote notes');
    expect(await page.locator('#drift-who').inputValue()).toBe('');
    expect(await page.getByTestId('drift-table').count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('called nothing outside its own server', () => {
    expect(outside).toEqual([]);
  });
});
