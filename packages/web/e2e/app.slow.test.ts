/**
 * The pages in a real browser: Debian's Chromium driven by playwright-core, against the built
 * server on a free port with a throwaway data folder. Builds nothing itself (`npm test` builds first).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { a11yProblems } from './a11y.js';
import { BROWSER_ARGS, chromiumPath, haveChromium, requireChromium, root, startServer, type RunningServer } from './harness.js';

const docxFixture = join(root, 'packages/cli/test/fixtures/jobs/peer-specialist.docx');
const scannedFixture = join(root, 'packages/cli/test/fixtures/jobs/scanned.pdf');
const PASSWORD = 'a long e2e password';
const shots = process.env.PEERLENS_SCREENSHOTS;
/** CI has two cores shared with other test files: give the page time. */
const SLOW = { timeout: 15_000, interval: 100 }; // a folder: save a screenshot of each page there

requireChromium('Browser tests of packages/web');

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
  let browser: Browser;
  let page: Page;
  /** A new browser context (its own cookies: another person at another computer), held to this server. */
  let newPage: () => Promise<Page>;
  const contexts: BrowserContext[] = [];
  let base = '';
  let running: RunningServer | undefined;
  const outside: string[] = [];

  beforeAll(async () => {
    running = await startServer('peerlens-e2e-');
    base = running.base;
    browser = await chromium.launch({ executablePath: chromiumPath, args: BROWSER_ARGS });
    newPage = async () => {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-US' });
      contexts.push(context);
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
      return context.newPage();
    };
    page = await newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await running?.stop();
  });

  it('asks for the admin account on first start, then signs the admin in', async () => {
    await page.goto(`${base}/check`);
    await page.waitForURL(/\/setup$/);
    await page.getByRole('heading', { name: 'Set up PeerLens' }).waitFor();
    expect(await page.title()).toBe('Set up · PeerLens');
    expect(await a11yProblems(page)).toEqual([]);
    await page.getByLabel('Your name').fill('Avery Admin');
    await page.getByLabel('Username').fill('avery');
    // a short password is refused, and the reason is announced
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByLabel('Password', { exact: true }).evaluate((el) => el.removeAttribute('minlength'));
    await page.getByLabel('First team (optional)').fill('North');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SLOW).toContain('at least 12 characters');
    await page.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await page.waitForURL(/\/check$/);
    await expect.poll(() => page.getByTestId('signed-in').textContent(), SLOW).toContain('Avery Admin · Admin');
    await shot(page, 'setup-done');
    // signed out, a visitor is sent to sign in, then back to the page they asked for
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/login$/);
    await page.goto(`${base}/framework`);
    await page.waitForURL(/\/login\?next=%2Fframework$/);
    expect(await a11yProblems(page)).toEqual([]);
    await page.getByLabel('Username').fill('avery');
    await page.getByLabel('Password').fill('not the password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => page.getByRole('alert').textContent(), SLOW).toContain('do not match');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/framework$/);
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
    // Nothing was sent while the note was typed and checked (the organization's allow list is read, nothing is sent).
    expect(
      apiCalls.filter((u) => !u.endsWith('/api/health') && !u.endsWith('/api/session') && !u.endsWith('/api/organization/allow')),
    ).toEqual([]);
  });

  it('applies a suggestion only when a person clicks it', async () => {
    const before = await editorText(page);
    expect(before).toContain('She is a schizophrenic and');
    const tip = page.locator('.cm-tooltip-lint');
    const action = tip.locator('.cm-diagnosticAction', { hasText: 'person with schizophrenia' });
    await action.click();
    await expect.poll(() => editorText(page), SLOW).toContain('She is a person with schizophrenia and');
    await expect.poll(() => page.locator('.cm-lintRange', { hasText: 'schizophrenic' }).count(), SLOW).toBe(0);
    // Ctrl+Z takes the suggestion back.
    await page.locator('.cm-content').focus();
    await page.keyboard.press('Control+z');
    await expect.poll(() => editorText(page), SLOW).toContain('She is a schizophrenic and');
    await page.keyboard.press('Control+y');
    await expect.poll(() => editorText(page), SLOW).toContain('person with schizophrenia');
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
    // Every conflict, errand or clinical duty has a suggestion in words.
    const flagged = page.locator(
      '[data-testid="duty-table"] tbody tr[data-label="conflict"], [data-testid="duty-table"] tbody tr[data-label="errand"], [data-testid="duty-table"] tbody tr[data-label="clinical"]',
    );
    const n = await flagged.count();
    for (let i = 0; i < n; i++) expect(((await flagged.nth(i).locator('td').nth(4).textContent()) ?? '').length).toBeGreaterThan(10);
    await shot(page, 'roles');
    expect(await a11yProblems(page)).toEqual([]);
    // Export: Markdown made in the browser.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Export Markdown' }).click()]);
    expect(download.suggestedFilename()).toBe('peer-specialist.md');
    const md = readFileSync((await download.path())!, 'utf8');
    expect(md).toContain('| # | label | duty | why | instead |');
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

  /** Invites a member as the admin (on the People page) and returns the one-time link. */
  async function inviteLink(name: string): Promise<string> {
    await page.goto(`${base}/people`);
    await page.getByTestId('members-table').waitFor();
    await page.getByLabel('Their name').fill(name);
    await page.getByLabel('Role', { exact: true }).selectOption('peer');
    await page.getByLabel('Team', { exact: true }).selectOption({ label: 'North' });
    await page.getByRole('button', { name: 'Make an invitation link' }).click();
    const input = page.locator('#invite-link');
    await input.waitFor();
    return input.inputValue();
  }

  async function accept(link: string, username: string): Promise<Page> {
    const p = await newPage();
    await p.goto(link);
    await expect.poll(() => p.getByTestId('invite-summary').textContent(), SLOW).toContain('peer specialist on the team North');
    expect(await a11yProblems(p)).toEqual([]);
    await p.getByLabel('Username').fill(username);
    await p.getByLabel('Password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Join and sign in' }).click();
    await p.waitForURL(/\/check$/);
    return p;
  }

  async function saveNote(p: Page, title: string, text: string): Promise<string> {
    await p.goto(`${base}/check`);
    await p.locator('.cm-content').click();
    await p.keyboard.insertText(text);
    await p.getByLabel('Title').fill(title);
    await p.getByRole('button', { name: 'Save', exact: true }).click();
    await p.waitForURL(/\/documents\/[^/]+$/);
    return p.url();
  }

  let peerPage: Page;
  let secondPeerNote = '';

  it('the admin invites a peer; the peer opens the link, chooses a password and is signed in', async () => {
    const link = await inviteLink('Pat Peer');
    expect(link).toMatch(new RegExp(`^${base}/invite/[\\w-]{40,}$`));
    await shot(page, 'people');
    expect(await a11yProblems(page)).toEqual([]);
    peerPage = await accept(link, 'pat');
    await expect.poll(() => peerPage.getByTestId('signed-in').textContent(), SLOW).toContain('Pat Peer · Peer specialist');
    // a peer has no People or Privacy pages in the menu, and the server refuses them
    expect(await peerPage.getByRole('link', { name: 'People' }).count()).toBe(0);
    expect((await peerPage.request.get(`${base}/api/members`)).status()).toBe(403);
    // the link works once
    const again = await newPage();
    await again.goto(link);
    await expect.poll(() => again.getByRole('alert').textContent(), SLOW).toContain('already been used');
    // the admin sees the new member
    await page.goto(`${base}/people`);
    await expect.poll(() => page.getByTestId('members-table').textContent(), SLOW).toContain('Pat Peer');
  });

  it('a peer sees only their own documents; another peer’s note is not found', async () => {
    const second = await accept(await inviteLink('Kim Peer'), 'kim');
    secondPeerNote = await saveNote(second, 'Kim visit', 'We walked to the library and she chose two books.');
    await saveNote(peerPage, 'Pat visit', 'I shared my own story and we planned her week together.');
    await peerPage.goto(`${base}/documents`);
    await peerPage.getByTestId('documents-table').waitFor();
    expect(await peerPage.getByRole('link', { name: 'Pat visit' }).count()).toBe(1);
    expect(await peerPage.getByRole('link', { name: 'Kim visit' }).count()).toBe(0);
    expect(await peerPage.locator('[data-testid="documents-table"] tbody tr').count()).toBe(1);
    await peerPage.goto(secondPeerNote);
    await expect.poll(() => peerPage.getByRole('alert').textContent(), SLOW).toContain('There is no saved document with this address');
    // who can see my notes: the peer, and no supervisor yet
    await peerPage.goto(`${base}/me`);
    await expect.poll(() => peerPage.getByTestId('who-can-see').textContent(), SLOW).toContain('You (Pat Peer)');
    expect(await peerPage.getByTestId('who-can-see').textContent()).toContain('never your notes');
    expect(await a11yProblems(peerPage)).toEqual([]);
  });

  it('the peer changes their password on their page; the admin makes a reset link, and the link sets a new one once', async () => {
    await peerPage.goto(`${base}/me`);
    await peerPage.getByLabel('Current password').fill(PASSWORD);
    await peerPage.getByLabel('New password', { exact: true }).fill('            ');
    await peerPage.getByLabel('New password again').fill('            ');
    await peerPage.getByRole('button', { name: 'Change my password' }).click();
    await expect.poll(() => peerPage.getByRole('alert').textContent(), SLOW).toContain('only spaces');
    await peerPage.getByLabel('New password', { exact: true }).fill('ferry lantern oak harbor');
    await peerPage.getByLabel('New password again').fill('ferry lantern oak harbor');
    await peerPage.getByRole('button', { name: 'Change my password' }).click();
    await expect.poll(() => peerPage.getByRole('status').first().textContent(), SLOW).toContain('Your password is changed');
    expect(await a11yProblems(peerPage)).toEqual([]);
    // the admin makes a one-time reset link for Pat
    await page.goto(`${base}/people`);
    await page.getByRole('button', { name: 'Make a password reset link for Pat Peer' }).click();
    const link = await page.locator('#reset-link').inputValue();
    expect(link).toMatch(new RegExp(`^${base}/reset/[\\w-]{40,}$`));
    const p = await newPage();
    await p.goto(link);
    await expect.poll(() => p.getByTestId('reset-summary').textContent(), SLOW).toContain('Pat Peer');
    expect(await a11yProblems(p)).toEqual([]);
    await p.getByLabel('New password').fill(PASSWORD);
    await p.getByRole('button', { name: 'Save and sign in' }).click();
    await p.waitForURL(/\/check$/);
    await expect.poll(() => p.getByTestId('signed-in').textContent(), SLOW).toContain('Pat Peer');
    peerPage = p;
    const again = await newPage();
    await again.goto(link);
    await expect.poll(() => again.getByRole('alert').textContent(), SLOW).toContain('already been used');
  });

  it('the admin sets privacy and sees the audit log', async () => {
    await page.goto(`${base}/settings`);
    await page.getByTestId('audit-table').waitFor();
    await expect.poll(() => page.getByTestId('audit-table').textContent(), SLOW).toContain('joined with an invitation');
    await page.getByLabel('Delete documents written more than this many days ago').fill('3650');
    await page.getByRole('button', { name: 'Save privacy settings' }).click();
    await expect.poll(() => page.getByRole('status').first().textContent(), SLOW).toContain('Privacy settings saved');
    await shot(page, 'settings');
    expect(await a11yProblems(page)).toEqual([]);
  });

  it('asked for nothing but its own server', () => {
    expect(outside).toEqual([]);
  });
});
