/** The Markdown report escapes HTML (issue 12): a title or note cannot put markup, a link or an image into a Markdown viewer. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../src/features/documents/report.js';
import { injectAs, setupAdmin, startServer, type Member, type TestServer } from './helpers.js';

let server: TestServer;
let admin: Member;
beforeAll(async () => {
  server = await startServer({ demo: false });
  admin = await setupAdmin(server.app);
});
afterAll(() => server.close());

const TITLE = '<img src=x onerror=alert(1)> & [x](javascript:alert(1))';
const TEXT =
  'Client was <script>alert(1)</script> noncompliant with meds.\nShe chose ![pixel](http://tracker.example/p.png) and <a href="javascript:alert(2)">this</a>.\n- Drive participants to <b>appointments</b>.';

describe('the Markdown report', () => {
  it('escapes HTML, brackets and backslashes', () => {
    expect(escapeMarkdown('<b>&</b> [a](b) \\[')).toBe('&lt;b&gt;&amp;&lt;/b&gt; \\[a\\](b) \\\\\\[');
  });

  for (const kind of ['note', 'role'] as const)
    it(`of a ${kind} has no markup, link or image from the text or title`, async () => {
      const saved = await injectAs(
        server.app,
        admin,
      )({ method: 'POST', url: '/api/documents', payload: { title: TITLE, kind, text: TEXT } });
      expect(saved.statusCode).toBe(201);
      const r = await injectAs(server.app, admin)({ url: `/api/documents/${saved.json().id}/report?format=markdown` });
      expect(r.statusCode).toBe(200);
      const md = r.body;
      expect(md).not.toMatch(/<(img|script|a|b)\b/i);
      expect(md).not.toMatch(/(?<!\\)\]\((javascript|http)/);
      expect(md).toContain('# &lt;img src=x onerror=alert(1)&gt; &amp; \\[x\\](javascript:alert(1))');
      if (kind === 'note') expect(md).toContain('> Client was &lt;script&gt;alert(1)&lt;/script&gt; noncompliant with meds.');
    });
});
