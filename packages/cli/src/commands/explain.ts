/** `peerlens explain RULE-ID`: what a rule flags, why, its source and its own examples. */
import { getRule, rules, sources, type LexiconEntry } from '@peerlens/core';

export function explainText(entry: LexiconEntry): string {
  const srcs = entry.source.map((key) => {
    const s = sources().find((x) => x.key === key);
    return s ? `${s.title} — ${s.author}${s.year !== undefined ? ` (${s.year})` : ''}` : key;
  });
  const lines = [
    `${entry.id}`,
    `  ${entry.category} rule · dimension ${entry.dimension} · ${entry.severity}${entry.label !== undefined ? ` · cue for ${entry.label}` : ''}`,
    '',
    'What it flags',
    ...entry.phrases.map((p) => `  ${p}`),
    '',
    'Message',
    `  ${entry.message.replace(/\{actual\}/g, '…')}`,
    '',
    'Why',
    ...wrap(entry.note, 90).map((l) => `  ${l}`),
    '',
    'Source',
    ...srcs.map((s) => `  ${s}`),
  ];
  if (entry.replacements.length > 0)
    lines.push(
      '',
      'Replacements (for exactly the flagged words; offered, never applied)',
      ...entry.replacements.map((r) =>
        typeof r === 'string'
          ? `  - ${r}`
          : `  - ${r.swap
              .slice(0, 12)
              .map(([from, to]) => `${from} → ${to}`)
              .join(', ')}${r.swap.length > 12 ? ` … and ${r.swap.length - 12} more` : ''}`,
      ),
    );
  if (entry.hints.length > 0)
    lines.push(
      '',
      entry.category === 'role' ? 'What to try instead' : 'Hints',
      ...entry.hints.flatMap((h) => wrap(h, 88).map((l, i) => `  ${i === 0 ? '- ' : '  '}${l}`)),
    );
  lines.push(
    '',
    'Examples',
    ...entry.examples.fire.map((e) => `  flagged:     ${e}`),
    ...entry.examples.pass.map((e) => `  not flagged: ${e}`),
  );
  lines.push('', `Turn it off or change its severity in .peerlensrc.json: { "rules": { "${entry.id}": "off" } }`);
  return `${lines.join('\n')}\n`;
}

export function wrap(text: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      out.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') out.push(line);
  return out.length > 0 ? out : [''];
}

/** Rule ids close to a mistyped one. */
export function similarIds(id: string): string[] {
  const parts = id
    .toLowerCase()
    .split(/[-_\s]+/)
    .filter((p) => p.length >= 3);
  return rules()
    .map((r) => r.id)
    .filter((r) => parts.some((p) => r.includes(p)))
    .slice(0, 8);
}

export function explain(id: string, format: 'text' | 'json'): { code: number; out: string; err: string } {
  const entry = getRule(id);
  if (!entry) {
    const near = similarIds(id);
    return {
      code: 2,
      out: '',
      err: `peerlens explain: no rule "${id}".${near.length > 0 ? ` Did you mean: ${near.join(', ')}?` : ''} (docs/rules.md lists every rule)\n`,
    };
  }
  if (format === 'json') {
    const { file: _file, ...rest } = entry;
    return {
      code: 0,
      out: `${JSON.stringify({ ...rest, sources: entry.source.map((k) => sources().find((s) => s.key === k) ?? { key: k }) }, null, 2)}\n`,
      err: '',
    };
  }
  return { code: 0, out: explainText(entry), err: '' };
}
