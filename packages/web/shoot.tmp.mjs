import { chromium } from 'playwright-core';
const base = 'http://127.0.0.1:18080';
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1280, height: 900 } });
await p.goto(base + '/check');
await p.locator('.cm-content').click();
await p.keyboard.insertText(
  'I shared my own story of recovery with her. She is a schizophrenic and we talked about her garden. Assessed patient for symptoms of psychosis. She said she wants to go back to school.',
);
await p.waitForTimeout(800);
await p.locator('aside').screenshot({ path: '/tmp/shots/aside.png' });
await p.keyboard.press('Tab');
await p.waitForTimeout(200);
await p.screenshot({ path: '/tmp/shots/focus.png' });
await p.goto(base + '/framework');
await p.screenshot({ path: '/tmp/shots/fw-top.png' });
await b.close();
