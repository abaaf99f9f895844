/**
 * Inline controls: comments in a note or a Markdown file that turn findings off where a team
 * has decided so. Browser-safe and pure, so the CLI and the web editor read them the same way.
 *
 *   <!-- peerlens-disable-next-line frequent-flyer -->   the next line, for those rules (or all)
 *   <!-- peerlens-disable-line noncompliant -->          this line
 *   <!-- peerlens-disable -->  …  <!-- peerlens-enable -->   a region (optionally for some rules)
 *   <!-- peerlens ignore -->                              the next block (up to a blank line) is not read at all
 *
 * In plain text a directive may also stand alone on its own line, without the comment
 * marks (`peerlens-disable-next-line frequent-flyer`), optionally after `//`, `#` or `--`.
 * Rule ids are separated by commas or spaces; anything after ` -- ` is a reason, for people.
 */
import type { Finding } from '../types.js';

export type DirectiveKind = 'disable' | 'enable' | 'disable-line' | 'disable-next-line' | 'ignore';

export interface Directive {
  readonly kind: DirectiveKind;
  /** The rule ids it names; empty means every rule. */
  readonly rules: readonly string[];
  /** 1-based line of the directive. */
  readonly line: number;
  /** Offsets (UTF-16) of the directive text itself, comment marks included. */
  readonly start: number;
  readonly end: number;
}

/** Offsets [start, end) where the given rules (or every rule) are off. */
export interface SuppressedRange {
  readonly start: number;
  readonly end: number;
  /** Empty means every rule. */
  readonly rules: readonly string[];
  readonly directive: Directive;
}

export interface ControlProblem {
  readonly line: number;
  readonly message: string;
}

export interface InlineControls {
  readonly directives: readonly Directive[];
  /** Where findings are dropped. */
  readonly ranges: readonly SuppressedRange[];
  /** Blocks not read at all (`peerlens ignore`), offsets [start, end). */
  readonly ignored: readonly { readonly start: number; readonly end: number }[];
  readonly problems: readonly ControlProblem[];
}

const KINDS: Record<string, DirectiveKind> = {
  'peerlens-disable': 'disable',
  'peerlens-enable': 'enable',
  'peerlens-disable-line': 'disable-line',
  'peerlens-disable-next-line': 'disable-next-line',
  'peerlens ignore': 'ignore',
  'peerlens-ignore': 'ignore',
};

