/** /me: who can see my notes, what is kept of them, changing my password, and deleting everything I wrote. */
import { useEffect, useState } from 'preact/hooks';
import { navigate } from '../../router.js';
import { PASSWORD_RULE, people, ROLE_NAMES, type SignedInUser, type Visibility } from '../../api.js';
import { ErrorMessage, Field, fieldOf, messageOf } from '../../components/form.js';

/** Changing one's own password: the current one, then the new one twice. */
export function ChangePassword({ username }: { username: string }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [error, setError] = useState('');
  const [field, setField] = useState<string | undefined>(undefined);
  const [notice, setNotice] = useState('');
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    setNotice('');
    setField(undefined);
    if (next !== again) {
      setError('The two new passwords are not the same.');
      setField('again');
      return;
    }
    setBusy(true);
    try {
      await people.changePassword(current, next);
      setCurrent('');
      setNext('');
      setAgain('');
      setNotice('Your password is changed. You stay signed in here; your other sign-ins have ended.');
    } catch (err) {
      setError(messageOf(err));
      setField(fieldOf(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section class="panel" aria-labelledby="password-heading">
      <h2 id="password-heading">Change my password</h2>
      <form class="auth-form" onSubmit={(e) => void submit(e)}>
        <input type="hidden" name="username" autoComplete="username" value={username} />
        <Field
          id="password-current"
          label="Current password"
          type="password"
          value={current}
          onInput={setCurrent}
          autoComplete="current-password"
          invalid={field === 'currentPassword'}
        />
        <Field
          id="password-new"
          label="New password"
          type="password"
          value={next}
          onInput={setNext}
          autoComplete="new-password"
          minLength={12}
          help={PASSWORD_RULE}
          invalid={field === 'newPassword'}
        />
        <Field
          id="password-again"
          label="New password again"
          type="password"
          value={again}
          onInput={setAgain}
          autoComplete="new-password"
          invalid={field === 'again'}
        />
        <p role="status" class="save-status">
          {notice}
        </p>
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Changing…' : 'Change my password'}
        </button>
      </form>
    </section>
  );
}

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
      <ChangePassword username={user.username} />
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
