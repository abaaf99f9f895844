import { describe, expect, it } from 'vitest';
import { navigationFor, PAGE_PATHS, PAGE_TITLES, PAGES, parseRoute, PUBLIC_PAGES } from './pages.js';

describe('the table of pages', () => {
  it('parses every address of every page back to that page, with its parameters', () => {
    for (const p of PAGES)
      for (const path of p.paths) {
        const route = parseRoute(path.replace(/:(\w+)/g, 'x%20y'));
        expect(route.page).toBe(p.page);
        if (path.includes(':')) expect(Object.values(route)).toContain('x y');
      }
    expect(parseRoute('/documents/abc-123/')).toEqual({ page: 'document', id: 'abc-123' });
    expect(parseRoute('/')).toEqual({ page: 'check' });
    for (const path of ['/api/documents', '/documents/x/report', '/invite/', '/nope'])
      expect(parseRoute(path)).toEqual({ page: 'not-found' });
  });

  it('gives the server every path, each page a title, and admins their two pages more', () => {
    expect(PAGE_PATHS).toHaveLength(PAGES.reduce((n, p) => n + p.paths.length, 0));
    for (const p of PAGES) expect(PAGE_TITLES[p.page]).toBeTruthy();
    expect(PUBLIC_PAGES).toEqual(['setup', 'login', 'invite', 'reset', 'not-found']);
    const peer = navigationFor('peer').map((n) => n.href);
    const admin = navigationFor('admin').map((n) => n.href);
    expect(admin.filter((h) => !peer.includes(h))).toEqual(['/people', '/settings']);
    expect(navigationFor('peer').find((n) => n.href === '/documents')?.pages).toEqual(['documents', 'document']);
  });
});
