/**
 * History import and drift over time in Chromium (issue 5): a peer imports a CSV of a year of
 * notes and sees the monthly chart with 12 months; the supervisor of the demo team sees the
 * drift signal of the demo peer whose notes drift. Members are signed in by creating a session
 * in the server's database (the built auth/sessions.js) and giving the browser its cookie.
 */
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000, interval: 100 };

requireChromium('Drift browser tests');

/** A year of notes, one CSV: 12 months before this one, 8 notes a month, a few sentences each. */
export function yearOfNotesCsv(now = new Date()): string {
  const sentences = [
    'We met at the library and she chose what to work on.',
    'I shared how I found my first job after a hard year, and she asked questions.',
    'She decided to call the housing office herself.',
    'We talked about her progress on her goals this month.',
    'Client presents with depressed mood.',
    'We met on Tuesday afternoon.',
  ];
  const lines = ['date,note'];
  for (let i = 0; i < 12; i++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 12 + i, 1));
    const ym = `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
    for (let k = 0; k < 8; k++) {
      const text = [0, 1, 2].map((j) => sentences[(i + k + j * 2) % sentences.length]).join(' ');
      lines.push(`${ym}-${String(k * 3 + 1).padStart(2, '0')},"${text} (visit ${i}-${k})"`);
    }
  }
  return `${lines.join('\n')}\n`;
}

describe.skipIf(!haveChromium)('history import and drift in Chromium', () => {
  let browser: Browser;
  let base = '';
  let dataDir = '';
  let running: RunningServer | undefined;
  const outside: string[] = [];

  async function signedIn(username: string): Promise<BrowserContext> {
    const { openDatabase } = (await import(
      pathToFileURL(join(serverDist, 'db/database.js')).href
    )) as typeof import('../../server/src/db/database.js');
    const { createSession } = (await import(
      pathToFileURL(join(serverDist, 'auth/sessions.js')).href
    )) as typeof import('../../server/src/auth/sessions.js');
    const db = openDatabase(dataDir);
    try {
      const user = await db.selectFrom('users').select('id').where('username', '=', username).executeTakeFirstOrThrow();
      const { token } = await createSession(db, user.id);
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      await context.addCookies([{ name: 'peerlens_session', value: token, url: base, httpOnly: true, sameSite: 'Strict' }]);
      await context.route('**/*', (route) => (route.request().url().startsWith(base) ? route.continue() : route.abort()));
      context.on('request', (r) => {
        if (!r.url().startsWith(base) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) outside.push(r.url());
      });
      return context;
    } finally {
      await db.destroy();
    }
  }

  async function addMember(username: string, name: string, role: 'peer' | 'leader'): Promise<void> {
    const { openDatabase } = (await import(
      pathToFileURL(join(serverDist, 'db/database.js')).href
    )) as typeof import('../../server/src/db/database.js');
    const db = openDatabase(dataDir);
    try {
      const team = await db.selectFrom('teams').select('id').where('name', '=', 'Riverside peer team').executeTakeFirstOrThrow();
      await db
        .insertInto('users')
        .values({
          id: randomUUID(),
          username,
          name,
          role,
          team_id: role === 'peer' ? team.id : null,
          password_hash: null,
          created_at: new Date().toISOString(),
          disabled_at: null,
        })
        .execute();
    } finally {
      await db.destroy();
    }
  }

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-drift-');
    base = running.base;
    dataDir = running.dataDir;
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('prints the demo sign-in line once, and the API names the demo sign-ins without a password', async () => {
    expect(running?.output()).toMatch(
      /^Demo workspace \(Riverside peer team: made-up people and notes\)\. Its 4 accounts all use the password [\w-]+$/m,
    );
    const demo = (await (await fetch(`${base}/api/demo`)).json()) as { demoLogins: { username: string }[] };
    expect(demo.demoLogins.map((d) => d.username)).toContain('demo-alex');
  });

  it('imports a CSV of a year of notes and shows the monthly chart with 12 months', async () => {
    await addMember('e2e-sam', 'Sam Import', 'peer');
    const context = await signedIn('e2e-sam');
    const page = await context.newPage();
    const file = join(dataDir, 'year-of-notes.csv');
    writeFileSync(file, yearOfNotesCsv());
    await page.goto(`${base}/import`);
    expect(await page.locator('h1').textContent()).toBe('Import past notes');
    await page.setInputFiles('#import-file', file);
    await page.getByTestId('import-preview').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="import-preview"] tbody tr').count()).toBe(10);
    expect(await page.locator('#map-text').inputValue()).toBe('note');
    expect(await page.locator('#map-date').inputValue()).toBe('date');
    await page.getByRole('button', { name: 'Import these notes' }).click();
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), SLOW)
      .toMatch(/^Done: 96 kept, 0 already saved before, 0 left out\./);
    if (process.env.PEERLENS_SCREENSHOTS)
      await page.screenshot({ path: join(process.env.PEERLENS_SCREENSHOTS, 'import-done.png'), fullPage: true });
    const bar = page.getByRole('progressbar');
    expect(await bar.getAttribute('aria-valuenow')).toBe('100');
    expect(await a11yProblems(page)).toEqual([]);

    await page.getByRole('link', { name: 'See how the notes change month by month' }).click();
    await page.getByTestId('drift-table').waitFor({ timeout: 15_000 });
    expect(await page.locator('[data-testid="drift-table"] tbody tr').count()).toBe(12);
    expect(await page.locator('[data-testid="shares-chart"] svg').count()).toBeGreaterThan(0);
    expect(await page.locator('.drift-scope').textContent()).toBe('Sam Import');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it("shows the demo peer's drift signal, with the sentences behind it, to the supervisor", async () => {
    const context = await signedIn('demo-jordan');
    const page = await context.newPage();
    await page.goto(`${base}/drift`);
    const picker = page.locator('#drift-who');
    await picker.waitFor({ timeout: 15_000 });
    await picker.selectOption({ label: 'Alex Rivera' });
    const signal = page.getByTestId('drift-signal');
    await expect.poll(() => signal.locator('h2').textContent(), SLOW).toBe('Something to talk about together');
    expect(await signal.textContent()).toContain('invitation to talk');
    expect(await signal.locator('.signal-sentences li').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="drift-table"] tbody tr').count()).toBe(12);
    expect(await a11yProblems(page)).toEqual([]);
    if (process.env.PEERLENS_SCREENSHOTS)
      await page.screenshot({ path: join(process.env.PEERLENS_SCREENSHOTS, 'drift-signal.png'), fullPage: true });
    // a steady peer: no signal
    await picker.selectOption({ label: 'Casey Morgan' });
    await expect.poll(() => signal.locator('h2').textContent(), SLOW).toBe('No drift signal');
    await context.close();
  });

  it('lets a supervisor import notes for a team member, mapping the author column, with bad rows reported by line', async () => {
    const context = await signedIn('demo-jordan');
    const page = await context.newPage();
    const file = join(dataDir, 'team-notes.csv');
    writeFileSync(
      file,
      'staff,date,note\nCasey,2026-01-05,She chose the park for our walk today.\nSomeone Else,2026-01-06,We planned her week.\nCasey,someday,We talked.\nCasey,2026-01-07,She decided to call her sister herself.\n',
    );
    await page.goto(`${base}/import`);
    await page.setInputFiles('#import-file', file);
    await page.getByTestId('import-preview').waitFor({ timeout: 15_000 });
    expect(await page.locator('#map-author').inputValue()).toBe('staff');
    // "Casey" is matched to Casey Morgan by first name; "Someone Else" is left out
    expect(await page.getByLabel('Casey', { exact: true }).locator('option:checked').textContent()).toBe('Casey Morgan');
    await page.getByRole('button', { name: 'Import these notes' }).click();
    await expect
      .poll(() => page.getByTestId('import-status').textContent(), SLOW)
      .toMatch(/^Done: 2 kept, 0 already saved before, 2 left out\./);
    const problems = await page.locator('[data-testid="import-problems"] tbody tr').allTextContents();
    expect(problems).toEqual(['3the author is not matched to a member', '4the date cannot be read (use YYYY-MM-DD)']);
    expect(await a11yProblems(page)).toEqual([]);
    // the import is listed; deleting it with its notes removes both
    const list = page.getByTestId('import-list');
    await expect.poll(() => list.textContent(), SLOW).toContain('team-notes.csv');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete team-notes.csv and its notes' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), SLOW).toBe('Deleted the import of team-notes.csv and 2 notes.');
    await expect.poll(async () => (await page.locator('main').textContent())?.includes('Delete team-notes.csv'), SLOW).toBe(false);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('gives a program leader the team figures without anyone’s sentences', async () => {
    await addMember('e2e-lee', 'Lee Leader', 'leader');
    const context = await signedIn('e2e-lee');
    const page = await context.newPage();
    await page.goto(`${base}/drift`);
    await page.getByTestId('drift-table').waitFor({ timeout: 15_000 });
    expect(await page.locator('.drift-scope').textContent()).toBe('Riverside peer team');
    expect(await page.locator('[data-testid="drift-table"] tbody tr').count()).toBe(12);
    expect(await page.locator('.signal-sentences').count()).toBe(0);
    expect(await page.locator('a[href^="/documents/"]').count()).toBe(0);
    expect(await page.getByText('Reflections').count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
    expect(outside).toEqual([]);
  });
});
