/**
 * The organization's allow list (issue 13): phrases PeerLens never flags in this workspace, the
 * same list as the `allow` of a CLI configuration. `useAllowList` gives the checker the list to
 * analyze with; `AllowListSection` is where an admin sees it, takes a phrase off, adds one, and
 * moves it to and from a `.peerlensrc.json` (the file `peerlens check -c` reads).
 */
import { useEffect, useState } from 'preact/hooks';
import { organizationApi } from '../api.js';
import { ErrorMessage, messageOf } from './form.js';

export interface AllowState {
  readonly allow: readonly string[];
  readonly canChange: boolean;
  /** Put the list the server answered with in place. */
  readonly set: (allow: readonly string[]) => void;
}

/** The list, fetched once a page is drawn; empty (nothing allowed) until it arrives or if it cannot be read. */
export function useAllowList(): AllowState {
  const [state, setState] = useState<{ allow: readonly string[]; canChange: boolean }>({ allow: [], canChange: false });
  useEffect(() => {
    organizationApi.allowList().then(
      (r) => setState({ allow: r.allow, canChange: r.canChange }),
      () => undefined,
    );
  }, []);
  return { ...state, set: (allow) => setState((s) => ({ ...s, allow })) };
}

export function AllowListSection() {
  const list = useAllowList();
  const [phrase, setPhrase] = useState('');
  const [notice, setNotice] = useState('');
  const [error, setError] = useState('');

  const act = async (what: () => Promise<readonly string[]>, done: string): Promise<void> => {
    setError('');
    try {
      list.set(await what());
      setNotice(done);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  const add = (e: Event): void => {
    e.preventDefault();
    const p = phrase.trim();
    if (!p) return;
    void act(() => organizationApi.allow(p), `“${p}” is allowed for the organization.`).then(() => setPhrase(''));
  };

  const importFile = async (file: File): Promise<void> => {
    setError('');
    let config: unknown;
    try {
      config = JSON.parse(await file.text()) as unknown;
    } catch {
      setError(`${file.name} is not JSON. Import a .peerlensrc.json or a package.json (a YAML configuration can be saved as JSON first).`);
      return;
    }
    try {
      const r = await organizationApi.importConfig(config);
      list.set(r.allow);
      setNotice(
        `Imported ${r.allow.length} allowed phrase${r.allow.length === 1 ? '' : 's'} from ${file.name}.` +
          (r.ignored.length > 0 ? ` Its other settings (${r.ignored.join(', ')}) are for the command line and were not used.` : ''),
      );
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section class="panel" aria-labelledby="allow-title" data-testid="allow-list">
      <h2 id="allow-title">Phrases allowed for the organization</h2>
      <p class="help">
        PeerLens never flags these phrases, for anyone in this workspace: in the checker, in saved and imported notes, and in role reviews.
        Documents saved before a change keep the findings they were saved with until they are saved again. It is the same list as{' '}
        <code>allow</code> in the command line’s configuration: the file below works with <code>peerlens check -c peerlensrc.json</code>, or
        saved as <code>.peerlensrc.json</code> beside the notes.
      </p>
      <p role="status" class="save-status">
        {notice}
      </p>
      {error && <ErrorMessage>{error}</ErrorMessage>}
      {list.allow.length === 0 ? (
        <p>No phrases are allowed yet. An admin can allow one from a finding in the checker, or add it here.</p>
      ) : (
        <ul class="allow-list">
          {list.allow.map((p) => (
            <li key={p}>
              <span>“{p}”</span>{' '}
              <button type="button" onClick={() => void act(() => organizationApi.disallow(p), `“${p}” is flagged again.`)}>
                Remove<span class="sr-only"> “{p}”</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="field inline" onSubmit={add}>
        <label for="allow-phrase">Allow a phrase</label>
        <input
          id="allow-phrase"
          type="text"
          maxLength={200}
          value={phrase}
          onInput={(e) => setPhrase((e.target as HTMLInputElement).value)}
        />
        <button type="submit">Allow</button>
      </form>
      <div class="button-row">
        <a class="button-link" href={organizationApi.exportHref} download="peerlensrc.json">
          Download for the command line (peerlensrc.json)
        </a>
      </div>
      <div class="field inline">
        <label for="allow-import">Import a configuration (.peerlensrc.json or package.json)</label>
        <input
          id="allow-import"
          type="file"
          accept=".json,application/json"
          onChange={(e) => {
            const input = e.currentTarget as HTMLInputElement;
            const file = input.files?.[0];
            if (file) void importFile(file).finally(() => (input.value = ''));
          }}
        />
      </div>
      <p class="help">
        Importing replaces the list with the file’s <code>allow</code>.
      </p>
    </section>
  );
}
