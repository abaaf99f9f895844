/**
 * Issue 5's team pages in Chromium, against the built server with a throwaway data folder:
 * a card sort from two members and the team map, and a role conflict shown to a program leader.
 * Members and their sessions are made directly in that folder's database with the server's own
 * built modules; each member gets a browser context holding their session cookie.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 15_000 };
/** A folder: save a screenshot of each page there. */
const shots = process.env.PEERLENS_SCREENSHOTS;

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

requireChromium('Browser tests of the team pages');

/** The little of the server's built modules this test uses. */
interface Insertable {
  values(v: Record<string, unknown>): { execute(): Promise<unknown> };
}
interface Selectable {
  select(column: string): Selectable;
  where(column: string, op: string, value: unknown): Selectable;
  execute(): Promise<unknown[]>;
}
interface Db {
  insertInto(table: string): Insertable;
  selectFrom(table: string): Selectable;
  destroy(): Promise<void>;
}
interface ServerModules {
  openDatabase(dir: string): Db;
  createSession(db: Db, userId: string): Promise<{ token: string; csrf: string }>;
  newId(): string;
}

async function serverModules(): Promise<ServerModules> {
  const database = (await import(pathToFileURL(join(serverDist, 'db/database.js')).href)) as Pick<ServerModules, 'openDatabase'>;
  const sessions = (await import(pathToFileURL(join(serverDist, 'auth/sessions.js')).href)) as Pick<
    ServerModules,
    'createSession' | 'newId'
  >;
  return { ...database, ...sessions };
}

