/** `peerlens roles`, `explain`, `framework` and the help of every command, through the built binary. */
import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { peerlens, ruleFor } from './helpers.js';

const DUTIES = [
  'Share your own recovery story when it can help someone feel less alone.',
  'Walk alongside members as they set goals that matter to them.',
  'Administer and document medications per MAP.',
  'Serve as representative payee for member benefits.',
  'Drive members to appointments and run errands for staff.',
  'Help members speak up for their rights at treatment meetings.',
  'Other duties as assigned.',
];

interface Duty {
  label: string;
  text: string;
  suggestions: string[];
}

describe('peerlens roles', () => {
  for (const file of ['jobs/peer-specialist.docx', 'jobs/peer-specialist.pdf']) {
    it(`prints the duty table of ${file}: every duty, its label, a suggestion for every conflict and errand, a summary`, () => {
      const r = peerlens(['roles', file]);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/^ {2}# +label +duty$/m);
      DUTIES.forEach((d, i) => {
        expect(r.stdout).toMatch(
          new RegExp(
            `^ {2}${i + 1} +(peer|overlap|clinical|conflict|errand) +${d.slice(0, 40).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`,
            'm',
          ),
        );
      });
      expect(r.stdout).toMatch(/^ {2}\d of 7 duties to rethink: .*(conflicts?|errands?|clinical dut(y|ies))\.$/m);
      const json = JSON.parse(peerlens(['roles', file, '-f', 'json']).stdout) as { files: { duties: Duty[]; summary: string }[] };
      const duties = json.files[0]!.duties;
      expect(duties.map((d) => d.text.replace(/^- /, ''))).toEqual(DUTIES);
      for (const d of duties.filter((x) => ['conflict', 'errand', 'clinical'].includes(x.label)))
        expect(d.suggestions.length).toBeGreaterThan(0);
      expect(duties.some((d) => d.label === 'conflict')).toBe(true);
    });
  }

  it('leaves a posting’s summary, qualifications, pay and hours out of the count, and counts a clinical duty with what to try instead', () => {
    const posting = [
      'Peer Support Specialist',
      'Position summary: The Peer Support Specialist provides recovery support to adults in our outpatient program.',
      'Responsibilities',
      '- Complete psychiatric intake assessments',
      '- Share lived experience to build hope',
      'Qualifications',
      '- High school diploma or GED required',
      'Pay: $18.50 per hour. Full time, 40 hours a week.',
      '',
    ].join('\n');
    const r = peerlens(['roles', '-'], { input: posting });
    expect(r.stdout).toMatch(
      /^ {2}1 of 2 duties to rethink: 1 clinical duty\. Not counted: 4 lines that are not duties \(summary, qualifications, pay, hours\)\.$/m,
    );
    expect(r.stdout).toMatch(/^ +instead: Leave intake assessment to clinical or intake staff\.$/m);
    expect(r.stdout).toMatch(/not a duty +High school diploma or GED required \(qualification\)/);
    const json = JSON.parse(peerlens(['roles', '-', '-f', 'json'], { input: posting }).stdout) as {
      files: { duties: Duty[]; notDuties: { kind: string; text: string }[] }[];
    };
    expect(json.files[0]!.duties.map((d) => d.label)).toEqual(['clinical', 'peer']);
    expect(json.files[0]!.notDuties.map((n) => n.kind)).toEqual([
      'heading',
      'summary',
      'heading',
      'heading',
      'qualification',
      'pay',
      'hours',
    ]);
  });

  it('in a CSV each row is one duty; markdown and html reporters give a duty table', () => {
    const csv = 'task\nServe as representative payee for members.\nShare lived experience to build hope.\n';
    const md = peerlens(['roles', '-', '--input-format', 'csv', '-f', 'markdown'], { input: csv });
    expect(md.stdout).toMatch(/^# PeerLens role review$/m);
    expect(md.stdout).toMatch(/^\| 1 \| \*\*conflict\*\* \| Serve as representative payee for members\. \|/m);
    const html = peerlens(['roles', 'jobs/tasks.txt', '-f', 'html']);
    expect(html.stdout).toMatch(/<td class="l-conflict">conflict<\/td><td>Serve as representative payee/);
  });
});

describe('peerlens explain', () => {
  const id = ruleFor('frequent flyer');
  it('says what a rule flags, why, its source and examples', () => {
    const r = peerlens(['explain', id]);
    expect(r.code).toBe(0);
    for (const heading of ['What it flags', 'Message', 'Why', 'Source', 'Replacements', 'Hints', 'Examples'])
      expect(r.stdout).toMatch(new RegExp(`^${heading}`, 'm'));
    expect(r.stdout).toMatch(/^ {2}- frequent flyer → frequent visitor/m);
    expect(r.stdout).toMatch(/^ {2}flagged: {5}\S/m);
    expect(r.stdout).toMatch(/^ {2}not flagged: \S/m);
    expect(JSON.parse(peerlens(['explain', id, '--format', 'json']).stdout)).toMatchObject({
      id,
      sources: expect.arrayContaining([expect.objectContaining({ title: expect.any(String) })]),
    });
  });

  it('an unknown id exits 2 and offers near ones', () => {
    const r = peerlens(['explain', 'flyer']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`no rule "flyer". Did you mean: `);
    expect(r.stderr).toContain(id);
  });
});

describe('peerlens framework', () => {
  it('draws the chart with the nine dimensions in three perspectives', () => {
    const r = peerlens(['framework']);
    expect(r.stdout).toMatch(/^dimension +│ peer +│ overlap \(shared\) +│ clinical$/m);
    for (const t of ['Relationship', 'Stance', 'Sharing', 'Meaning', 'Choice', 'Advocacy', 'Language', 'Identity', 'Position'])
      expect(r.stdout).toMatch(new RegExp(`^${t}\\b`, 'm'));
    expect(r.stdout).toContain('Tasks a peer role should not be given');
  });

  it('--format json gives the data', () => {
    const data = JSON.parse(peerlens(['framework', '--format', 'json']).stdout) as {
      dimensions: unknown[];
      roleBoundaries: unknown[];
      trainingAreas: unknown[];
    };
    expect(data.dimensions).toHaveLength(9);
    expect(data.roleBoundaries.length).toBeGreaterThan(0);
  });
});

describe('help', () => {
  for (const cmd of ['check', 'roles', 'explain', 'framework', 'classify']) {
    it(`peerlens ${cmd} --help has an example`, () => {
      const r = peerlens([cmd, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/Examples?:\n {2}.*peerlens /);
    });
  }
  it('every rule an example in the help names exists: explain exits 0 for each', () => {
    const help = ['', 'explain'].map((cmd) => peerlens(cmd ? [cmd, '--help'] : ['--help']).stdout).join('\n');
    const ids = [...help.matchAll(/peerlens explain ([a-z0-9-]+)/g)].map((m) => m[1] as string);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(peerlens(['explain', id]).code, id).toBe(0);
  });
  it('check --help documents the exit codes, including a skipped input', () => {
    expect(peerlens(['check', '--help']).stdout).toMatch(/2 a usage or configuration error, or an input that was skipped/);
  });
});

describe('a folder of prose', () => {
  it('peerlens check on the whole of docs/decisions succeeds, every file read', () => {
    const dir = fileURLToPath(new URL('../../../docs/decisions/', import.meta.url));
    const files = readdirSync(dir).filter((f) => f.endsWith('.md'));
    const r = peerlens(['check', dir, '-f', 'json', '-q']);
    expect([0, 1]).toContain(r.code);
    const report = JSON.parse(r.stdout) as { files: { profile: { units: number } }[]; summary: { skipped: number } };
    expect(report.files).toHaveLength(files.length);
    expect(report.summary.skipped).toBe(0);
    for (const f of report.files) expect(f.profile.units).toBeGreaterThan(0);
  });
});
