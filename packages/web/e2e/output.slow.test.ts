/**
 * Issue 13, "Output that misleads", in Chromium: suggestions that stand in for exactly the
 * flagged words (advice shown, never inserted), one finding per place in the text, a role review
 * that counts only duties and counts clinical duties to rethink, and a drift page that says when
 * there is too little to judge and quotes the months of its table. Members are signed in by a
 * session made in the server's database; notes with past dates are saved the same way.
 */
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000, interval: 100 };
const shots = process.env.PEERLENS_SCREENSHOTS;

requireChromium('Browser tests of what PeerLens says (issue 13)');

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

/** The little of the server's built modules this test uses. */
interface Query {
  select(columns: string | string[]): Query;
  where(column: string, op: string, value: unknown): Query;
  executeTakeFirstOrThrow(): Promise<{ id: string }>;
}
interface Db {
  insertInto(table: string): { values(v: Record<string, unknown>): { execute(): Promise<unknown> } };
  selectFrom(table: string): Query;
  destroy(): Promise<void>;
}
interface ServerModules {
  openDatabase(dir: string): Db;
  createSession(db: Db, userId: string): Promise<{ token: string; csrf: string }>;
  newId(): string;
  insertDocument(
    db: Db,
    input: { title: string; kind: 'note' | 'role'; text: string; writtenAt?: string },
    at?: Date,
    options?: { authorId?: string | null; teamId?: string | null },
  ): Promise<unknown>;
}

async function serverModules(): Promise<ServerModules> {
  const load = async (file: string): Promise<Record<string, unknown>> =>
    (await import(pathToFileURL(join(serverDist, file)).href)) as Record<string, unknown>;
  return {
    ...(await load('db/database.js')),
    ...(await load('auth/sessions.js')),
    ...(await load('features/documents/service.js')),
  } as unknown as ServerModules;
}

async function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').evaluate((el) =>
    [...el.querySelectorAll('.cm-line')]
      .map((l) => {
        const copy = l.cloneNode(true) as HTMLElement;
        copy.querySelectorAll('.pl-tag, .cm-widgetBuffer, .cm-placeholder').forEach((t) => t.remove());
        return copy.textContent ?? '';
      })
      .join('\n'),
  );
}

/** A month `back` months before this one, as YYYY-MM-DD (the 10th). */
function monthsAgo(back: number): string {
  const now = new Date();
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 10));
  return d.toISOString().slice(0, 10);
}

const PEER = [
  'I shared my own story of recovery with her, and she chose what we would work on.',
  'We walked to the library together because she wanted to look at job listings.',
  'She decided to call the housing office herself, and I sat beside her.',
];
const CLINICAL = [
  'Pt presents with flat affect and denies SI/HI.',
  'Writer assessed client for symptoms of psychosis.',
  'Client was oriented x3 and compliant with medication regimen.',
];

