import { useEffect } from 'preact/hooks';
import { interceptLinks, useLocation, type Route } from './router.js';
import { CheckPage } from './pages/check.js';
import { RolesPage } from './pages/roles.js';
import { FrameworkPage } from './pages/framework.js';
import { DocumentsPage } from './pages/documents.js';
import { DocumentPage } from './pages/document.js';
import { ImportPage } from './pages/import.js';
import { DriftPage } from './pages/drift.js';

const NAV: readonly { href: string; text: string; pages: readonly Route['page'][] }[] = [
  { href: '/check', text: 'Check a note', pages: ['check'] },
  { href: '/roles', text: 'Review a role', pages: ['roles'] },
  { href: '/framework', text: 'Framework', pages: ['framework'] },
  { href: '/documents', text: 'Saved documents', pages: ['documents', 'document'] },
  { href: '/drift', text: 'Drift over time', pages: ['drift'] },
  { href: '/import', text: 'Import notes', pages: ['import'] },
];

function Page({ route, hash }: { route: Route; hash: string }) {
  switch (route.page) {
    case 'check':
      return <CheckPage />;
    case 'roles':
      return <RolesPage />;
    case 'framework':
      return <FrameworkPage hash={hash} />;
    case 'documents':
      return <DocumentsPage />;
    case 'document':
      return <DocumentPage id={route.id} />;
    case 'import':
      return <ImportPage />;
    case 'drift':
      return <DriftPage />;
    default:
      return (
        <section aria-labelledby="page-title">
          <h1 id="page-title" tabIndex={-1}>
            Page not found
          </h1>
          <p>
            There is no page at this address. Try <a href="/check">checking a note</a>.
          </p>
        </section>
      );
  }
}

const TITLES: Readonly<Record<Route['page'], string>> = {
  check: 'Check a note',
  roles: 'Review a role',
  framework: 'The framework',
  documents: 'Saved documents',
  document: 'Saved document',
  import: 'Import past notes',
  drift: 'Drift over time',
  'not-found': 'Page not found',
};

export function App() {
  const { route, hash, visit } = useLocation();
  useEffect(() => interceptLinks(document), []);
  useEffect(() => {
    document.title = `${TITLES[route.page]} · PeerLens`;
  }, [visit]);
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
      <header class="site-header">
        <div class="brand">
          <a href="/check" class="brand-name">
            PeerLens
          </a>
          <span class="brand-tagline">A prompt for reflection between a peer specialist and their supervisor, never a grade.</span>
        </div>
        <nav aria-label="Main">
          <ul>
            {NAV.map((n) => (
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
        <Page key={visit} route={route} hash={hash} />
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
