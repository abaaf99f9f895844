/** /me: who can see my notes, what is kept of them, and deleting everything I wrote. */
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../router.js';
import { people, ROLE_NAMES, type SignedInUser, type Visibility } from '../api.js';
import { ErrorMessage, messageOf } from '../components/form.js';

export function WhoCanSee() {
  const [v, setV] = useState<Visibility | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    people.visibility().then(setV, (e: unknown) => setError(messageOf(e)));
  }, []);
  return (
    <section class="panel" aria-labelledby="who-heading" data-testid="who-can-see">
      <h2 id="who-heading">Who can see my notes</h2>
      <ErrorMessage>{error}</ErrorMessage>
      {v && (
        <>
          <ul class="plain-list">
            {v.readers.map((r) => (
              <li key={`${r.reason}-${r.name}`}>
                {r.reason === 'you' ? `You (${r.name})` : `${r.name}, ${ROLE_NAMES[r.role].toLowerCase()} of your team`}
              </li>
            ))}
          </ul>
          <p class="help">
            Program leaders and admins see only team-level figures, never your notes.{' '}
            {v.keepText ? 'The words of saved notes are kept' : 'Only the findings and profile of a saved note are kept, not its words'}
            {v.retentionDays === null ? '.' : `, for ${v.retentionDays} days from when they were written.`}
          </p>
        </>
      )}
    </section>
  );
}

export function MePage({ user, onDeleted }: { user: SignedInUser; onDeleted: () => void }) {
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const remove = async (): Promise<void> => {
    if (!window.confirm('Delete every document and record you wrote? This cannot be undone. Your account stays.')) return;
    try {
      const r = await people.deleteData(user.id);
      const n = Object.values(r.deleted).reduce((a, b) => a + b, 0);
      setNotice(`Deleted ${n} ${n === 1 ? 'record' : 'records'}.`);
      onDeleted();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <div class="me-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          My notes and privacy
        </h1>
        <p class="lede">
          Signed in as {user.name} ({ROLE_NAMES[user.role as keyof typeof ROLE_NAMES] ?? user.role}).
        </p>
      </div>
      <WhoCanSee />
      <section class="panel" aria-labelledby="delete-heading">
        <h2 id="delete-heading">Delete what I wrote</h2>
        <p>Removes every note and record you saved in PeerLens. Your account stays, so you can start again.</p>
        <p role="status" class="save-status">
          {notice}
        </p>
        <ErrorMessage>{error}</ErrorMessage>
        <div class="button-row">
          <button type="button" class="danger" onClick={() => void remove()}>
            Delete everything I wrote
          </button>
          <button type="button" onClick={() => navigate('/documents')}>
            See my saved documents
          </button>
        </div>
      </section>
    </div>
  );
}
