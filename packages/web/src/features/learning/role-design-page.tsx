/**
 * Role design: a program's task list kept in the workspace. Each task is labelled with the
 * framework's duty labels; tasks given to peer specialists that are conflicts or errands are
 * shown to the program leader with the reason and something to try instead.
 */
import { LABEL_TEXT, NOT_DUTY_TEXT } from '@peerlens/core';
import { useEffect, useState } from 'preact/hooks';
import type { Duty } from '@peerlens/core';
import { type ProgramTaskInfo, type TaskListReply } from '../../api.js';
import { learnApi } from './api.js';
import { errorText, MemberPage, type Loaded } from '../../components/member.js';
import { dutyReasons, dutySuggestions } from '../../lib/report.js';

const asDuty = (t: ProgramTaskInfo): Duty => ({ ...t.result, start: 0, end: t.text.length, text: t.text });

export function RoleDesignPage() {
  return (
    <MemberPage
      title="Role design"
      lede={
        <>
          The program’s task lists, kept here. Each task is labelled peer, shared (overlap), clinical, conflict or errand, and the tasks
          given to peer specialists that would set them against the people they walk beside, use them as general help, or make them a
          clinician are listed first with the reason and what to try instead. Headings, summaries, qualifications, pay and hours are kept
          but not counted as tasks.
        </>
      }
    >
      {(member) =>
        member.role === 'peer' ? (
          <p data-testid="role-design-peer">
            Program leaders keep the task lists. To talk about your own role, start with your supervisor, and see{' '}
            <a href="/framework">the framework</a> for what peer work is.
          </p>
        ) : (
          <TaskLists />
        )
      }
    </MemberPage>
  );
}

