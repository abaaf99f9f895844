/**
 * Training and certification: each member's certification and trainings by area (wider and
 * deeper, from the framework), reminders before a certification runs out, and the areas the
 * work in their notes suggests. A supervisor sees their team's here too.
 */
import { useEffect, useState } from 'preact/hooks';
import { TRAINING_AREAS, TRAINING_NOTES } from '@peerlens/core';
import { type CertificationRecord, type TrainingPerson } from '../../api.js';
import { learnApi } from './api.js';
import { errorText, MemberPage, ROLE_TEXT, type Loaded, type Member } from '../../components/member.js';
import { citationText } from '../../lib/sources.js';

const DIRECTION_TEXT: Readonly<Record<string, string>> = { wider: 'Wider', deeper: 'Deeper', other: 'Other' };

export function TrainingPage() {
  return (
    <MemberPage
      title="Training and certification"
      lede={
        <>
          Your certifications and the trainings you have done, by area: wider (new settings such as crisis, housing, work, school and
          primary care) and deeper (going further in the peer work itself). Reminders come before a certification runs out, and areas your
          notes show a lot of are suggested.
        </>
      }
    >
      {(member) => <Dashboard member={member} />}
    </MemberPage>
  );
}

function Dashboard({ member }: { member: Member }) {
  const [state, setState] = useState<Loaded<{ people: readonly TrainingPerson[]; today: string }>>({ kind: 'loading' });
  const [status, setStatus] = useState('');
  const load = (): void => {
    learnApi.training().then(
      (value) => setState({ kind: 'ready', value }),
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  };
  useEffect(load, []);
  if (state.kind === 'loading') return <p role="status">Loading…</p>;
  if (state.kind === 'error')
    return (
      <p role="alert" class="error">
        {state.message}
      </p>
    );
  const { people } = state.value;
  const act = async (what: string, f: () => Promise<unknown>): Promise<boolean> => {
    try {
      await f();
      setStatus(what);
      load();
      return true;
    } catch (e) {
      setStatus(`Not saved: ${errorText(e)}`);
      return false;
    }
  };
  const reminders = people.flatMap((p) => p.reminders.map((r) => ({ person: p, reminder: r })));
  const me = people.find((p) => p.user.id === member.id);
  const team = people.filter((p) => p.user.id !== member.id);
  return (
    <>
      <p role="status" class="save-status" data-testid="training-status">
        {status}
      </p>
      <section class="panel" aria-labelledby="reminders-title" data-testid="reminders">
        <h2 id="reminders-title">Reminders</h2>
        {reminders.length === 0 ? (
          <p class="muted">No certification has run out or runs out in the next 60 days.</p>
        ) : (
          <ul>
            {reminders.map(({ person: p, reminder: r }) => (
              <li key={`${p.user.id}-${r.certificationId ?? r.expiresOn}`} class={`reminder reminder-${r.kind}`}>
                <strong>{r.kind === 'expired' ? 'Expired: ' : 'Expires soon: '}</strong>
                {p.user.id === member.id ? 'You' : p.user.name}. {r.message}
              </li>
            ))}
          </ul>
        )}
      </section>
      {(member.role === 'leader' || member.role === 'admin') && <ProgramSummary />}
      {me && <Person person={me} own act={act} />}
      {team.length > 0 && (
        <section aria-labelledby="team-title">
          <h2 id="team-title">Your team</h2>
          {team.map((p) => (
            <Person key={p.user.id} person={p} own={false} act={act} />
          ))}
        </section>
      )}
      <section class="panel" aria-labelledby="about-title">
        <h2 id="about-title">About peer training</h2>
        <dl class="training-areas" data-testid="training-areas">
          {TRAINING_AREAS.map((a) => (
            <div key={a.id}>
              <dt>
                {a.title} <span class="muted">({DIRECTION_TEXT[a.direction]})</span>
              </dt>
              <dd>
                {a.description} <span class="cite">({a.cite.map(citationText).join('; ')})</span>
              </dd>
            </div>
          ))}
        </dl>
        <ul class="training">
          {TRAINING_NOTES.map((n) => (
            <li key={n.text}>
              {n.text} <span class="cite">({n.cite.map(citationText).join('; ')})</span>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

function Person({
  person,
  own,
  act,
}: {
  person: TrainingPerson;
  own: boolean;
  act: (what: string, f: () => Promise<unknown>) => Promise<boolean>;
}) {
  const id = person.user.id;
  const headingId = `person-${id}`;
  const [editing, setEditing] = useState<string | null>(null);
  return (
    <section class="panel" aria-labelledby={headingId} data-testid={own ? 'my-training' : 'team-training'}>
      <h3 id={headingId}>
        {own ? 'Your record' : person.user.name} <span class="muted">({ROLE_TEXT[person.user.role] ?? person.user.role})</span>
      </h3>
      <h4>Certifications</h4>
      {person.certifications.length === 0 ? (
        <p class="muted">No certification on record.</p>
      ) : (
        <ul class="certifications" data-testid="certifications">
          {person.certifications.map((c) => (
            <li key={c.id} data-testid="certification">
              {editing === c.id ? (
                <CertificationForm current={c} act={act} onDone={() => setEditing(null)} />
              ) : (
                <>
                  <span>
                    {c.state}
                    {c.number ? `, number ${c.number}` : ''}; {c.expiresOn ? `expires on ${c.expiresOn}` : 'no expiry date on record'}.
                  </span>
                  {own && (
                    <span class="button-row inline-actions no-print">
                      <button type="button" aria-label={`Change the ${c.state} certification`} onClick={() => setEditing(c.id)}>
                        Change
                      </button>
                      <button
                        type="button"
                        class="danger"
                        aria-label={`Remove the ${c.state} certification`}
                        onClick={() => void act(`The ${c.state} certification was removed.`, () => learnApi.removeCertification(c.id))}
                      >
                        Remove
                      </button>
                    </span>
                  )}
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      {own && editing === null && <CertificationForm current={null} act={act} />}
      <h4>Trainings</h4>
      {person.trainings.length === 0 ? (
        <p class="muted">No trainings on record.</p>
      ) : (
        <div class="table-wrap">
          <table class="data-table" data-testid="trainings-table">
            <caption class="sr-only">Trainings of {own ? 'yours' : person.user.name}</caption>
            <thead>
              <tr>
                <th scope="col">Area</th>
                <th scope="col">Direction</th>
                <th scope="col">Title</th>
                <th scope="col">Completed</th>
                <th scope="col">Hours</th>
                {own && <th scope="col">Remove</th>}
              </tr>
            </thead>
            <tbody>
              {person.trainings.map((t) => (
                <tr key={t.id}>
                  <td>{t.areaTitle}</td>
                  <td>{DIRECTION_TEXT[t.direction]}</td>
                  <td>{t.title}</td>
                  <td>{t.completedOn}</td>
                  <td>{t.hours ?? '—'}</td>
                  {own && (
                    <td>
                      <button
                        type="button"
                        class="danger"
                        aria-label={`Remove the training ${t.title}`}
                        onClick={() => void act('Training removed.', () => learnApi.removeTraining(t.id))}
                      >
                        Remove
                      </button>
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {own && <TrainingForm act={act} />}
      <h4>Suggested from the work {own ? 'your' : 'their'} notes show</h4>
      {person.suggestions.length === 0 ? (
        <p class="muted">No suggestion: the recent notes show no area a lot that lacks a training on record.</p>
      ) : (
        <ul data-testid="suggestions">
          {person.suggestions.map((s) => (
            <li key={s.area}>
              <strong>{s.title}.</strong> {s.why} <span class="muted">{TRAINING_AREAS.find((a) => a.id === s.area)?.description}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** Adds a certification (`current` null) or changes one; a member may hold several (one per state, say). */
function CertificationForm({
  current,
  act,
  onDone,
}: {
  current: CertificationRecord | null;
  act: (what: string, f: () => Promise<unknown>) => Promise<boolean>;
  onDone?: () => void;
}) {
  const [state, setState] = useState(current?.state ?? '');
  const [number, setNumber] = useState(current?.number ?? '');
  const [expiresOn, setExpiresOn] = useState(current?.expiresOn ?? '');
  // the add form and a change form are never on the page at once, so the ids stay unique
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const body = { state, number, expiresOn: expiresOn === '' ? null : expiresOn };
    const ok = current
      ? await act(`The ${state} certification was saved.`, () => learnApi.updateCertification(current.id, body))
      : await act(`The ${state} certification was added.`, () => learnApi.addCertification(body));
    if (!ok) return;
    if (current) onDone?.();
    else {
      setState('');
      setNumber('');
      setExpiresOn('');
    }
  };
  return (
    <form
      class="no-print"
      onSubmit={(e) => void submit(e)}
      aria-label={current ? `Change the ${current.state} certification` : 'Add a certification'}
    >
      <div class="field inline">
        <label for="cert-state">State</label>
        <input id="cert-state" type="text" required value={state} onInput={(e) => setState((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field inline">
        <label for="cert-number">Number</label>
        <input id="cert-number" type="text" value={number} onInput={(e) => setNumber((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field inline">
        <label for="cert-expires">Expires on</label>
        <input id="cert-expires" type="date" value={expiresOn} onInput={(e) => setExpiresOn((e.target as HTMLInputElement).value)} />
      </div>
      <div class="button-row">
        <button type="submit" class="primary">
          {current ? 'Save changes' : 'Add the certification'}
        </button>
        {current && (
          <button type="button" onClick={() => onDone?.()}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}

function TrainingForm({ act }: { act: (what: string, f: () => Promise<unknown>) => Promise<boolean> }) {
  const [area, setArea] = useState(TRAINING_AREAS[0]?.id ?? 'other');
  const [title, setTitle] = useState('');
  const [completedOn, setCompletedOn] = useState('');
  const [hours, setHours] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    const h = hours.trim() === '' ? null : Number(hours);
    const ok = await act('Training added.', () =>
      learnApi.addTraining({ area, title, completedOn, hours: h !== null && Number.isFinite(h) ? h : null }),
    );
    if (ok) {
      setTitle('');
      setHours('');
    }
  };
  return (
    <form class="no-print" onSubmit={(e) => void submit(e)} aria-label="Add a training">
      <div class="field inline">
        <label for="training-area">Area</label>
        <select id="training-area" value={area} onChange={(e) => setArea((e.target as HTMLSelectElement).value)}>
          {(['wider', 'deeper'] as const).map((d) => (
            <optgroup key={d} label={d === 'wider' ? 'Wider: new settings' : 'Deeper: further in the peer work'}>
              {TRAINING_AREAS.filter((a) => a.direction === d).map((a) => (
                <option key={a.id} value={a.id}>
                  {a.title}
                </option>
              ))}
            </optgroup>
          ))}
          <option value="other">Other</option>
        </select>
      </div>
      <div class="field inline">
        <label for="training-title">Title</label>
        <input id="training-title" type="text" required value={title} onInput={(e) => setTitle((e.target as HTMLInputElement).value)} />
      </div>
      <div class="field inline">
        <label for="training-date">Completed on</label>
        <input
          id="training-date"
          type="date"
          required
          value={completedOn}
          onInput={(e) => setCompletedOn((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="field inline">
        <label for="training-hours">Hours</label>
        <input
          id="training-hours"
          type="number"
          min="0"
          step="0.5"
          value={hours}
          onInput={(e) => setHours((e.target as HTMLInputElement).value)}
        />
      </div>
      <div class="button-row">
        <button type="submit" class="primary">
          Add the training
        </button>
      </div>
    </form>
  );
}

type Summary = Awaited<ReturnType<typeof learnApi.trainingSummary>>;

/** For a program leader or admin: counts across the program's peer specialists, with no names. */
function ProgramSummary() {
  const [state, setState] = useState<Loaded<Summary>>({ kind: 'loading' });
  useEffect(() => {
    learnApi.trainingSummary().then(
      (value) => setState({ kind: 'ready', value }),
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  }, []);
  return (
    <section class="panel" aria-labelledby="program-title" data-testid="program-training">
      <h2 id="program-title">Across the program</h2>
      {state.kind === 'loading' && <p role="status">Loading…</p>}
      {state.kind === 'error' && (
        <p role="alert" class="error">
          {state.message}
        </p>
      )}
      {state.kind === 'ready' && state.value.hidden && (
        <p data-testid="program-counts">
          Fewer than 3 of the program’s {state.value.peers} peer specialists have a certification or training on record, so the counts are
          not shown: they would be one or two people’s own record.
        </p>
      )}
      {state.kind === 'ready' && !state.value.hidden && (
        <>
          <p data-testid="program-counts">
            Certifications on record: {state.value.certified} of {state.value.peers} peer specialists. Expiring within 60 days:{' '}
            {state.value.expiring}. Expired: {state.value.expired}. Names stay with each peer and their supervisor.
          </p>
          <div class="table-wrap">
            <table class="data-table">
              <caption>Peer specialists with a training on record, by area</caption>
              <thead>
                <tr>
                  <th scope="col">Area</th>
                  <th scope="col">Direction</th>
                  <th scope="col">Peer specialists</th>
                </tr>
              </thead>
              <tbody>
                {TRAINING_AREAS.map((a) => (
                  <tr key={a.id}>
                    <td>{a.title}</td>
                    <td>{DIRECTION_TEXT[a.direction]}</td>
                    <td>{state.value.byArea[a.id] ?? 0}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