describe.skipIf(!haveChromium)('what PeerLens says, in Chromium (issue 13, items 1–4)', () => {
  let browser: Browser;
  let running: RunningServer | undefined;
  let base = '';
  const tokens: Record<string, string> = {};
  const outside: string[] = [];

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-output-');
    base = running.base;
    const mods = await serverModules();
    const db = mods.openDatabase(running.dataDir);
    try {
      const now = new Date().toISOString();
      const team = await db.selectFrom('teams').select('id').where('name', '=', 'Riverside peer team').executeTakeFirstOrThrow();
      const add = async (username: string, name: string, role: string, teamId: string | null): Promise<string> => {
        const id = mods.newId();
        await db
          .insertInto('users')
          .values({ id, username, name, role, team_id: teamId, password_hash: null, created_at: now, disabled_at: null })
          .execute();
        tokens[username] = (await mods.createSession(db, id)).token;
        return id;
      };
      await add('e2e-writer', 'Wren Writer', 'peer', team.id);
      await add('e2e-leader', 'Lane Leader', 'leader', null);
      const jordan = await db.selectFrom('users').select('id').where('username', '=', 'demo-jordan').executeTakeFirstOrThrow();
      tokens['demo-jordan'] = (await mods.createSession(db, jordan.id)).token;
      // A peer with sparse months: mostly peer five months ago, half and half four months ago, all clinical last month.
      const sparse = await add('e2e-sparse', 'Sky Sparse', 'peer', team.id);
      const notes: [number, string[]][] = [
        [5, [PEER[0]!, PEER[1]!, PEER[2]!, CLINICAL[0]!]],
        [4, [PEER[0]!, PEER[2]!, CLINICAL[1]!, CLINICAL[2]!]],
        [1, [CLINICAL[0]!, CLINICAL[1]!, CLINICAL[2]!]],
      ];
      for (const [back, sentences] of notes)
        await mods.insertDocument(
          db,
          { title: `Visit ${back}`, kind: 'note', text: sentences.join(' '), writtenAt: monthsAgo(back) },
          new Date(),
          { authorId: sparse, teamId: team.id },
        );
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
    await context.addCookies([{ name: 'peerlens_session', value: tokens[username]!, url: base, httpOnly: true, sameSite: 'Strict' }]);
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      outside.push(url);
      return route.abort();
    });
    return { context, page: await context.newPage() };
  }

  /** The quick-fix actions of the finding on `words`, read from its hover. */
  async function actionsOn(page: Page, words: string): Promise<{ actions: string[]; tip: string }> {
    const mark = page.locator('.cm-lintRange', { hasText: words }).first();
    await mark.waitFor(SLOW);
    await page.mouse.move(0, 0);
    await mark.hover();
    const tip = page.locator('.cm-tooltip-lint');
    await tip.waitFor(SLOW);
    await expect.poll(async () => (await tip.textContent()) ?? '', SLOW).toContain('Why:');
    const actions = await tip.locator('.cm-diagnosticAction').allTextContents();
    return { actions, tip: (await tip.textContent()) ?? '' };
  }

  it('1. offers only replacements that fit the flagged words; advice is shown, never inserted', async () => {
    const { context, page } = await as('e2e-writer');
    await page.goto(`${base}/check`);
    await page.locator('.cm-content').click();
    await page.keyboard.insertText('Pt is a 34 yo male. He refuses groups most days. She is a frequent flyer at the drop-in.');
    // "refuses groups" keeps its groups: no "declined the medication"
    const refuses = await actionsOn(page, 'refuses groups');
    expect(refuses.actions).toEqual(['Use “declines groups”']);
    expect(refuses.tip).toContain('Instead: Record the decision as the person’s');
    // "frequent flyer" at a drop-in says nothing about an emergency department
    const flyer = await actionsOn(page, 'frequent flyer');
    expect(flyer.actions).toEqual(['Use “frequent visitor”']);
    expect(flyer.tip).not.toMatch(/emergency department/);
    // the opening of a clinical case presentation gets advice, and no action that would insert it
    const opening = await actionsOn(page, 'Pt is a 34');
    expect(opening.actions).toEqual([]);
    expect(opening.tip).toContain('Instead:');
    // the side panel offers the same buttons and shows the advice as text
    const panel = page.getByTestId('findings');
    expect(await panel.getByRole('button', { name: /^Use / }).allTextContents()).toEqual([
      'Use “declines groups”',
      'Use “frequent visitor”',
    ]);
    expect(await panel.getByTestId('finding-hint').count()).toBeGreaterThanOrEqual(3);
    await shot(page, 'issue13-replacements');
    expect(await a11yProblems(page)).toEqual([]);
    // accepting every replacement changes only the flagged words
    await panel.getByRole('button', { name: 'Use “declines groups”' }).click();
    await expect
      .poll(() => editorText(page), SLOW)
      .toBe('Pt is a 34 yo male. He declines groups most days. She is a frequent flyer at the drop-in.');
    // the panel reads the changed note before the next replacement is offered at its new place
    await expect.poll(() => panel.getByRole('button', { name: 'Use “declines groups”' }).count(), SLOW).toBe(0);
    await panel.getByRole('button', { name: 'Use “frequent visitor”' }).click();
    await expect
      .poll(() => editorText(page), SLOW)
      .toBe('Pt is a 34 yo male. He declines groups most days. She is a frequent visitor at the drop-in.');
    await expect.poll(() => page.locator('.cm-lintRange', { hasText: 'declines groups' }).count(), SLOW).toBe(0);
    await context.close();
  });

  it('2. one finding per place: "med compliance" is one finding carrying both reasons, and the count follows', async () => {
    const { context, page } = await as('e2e-writer');
    await page.goto(`${base}/check`);
    await page.locator('.cm-content').click();
    await page.keyboard.insertText('We discussed med compliance. Pt is noncompliant with meds.');
    await expect.poll(() => page.locator('#findings-title').textContent(), SLOW).toBe('Findings (2)');
    expect(await page.locator('.cm-lintRange', { hasText: 'med compliance' }).count()).toBe(1);
    const items = page.locator('[data-testid="findings"] > li');
    expect(await items.count()).toBe(2);
    const first = (await items.nth(0).textContent()) ?? '';
    expect(first).toContain('“med compliance”');
    expect(first).toMatch(/Also \(perspective\): /);
    expect(await items.nth(1).getByTestId('finding-also').count()).toBe(1);
    await context.close();
  });

  const POSTING = [
    'Peer Support Specialist',
    'Position summary: The Peer Support Specialist provides recovery support to adults in our outpatient program.',
    'Responsibilities',
    '- Complete psychiatric intake assessments',
    '- Share lived experience to build hope',
    '- Answer phones at the front desk',
    'Qualifications',
    '- High school diploma or GED required',
    '- Two years of lived experience of recovery',
    'Pay: $18.50 per hour. Full time, 40 hours a week.',
  ].join('\n');

  it('3. the role table leaves the summary, qualifications, pay and hours out, and counts a clinical duty with what to try instead', async () => {
    const { context, page } = await as('e2e-writer');
    await page.goto(`${base}/roles`);
    await page.locator('#role-text').fill(POSTING);
    await page.getByTestId('duty-table').waitFor(SLOW);
    await expect
      .poll(() => page.getByTestId('role-summary').textContent(), SLOW)
      .toBe(
        '2 of 3 duties to rethink: 1 errand and 1 clinical duty. Not counted: 5 lines that are not duties (summary, qualifications, pay, hours).',
      );
    const notDuties = page.locator('[data-testid="duty-table"] tbody tr[data-label="not-duty"]');
    expect(await notDuties.count()).toBe(5);
    expect(await notDuties.nth(1).textContent()).toContain('High school diploma or GED required');
    expect(await notDuties.nth(1).textContent()).toContain('Not a duty');
    const intake = page.locator('[data-testid="duty-table"] tbody tr[data-label="clinical"]', { hasText: 'intake assessments' });
    expect(await intake.locator('td').nth(4).textContent()).toContain('Leave intake assessment to clinical or intake staff.');
    await shot(page, 'issue13-roles');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('3. role design lists a clinical duty to rethink, and keeps the lines that are not tasks out of the count', async () => {
    const { context, page } = await as('e2e-leader');
    await page.goto(`${base}/role-design`);
    await page.getByLabel('Tasks, one a line', { exact: false }).fill(POSTING);
    await page.getByRole('button', { name: 'Add and label the tasks' }).click();
    await page.getByTestId('tasks-table').waitFor(SLOW);
    await expect
      .poll(() => page.getByTestId('task-summary').textContent(), SLOW)
      .toBe('2 of 3 peer tasks to rethink: 1 errand and 1 clinical duty. Not counted: 4 lines that are not duties.');
    const flagged = await page.getByTestId('flagged-task').allTextContents();
    expect(flagged.some((t) => t.includes('Complete psychiatric intake assessments') && t.includes('Try instead:'))).toBe(true);
    expect(flagged.some((t) => t.includes('diploma'))).toBe(false);
    expect(await page.locator('[data-testid="tasks-table"] tr[data-label="not-duty"]').count()).toBe(7);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('4. drift says "not enough notes to judge yet" and what is needed, for a peer with sparse months', async () => {
    const { context, page } = await as('e2e-sparse');
    await page.goto(`${base}/drift`);
    const signal = page.getByTestId('drift-signal');
    await expect.poll(() => signal.locator('h2').textContent(), SLOW).toBe('Not enough notes to judge yet');
    expect(await signal.getAttribute('data-status')).toBe('too-little');
    expect(await page.getByTestId('drift-needed').textContent()).toBe(
      'The drift signal needs at least 4 of the last 6 months with notes to have 20 or more sentences each; none of the 3 months with notes has that many yet.',
    );
    const text = (await signal.textContent()) ?? '';
    expect(text).not.toMatch(/held steady|No drift signal/);
    // the shares it quotes are the table's
    const quoted = [...text.matchAll(/(\d+)% in (\w+) (\d{4})/g)].map((m) => [m[2]!.slice(0, 3) + ' ' + m[3]!, `${m[1]}%`]);
    expect(quoted.length).toBeGreaterThanOrEqual(2);
    const rows = await page
      .locator('[data-testid="drift-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
    for (const [month, share] of quoted) {
      const row = rows.find((r) => r[0] === month);
      expect(row, month).toBeDefined();
      expect(row!.slice(3), month).toContain(share);
    }
    await shot(page, 'issue13-drift-too-little');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it("4. the demo peer's signal quotes the table's months and calls the fitted line the trend", async () => {
    const { context, page } = await as('demo-jordan');
    await page.goto(`${base}/drift`);
    const picker = page.locator('#drift-who');
    await picker.waitFor(SLOW);
    await picker.selectOption({ label: 'Alex Rivera' });
    const signal = page.getByTestId('drift-signal');
    await expect.poll(() => signal.locator('h2').textContent(), SLOW).toBe('Something to talk about together');
    const message = (await signal.locator('p').first().textContent()) ?? '';
    expect(message).toMatch(/the trend over these \d months (rises|falls) by about \d+ points? a month/);
    expect(message).not.toMatch(/\babout \d+%/);
    const quoted = [...message.matchAll(/(\d+)% in (\w+) (\d{4})/g)];
    const rows = await page
      .locator('[data-testid="drift-table"] tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => c.textContent ?? '')));
    for (const m of quoted) {
      const row = rows.find((r) => r[0] === `${m[2]!.slice(0, 3)} ${m[3]}`);
      expect(row).toBeDefined();
      expect(row!.slice(3)).toContain(`${m[1]}%`);
    }
    await context.close();
  });

  it('called nothing outside its own server', () => {
    expect(outside).toEqual([]);
  });
});
