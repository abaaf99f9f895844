/**
 * Issue 13, item 11, in Chromium: what people expect of a writing checker. A finding can be
 * ignored in a note (undoable, left out of the counts, kept while the tab is open, following the
 * text as it is edited); an admin can allow a phrase for the whole organization (the allow list the
 * CLI's configuration uses, exported and imported as a .peerlensrc.json); findings can be shown by
 * category and grouped by rule; and why a sentence got its label can be read without a hover:
 * by keyboard, by touch, or stepping through the sentences.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, serverDist, startServer, type RunningServer } from './harness.js';

const SLOW = { timeout: 20_000, interval: 100 };

requireChromium('Browser tests of the checker (issue 13, item 11)');

const NOTE =
  'She is a frequent flyer at the drop-in. He is a frequent flyer too. Pt is noncompliant with meds. ' +
  'We walked to the library together because she wanted to look at job listings. Writer assessed client for symptoms of psychosis.';

interface Db {
  insertInto(table: string): { values(v: Record<string, unknown>): { execute(): Promise<unknown> } };
  selectFrom(table: string): {
    select(c: string): { where(c: string, op: string, v: unknown): { executeTakeFirstOrThrow(): Promise<{ id: string }> } };
  };
  destroy(): Promise<void>;
}

describe.skipIf(!haveChromium)('the checker, in Chromium (issue 13, item 11)', () => {
  let browser: Browser;
  let running: RunningServer | undefined;
  let base = '';
  const tokens: Record<string, string> = {};
  const outside: string[] = [];

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-checker-');
    base = running.base;
    const load = async (file: string): Promise<Record<string, unknown>> =>
      (await import(pathToFileURL(join(serverDist, file)).href)) as Record<string, unknown>;
    const { openDatabase } = (await load('db/database.js')) as { openDatabase(dir: string): Db };
    const { createSession } = (await load('auth/sessions.js')) as { createSession(db: Db, id: string): Promise<{ token: string }> };
    const db = openDatabase(running.dataDir);
    try {
      const team = await db.selectFrom('teams').select('id').where('name', '=', 'Riverside peer team').executeTakeFirstOrThrow();
      for (const [username, name, role] of [
        ['e2e-peer', 'Pat Peer', 'peer'],
        ['e2e-admin', 'Ada Admin', 'admin'],
      ] as const) {
        const id = randomUUID();
        await db
          .insertInto('users')
          .values({
            id,
            username,
            name,
            role,
            team_id: role === 'peer' ? team.id : null,
            password_hash: null,
            created_at: new Date().toISOString(),
            disabled_at: null,
          })
          .execute();
        tokens[username] = (await createSession(db, id)).token;
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

  async function as(username: string, options: BrowserContextOptions = {}): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: { width: 1280, height: 900 },
      locale: 'en-US',
      acceptDownloads: true,
      ...options,
    });
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

  async function write(page: Page, text: string): Promise<void> {
    await page.goto(`${base}/check`);
    await page.locator('.cm-content').click();
    await page.keyboard.insertText(text);
  }

  const title = (page: Page) => page.locator('#findings-title').textContent();
  const marks = (page: Page, words: string) => page.locator('.cm-lintRange', { hasText: words }).count();
  const items = (page: Page) => page.locator('[data-testid="findings"] > li');

  it('shows findings by category, and grouped by rule', async () => {
    const { context, page } = await as('e2e-peer');
    await write(page, NOTE);
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    const filter = page.getByLabel('Show', { exact: true });
    expect(await filter.locator('option').allTextContents()).toEqual(['Every category (5)', 'Language (3)', 'Perspective (3)', 'Role (0)']);
    await filter.selectOption('language');
    await expect.poll(() => items(page).count(), SLOW).toBe(3);
    expect(await page.getByTestId('findings-shown').textContent()).toBe('Showing 3 of 5: language only.');
    for (const kind of await items(page).locator('.finding-kind').allTextContents()) expect(kind).toMatch(/^Language · /);
    await filter.selectOption('perspective');
    // "noncompliant" is one finding with a language and a perspective reason: it counts in both
    await expect.poll(() => items(page).count(), SLOW).toBe(3);
    expect(await items(page).allTextContents()).toEqual([
      expect.stringContaining('“noncompliant”'),
      expect.stringContaining('“Writer assessed”'),
      expect.stringContaining('“symptoms of psychosis”'),
    ]);
    await filter.selectOption('role');
    await expect.poll(() => page.locator('main').textContent(), SLOW).toContain('No role findings in this note.');
    // the filter is for the list: the count and the underlines in the note stay
    expect(await title(page)).toBe('Findings (5)');
    expect(await marks(page, 'frequent flyer')).toBe(2);
    await filter.selectOption('all');

    await page.getByLabel('Group by rule').check();
    const groups = page.locator('[data-testid="finding-groups"] > li');
    await expect.poll(() => groups.count(), SLOW).toBe(4);
    const first = groups.first();
    expect(await first.locator('h3').textContent()).toBe('blame-frequent-flyer · Language · 2 findings');
    expect(await first.locator('li.finding').count()).toBe(2);
    expect(await groups.locator('li.finding').count()).toBe(5);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('ignores a finding in this note: out of the counts and the underlines, undoable, kept while the tab is open', async () => {
    const { context, page } = await as('e2e-peer');
    await write(page, NOTE);
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    const flyer = items(page).filter({ hasText: '“frequent flyer”' }).first();
    await flyer.getByRole('button', { name: 'Ignore “frequent flyer” in this note' }).click();
    await expect.poll(() => title(page), SLOW).toBe('Findings (4)');
    await expect.poll(() => marks(page, 'frequent flyer'), SLOW).toBe(1);
    expect(await page.getByLabel('Show', { exact: true }).locator('option').first().textContent()).toBe('Every category (4)');
    expect(await page.getByLabel('Show', { exact: true }).locator('option').nth(1).textContent()).toBe('Language (2)');
    // the keyboard is not lost: the notice's Undo has the focus
    expect(await page.getByTestId('finding-notice').textContent()).toContain('Ignored “frequent flyer” in this note.');
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent), SLOW).toBe('Undo');
    await page.keyboard.press('Enter');
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    await expect.poll(() => marks(page, 'frequent flyer'), SLOW).toBe(2);

    // ignore the second one; typing before it moves it, and it stays ignored
    await items(page)
      .filter({ hasText: '“frequent flyer”' })
      .nth(1)
      .getByRole('button', { name: /^Ignore/ })
      .click();
    await expect.poll(() => title(page), SLOW).toBe('Findings (4)');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+Home');
    await page.keyboard.insertText('Monday. ');
    await expect.poll(() => page.locator('.cm-content').textContent(), SLOW).toContain('Monday. She is');
    await page.waitForTimeout(600);
    await expect.poll(() => title(page), SLOW).toBe('Findings (4)');
    expect(await items(page).filter({ hasText: '“frequent flyer”' }).count()).toBe(1);
    // the one left is the first sentence's
    expect(await items(page).filter({ hasText: '“frequent flyer”' }).locator('.finding-kind').textContent()).toMatch(/line 1$/);

    // to another page of the app and back: the note and what was ignored in it are still there
    await page.getByRole('link', { name: 'Framework', exact: true }).click();
    await page.getByTestId('framework-table').waitFor(SLOW);
    await page.getByRole('link', { name: 'Check a note' }).first().click();
    await expect.poll(() => title(page), SLOW).toBe('Findings (4)');
    const ignored = page.getByTestId('ignored-findings');
    await ignored.locator('summary').click();
    expect(await ignored.locator('summary').textContent()).toBe('Ignored in this note (1)');
    await ignored.getByRole('button', { name: 'Show again “frequent flyer”' }).click();
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    expect(await page.getByTestId('ignored-findings').count()).toBe(0);
    // a peer is not offered the organization's allow list
    expect(await page.getByRole('button', { name: /Allow for the organization/ }).count()).toBe(0);
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('says why a sentence got its label for the sentence at the cursor: by keyboard, by touch, and step by step', async () => {
    const { context, page } = await as('e2e-peer', { hasTouch: true });
    await write(page, NOTE);
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    const panel = page.getByTestId('sentence-why');
    const label = page.getByTestId('sentence-why-label');
    // the keyboard: the cursor at the end of the note
    await page.keyboard.press('Control+End');
    await expect.poll(() => label.textContent(), SLOW).toBe('Sentence 5 of 5: Clinical');
    expect(await panel.locator('blockquote').textContent()).toBe('Writer assessed client for symptoms of psychosis.');
    const reasons = await panel.getByTestId('sentence-why-reasons').textContent();
    expect(reasons).toContain('“Writer assessed” points to clinical');
    expect(reasons).toContain('“symptoms of psychosis” points to clinical');
    await page.keyboard.press('Control+Home');
    await expect.poll(() => label.textContent(), SLOW).toBe('Sentence 1 of 5: Neutral');
    // step through with the buttons (keyboard or touch, no hover)
    await panel.getByRole('button', { name: 'Next sentence' }).click();
    await panel.getByRole('button', { name: 'Next sentence' }).click();
    await expect.poll(() => label.textContent(), SLOW).toBe('Sentence 3 of 5: Clinical');
    expect(await panel.locator('blockquote').textContent()).toBe('Pt is noncompliant with meds.');
    expect(await panel.getByTestId('sentence-why-reasons').textContent()).toContain('“Pt is noncompliant” points to clinical');
    // touch: a tap on a sentence, with the editor not focused (the buttons have the focus)
    await page.locator('.cm-line').tap({ position: { x: 5, y: 5 } });
    await expect.poll(() => label.textContent(), SLOW).toBe('Sentence 1 of 5: Neutral');
    // and a tap on the word "library", in the fourth sentence
    const library = await page.locator('.cm-content').evaluate((el) => {
      const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      while (walker.nextNode()) {
        const t = walker.currentNode as Text;
        const i = t.data.indexOf('library');
        if (i < 0) continue;
        const range = document.createRange();
        range.setStart(t, i + 2);
        range.setEnd(t, i + 3);
        const r = range.getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }
      return null;
    });
    expect(library).not.toBeNull();
    await page.touchscreen.tap(library?.x ?? 0, library?.y ?? 0);
    await expect.poll(() => label.textContent(), SLOW).toBe('Sentence 4 of 5: Peer');
    expect(await panel.getByTestId('sentence-why-reasons').textContent()).toContain('Words that weighed most:');
    expect(await a11yProblems(page)).toEqual([]);
    await context.close();
  });

  it('lets an admin allow a phrase for the organization, undo it, and move the list to and from a .peerlensrc.json', async () => {
    const { context, page } = await as('e2e-admin');
    await write(page, NOTE);
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    const flyer = items(page).filter({ hasText: '“frequent flyer”' }).first();
    await flyer.getByRole('button', { name: 'Allow for the organization…' }).click();
    await flyer.getByRole('button', { name: 'Allow “frequent flyer” for everyone' }).click();
    // both places go, in the list and in the note
    await expect.poll(() => title(page), SLOW).toBe('Findings (3)');
    await expect.poll(() => marks(page, 'frequent flyer'), SLOW).toBe(0);
    expect(await page.getByTestId('finding-notice').textContent()).toContain('“frequent flyer” is allowed for the organization');

    // everyone's checker applies it: a peer's, opened now
    const peer = await as('e2e-peer');
    await write(peer.page, NOTE);
    await expect.poll(() => title(peer.page), SLOW).toBe('Findings (3)');
    expect(await marks(peer.page, 'frequent flyer')).toBe(0);

    // undone from the notice, it is flagged again
    await page.getByTestId('finding-notice').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => title(page), SLOW).toBe('Findings (5)');
    await write(peer.page, NOTE);
    await expect.poll(() => title(peer.page), SLOW).toBe('Findings (5)');

    // the list on the Privacy page: add, download as the CLI's configuration, import one
    await page.goto(`${base}/settings`);
    const section = page.getByTestId('allow-list');
    await section.getByLabel('Allow a phrase').fill('frequent flyer');
    await section.getByRole('button', { name: 'Allow', exact: true }).click();
    await expect
      .poll(() => section.locator('.allow-list li').allTextContents(), SLOW)
      .toEqual(['“frequent flyer” Remove “frequent flyer”']);
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      section.getByRole('link', { name: 'Download for the command line (peerlensrc.json)' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('peerlensrc.json');
    const saved = (await download.path()) as string;
    expect(JSON.parse(readFileSync(saved, 'utf8'))).toEqual({ allow: ['frequent flyer'] });

    const rc = join(running?.dataDir ?? '', 'peerlensrc.json');
    writeFileSync(rc, JSON.stringify({ rules: { 'function-high-low': 'off' }, allow: ['frequent flyer', 'noncompliant'] }));
    await section.getByLabel('Import a configuration (.peerlensrc.json or package.json)').setInputFiles(rc);
    await expect
      .poll(() => section.getByRole('status').textContent(), SLOW)
      .toBe('Imported 2 allowed phrases from peerlensrc.json. Its other settings (rules) are for the command line and were not used.');
    expect(await section.locator('.allow-list li').count()).toBe(2);
    expect(await a11yProblems(page)).toEqual([]);

    // the peer's checker reads the imported list: neither phrase is flagged
    await write(peer.page, NOTE);
    await expect.poll(() => title(peer.page), SLOW).toBe('Findings (2)');
    expect(await items(peer.page).allTextContents()).toEqual([
      expect.stringContaining('“Writer assessed”'),
      expect.stringContaining('“symptoms of psychosis”'),
    ]);
    await section.getByRole('button', { name: 'Remove “noncompliant”' }).click();
    await section.getByRole('button', { name: 'Remove “frequent flyer”' }).click();
    await expect.poll(() => section.locator('.allow-list li').count(), SLOW).toBe(0);
    await peer.context.close();
    await context.close();
    expect(outside).toEqual([]);
  });
});
