/** Which column (CSV) or key (JSON Lines) holds the text, the id, the author and the date. */
import type { ColumnOptions } from './types.js';

const norm = (s: string): string => s.toLowerCase().replace(/[^a-z0-9]/g, '');

const GUESSES = {
  text: [
    'text',
    'note',
    'notetext',
    'notes',
    'body',
    'content',
    'narrative',
    'description',
    'duty',
    'task',
    'comment',
    'comments',
    'entry',
  ],
  id: ['id', 'noteid', 'recordid', 'rowid', 'uuid', 'key', 'encounterid', 'visitid'],
  author: ['author', 'staff', 'writer', 'createdby', 'clinician', 'provider', 'peer', 'specialist', 'user', 'username', 'staffname'],
  date: ['date', 'servicedate', 'notedate', 'visitdate', 'created', 'createdat', 'timestamp', 'datetime', 'time', 'dateofservice'],
} as const;

export type Field = keyof typeof GUESSES;

export interface ColumnChoice {
  readonly text?: string;
  readonly id?: string;
  readonly author?: string;
  readonly date?: string;
  /** What was guessed, to tell the user once. */
  readonly guessed: string[];
  /** A column the user named that is not there. */
  readonly missing?: string;
}

const OPTION: Record<Field, keyof ColumnOptions> = { text: 'textColumn', id: 'idColumn', author: 'authorColumn', date: 'dateColumn' };

/**
 * Picks the columns from the header (and, for the text, from the first row's values when no
 * name fits: the column with the longest value). Named columns win; names match exactly,
 * then ignoring case and punctuation.
 */
export function chooseColumns(header: readonly string[], firstRow: readonly unknown[] | undefined, options: ColumnOptions): ColumnChoice {
  const guessed: string[] = [];
  const choice: { -readonly [K in Field]?: string } = {};
  let missing: string | undefined;
  const normalized = header.map(norm);
  for (const field of ['text', 'id', 'author', 'date'] as const) {
    const wanted = options[OPTION[field]];
    if (wanted !== undefined) {
      const exact = header.indexOf(wanted);
      const loose = exact >= 0 ? exact : normalized.indexOf(norm(wanted));
      if (loose >= 0) choice[field] = header[loose] as string;
      else if (missing === undefined) missing = wanted;
      continue;
    }
    let at = -1;
    for (const g of GUESSES[field]) {
      at = normalized.indexOf(g);
      if (at >= 0) break;
    }
    if (at < 0 && field === 'text' && firstRow) {
      let best = 0;
      firstRow.forEach((v, i) => {
        if (typeof v === 'string' && v.length > best && i < header.length) {
          best = v.length;
          at = i;
        }
      });
    }
    if (at >= 0 && !Object.values(choice).includes(header[at] as string)) {
      choice[field] = header[at] as string;
      if (header[at] !== field) guessed.push(`${field} from "${header[at] as string}"`);
    }
  }
  return { ...choice, guessed, ...(missing !== undefined ? { missing } : {}) };
}
