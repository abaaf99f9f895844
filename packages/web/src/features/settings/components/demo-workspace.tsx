/**
 * The demo workspace on the Settings page (admin; decision 016): its accounts, the shared password
 * while one of them still uses it, and a button that removes it all for good.
 */
import { useEffect, useState } from 'preact/hooks';
import { people, ROLE_NAMES, type DemoWorkspace } from '../../../api.js';
import { ErrorMessage, messageOf } from '../../../components/form.js';

export function DemoWorkspacePanel() {
  const [demo, setDemo] = useState<DemoWorkspace | null>(null);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    people.demo().then(setDemo, (e: unknown) => setError(messageOf(e)));
  }, []);

  const remove = async (): Promise<void> => {
    if (
      !window.confirm(
        'Remove the demo workspace? Its accounts, every note they wrote, the example documents and the demo team are deleted for good.',
      )
    )
      return;
    setBusy(true);
    setError('');
    try {
      const { removed } = await people.removeDemo();
      setNotice(
        `Removed the demo workspace: ${removed.accounts} ${removed.accounts === 1 ? 'account' : 'accounts'} and ${removed.documents} ${
          removed.documents === 1 ? 'document' : 'documents'
        }${removed.team ? ', and the demo team' : ''}.`,
      );
      setDemo(await people.demo());
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  if (!demo && !error) return null;
  return (
    <section class="panel" aria-labelledby="demo-heading" data-testid="demo-workspace">
      <h2 id="demo-heading">Demo workspace</h2>
      <p role="status">{notice}</p>
      <ErrorMessage>{error}</ErrorMessage>
      {demo && !demo.present && <p>There is no demo workspace.</p>}
      {demo?.present && (
        <>
          <p>
            Made-up people and notes to try PeerLens with{demo.team ? ` (the team ${demo.team})` : ''}: {demo.accounts.length}{' '}
            {demo.accounts.length === 1 ? 'account' : 'accounts'} and {demo.documents} {demo.documents === 1 ? 'document' : 'documents'}.
          </p>
          {demo.accounts.length > 0 && (
            <ul data-testid="demo-accounts">
              {demo.accounts.map((a) => (
                <li key={a.id}>
                  <strong>{a.username}</strong> ({a.name}, {ROLE_NAMES[a.role].toLowerCase()}){a.disabled ? ', switched off' : ''}
                  {a.usesDemoPassword ? '' : ', has its own password now'}
                </li>
              ))}
            </ul>
          )}
          {demo.password ? (
            <p>
              The demo accounts’ password: <code data-testid="demo-password">{demo.password}</code>. Anyone who knows it can sign in as a
              demo member and read the demo team’s notes; remove the demo before real people join that team.
            </p>
          ) : (
            demo.accounts.length > 0 && <p>No demo account uses the demo password any more.</p>
          )}
          <button type="button" class="danger" disabled={busy} onClick={() => void remove()}>
            Remove the demo workspace
          </button>
        </>
      )}
    </section>
  );
}
