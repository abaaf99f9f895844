/**
 * The web app's pages, in one table (decision 021): the web's router parses addresses with it,
 * its navigation and page titles come from it, and the server answers its paths with the app's
 * index.html. Adding a page is one row here and its view in the web's VIEWS table (app.tsx).
 *
 * No zod here (a type import only): the web loads this module in the browser
 * (`@peerlens/contract/pages`).
 */
import type { z } from 'zod';
import type { Role } from './people.js';

type MemberRole = z.output<typeof Role>;

export interface PageEntry {
  readonly page: string;
  /** Its addresses, the first one canonical; `:name` is a segment given to the page as `name`. */
  readonly paths: readonly string[];
  /** The document title (`… · PeerLens`). */
  readonly title: string;
  /** Seen without signing in. */
  readonly public?: true;
  /** Its link in the main navigation, for the roles named (all when left out). */
  readonly nav?: { readonly text: string; readonly roles?: readonly MemberRole[] };
  /** The page whose navigation link is current on this page (a saved document: Saved documents). */
  readonly navUnder?: string;
}

/** Every page, in the order of the navigation. */
export const PAGES = [
  { page: 'check', paths: ['/check', '/'], title: 'Check a note', nav: { text: 'Check a note' } },
  { page: 'roles', paths: ['/roles'], title: 'Review a role', nav: { text: 'Review a role' } },
  { page: 'framework', paths: ['/framework'], title: 'The framework', nav: { text: 'Framework' } },
  { page: 'documents', paths: ['/documents'], title: 'Saved documents', nav: { text: 'Saved documents' } },
  { page: 'document', paths: ['/documents/:id'], title: 'Saved document', navUnder: 'documents' },
  { page: 'me', paths: ['/me'], title: 'Who can see my notes', nav: { text: 'Who can see my notes' } },
  { page: 'people', paths: ['/people'], title: 'People', nav: { text: 'People', roles: ['admin'] } },
  { page: 'settings', paths: ['/settings'], title: 'Privacy and records', nav: { text: 'Privacy', roles: ['admin'] } },
  { page: 'learn', paths: ['/learn'], title: 'Team learning', nav: { text: 'Team learning' } },
  { page: 'role-design', paths: ['/role-design'], title: 'Role design', nav: { text: 'Role design' } },
  { page: 'training', paths: ['/training'], title: 'Training and certification', nav: { text: 'Training' } },
  { page: 'drift', paths: ['/drift'], title: 'Drift over time', nav: { text: 'Drift over time' } },
  { page: 'import', paths: ['/import'], title: 'Import past notes', nav: { text: 'Import notes' } },
  { page: 'setup', paths: ['/setup'], title: 'Set up', public: true },
  { page: 'login', paths: ['/login'], title: 'Sign in', public: true },
  { page: 'invite', paths: ['/invite/:token'], title: 'Join your team', public: true },
  { page: 'reset', paths: ['/reset/:token'], title: 'Choose a new password', public: true },
] as const satisfies readonly PageEntry[];

type Entry = (typeof PAGES)[number];
type ParamOf<P> = P extends `${string}/:${infer N}` ? N : never;
type RouteOf<E> = E extends { readonly page: infer Id; readonly paths: readonly (infer P)[] }
  ? { readonly page: Id } & { readonly [K in ParamOf<P>]: string }
  : never;

/** A page and its parameters, from an address. */
export type Route = RouteOf<Entry> | { readonly page: 'not-found' };
export type PageId = Route['page'];

/** Every address the web app draws itself, in the server's route syntax (`/documents/:id`). */
export const PAGE_PATHS: readonly string[] = PAGES.flatMap((p) => p.paths);

/** Pages a visitor may see without signing in. */
export const PUBLIC_PAGES: readonly PageId[] = [...PAGES.filter((p) => 'public' in p).map((p) => p.page), 'not-found'];

/** The title of each page. */
export const PAGE_TITLES = Object.fromEntries([...PAGES.map((p) => [p.page, p.title]), ['not-found', 'Page not found']]) as Readonly<
  Record<PageId, string>
>;

/** The page an address shows (a trailing slash is ignored), with its parameters; `not-found` for any other. */
export function parseRoute(pathname: string): Route {
  const path = pathname.replace(/\/+$/, '') || '/';
  const parts = path.split('/');
  for (const entry of PAGES as readonly PageEntry[]) {
    for (const pattern of entry.paths) {
      const want = pattern.split('/');
      if (want.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const fits = want.every((w, i) => {
        const got = parts[i] as string;
        if (!w.startsWith(':')) return w === got;
        if (got === '') return false;
        params[w.slice(1)] = decodeURIComponent(got);
        return true;
      });
      if (fits) return { page: entry.page, ...params } as Route;
    }
  }
  return { page: 'not-found' };
}

/** The main navigation for a member of `role`: each link with the pages on which it is current. */
export function navigationFor(role: MemberRole): readonly { href: string; text: string; pages: readonly PageId[] }[] {
  return (PAGES as readonly PageEntry[]).flatMap((p) =>
    p.nav && (!p.nav.roles || p.nav.roles.includes(role))
      ? [
          {
            href: p.paths[0] as string,
            text: p.nav.text,
            pages: [p.page, ...PAGES.filter((q) => 'navUnder' in q && q.navUnder === p.page).map((q) => q.page)] as PageId[],
          },
        ]
      : [],
  );
}