function TaskLists() {
  const [state, setState] = useState<Loaded<TaskListReply>>({ kind: 'loading' });
  const [status, setStatus] = useState('');
  /** Which list to show: '' for every list, 'program' for the program-wide one, or a team id. */
  const [show, setShow] = useState('');
  const [teams, setTeams] = useState<TaskListReply['teams']>([]);
  const load = (): void => {
    learnApi.tasks(show === '' ? undefined : show).then(
      (value) => {
        if (show === '') setTeams(value.teams);
        setState({ kind: 'ready', value });
      },
      (e: unknown) => setState({ kind: 'error', message: errorText(e) }),
    );
  };
  useEffect(load, [show]);
  if (state.kind === 'loading') return <p role="status">Loading the task lists…</p>;
  if (state.kind === 'error')
    return (
      <p role="alert" class="error">
        {state.message}
      </p>
    );
  const { tasks, summary, canManage } = state.value;
  const teamName = (id: string | null): string => (id === null ? 'Whole program' : (teams.find((t) => t.id === id)?.name ?? 'Your team'));
  const flagged = tasks.filter((t) => t.flagged);

  const act = async (what: string, f: () => Promise<unknown>): Promise<void> => {
    try {
      await f();
      setStatus(what);
      load();
    } catch (e) {
      setStatus(`Not done: ${errorText(e)}`);
    }
  };

  return (
    <>
      {canManage && <AddTasks teams={teams} onAdded={(n) => void act(`${n} task${n === 1 ? '' : 's'} added.`, async () => undefined)} />}
      <p role="status" class="save-status" data-testid="tasks-status">
        {status}
      </p>
      {teams.length > 0 && (
        <div class="field inline no-print">
          <label for="tasks-show">Show</label>
          <select id="tasks-show" value={show} onChange={(e) => setShow((e.target as HTMLSelectElement).value)}>
            <option value="">Every list</option>
            <option value="program">Whole program</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
      )}
      <section class="panel" aria-labelledby="flagged-title" data-testid="flagged">
        <h2 id="flagged-title">Peer tasks to rethink</h2>
        <p class="summary" data-testid="task-summary">
          {summary.text}
        </p>
        {flagged.length === 0 ? (
          <p class="muted">None of the tasks given to peer specialists is a conflict, an errand or a clinical duty.</p>
        ) : (
          <ul class="flagged-list">
            {flagged.map((t) => {
              const reasons = dutyReasons(asDuty(t));
              const suggestions = dutySuggestions(asDuty(t));
              return (
                <li key={t.id} class={`finding duty-${t.label}`} data-testid="flagged-task">
                  <p>
                    <span class={`badge badge-${t.label}`}>{LABEL_TEXT[t.label]}</span> <strong>{t.text}</strong>{' '}
                    <span class="muted">({teamName(t.teamId)})</span>
                  </p>
                  <p>
                    <strong>Why: </strong>
                    {reasons[0] ?? 'The wording as a whole reads this way.'}
                  </p>
                  {suggestions[0] && (
                    <p>
                      <strong>Try instead: </strong>
                      {suggestions[0]}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        )}
      </section>
      <section class="panel" aria-labelledby="tasks-title">
        <h2 id="tasks-title">All tasks</h2>
        {tasks.length === 0 ? (
          <p class="muted">No tasks yet.{canManage ? ' Paste a list above, one task a line.' : ''}</p>
        ) : (
          <div class="table-wrap">
            <table class="data-table duty-table" data-testid="tasks-table">
              <caption class="sr-only">Each task with who it is given to, its label, the reasons and what to try instead</caption>
              <thead>
                <tr>
                  <th scope="col">Task</th>
                  <th scope="col">List</th>
                  <th scope="col">Given to</th>
                  <th scope="col">Label</th>
                  <th scope="col">Why</th>
                  <th scope="col">What to try instead</th>
                  {canManage && <th scope="col">Change</th>}
                </tr>
              </thead>
              <tbody>
                {tasks.map((t) => {
                  const reasons = dutyReasons(asDuty(t));
                  const suggestions = t.notDuty === null ? dutySuggestions(asDuty(t)) : [];
                  return (
                    <tr
                      key={t.id}
                      class={`duty ${t.notDuty === null ? `duty-${t.label}` : 'not-duty'}`}
                      data-label={t.notDuty === null ? t.label : 'not-duty'}
                    >
                      <td>{t.text}</td>
                      <td>{teamName(t.teamId)}</td>
                      <td>{t.assignedTo === 'peer' ? 'Peer specialist' : 'Someone else'}</td>
                      <td>
                        {t.notDuty === null ? (
                          <span class={`badge badge-${t.label}`}>{LABEL_TEXT[t.label]}</span>
                        ) : (
                          <span class="badge badge-not-duty">Not a duty</span>
                        )}
                      </td>
                      <td>
                        {t.notDuty !== null ? (
                          <span class="muted">A {NOT_DUTY_TEXT[t.notDuty]}, not a task: not counted.</span>
                        ) : reasons.length ? (
                          <ul>
                            {reasons.map((r) => (
                              <li key={r}>{r}</li>
                            ))}
                          </ul>
                        ) : (
                          <span class="muted">No specific cue; judged from the wording as a whole.</span>
                        )}
                      </td>
                      <td>
                        {suggestions.length ? (
                          <ul>
                            {suggestions.map((s) => (
                              <li key={s}>{s}</li>
                            ))}
                          </ul>
                        ) : (
                          <span class="muted">—</span>
                        )}
                      </td>
                      {canManage && (
                        <td>
                          <ul class="inline-actions">
                            <li>
                              <button
                                type="button"
                                onClick={() =>
                                  void act('Task updated.', () =>
                                    learnApi.updateTask(t.id, { assignedTo: t.assignedTo === 'peer' ? 'other' : 'peer' }),
                                  )
                                }
                                aria-label={`Give “${t.text}” to ${t.assignedTo === 'peer' ? 'someone else' : 'a peer specialist'}`}
                              >
                                {t.assignedTo === 'peer' ? 'Give to someone else' : 'Give to a peer'}
                              </button>
                            </li>
                            <li>
                              <button
                                type="button"
                                class="danger"
                                onClick={() => void act('Task removed.', () => learnApi.removeTask(t.id))}
                                aria-label={`Remove “${t.text}”`}
                              >
                                Remove
                              </button>
                            </li>
                          </ul>
                        </td>
                      )}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}

function AddTasks({ teams, onAdded }: { teams: TaskListReply['teams']; onAdded: (n: number) => void }) {
  const [text, setText] = useState('');
  const [assignedTo, setAssignedTo] = useState<'peer' | 'other'>('peer');
  const [teamId, setTeamId] = useState('');
  const [error, setError] = useState('');
  const submit = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    try {
      const r = await learnApi.addTasks({ text, assignedTo, teamId: teamId === '' ? null : teamId });
      setText('');
      onAdded(r.tasks.length);
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <section class="panel no-print" aria-labelledby="add-title">
      <h2 id="add-title">Add tasks</h2>
      <form onSubmit={(e) => void submit(e)}>
        <div class="field">
          <label for="tasks-text">Tasks, one a line (paste a list; bullets and numbers are dropped)</label>
          <textarea id="tasks-text" rows={6} value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
        </div>
        <fieldset class="inline">
          <legend>Given to</legend>
          <label class="check">
            <input type="radio" name="assigned" value="peer" checked={assignedTo === 'peer'} onChange={() => setAssignedTo('peer')} /> Peer
            specialists
          </label>
          <label class="check">
            <input type="radio" name="assigned" value="other" checked={assignedTo === 'other'} onChange={() => setAssignedTo('other')} />{' '}
            Someone else on the team
          </label>
        </fieldset>
        <div class="field">
          <label for="tasks-team">List</label>
          <select id="tasks-team" value={teamId} onChange={(e) => setTeamId((e.target as HTMLSelectElement).value)}>
            <option value="">Whole program</option>
            {teams.map((t) => (
              <option key={t.id} value={t.id}>
                {t.name}
              </option>
            ))}
          </select>
        </div>
        <div class="button-row">
          <button type="submit" class="primary" disabled={!text.trim()}>
            Add and label the tasks
          </button>
        </div>
        {error && (
          <p role="alert" class="error">
            {error}
          </p>
        )}
      </form>
    </section>
  );
}
