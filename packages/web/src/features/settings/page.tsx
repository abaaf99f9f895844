/** /settings (admin): privacy settings, the workspace export, and the audit log. */
import { useEffect, useState } from 'preact/hooks';
import { people, type AuditEntry } from '../../api.js';
import { ErrorMessage, messageOf } from '../../components/form.js';
import { AllowListSection } from '../../components/allow-list.js';
import { DemoWorkspacePanel } from './components/demo-workspace.js';

const PAGE_SIZE = 25;

export function SettingsPage() {
  const [keepText, setKeepText] = useState(true);
  const [retention, setRetention] = useState('');
  const [error, setError] = useState('');
  const [notice, setNotice] = useState('');
  const [entries, setEntries] = useState<readonly AuditEntry[]>([]);
  const [page, setPage] = useState(1);
  const [total, setTotal] = useState(0);

  const loadAudit = async (p: number): Promise<void> => {
    try {
      const a = await people.audit(p, PAGE_SIZE);
      setEntries(a.entries);
      setTotal(a.total);
      setPage(a.page);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  useEffect(() => {
    people.settings().then(
      (s) => {
        setKeepText(s.keepText);
        setRetention(s.retentionDays === null ? '' : String(s.retentionDays));
      },
      (e: unknown) => setError(messageOf(e)),
    );
    void loadAudit(1);
  }, []);

  const save = async (e: Event): Promise<void> => {
    e.preventDefault();
    setError('');
    const days = retention.trim() === '' ? null : Number(retention);
    if (days !== null && (!Number.isInteger(days) || days < 1)) {
      setError('The retention period is a whole number of days, 1 or more, or empty to keep documents.');
      return;
    }
    if (!keepText && !window.confirm('Remove the words of every saved document now? Findings and profiles stay. This cannot be undone.'))
      return;
    try {
      const s = await people.saveSettings({ keepText, retentionDays: days });
      setKeepText(s.keepText);
      setRetention(s.retentionDays === null ? '' : String(s.retentionDays));
      setNotice('Privacy settings saved.');
      await loadAudit(1);
    } catch (err) {
      setError(messageOf(err));
    }
  };

  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div class="settings-page">
      <div class="page-head">
        <h1 id="page-title" tabIndex={-1}>
          Privacy and records
        </h1>
        <p class="lede">Notes hold health information. Keep the least that serves the team.</p>
      </div>
      <p role="status" class="save-status">
        {notice}
      </p>
      <ErrorMessage>{error}</ErrorMessage>

      <section class="panel" aria-labelledby="privacy-heading">
        <h2 id="privacy-heading">What is kept</h2>
        <form onSubmit={(e) => void save(e)}>
          <div class="field inline">
            <input
              id="keep-text"
              type="checkbox"
              checked={keepText}
              onChange={(e) => setKeepText((e.target as HTMLInputElement).checked)}
              aria-describedby="keep-text-help"
            />
            <label for="keep-text">Keep the words of saved notes</label>
          </div>
          <p class="help" id="keep-text-help">
            When this is off, a saved note keeps its title, its perspective profile and its findings, but not its words, nor the words the
            findings quote. Turning it off removes the words of the notes already saved.
          </p>
          <div class="field">
            <label for="retention">Delete documents written more than this many days ago</label>
            <input
              id="retention"
              type="number"
              min={1}
              step={1}
              value={retention}
              onInput={(e) => setRetention((e.target as HTMLInputElement).value)}
              aria-describedby="retention-help"
            />
            <p class="help" id="retention-help">
              Leave empty to keep documents until someone deletes them. The check runs when the server starts and once a day.
            </p>
          </div>
          <button type="submit" class="primary">
            Save privacy settings
          </button>
        </form>
      </section>

      <AllowListSection />

      <section class="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Export</h2>
        <p>One JSON file with everything in the workspace (no passwords). The download is recorded below.</p>
        <a class="button-link" href={people.exportHref} download>
          Download the workspace
        </a>
      </section>

      <DemoWorkspacePanel />

      <section class="panel" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Who opened, changed or exported what</h2>
        <p class="help">
          Sign-ins (and failed ones), notes opened, drift viewed, imports, changes to members, teams, task lists and settings. The log names
          people and teams; it never holds the words of a note, a reflection or a task.
        </p>
        <div class="table-wrap">
          <table class="data-table" data-testid="audit-table">
            <caption class="sr-only">Audit log, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e, i) => (
                <tr key={`${e.at}-${i}`}>
                  <td>{new Date(e.at).toLocaleString([], { dateStyle: 'medium', timeStyle: 'short' })}</td>
                  <td>{e.actor}</td>
                  <td data-action={e.action}>{e.description}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="button-row">
          <button type="button" disabled={page <= 1} onClick={() => void loadAudit(page - 1)}>
            Newer
          </button>
          <span>
            Page {page} of {pages}
          </span>
          <button type="button" disabled={page >= pages} onClick={() => void loadAudit(page + 1)}>
            Older
          </button>
        </div>
      </section>
    </div>
  );
}
