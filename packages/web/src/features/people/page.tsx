/** /people (admin): members and their roles and teams, teams, and invitation links (shown once, with a copy button). */
import { useEffect, useState } from 'preact/hooks';
import { people, ROLE_NAMES, type Invitation, type MemberDetail, type MemberRole, type Team } from '../../api.js';
import { ErrorMessage, Field, messageOf } from '../../components/form.js';

const ROLES: readonly MemberRole[] = ['peer', 'supervisor', 'leader', 'admin'];
const day = (iso: string): string => {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString([], { dateStyle: 'medium' });
};

function TeamSelect({
  id,
  value,
  teams,
  onChange,
  label,
}: {
  id: string;
  value: string | null;
  teams: readonly Team[];
  onChange: (v: string | null) => void;
  label: string;
}) {
  return (
    <select id={id} aria-label={label} value={value ?? ''} onChange={(e) => onChange((e.target as HTMLSelectElement).value || null)}>
      <option value="">No team</option>
      {teams.map((t) => (
        <option key={t.id} value={t.id}>
          {t.name}
        </option>
      ))}
    </select>
  );
}

export function PeoplePage({ selfId }: { selfId: string }) {
  const [members, setMembers] = useState<readonly MemberDetail[]>([]);
  const [teams, setTeams] = useState<readonly Team[]>([]);
  const [invitations, setInvitations] = useState<readonly Invitation[]>([]);
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [created, setCreated] = useState<Invitation | null>(null);
  const [resetFor, setResetFor] = useState<{ name: string; link: string; expiresAt: string } | null>(null);
  const [copied, setCopied] = useState(false);
  const [inviteName, setInviteName] = useState('');
  const [inviteRole, setInviteRole] = useState<MemberRole>('peer');
  const [inviteTeam, setInviteTeam] = useState<string | null>(null);
  const [teamName, setTeamName] = useState('');

  const load = async (): Promise<void> => {
    try {
      const [m, t, i] = await Promise.all([people.members(), people.teams(), people.invitations()]);
      setMembers(m);
      setTeams(t);
      setInvitations(i);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => void load(), []);

  const act = async (what: () => Promise<unknown>, done: string): Promise<void> => {
    setError('');
    try {
      await what();
      setNotice(done);
      await load();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const invite = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    setCopied(false);
    try {
      const inv = await people.invite({ name: inviteName, role: inviteRole, teamId: inviteTeam });
      setCreated(inv);
      setInviteName('');
      setNotice(`Invitation made for ${inv.name}. Copy the link now; it is shown only once.`);
      await load();
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const makeReset = async (m: MemberDetail): Promise<void> => {
    setError('');
    try {
      const r = await people.resetLink(m.id);
      setResetFor({ name: m.name, link: new URL(r.link, location.origin).href, expiresAt: r.expiresAt });
      setNotice(`Reset link made for ${m.name}. Copy it now; it is shown only once, works once, and for a day.`);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const link = created?.link ? new URL(created.link, location.origin).href : '';
  const copy = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(link);
      setCopied(true);
    } catch {
      (document.getElementById('invite-link') as HTMLInputElement | null)?.select();
      setNotice('Select the link and copy it with your keyboard.');
    }
  };

  return (
    <div class="people-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          People
        </h1>
        <p class="lede">Invite members, place them in teams and choose their roles. A role decides what a member can see.</p>
      </div>
      <p role="status" class="save-status">
        {notice}
        {copied ? ' Link copied.' : ''}
      </p>
      <ErrorMessage>{error}</ErrorMessage>

      <section class="panel" aria-labelledby="invite-heading">
        <h2 id="invite-heading">Invite someone</h2>
        <p class="help">PeerLens sends no e-mail. You get a link that works once, for 7 days; give it to the person yourself.</p>
        <form onSubmit={(e) => void invite(e)} class="inline-form">
          <Field id="invite-name" label="Their name" value={inviteName} onInput={setInviteName} />
          <div class="field">
            <label for="invite-role">Role</label>
            <select
              id="invite-role"
              value={inviteRole}
              onChange={(e) => setInviteRole((e.target as HTMLSelectElement).value as MemberRole)}
            >
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_NAMES[r]}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="invite-team">Team</label>
            <TeamSelect id="invite-team" label="Team" value={inviteTeam} teams={teams} onChange={setInviteTeam} />
          </div>
          <button type="submit" class="primary">
            Make an invitation link
          </button>
        </form>
        {created && link && (
          <div class="invite-link" data-testid="invite-link">
            <label for="invite-link">Link for {created.name} (shown only now)</label>
            <div class="button-row">
              <input
                id="invite-link"
                type="text"
                readOnly
                value={link}
                size={60}
                onFocus={(e) => (e.target as HTMLInputElement).select()}
              />
              <button type="button" onClick={() => void copy()}>
                Copy link
              </button>
            </div>
          </div>
        )}
        {invitations.length > 0 && (
          <>
            <h3>Links not used yet</h3>
            <ul class="plain-list">
              {invitations.map((i) => (
                <li key={i.id}>
                  {i.name} · {ROLE_NAMES[i.role]}
                  {i.teamName ? ` · ${i.teamName}` : ''} · works until {day(i.expiresAt)}{' '}
                  <button
                    type="button"
                    class="danger"
                    aria-label={`Withdraw the invitation for ${i.name}`}
                    onClick={() => void act(() => people.revoke(i.id), `Withdrew the invitation for ${i.name}.`)}
                  >
                    Withdraw
                  </button>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>

      <section class="panel" aria-labelledby="members-heading">
        <h2 id="members-heading">Members</h2>
        {resetFor && (
          <div class="invite-link" data-testid="reset-link">
            <label for="reset-link">
              Password reset link for {resetFor.name} (shown only now; works once, until {day(resetFor.expiresAt)})
            </label>
            <input
              id="reset-link"
              type="text"
              readOnly
              value={resetFor.link}
              size={60}
              onFocus={(e) => (e.target as HTMLInputElement).select()}
            />
          </div>
        )}
        <div class="table-wrap">
          <table class="data-table" data-testid="members-table">
            <caption class="sr-only">Members</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Username</th>
                <th scope="col">Role</th>
                <th scope="col">Team</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span class="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((m) => (
                <tr key={m.id}>
                  <th scope="row">{m.name}</th>
                  <td>{m.username}</td>
                  <td>
                    <select
                      aria-label={`Role of ${m.name}`}
                      value={m.role}
                      onChange={(e) => {
                        const role = (e.target as HTMLSelectElement).value as MemberRole;
                        void act(() => people.changeMember(m.id, { role }), `${m.name} is now ${ROLE_NAMES[role].toLowerCase()}.`);
                      }}
                    >
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {ROLE_NAMES[r]}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    <TeamSelect
                      id={`team-${m.id}`}
                      label={`Team of ${m.name}`}
                      value={m.teamId}
                      teams={teams}
                      onChange={(teamId) => void act(() => people.changeMember(m.id, { teamId }), `Moved ${m.name}.`)}
                    />
                  </td>
                  <td>{m.disabled ? 'Signed out for good' : 'Active'}</td>
                  <td class="button-row">
                    {m.id !== selfId && (
                      <button
                        type="button"
                        onClick={() =>
                          void act(
                            () => people.changeMember(m.id, { disabled: !m.disabled }),
                            m.disabled ? `${m.name} can sign in again.` : `${m.name} can no longer sign in.`,
                          )
                        }
                      >
                        {m.disabled ? 'Let them sign in' : 'Stop their access'}
                      </button>
                    )}
                    {!m.disabled && (
                      <button type="button" aria-label={`Make a password reset link for ${m.name}`} onClick={() => void makeReset(m)}>
                        Reset link
                      </button>
                    )}
                    <button
                      type="button"
                      class="danger"
                      aria-label={`Delete everything ${m.name} wrote`}
                      onClick={() => {
                        if (
                          !window.confirm(`Delete every document and record ${m.name} wrote? This cannot be undone. Their account stays.`)
                        )
                          return;
                        void act(() => people.deleteData(m.id), `Deleted what ${m.name} wrote.`);
                      }}
                    >
                      Delete their data
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section class="panel" aria-labelledby="teams-heading">
        <h2 id="teams-heading">Teams</h2>
        <ul class="plain-list">
          {teams.map((t) => (
            <li key={t.id}>
              {t.name} · {t.members} {t.members === 1 ? 'member' : 'members'}{' '}
              <button
                type="button"
                aria-label={`Rename ${t.name}`}
                onClick={() => {
                  const name = window.prompt(`New name for ${t.name}`, t.name);
                  if (name && name.trim() && name !== t.name)
                    void act(() => people.renameTeam(t.id, name), `Renamed ${t.name} to ${name}.`);
                }}
              >
                Rename
              </button>
            </li>
          ))}
        </ul>
        <form
          class="inline-form"
          onSubmit={(e) => {
            e.preventDefault();
            const name = teamName;
            void act(() => people.createTeam(name), `Added the team ${name}.`).then(() => setTeamName(''));
          }}
        >
          <Field id="team-name" label="New team" value={teamName} onInput={setTeamName} />
          <button type="submit">Add team</button>
        </form>
      </section>
    </div>
  );
}
