/** `peerlens framework`: the nine dimensions as a chart in the terminal, the role boundaries and the training areas. */
import { DIMENSIONS, PERSPECTIVES, ROLE_BOUNDARIES, TRAINING_AREAS, type Perspective } from '@peerlens/core';
import { wrap } from './explain.js';

const COLUMNS: readonly Perspective[] = PERSPECTIVES;

/** Rows of text cells side by side, each cell wrapped to its width. */
function table(rows: readonly (readonly string[])[], widths: readonly number[]): string[] {
  const out: string[] = [];
  const rule = widths.map((w) => '─'.repeat(w)).join('─┼─');
  rows.forEach((row, r) => {
    const cells = row.map((cell, i) => wrap(cell, widths[i] as number));
    const height = Math.max(...cells.map((c) => c.length));
    for (let h = 0; h < height; h++)
      out.push(
        cells
          .map((c, i) => (c[h] ?? '').padEnd(widths[i] as number))
          .join(' │ ')
          .trimEnd(),
      );
    if (r < rows.length - 1) out.push(rule);
  });
  return out;
}

export function frameworkText(width: number): string {
  const w = Math.max(80, Math.min(width, 160));
  const first = 14;
  const col = Math.floor((w - first - 9) / 3);
  const rows: string[][] = [['dimension', 'peer', 'overlap (shared)', 'clinical']];
  for (const d of DIMENSIONS) rows.push([d.title, ...COLUMNS.map((p) => d.views[p]?.summary ?? '—')]);
  const lines = [
    'The PeerLens framework: nine dimensions, each seen from a peer, a shared and a clinical perspective',
    '',
    ...table(rows, [first, col, col, col]),
  ];
  lines.push('', 'Tasks a peer role should not be given', '');
  for (const b of ROLE_BOUNDARIES) {
    lines.push(`  ${b.kind.padEnd(8)}  ${b.task}`);
    for (const l of wrap(`Instead: ${b.instead}`, w - 14)) lines.push(`            ${l}`);
  }
  lines.push('', 'Where peer training can grow', '');
  for (const t of TRAINING_AREAS) lines.push(`  ${t.direction.padEnd(6)}  ${t.title}: ${t.description}`);
  lines.push('', 'Sources and the full text: docs/framework.md. A rule in detail: peerlens explain RULE-ID.');
  return `${lines.join('\n')}\n`;
}

export function frameworkJson(): string {
  return `${JSON.stringify({ dimensions: DIMENSIONS, roleBoundaries: ROLE_BOUNDARIES, trainingAreas: TRAINING_AREAS }, null, 2)}\n`;
}