describe.skipIf(!haveChromium)('team pages in Chromium', () => {
  let browser: Browser;
  let base = '';
  let dataDir = '';
  let running: RunningServer | undefined;
  const tokens: Record<string, string> = {};
  const names: string[] = [];
  const outside: string[] = [];
  /** The program's active peer specialists: this test's two and the demo team's, which the server seeds on first start. */
  let programPeers = 0;

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-learn-');
    base = running.base;
    dataDir = running.dataDir;

    // The server has made and migrated the database; add a team and its members beside it.
    const mods = await serverModules();
    const db = mods.openDatabase(dataDir);
    const now = new Date().toISOString();
    const teamId = mods.newId();
    await db.insertInto('teams').values({ id: teamId, name: 'Riverside team', created_at: now }).execute();
    const people: [string, string, string | null][] = [
      ['sam', 'supervisor', teamId],
      ['ana', 'peer', teamId],
      ['ben', 'peer', teamId],
      ['lee', 'leader', null],
    ];
    for (const [username, role, team] of people) {
      const id = mods.newId();
      const name = `${username[0]!.toUpperCase()}${username.slice(1)} Example`;
      names.push(name);
      await db
        .insertInto('users')
        .values({ id, username, name, role, team_id: team, password_hash: null, created_at: now, disabled_at: null })
        .execute();
      tokens[username] = (await mods.createSession(db, id)).token;
    }
    programPeers = (await db.selectFrom('users').select('id').where('role', '=', 'peer').where('disabled_at', 'is', null).execute()).length;
    await db.destroy();
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  async function as(username: string): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    await context.addCookies([{ name: 'peerlens_session', value: tokens[username]!, url: base, httpOnly: true, sameSite: 'Strict' }]);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    return { context, page: await context.newPage() };
  }

  /** Places every card; `choose` picks the column from the statement id (`<dimension>:<column>`). */
  async function placeAll(page: Page, choose: (statementId: string) => 'Peer' | 'Shared (overlap)' | 'Clinical'): Promise<void> {
    const cards = page.getByTestId('sort-card');
    const n = await cards.count();
    expect(n).toBe(24);
    // The page does not show which column the chart gives a card; the test reads the ids from the API, in the member's order.
    const sortId = new URL(page.url()).searchParams.get('sort') ?? '';
    const detail = (await (await page.request.get(`${base}/api/card-sorts/${encodeURIComponent(sortId)}`)).json()) as {
      cards: { id: string }[];
    };
    for (let i = 0; i < n; i++) {
      const card = cards.nth(i);
      expect(await card.locator('input[type=radio]').first().getAttribute('name')).toBe(`card-${i + 1}`);
      const radio = card.getByLabel(choose(detail.cards[i]?.id ?? ''), { exact: true });
      await Promise.all([page.waitForResponse((r) => r.url().includes('/placements/') && r.request().method() === 'PUT'), radio.check()]);
    }
    await page.getByTestId('sort-progress').filter({ hasText: '24 of 24 placed' }).waitFor(SLOW);
  }

  let sortUrl = '';

  it('a supervisor opens a card sort for the team', async () => {
    const { context, page } = await as('sam');
    await page.goto(`${base}/learn`);
    expect(await page.locator('h1').textContent()).toBe('Team learning');
    expect(await page.title()).toBe('Team learning · PeerLens');
    await page.getByLabel('Title').fill('Riverside meeting');
    await page.getByRole('button', { name: 'Open the card sort' }).click();
    await page.getByTestId('sort-progress').waitFor(SLOW);
    sortUrl = new URL(page.url()).search;
    expect(sortUrl).toMatch(/^\?sort=.+&view=place$/);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('three members place the cards, with the keyboard too; progress is kept', async () => {
    // Ana reads every statement as peer work.
    const a = await as('ana');
    await a.page.goto(`${base}/learn`);
    await a.page.getByRole('link', { name: 'Place the cards' }).click();
    await a.page.getByTestId('sort-card').first().waitFor(SLOW);
    // The keyboard: Tab into the first card's radio group and arrow to the next choice.
    const first = a.page.getByTestId('sort-card').first().locator('input[type=radio]').first();
    await first.focus();
    await Promise.all([a.page.waitForResponse((r) => r.url().includes('/placements/')), a.page.keyboard.press('Space')]);
    await Promise.all([a.page.waitForResponse((r) => r.url().includes('/placements/')), a.page.keyboard.press('ArrowRight')]);
    expect(await a.page.getByTestId('sort-card').first().getByLabel('Shared (overlap)', { exact: true }).isChecked()).toBe(true);
    await placeAll(a.page, () => 'Peer');
    await shot(a.page, 'learn-place');
    expect(await a11yProblems(a.page)).toEqual([]);
    // Saved on the server: a fresh visit shows every card placed.
    await a.page.reload();
    await a.page.getByTestId('sort-progress').filter({ hasText: '24 of 24 placed' }).waitFor(SLOW);
    await a.context.close();

    // Ben places each statement where the chart does.
    const b = await as('ben');
    await b.page.goto(`${base}/learn${sortUrl}`);
    await b.page.getByTestId('sort-card').first().waitFor(SLOW);
    await placeAll(b.page, (id) => (id.endsWith(':peer') ? 'Peer' : id.endsWith(':overlap') ? 'Shared (overlap)' : 'Clinical'));
    await b.context.close();

    // Sam, their supervisor, too: a statement's counts show only once three have placed it.
    const c = await as('sam');
    await c.page.goto(`${base}/learn${sortUrl}`);
    await c.page.getByTestId('sort-card').first().waitFor(SLOW);
    await placeAll(c.page, (id) => (id.endsWith(':peer') ? 'Peer' : id.endsWith(':overlap') ? 'Shared (overlap)' : 'Clinical'));
    await c.context.close();
  });

  it('the team map shows where views differ, anonymously, with a chart, a table and a guide to print', async () => {
    const { context, page } = await as('sam');
    await page.goto(`${base}/learn${sortUrl.replace('view=place', 'view=map')}`);
    await page.getByTestId('map-table').waitFor(SLOW);
    expect(await page.getByTestId('map-participation').textContent()).toContain('3 of 3 members have taken part');
    await page.getByTestId('map-chart').locator('svg').first().waitFor(SLOW);
    // A statement all placed as peer: 3 peer; one the chart calls clinical: 1 peer, 2 clinical.
    const peerRow = page.locator('tr[data-statement="relationship:peer"] td');
    expect(await peerRow.nth(3).textContent()).toBe('3');
    const clinicalRow = page.locator('tr[data-statement="relationship:clinical"] td');
    expect(await clinicalRow.nth(2).textContent()).toBe('Clinical');
    expect(await clinicalRow.nth(3).textContent()).toBe('1');
    expect(await clinicalRow.nth(5).textContent()).toBe('2');
    expect(await clinicalRow.nth(6).textContent()).toBe('33%');
    // The guide takes statements placed apart, with questions and the framework's view and source.
    const guide = page.getByTestId('guide');
    const items = guide.locator('.guide-item');
    expect(await items.count()).toBe(5);
    const firstItem = (await items.first().textContent()) ?? '';
    expect(firstItem).toContain('Questions for the meeting');
    expect(firstItem).toContain('What the framework says');
    expect(firstItem).toContain('Source:');
    expect(await items.first().getAttribute('data-statement')).not.toMatch(/:peer$/);
    // Nobody's name is on the map.
    const text = (await page.locator('main').textContent()) ?? '';
    for (const n of names) expect(text).not.toContain(n);
    expect(await a11yProblems(page)).toEqual([]);
    await shot(page, 'learn-map');
    // The printed page leaves out the buttons and links for moving around.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('button', { name: 'Print the guide' }).isVisible()).toBe(false);
    expect(await guide.isVisible()).toBe(true);
    await shot(page, 'learn-print');
    await context.close();
  });

  it('a program leader sees a role conflict given to peers, with the reason and a suggestion', async () => {
    const { context, page } = await as('lee');
    await page.goto(`${base}/role-design`);
    expect(await page.locator('h1').textContent()).toBe('Role design');
    await page
      .getByLabel('Tasks, one a line', { exact: false })
      .fill(
        [
          '- Share lived experience to build hope',
          '- Serve as representative payee for members',
          '- Co-facilitate the recovery group',
        ].join('\n'),
      );
    await page.getByRole('button', { name: 'Add and label the tasks' }).click();
    await page.getByTestId('tasks-table').waitFor(SLOW);
    const flagged = page.getByTestId('flagged-task');
    await flagged.first().waitFor(SLOW);
    expect(await flagged.count()).toBe(1);
    const card = (await flagged.first().textContent()) ?? '';
    expect(card).toContain('Serve as representative payee for members');
    expect(card).toContain('Conflict');
    expect(card).toContain('Why:');
    expect(card).toContain('Try instead:');
    expect(await page.getByTestId('task-summary').textContent()).toBe('1 of 3 peer tasks to rethink: 1 conflict.');
    expect(await page.locator('tr[data-label="conflict"] .badge').textContent()).toBe('Conflict');
    await shot(page, 'role-design');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('a peer cannot reach the task lists, and keeps their own certification with a reminder', async () => {
    const { context, page } = await as('ana');
    await page.goto(`${base}/role-design`);
    await page.getByTestId('role-design-peer').waitFor(SLOW);
    await page.goto(`${base}/training`);
    await page.getByLabel('State').fill('Ohio');
    await page.getByLabel('Number').fill('PS-42');
    const soon = new Date(Date.now() + 20 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Expires on').fill(soon);
    await page.getByRole('button', { name: 'Add the certification' }).click();
    await page
      .getByTestId('certification')
      .filter({ hasText: `expires on ${soon}` })
      .waitFor(SLOW);
    expect(await page.getByTestId('reminders').textContent()).toContain('Expires soon');
    await shot(page, 'training');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it("a supervisor sees the team's reminders; a leader sees counts without names", async () => {
    const sam = await as('sam');
    await sam.page.goto(`${base}/training`);
    await sam.page.getByTestId('team-training').first().waitFor(SLOW);
    expect(await sam.page.getByTestId('reminders').textContent()).toContain('Expires soon: Ana Example.');
    expect(await a11yProblems(sam.page)).toEqual([]);
    await sam.context.close();
    const lee = await as('lee');
    await lee.page.goto(`${base}/training`);
    const program = lee.page.getByTestId('program-training');
    await program.getByTestId('program-counts').waitFor(SLOW);
    expect(programPeers).toBeGreaterThanOrEqual(2);
    // one peer has a record: counts of fewer than 3 people are not shown to a leader
    expect(await program.getByTestId('program-counts').textContent()).toMatch(
      new RegExp(`Fewer than 3 of the program’s ${programPeers} peer specialists have a certification or training on record`),
    );
    expect(await program.locator('table').count()).toBe(0);
    expect((await lee.page.locator('main').textContent()) ?? '').not.toContain('Ana Example');
    expect(await a11yProblems(lee.page)).toEqual([]);
    await lee.context.close();
  });

  it('called nothing outside its own server', () => {
    expect(outside).toEqual([]);
  });
});
