/** History-API routing over the app's own paths: the pages are the table of @peerlens/contract/pages. */
import { useEffect, useState } from 'preact/hooks';
import { parseRoute, PUBLIC_PAGES, type Route } from '@peerlens/contract/pages';

export { PAGE_TITLES, parseRoute, PUBLIC_PAGES, type Route } from '@peerlens/contract/pages';

/**
 * The page a member asked for before signing in (`?next=`): a path of this app only, never another
 * site. Anything that is not a same-origin app path (`//evil.example`, `/\\evil.example`,
 * `https://…`, `javascript:`, the sign-in pages themselves) gives the checker.
 */
export function safeNext(next: string | null, origin: string): string {
  const fallback = '/check';
  // Browsers read a backslash as a slash, so "/\\host" would be another site; control characters are never in our paths.
  if (
    !next ||
    !next.startsWith('/') ||
    next.startsWith('//') ||
    next.includes('\\') ||
    [...next].some((c) => c.charCodeAt(0) < 32 || c.charCodeAt(0) === 127)
  )
    return fallback;
  let url: URL;
  try {
    url = new URL(next, origin);
  } catch {
    return fallback;
  }
  if (url.origin !== origin) return fallback;
  const page = parseRoute(url.pathname).page;
  if (page === 'not-found' || PUBLIC_PAGES.includes(page)) return fallback;
  return url.pathname + url.search + url.hash;
}

/** True for a path the app draws itself (so a click on a link to it need not reload the page). */
export function isAppPath(pathname: string): boolean {
  return parseRoute(pathname).page !== 'not-found';
}

const NAVIGATE = 'peerlens:navigate';
const RENAMED = 'peerlens:renamed';

/** Gives the page now shown a new address (a note once saved) without drawing it anew. */
export function renameLocation(href: string): void {
  history.replaceState(null, '', href);
  window.dispatchEvent(new Event(RENAMED));
}

export function navigate(href: string, replace = false): void {
  if (replace) history.replaceState(null, '', href);
  else history.pushState(null, '', href);
  window.dispatchEvent(new Event(NAVIGATE));
}

export interface Location {
  readonly route: Route;
  readonly hash: string;
  /** Counts navigations; a page is drawn anew on each. */
  readonly visit: number;
}

export function useLocation(): Location {
  const read = (visit: number): Location => ({ route: parseRoute(location.pathname), hash: location.hash.slice(1), visit });
  const [loc, setLoc] = useState<Location>(() => read(0));
  useEffect(() => {
    let page = location.pathname + location.search;
    const onChange = (): void => {
      const now = location.pathname + location.search;
      // A move within the page (an anchor, the skip link) keeps the page as it is.
      if (now === page) {
        setLoc((prev) => ({ ...prev, hash: location.hash.slice(1) }));
        return;
      }
      page = now;
      setLoc((prev) => read(prev.visit + 1));
    };
    const onNavigate = (): void => {
      page = location.pathname + location.search;
      setLoc((prev) => read(prev.visit + 1));
    };
    const onRename = (): void => {
      page = location.pathname + location.search;
    };
    window.addEventListener('popstate', onChange);
    window.addEventListener(NAVIGATE, onNavigate);
    window.addEventListener(RENAMED, onRename);
    return () => {
      window.removeEventListener('popstate', onChange);
      window.removeEventListener(NAVIGATE, onNavigate);
      window.removeEventListener(RENAMED, onRename);
    };
  }, []);
  return loc;
}

/** Sends clicks on same-origin links to app paths through the router instead of reloading. */
export function interceptLinks(root: Document): () => void {
  const onClick = (e: MouseEvent): void => {
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const a = (e.target as Element | null)?.closest?.('a');
    if (!a || a.hasAttribute('download') || (a.target && a.target !== '_self')) return;
    const url = new URL(a.href, location.href);
    if (url.origin !== location.origin || !isAppPath(url.pathname)) return;
    // A link within this page (the skip link, an anchor): the browser moves focus and scroll itself.
    if (url.pathname === location.pathname && url.search === location.search && url.hash) return;
    e.preventDefault();
    navigate(url.pathname + url.search + url.hash);
  };
  root.addEventListener('click', onClick);
  return () => root.removeEventListener('click', onClick);
}
