/**
 * The drift page's range of months and its roster at a glance (issue 13). The range (from and to,
 * both months included) is kept in the page's address, so a view can be shared or come back to;
 * it applies to the charts, the tables, the signal and the roster. The roster shows a supervisor
 * each person of their team, and a program leader or admin each team as a whole (a team where
 * fewer than 3 people wrote is not shown).
 */
import { useEffect, useState } from 'preact/hooks';
import { ApiError, type Roster } from '../../../api.js';
import { historyApi, type MonthRange } from '../api.js';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const monthName = (m: string): string => `${MONTHS[Number(m.slice(5, 7)) - 1] ?? m.slice(5, 7)} ${m.slice(0, 4)}`;
const dayName = (d: string): string => `${Number(d.slice(8, 10))} ${monthName(d.slice(0, 7))}`;

/** The range in an address's query (?from=YYYY-MM&to=YYYY-MM); a malformed end is left out. */
export function rangeFromSearch(search: string): MonthRange {
  const q = new URLSearchParams(search);
  const from = q.get('from') ?? '';
  const to = q.get('to') ?? '';
  return { ...(MONTH.test(from) ? { from } : {}), ...(MONTH.test(to) ? { to } : {}) };
}

/** The range as query parameters to add to an address ('' when open at both ends). */
export function rangeSearch(range: MonthRange): string {
  return `${range.from ? `&from=${range.from}` : ''}${range.to ? `&to=${range.to}` : ''}`;
}

/** "March 2026 to June 2026", "from March 2026", "up to June 2026", or "all months". */
export function rangeText(range: MonthRange): string {
  if (range.from && range.to) return range.from === range.to ? monthName(range.from) : `${monthName(range.from)} to ${monthName(range.to)}`;
  if (range.from) return `from ${monthName(range.from)}`;
  if (range.to) return `up to ${monthName(range.to)}`;
  return 'all months';
}

export function RangeForm({ range, onChange }: { range: MonthRange; onChange: (r: MonthRange) => void }) {
  const [from, setFrom] = useState(range.from ?? '');
  const [to, setTo] = useState(range.to ?? '');
  const [error, setError] = useState('');
  useEffect(() => {
    setFrom(range.from ?? '');
    setTo(range.to ?? '');
  }, [range.from, range.to]);
  const apply = (e: Event): void => {
    e.preventDefault();
    for (const [name, v] of [
      ['From', from],
      ['To', to],
    ] as const)
      if (v !== '' && !MONTH.test(v)) {
        setError(`${name}: write a month as YYYY-MM, e.g. 2026-03.`);
        return;
      }
    if (from && to && from > to) {
      setError('The first month comes after the last.');
      return;
    }
    setError('');
    onChange({ ...(from ? { from } : {}), ...(to ? { to } : {}) });
  };
  return (
    <form class="drift-range" onSubmit={apply} aria-labelledby="range-title" data-testid="drift-range">
      <h2 id="range-title" class="sr-only">
        Months to look at
      </h2>
      <div class="field inline">
        <label for="range-from">From</label>
        <input
          id="range-from"
          type="month"
          placeholder="YYYY-MM"
          value={from}
          onInput={(e) => setFrom((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <div class="field inline">
        <label for="range-to">To</label>
        <input
          id="range-to"
          type="month"
          placeholder="YYYY-MM"
          value={to}
          onInput={(e) => setTo((e.currentTarget as HTMLInputElement).value)}
        />
      </div>
      <button type="submit">Show these months</button>
      {(range.from || range.to) && (
        <button type="button" onClick={() => onChange({})}>
          All months
        </button>
      )}
      <p class="help" data-testid="range-text">
        Showing {rangeText(range)}. The charts, tables and signal count only these months.
      </p>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
    </form>
  );
}

export function RosterPanel({
  range,
  onPick,
}: {
  range: MonthRange;
  /** Show this member's or team's drift below. */
  onPick: (choice: { member: string } | { team: string }) => void;
}) {
  const [roster, setRoster] = useState<Roster | null>(null);
  const [error, setError] = useState('');
  useEffect(() => {
    historyApi.roster(range).then(
      (r) => {
        setRoster(r);
        setError('');
      },
      (e: unknown) => setError(e instanceof ApiError ? e.message : String(e)),
    );
  }, [range.from ?? '', range.to ?? '']);
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!roster || roster.rows.length === 0) return null;
  const people = roster.kind === 'people';
  return (
    <section class="panel" aria-labelledby="roster-title" data-testid="roster">
      <h2 id="roster-title">{people ? 'Your team at a glance' : 'Teams at a glance'}</h2>
      {!people && roster.minPeople !== null && (
        <p class="help">
          Team figures only. A month counts only when at least {roster.minPeople} people wrote notes in it, so no one’s own work shows
          through a small team.
        </p>
      )}
      <div class="table-wrap">
        <table class="data-table">
          <caption>
            {people ? 'Each person on your team' : 'Each team'}, {rangeText(range)}
          </caption>
          <thead>
            <tr>
              <th scope="col">{people ? 'Person' : 'Team'}</th>
              {!people && <th scope="col">People</th>}
              <th scope="col">{people ? 'Last note' : 'Last month shown'}</th>
              <th scope="col">Months with notes</th>
              <th scope="col">Drift signal</th>
              <th scope="col">
                <span class="sr-only">Open</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {roster.rows.map((r) => (
              <tr key={r.id} data-testid="roster-row">
                <th scope="row">{r.name}</th>
                {!people && <td>{r.people}</td>}
                {r.hidden ? (
                  <td colSpan={3}>Not shown: fewer than {roster.minPeople} people wrote notes in any month</td>
                ) : (
                  <>
                    <td>{r.lastNote === null ? 'No notes' : people ? dayName(r.lastNote) : monthName(r.lastNote)}</td>
                    <td>{r.monthsWithNotes}</td>
                    <td data-signal={r.signal.kind}>{r.signal.title}</td>
                  </>
                )}
                <td>
                  {!r.hidden && (
                    <button type="button" onClick={() => onPick(people ? { member: r.id } : { team: r.id })}>
                      See drift<span class="sr-only"> for {r.name}</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
