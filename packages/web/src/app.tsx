import { useEffect, useRef, useState } from 'preact/hooks';
import type { VNode } from 'preact';
import { navigationFor, PAGE_TITLES } from '@peerlens/contract/pages';
import { interceptLinks, navigate, parseRoute, PUBLIC_PAGES, safeNext, useLocation, type Route } from './router.js';
import { loadSession, people, ROLE_NAMES, SIGNED_OUT, type MemberRole, type SessionInfo } from './api.js';
import { InvitePage, LoginPage, ResetPage, SetupPage } from './features/account/signin-page.js';
import { PeoplePage } from './features/people/page.js';
import { SettingsPage } from './features/settings/page.js';
import { MePage } from './features/account/me-page.js';
import { CheckPage } from './features/check/page.js';
import { RolesPage } from './features/roles/page.js';
import { FrameworkPage } from './features/framework/page.js';
import { DocumentsPage } from './features/documents/page.js';
import { DocumentPage } from './document-page.js';
import { LearnPage } from './features/learning/learn-page.js';
import { RoleDesignPage } from './features/learning/role-design-page.js';
import { TrainingPage } from './features/learning/training-page.js';
import { ImportPage } from './features/history/import-page.js';
import { DriftPage } from './features/history/drift-page.js';

interface Signed {
  session: SessionInfo;
  onSignedIn: () => Promise<void>;
}

type PageId = Route['page'];
type PageProps<P extends PageId> = { route: Extract<Route, { page: P }>; hash: string } & Signed;

/**
 * What each page of the route table (`PAGES` in @peerlens/contract/pages) shows: a row there
 * without a view here, or a view here for no row, does not compile. The table gives the
 * addresses, titles and navigation; this gives the component.
 */
const VIEWS: { readonly [P in PageId]: (props: PageProps<P>) => VNode | null } = {
  setup: ({ onSignedIn }) => <SetupPage onSignedIn={onSignedIn} />,
  login: ({ onSignedIn }) => <LoginPage onSignedIn={onSignedIn} />,
  invite: ({ route, onSignedIn }) => <InvitePage token={route.token} onSignedIn={onSignedIn} />,
  reset: ({ route, onSignedIn }) => <ResetPage token={route.token} onSignedIn={onSignedIn} />,
  people: ({ session }) => (session.user?.role === 'admin' ? <PeoplePage selfId={session.user.id} /> : <AdminOnly />),
  settings: ({ session }) => (session.user?.role === 'admin' ? <SettingsPage /> : <AdminOnly />),
  me: ({ session }) => (session.user ? <MePage user={session.user} onDeleted={() => undefined} /> : null),
  check: () => <CheckPage />,
  roles: () => <RolesPage />,
  framework: ({ hash }) => <FrameworkPage hash={hash} />,
  documents: () => <DocumentsPage />,
  document: ({ route }) => <DocumentPage id={route.id} />,
  learn: () => <LearnPage />,
  'role-design': () => <RoleDesignPage />,
  training: () => <TrainingPage />,
  import: () => <ImportPage />,
  drift: () => <DriftPage />,
  'not-found': () => (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        Page not found
      </h1>
      <p>
        There is no page at this address. Try <a href="/check">checking a note</a>.
      </p>
    </section>
  ),
};

function Page(props: { route: Route; hash: string } & Signed) {
  const view = VIEWS[props.route.page] as (p: typeof props) => VNode | null;
  return view(props);
}

function AdminOnly() {
  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        For admins
      </h1>
      <p>This page is for the workspace’s admins. Ask yours if something here needs changing.</p>
    </section>
  );
}

