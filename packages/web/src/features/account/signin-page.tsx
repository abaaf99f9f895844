/**
 * The pages before signing in: the first admin account (/setup), signing in (/login), accepting
 * an invitation (/invite/:token) and using a password reset link an admin made (/reset/:token).
 */
import { useEffect, useState } from 'preact/hooks';
import { PASSWORD_RULE, people, ROLE_NAMES, type MemberRole } from '../../api.js';
import { ErrorMessage, Field, fieldOf, messageOf } from '../../components/form.js';

/** Called once a member is signed in: the app reloads the session and moves on. */
export type SignedIn = () => Promise<void>;

const PASSWORD_HELP = `${PASSWORD_RULE} Words that mean something to you are easy to remember and hard to guess.`;
const USERNAME_HELP = '2 to 40 letters, digits, dots, dashes or underscores.';

export function useSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const [field, setField] = useState<string | undefined>(undefined);
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setBusy(true);
    setError('');
    setField(undefined);
    try {
      await action();
    } catch (err) {
      setError(messageOf(err));
      setField(fieldOf(err));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, field, submit };
}

/** The username and new password that both the first start and an invitation ask for. */
function NewCredentials(props: {
  prefix: string;
  username: string;
  setUsername: (v: string) => void;
  password: string;
  setPassword: (v: string) => void;
  field: string | undefined;
}) {
  const { prefix, username, setUsername, password, setPassword, field } = props;
  return (
    <>
      <Field
        id={`${prefix}-username`}
        label="Username"
        value={username}
        onInput={setUsername}
        autoComplete="username"
        help={USERNAME_HELP}
        invalid={field === 'username'}
      />
      <Field
        id={`${prefix}-password`}
        label="Password"
        type="password"
        value={password}
        onInput={setPassword}
        autoComplete="new-password"
        minLength={12}
        help={PASSWORD_HELP}
        invalid={field === 'password'}
      />
    </>
  );
}

export function SetupPage({ onSignedIn }: { onSignedIn: SignedIn }) {
  const [demo, setDemo] = useState(false);
  useEffect(() => {
    people.demoLogins().then(
      (l) => setDemo(l.length > 0),
      () => undefined,
    );
  }, []);
  const [name, setName] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [teamName, setTeamName] = useState('');
  const { busy, error, field, submit } = useSubmit(async () => {
    await people.setup({ name, username, password, ...(teamName.trim() ? { teamName } : {}) });
    await onSignedIn();
  });
  return (
    <div class="auth-page">
      <h1 id="page-title" tabIndex={-1}>
        Set up PeerLens
      </h1>
      <p class="lede">
        This is the first start. Create the admin account: the admin invites the team and chooses the privacy settings. Everything stays on
        this machine.
      </p>
      {demo && (
        <p class="help" data-testid="setup-demo">
          This workspace starts with a demo team of made-up people and notes to try PeerLens with; the terminal that started PeerLens
          printed its accounts and their password. You can see the password again, or remove the demo, under Privacy once you are signed in.
        </p>
      )}
      <form class="panel auth-form" onSubmit={(e) => void submit(e)} aria-describedby={error ? 'setup-error' : undefined}>
        <Field id="setup-name" label="Your name" value={name} onInput={setName} autoComplete="name" invalid={field === 'name'} />
        <NewCredentials
          prefix="setup"
          username={username}
          setUsername={setUsername}
          password={password}
          setPassword={setPassword}
          field={field}
        />
        <Field
          id="setup-team"
          label="First team (optional)"
          value={teamName}
          onInput={setTeamName}
          required={false}
          help="You can add teams later on the People page."
          invalid={field === 'teamName'}
        />
        <ErrorMessage id="setup-error">{error}</ErrorMessage>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Creating…' : 'Create the admin account'}
        </button>
      </form>
    </div>
  );
}