const COMMENT = /<!--\s*(peerlens(?:-[a-z-]+|\s+ignore\b))([^]*?)-->/g;
const BARE = /^[ \t]*(?:(?:\/\/|#|--|%)[ \t]*)?(peerlens-(?:disable-next-line|disable-line|disable|enable|ignore))\b(.*)$/;

interface Line {
  readonly start: number;
  /** End of the content, before the line break. */
  readonly end: number;
  /** Start of the next line. */
  readonly next: number;
}

function linesOf(text: string): Line[] {
  const out: Line[] = [];
  let start = 0;
  for (let i = 0; i <= text.length; i++) {
    const c = i < text.length ? text.charCodeAt(i) : -1;
    if (c === 0x0a || c === 0x0d || c === -1) {
      let next = i + 1;
      if (c === 0x0d && text.charCodeAt(i + 1) === 0x0a) next++;
      out.push({ start, end: i, next: Math.min(next, text.length) });
      if (c === 0x0d && next === i + 2) i++;
      start = next;
    }
  }
  return out;
}

function parseRules(rest: string): string[] {
  const body = rest.split(/\s--\s|\s--$/)[0] ?? '';
  return body
    .split(/[\s,]+/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function isBlank(text: string, line: Line): boolean {
  return text.slice(line.start, line.end).trim() === '';
}

/** Reads every directive of a text and works out where it applies. Linear in the text. */
export function parseInlineControls(text: string): InlineControls {
  const lines = linesOf(text);
  const directives: Directive[] = [];
  const problems: ControlProblem[] = [];
  lines.forEach((line, index) => {
    const content = text.slice(line.start, line.end);
    if (!content.includes('peerlens')) return;
    let found = false;
    COMMENT.lastIndex = 0;
    for (let m = COMMENT.exec(content); m !== null; m = COMMENT.exec(content)) {
      found = true;
      const name = (m[1] ?? '').replace(/\s+/, ' ');
      const kind = KINDS[name];
      if (kind === undefined) {
        problems.push({ line: index + 1, message: `unknown directive "${name}"` });
        continue;
      }
      directives.push({
        kind,
        rules: kind === 'ignore' ? [] : parseRules(m[2] ?? ''),
        line: index + 1,
        start: line.start + m.index,
        end: line.start + m.index + m[0].length,
      });
    }
    if (found) return;
    const bare = BARE.exec(content);
    if (bare) {
      const kind = KINDS[bare[1] ?? ''] as DirectiveKind;
      directives.push({
        kind,
        rules: kind === 'ignore' ? [] : parseRules(bare[2] ?? ''),
        line: index + 1,
        start: line.start,
        end: line.end,
      });
    }
  });

  const ranges: SuppressedRange[] = [];
  const ignored: { start: number; end: number }[] = [];
  // open disable regions: rule id ('' for every rule) -> the directive that opened it
  const open = new Map<string, Directive>();
  const close = (key: string, at: number): void => {
    const d = open.get(key);
    if (d === undefined) return;
    ranges.push({ start: d.end, end: at, rules: key === '' ? [] : [key], directive: d });
    open.delete(key);
  };
  for (const d of directives) {
    const line = lines[d.line - 1] as Line;
    switch (d.kind) {
      case 'disable-line':
        ranges.push({ start: line.start, end: line.end, rules: d.rules, directive: d });
        break;
      case 'disable-next-line': {
        const next = lines[d.line];
        if (next) ranges.push({ start: next.start, end: next.end, rules: d.rules, directive: d });
        break;
      }
      case 'disable':
        for (const key of d.rules.length === 0 ? [''] : d.rules) if (!open.has(key)) open.set(key, d);
        break;
      case 'enable':
        if (d.rules.length === 0) for (const key of [...open.keys()]) close(key, d.start);
        else for (const key of d.rules) close(key, d.start);
        break;
      case 'ignore': {
        // the next block: from the next non-blank line (or the rest of this line) to a blank line
        let i = d.line - 1;
        let start = d.end;
        if (text.slice(d.end, line.end).trim() === '') {
          i++;
          while (i < lines.length && isBlank(text, lines[i] as Line)) i++;
          if (i >= lines.length) break;
          start = (lines[i] as Line).start;
        }
        let end = (lines[i] as Line).end;
        for (let j = i + 1; j < lines.length && !isBlank(text, lines[j] as Line); j++) end = (lines[j] as Line).end;
        if (end > start) ignored.push({ start, end });
        break;
      }
    }
  }
  for (const key of [...open.keys()]) close(key, text.length);
  ranges.sort((a, b) => a.start - b.start);
  return { directives, ranges, ignored, problems };
}

/**
 * The text with every directive and every ignored block blanked out (spaces; line breaks
 * kept), so that offsets, lines and columns stay those of the original and the analyzer
 * neither reads a directive as a sentence nor labels an ignored block.
 */
export function maskControls(text: string, controls: InlineControls = parseInlineControls(text)): string {
  const spans = [...controls.directives.map((d) => ({ start: d.start, end: d.end })), ...controls.ignored];
  if (spans.length === 0) return text;
  spans.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const s of spans) {
    if (s.end <= at) continue;
    const from = Math.max(at, s.start);
    out += text.slice(at, from) + text.slice(from, s.end).replace(/[^\r\n]/g, ' ');
    at = s.end;
  }
  return out + text.slice(at);
}

export interface ControlledFindings {
  /** The findings that stand. */
  readonly findings: Finding[];
  /** The findings a directive turned off. */
  readonly suppressed: Finding[];
}

/**
 * Drops the findings that a directive turns off; keeps the order of the rest. A finding that
 * carries others on the same words (`also`) keeps those a directive leaves on: when its own rule
 * is turned off, the first of them that stays takes its place.
 */
export function applyInlineControls(
  text: string,
  findings: readonly Finding[],
  controls: InlineControls = parseInlineControls(text),
): ControlledFindings {
  const kept: Finding[] = [];
  const suppressed: Finding[] = [];
  const isOff = (f: Finding): boolean => {
    const at = f.start.offset;
    return (
      controls.ignored.some((r) => at >= r.start && at < r.end) ||
      controls.ranges.some((r) => at >= r.start && at <= r.end && (r.rules.length === 0 || r.rules.includes(f.ruleId)))
    );
  };
  for (const f of findings) {
    if (!f.also) {
      (isOff(f) ? suppressed : kept).push(f);
      continue;
    }
    const { also, ...lead } = f;
    const on = [lead, ...also].filter((x) => !isOff(x));
    if (on.length === 0) {
      suppressed.push(f);
      continue;
    }
    const [first, ...rest] = on as [Finding, ...Finding[]];
    kept.push(rest.length > 0 ? { ...first, also: rest } : first);
  }
  return { findings: kept, suppressed };
}