/** Where a visitor goes: anonymous visitors to /setup (first start) or /login; a signed-in member away from those pages. */
function redirectFor(route: Route, session: SessionInfo): string | null {
  const open = PUBLIC_PAGES.includes(route.page);
  if (!session.user) {
    if (session.setupNeeded && route.page !== 'setup' && route.page !== 'invite' && route.page !== 'reset') return '/setup';
    if (!session.setupNeeded && route.page === 'setup') return '/login';
    if (!open) return `/login?next=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
    return null;
  }
  // (An invitation link still opens for a signed-in member: accepting it signs them in as the new member.)
  if (route.page === 'login' || route.page === 'setup') return nextPath();
  return null;
}

/** The page a member asked for before signing in (a same-origin app path only). */
function nextPath(): string {
  return safeNext(new URLSearchParams(location.search).get('next'), location.origin);
}

export function App() {
  const { route, hash, visit } = useLocation();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [sessionError, setSessionError] = useState('');
  useEffect(() => interceptLinks(document), []);
  const refresh = async (): Promise<SessionInfo | null> => {
    try {
      const s = await loadSession();
      setSession(s);
      setSessionError('');
      return s;
    } catch (e) {
      setSessionError(e instanceof Error ? e.message : String(e));
      return null;
    }
  };
  useEffect(() => {
    void refresh();
    const onSignedOut = (): void => void refresh();
    window.addEventListener(SIGNED_OUT, onSignedOut);
    return () => window.removeEventListener(SIGNED_OUT, onSignedOut);
  }, []);
  useEffect(() => {
    if (!session) return;
    // The address now, not the route this effect was made with: a navigation may have happened since.
    const to = redirectFor(parseRoute(location.pathname), session);
    if (to) navigate(to, true);
  }, [session, visit]);
  const onSignedIn = async (): Promise<void> => {
    // Read `next` before the session changes: the redirect away from /login may run first and drop it.
    const to = nextPath();
    await refresh();
    if (location.pathname + location.search + location.hash !== to) navigate(to, true);
  };
  const signOut = async (): Promise<void> => {
    try {
      await people.logout();
    } finally {
      await refresh();
      navigate('/login', true);
    }
  };
  useEffect(() => {
    document.title = `${PAGE_TITLES[route.page]} · PeerLens`;
  }, [visit]);
  // On a narrow screen the menu folds behind a button (styles.css); a new page closes it.
  const [menuOpen, setMenuOpen] = useState(false);
  const menuButton = useRef<HTMLButtonElement>(null);
  useEffect(() => setMenuOpen(false), [visit]);
  const closeMenuOnEscape = (e: KeyboardEvent): void => {
    if (e.key !== 'Escape' || !menuOpen) return;
    setMenuOpen(false);
    menuButton.current?.focus();
  };
  const navItems = session?.user ? navigationFor(session.user.role) : [];
  useEffect(() => {
    if (visit === 0) return;
    // After a navigation, put focus on the new page's heading (unless a framework row is the target).
    if (route.page === 'framework' && hash) return;
    document.getElementById('page-title')?.focus();
    window.scrollTo(0, 0);
  }, [visit]);

  return (
    <>
      <a class="skip-link" href="#main">
        Skip to main content
      </a>
      <header class="site-header" onKeyDown={closeMenuOnEscape}>
        <div class="brand">
          <a href="/check" class="brand-name">
            PeerLens
          </a>
          <span class="brand-tagline">A prompt for reflection between a peer specialist and their supervisor, never a grade.</span>
        </div>
        {session?.user && (
          <div class="signed-in" data-testid="signed-in">
            <span>
              {session.user.name} · {ROLE_NAMES[session.user.role as MemberRole] ?? session.user.role}
            </span>
            <button type="button" onClick={() => void signOut()}>
              Sign out
            </button>
          </div>
        )}
        {navItems.length > 0 && (
          <button
            ref={menuButton}
            type="button"
            class="menu-button"
            aria-expanded={menuOpen}
            aria-controls="site-nav"
            onClick={() => setMenuOpen(!menuOpen)}
          >
            <span aria-hidden="true" class="menu-icon" />
            Menu
          </button>
        )}
        <nav id="site-nav" aria-label="Main" class={menuOpen ? 'open' : undefined}>
          <ul>
            {navItems.map((n) => (
              <li key={n.href}>
                <a href={n.href} aria-current={n.pages.includes(route.page) ? 'page' : undefined}>
                  {n.text}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" tabIndex={-1}>
        {sessionError && (
          <p role="alert" class="error">
            {sessionError}
          </p>
        )}
        {session && !redirectFor(route, session) && (
          <Page key={visit} route={route} hash={hash} session={session} onSignedIn={onSignedIn} />
        )}
      </main>
      <footer class="site-footer">
        <p>
          Private by design: notes are checked in this browser and are sent to this machine’s PeerLens server only when you save them. No
          tracking, no outside services.
        </p>
      </footer>
    </>
  );
}
