/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core, against the built
 * server on a free port with a throwaway data folder. Builds nothing itself (`npm test` builds first).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../../..');
const serverMain = join(root, 'packages/server/dist/main.js');
const docxFixture = join(root, 'packages/cli/test/fixtures/jobs/peer-specialist.docx');
const scannedFixture = join(root, 'packages/cli/test/fixtures/jobs/scanned.pdf');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const haveChromium = existsSync(chromiumPath);
const shots = process.env.PEERLENS_SCREENSHOTS;
/** CI has two cores shared with other test files: give the page time. */
const SLOW = { timeout: 15_000, interval: 100 }; // a folder: save a screenshot of each page there

if (!haveChromium) {
  const msg = `\n${'!'.repeat(78)}\n!! Browser tests of packages/web: no Chromium at ${chromiumPath} (set CHROMIUM_PATH).\n!! ${
    process.env.CI ? 'CI is set, so this FAILS.' : 'SKIPPING them. Install it with: apt-get install chromium'
  }\n${'!'.repeat(78)}\n`;
  console.warn(msg);
  if (process.env.CI) {
    describe('browser', () => {
      it('has Chromium', () => {
        expect.fail(`Chromium is missing at ${chromiumPath}`);
      });
    });
  }
}

function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const s = createServer();
    s.once('error', rej);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      s.close(() => res(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const until = Date.now() + 30_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`The server stopped (exit ${child.exitCode}):\n${log()}`);
    try {
      const res = await fetch(`${base}/api/health`);
      if (res.ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`The server did not answer /api/health in time:\n${log()}`);
}

async function editorText(page: Page): Promise<string> {
  return page.locator('.cm-content').evaluate((el) => {
    const lines = [...el.querySelectorAll('.cm-line')].map((l) => {
      const copy = l.cloneNode(true) as HTMLElement;
      copy.querySelectorAll('.pl-tag, .cm-widgetBuffer, .cm-placeholder').forEach((t) => t.remove());
      return copy.textContent ?? '';
    });
    return lines.join('\n');
  });
}

async function shot(page: Page, name: string): Promise<void> {
  if (shots) await page.screenshot({ path: join(shots, `${name}.png`), fullPage: true });
}

describe.skipIf(!haveChromium)('PeerLens pages in Chromium', () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let base = '';
  let dataDir = '';
  let output = '';
  const outside: string[] = [];

  beforeAll(async () => {
    if (!existsSync(serverMain)) throw new Error(`Build first: ${serverMain} is missing (npm run build).`);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    dataDir = mkdtempSync(join(tmpdir(), 'peerlens-e2e-'));
    server = spawn(process.execPath, [serverMain], {
      cwd: root,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    await waitForHealth(base, server, () => output);
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
    // Private by construction: the pages call nothing but their own server.
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(base) || url.startsWith('blob:') || url.startsWith('data:')) return route.continue();
      return route.abort();
    });
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(base) && !url.startsWith('blob:') && !url.startsWith('data:')) outside.push(url);
    });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      server.kill('SIGTERM');
      await new Promise((r) => server.once('exit', r));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('checks a note as it is typed and marks the right words', async () => {
    const apiCalls: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/')) apiCalls.push(r.url());
    });
    await page.goto(`${base}/check`);
    expect(await page.locator('h1').textContent()).toBe('Check a note');
    expect(await page.title()).toBe('Check a note · PeerLens');
    await page.locator('.cm-content').click();
    await page.keyboard.insertText('I shared my own story of recovery with her. She is a schizophrenic and we talked about her garden.');
    const mark = page.locator('.cm-lintRange', { hasText: 'schizophrenic' }).first();
    await mark.waitFor({ timeout: 10_000 });
    expect((await mark.textContent())?.trim()).toBe('schizophrenic');
    // Hovering shows the message, why and the source.
    await mark.hover();
    const tip = page.locator('.cm-tooltip-lint');
    await tip.waitFor();
    const tipText = (await tip.textContent()) ?? '';
    expect(tipText).toContain('names the person by a diagnosis');
    expect(tipText).toContain('Why:');
    expect(tipText).toContain('Source:');
    expect(await tip.locator('a[href="/framework#language"]').count()).toBe(1);
    await shot(page, 'check-hover');
    expect(await a11yProblems(page)).toEqual([]);
    // Nothing was sent while the note was typed and checked.
    expect(apiCalls.filter((u) => !u.endsWith('/api/health'))).toEqual([]);
  });

  it('applies a suggestion only when a person clicks it', async () => {
    const before = await editorText(page);
    expect(before).toContain('She is a schizophrenic and');
    const tip = page.locator('.cm-tooltip-lint');
    const action = tip.locator('.cm-diagnosticAction', { hasText: 'person who lives with schizophrenia' });
    await action.click();
    await expect.poll(() => editorText(page), SLOW).toContain('She is a person who lives with schizophrenia and');
    await expect.poll(() => page.locator('.cm-lintRange', { hasText: 'schizophrenic' }).count(), SLOW).toBe(0);
    // Ctrl+Z takes the suggestion back.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(page), SLOW).toContain('She is a schizophrenic and');
    await page.keyboard.press('Control+y');
    await expect.poll(() => editorText(page), SLOW).toContain('person who lives with schizophrenia');
  });

  it('updates the perspective profile and shades sentences by label', async () => {
    const sentence = page.getByTestId('profile-sentence');
    const clinicalCell = page.locator('[data-testid="profile-table"] tr[data-label="clinical"] td').first();
    await expect.poll(() => sentence.textContent(), SLOW).toMatch(/^2 sentences/);
    expect(await clinicalCell.textContent()).toBe('0');
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' Assessed patient for symptoms of psychosis.');
    await expect.poll(() => sentence.textContent(), SLOW).toMatch(/^3 sentences/);
    expect(await clinicalCell.textContent()).toBe('1');
    expect(await page.locator('.chart svg').count()).toBeGreaterThan(0);
    await page.getByLabel('Shade each sentence by its perspective').check();
    await page.locator('.cm-content .pl-shade-clinical').first().waitFor();
    expect(await page.locator('.cm-content .pl-tag', { hasText: 'Clinical' }).count()).toBe(1);
    await shot(page, 'check-shaded');
    expect(await a11yProblems(page)).toEqual([]);
    // A finding links to its dimension; coming back, the unsaved note is still there.
    await page.locator('[data-testid="findings"] a[href^="/framework#"]').first().click();
    await page.getByTestId('framework-table').waitFor();
    expect(page.url()).toMatch(/\/framework#[a-z]+$/);
    await page.goBack();
    await expect.poll(() => editorText(page), SLOW).toContain('Assessed patient for symptoms of psychosis.');
    expect(await page.getByTestId('save-status').textContent()).toContain('unsaved changes are back');
  });

  it('saves the note, and a reload brings it back', async () => {
    await page.getByLabel('Title').fill('E2E note');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/documents\/[^/]+$/);
    await expect.poll(() => page.getByTestId('save-status').textContent(), SLOW).toMatch(/^Saved at/);
    const url = page.url();
    const id = url.split('/').pop()!;
    expect(await page.getByRole('link', { name: 'Download report' }).getAttribute('href')).toBe(
      `/api/documents/${id}/report?format=markdown`,
    );
    const report = await page.request.get(`${base}/api/documents/${id}/report?format=markdown`);
    expect(report.ok()).toBe(true);
    expect(await report.text()).toContain('E2E note');
    // A later save is an update of the same document.
    await page.locator('.cm-content').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.insertText(' She wants to call me Friday.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => page.getByTestId('save-status').textContent(), SLOW).toMatch(/^Saved at/);
    expect(page.url()).toBe(url);
    // The skip link on a saved note moves focus and leaves the editor as it is.
    await page.locator('a.skip-link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), SLOW).toBe('main');
    expect(await page.getByTestId('save-status').textContent()).toMatch(/^Saved at/);
    await page.reload();
    await page.locator('.cm-content').waitFor();
    await expect.poll(() => editorText(page), SLOW).toContain('She wants to call me Friday.');
    expect(await editorText(page)).toContain('Assessed patient');
    expect(await page.getByLabel('Title').inputValue()).toBe('E2E note');
    await expect.poll(() => page.getByTestId('profile-sentence').textContent(), SLOW).toMatch(/^4 sentences/);
    await page.goto(`${base}/documents`);
    await page.getByTestId('documents-table').waitFor();
    expect(await page.getByRole('link', { name: 'E2E note' }).count()).toBe(1);
    await shot(page, 'documents');
    expect(await a11yProblems(page)).toEqual([]);
  });

  it('reads an uploaded DOCX job description into a table of duties', async () => {
    await page.goto(`${base}/roles`);
    await page.setInputFiles('#role-file', docxFixture);
    await page.getByTestId('duty-table').waitFor({ timeout: 15_000 });
    expect(await page.getByTestId('upload-status').textContent()).toContain('peer-specialist.docx');
    const rows = page.locator('[data-testid="duty-table"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    expect(await page.getByTestId('role-summary').textContent()).toMatch(/\d+ of \d+ duties/);
    // Every conflict or errand has a suggestion in words.
    const flagged = page.locator(
      '[data-testid="duty-table"] tbody tr[data-label="conflict"], [data-testid="duty-table"] tbody tr[data-label="errand"]',
    );
    const n = await flagged.count();
    for (let i = 0; i < n; i++) expect(((await flagged.nth(i).locator('td').nth(4).textContent()) ?? '').length).toBeGreaterThan(10);
    await shot(page, 'roles');
    expect(await a11yProblems(page)).toEqual([]);
    // Export: Markdown made in the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(download.suggestedFilename()).toBe('peer-specialist.md');
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('| Duty | Label |');
    expect(md).toContain((await page.getByTestId('role-summary').textContent())!.trim());
    // Save as a role document.
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await page.waitForURL(/\/documents\/[^/]+$/);
    expect(await page.getByRole('link', { name: 'Download the saved report' }).getAttribute('href')).toMatch(/\/report\?format=markdown$/);
    // A scan with no text layer gets a clear message, not a crash.
    await page.setInputFiles('#role-file', scannedFixture);
    await page.locator('[data-testid="upload-status"][role="alert"]').waitFor();
    expect(await page.getByTestId('upload-status').textContent()).toMatch(/Could not read “scanned\.pdf”: .+/);
  });

  it('lists saved documents, opens a role and deletes a note', async () => {
    await page.goto(`${base}/documents`);
    await page.getByTestId('documents-table').waitFor();
    await page.getByRole('link', { name: 'peer-specialist' }).click();
    await page.getByTestId('duty-table').waitFor();
    expect(await page.locator('#role-text').inputValue()).toContain('Administer');
    await page.getByRole('link', { name: 'Saved documents' }).click();
    await page.getByTestId('documents-table').waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete E2E note' }).click();
    await expect.poll(() => page.getByRole('link', { name: 'E2E note' }).count(), SLOW).toBe(0);
    expect(await page.getByRole('status').first().textContent()).toContain('Deleted');
  });

  it('opens the framework page at a dimension', async () => {
    await page.goto(`${base}/framework#choice`);
    await page.getByTestId('framework-table').waitFor();
    expect(await page.locator('[data-testid="framework-table"] tbody tr').count()).toBe(9);
    expect(await page.locator('tr#choice').getAttribute('class')).toContain('targeted');
    expect(await page.locator('tr#choice .cite').first().textContent()).toContain('Deegan');
    await page.getByLabel('Filter dimensions').fill('rights');
    await expect.poll(() => page.locator('[data-testid="framework-table"] tbody tr').count(), SLOW).toBeLessThan(9);
    await page.getByLabel('Filter dimensions').fill('');
    // The skip link moves keyboard focus to the main content.
    await page.locator('a.skip-link').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id), SLOW).toBe('main');
    await shot(page, 'framework');
    expect(await a11yProblems(page)).toEqual([]);
  });

  it('asked for nothing but its own server', () => {
    expect(outside).toEqual([]);
  });
});