export function LoginPage({ onSignedIn }: { onSignedIn: SignedIn }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, submit } = useSubmit(async () => {
    await people.login(username, password);
    await onSignedIn();
  });
  return (
    <div class="auth-page">
      <h1 id="page-title" tabIndex={-1}>
        Sign in
      </h1>
      <p class="lede">Sign in to check notes, see your own work over time, and reflect on it with your supervisor.</p>
      <form class="panel auth-form" onSubmit={(e) => void submit(e)}>
        <Field id="login-username" label="Username" value={username} onInput={setUsername} autoComplete="username" />
        <Field
          id="login-password"
          label="Password"
          type="password"
          value={password}
          onInput={setPassword}
          autoComplete="current-password"
        />
        <ErrorMessage>{error}</ErrorMessage>
        <button type="submit" class="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p class="help">New to the team? Ask your admin for an invitation link.</p>
    </div>
  );
}

export function InvitePage({ token, onSignedIn }: { token: string; onSignedIn: SignedIn }) {
  const [invite, setInvite] = useState<{ name: string; role: MemberRole; teamName: string | null } | null>(null);
  const [loadError, setLoadError] = useState('');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    people.invitation(token).then(setInvite, (e: unknown) => setLoadError(messageOf(e)));
  }, [token]);
  const { busy, error, field, submit } = useSubmit(async () => {
    await people.accept(token, username, password);
    await onSignedIn();
  });
  return (
    <div class="auth-page">
      <h1 id="page-title" tabIndex={-1}>
        Join your team on PeerLens
      </h1>
      <ErrorMessage>{loadError}</ErrorMessage>
      {!invite && !loadError && <p>Loading…</p>}
      {invite && (
        <>
          <p class="lede" data-testid="invite-summary">
            Welcome, {invite.name}. You are invited as {ROLE_NAMES[invite.role].toLowerCase()}
            {invite.teamName ? ` on the team ${invite.teamName}` : ''}. Choose a username and a password; this link works once.
          </p>
          <form class="panel auth-form" onSubmit={(e) => void submit(e)}>
            <NewCredentials
              prefix="invite"
              username={username}
              setUsername={setUsername}
              password={password}
              setPassword={setPassword}
              field={field}
            />
            <ErrorMessage>{error}</ErrorMessage>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Joining…' : 'Join and sign in'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}

export function ResetPage({ token, onSignedIn }: { token: string; onSignedIn: SignedIn }) {
  const [reset, setReset] = useState<{ name: string; username: string } | null>(null);
  const [loadError, setLoadError] = useState('');
  const [password, setPassword] = useState('');
  useEffect(() => {
    people.reset(token).then(setReset, (e: unknown) => setLoadError(messageOf(e)));
  }, [token]);
  const { busy, error, field, submit } = useSubmit(async () => {
    await people.useReset(token, password);
    await onSignedIn();
  });
  return (
    <div class="auth-page">
      <h1 id="page-title" tabIndex={-1}>
        Choose a new password
      </h1>
      <ErrorMessage>{loadError}</ErrorMessage>
      {!reset && !loadError && <p>Loading…</p>}
      {reset && (
        <>
          <p class="lede" data-testid="reset-summary">
            {reset.name}, your admin made this link so you can choose a new password for {reset.username}. It works once; every other
            sign-in of yours ends.
          </p>
          <form class="panel auth-form" onSubmit={(e) => void submit(e)}>
            <input type="hidden" name="username" autoComplete="username" value={reset.username} />
            <Field
              id="reset-password"
              label="New password"
              type="password"
              value={password}
              onInput={setPassword}
              autoComplete="new-password"
              minLength={12}
              help={PASSWORD_HELP}
              invalid={field === 'password'}
            />
            <ErrorMessage>{error}</ErrorMessage>
            <button type="submit" class="primary" disabled={busy}>
              {busy ? 'Saving…' : 'Save and sign in'}
            </button>
          </form>
        </>
      )}
    </div>
  );
}
