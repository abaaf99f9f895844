/**
 * Reflections beside a member's drift, as threads (issue 13): the member writes their own words
 * beside a month; beneath each, the member and their supervisor answer each other, with who wrote
 * what and when. The server decides who may read and answer (the member, their supervisor);
 * while the workspace keeps no words (an admin's setting) nothing new is saved.
 */
import { useEffect, useRef, useState } from 'preact/hooks';
import { ApiError, people, ROLE_NAMES, type MemberRole, type Reflection } from '../../../api.js';
import { historyApi } from '../api.js';

const message = (e: unknown): string => (e instanceof ApiError ? e.message : String(e));
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** "2026-03" → "Mar 2026". */
const monthName = (m: string): string => `${MONTHS[Number(m.slice(5, 7)) - 1] ?? m.slice(5, 7)} ${m.slice(0, 4)}`;
const when = (iso: string): string => new Date(iso).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' });
const roleName = (role: string): string => ROLE_NAMES[role as MemberRole] ?? role;

export function Reflections({
  member,
  own,
  viewerId,
  months,
}: {
  member: string;
  own: boolean;
  viewerId: string;
  months: readonly string[];
}) {
  const [list, setList] = useState<readonly Reflection[] | null>(null);
  const latest = months[months.length - 1] ?? new Date().toISOString().slice(0, 7);
  const [month, setMonth] = useState(latest);
  const [text, setText] = useState('');
  // what the member typed since the reflections were last read: a load that lands later never overwrites it
  const edited = useRef(false);
  // only the latest load's list is shown: an earlier one that lands after it is dropped
  const loads = useRef(0);
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  // while the workspace keeps no words (an admin's setting) no reflection or reply is saved
  const [keepText, setKeepText] = useState(true);
  useEffect(() => {
    people.visibility().then(
      (v) => setKeepText(v.keepText),
      () => undefined,
    );
  }, []);

  const load = async (): Promise<void> => {
    try {
      const n = ++loads.current;
      const r = await historyApi.reflections(member);
      if (n !== loads.current) return;
      setList(r);
      if (!edited.current) setText(r.find((x) => x.month === month)?.text ?? '');
    } catch (e) {
      setError(message(e));
    }
  };
  useEffect(() => void load(), [member]);

  const save = async (): Promise<void> => {
    setError('');
    try {
      await historyApi.reflect(month, text);
      edited.current = false;
      setStatus(text.trim() === '' ? `Reflection for ${monthName(month)} removed.` : `Reflection for ${monthName(month)} saved.`);
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  return (
    <section class="panel" aria-labelledby="reflect-title">
      <h2 id="reflect-title">Reflections</h2>
      {own ? (
        <p class="help">
          Your own words beside a month: what was going on, what you would like to talk about. Your supervisor can read them and answer
          beneath each one, and you can answer back.
        </p>
      ) : (
        <p class="help">Written by the peer specialist beside their months. You can answer each one; they see your answer here.</p>
      )}
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {!keepText && (
        <p class="help" data-testid="reflections-off">
          This workspace keeps no written words (an admin’s privacy setting), so reflections and answers are not saved. Talk these months
          over in person instead.
        </p>
      )}
      {own && keepText && (
        <div class="reflection-form">
          <div class="field inline">
            <label for="reflect-month">Month</label>
            <select
              id="reflect-month"
              value={month}
              onChange={(e) => {
                const m = (e.currentTarget as HTMLSelectElement).value;
                setMonth(m);
                edited.current = false;
                setText(list?.find((x) => x.month === m)?.text ?? '');
              }}
            >
              {[...months].reverse().map((m) => (
                <option key={m} value={m}>
                  {monthName(m)}
                </option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="reflect-text">Your reflection</label>
            <textarea
              id="reflect-text"
              rows={4}
              maxLength={5000}
              value={text}
              onInput={(e) => {
                edited.current = true;
                setText((e.currentTarget as HTMLTextAreaElement).value);
              }}
            />
          </div>
          <div class="button-row">
            <button type="button" class="primary" onClick={() => void save()}>
              Save reflection
            </button>
            <span role="status">{status}</span>
          </div>
        </div>
      )}
      {list && list.length === 0 && <p>No reflections yet.</p>}
      {list && list.length > 0 && (
        <ul class="reflections" data-testid="reflections">
          {list.map((r) => (
            <li key={r.id}>
              <Thread reflection={r} viewerId={viewerId} canWrite={keepText} onChanged={load} onError={setError} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Thread({
  reflection: r,
  viewerId,
  canWrite,
  onChanged,
  onError,
}: {
  reflection: Reflection;
  viewerId: string;
  canWrite: boolean;
  onChanged: () => Promise<void>;
  onError: (m: string) => void;
}) {
  const [text, setText] = useState('');
  const [status, setStatus] = useState('');
  const [busy, setBusy] = useState(false);
  const fieldId = `reply-${r.id}`;
  const headingId = `thread-${r.id}`;
  const send = async (e: Event): Promise<void> => {
    e.preventDefault();
    if (text.trim() === '') return;
    setBusy(true);
    onError('');
    try {
      await historyApi.reply(r.id, text);
      setText('');
      setStatus('Answer sent.');
      await onChanged();
    } catch (err) {
      onError(message(err));
    } finally {
      setBusy(false);
    }
  };
  const remove = async (id: string): Promise<void> => {
    onError('');
    try {
      await historyApi.removeReply(id);
      setStatus('Answer removed.');
      await onChanged();
    } catch (err) {
      onError(message(err));
    }
  };
  return (
    <article class="thread" aria-labelledby={headingId} data-testid="reflection-thread" data-month={r.month}>
      <h3 id={headingId}>{monthName(r.month)}</h3>
      <ol class="thread-posts">
        <li class="thread-post">
          <p class="thread-meta">
            <strong>{r.member === viewerId ? 'You' : r.memberName}</strong> wrote <time dateTime={r.updatedAt}>{when(r.updatedAt)}</time>
          </p>
          <p class="thread-text">{r.text}</p>
        </li>
        {r.replies.map((x) => (
          <li key={x.id} class="thread-post thread-reply" data-testid="reflection-reply">
            <p class="thread-meta">
              <strong>{x.author ? (x.author.id === viewerId ? 'You' : x.author.name) : 'A former member'}</strong>
              {x.author && x.author.id !== viewerId ? ` (${roleName(x.author.role)})` : ''} answered{' '}
              <time dateTime={x.createdAt}>{when(x.createdAt)}</time>
            </p>
            <p class="thread-text">{x.text}</p>
            {x.author?.id === viewerId && (
              <button
                type="button"
                class="link-button"
                onClick={() => void remove(x.id)}
                aria-label={`Remove your answer of ${when(x.createdAt)}`}
              >
                Remove
              </button>
            )}
          </li>
        ))}
      </ol>
      {canWrite && (
        <form class="reply-form" onSubmit={(e) => void send(e)}>
          <label for={fieldId}>
            {r.member === viewerId
              ? `Answer in the ${monthName(r.month)} thread`
              : `Answer ${r.memberName}’s reflection on ${monthName(r.month)}`}
          </label>
          <textarea
            id={fieldId}
            rows={2}
            maxLength={5000}
            value={text}
            onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          />
          <div class="button-row">
            <button type="submit" disabled={busy || text.trim() === ''}>
              Send answer
            </button>
            <span role="status">{status}</span>
          </div>
        </form>
      )}
    </article>
  );
}
