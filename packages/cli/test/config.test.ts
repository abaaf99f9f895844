/** Configuration and inline controls, through the built binary. */
import { describe, expect, it } from 'vitest';
import { folder, jsonLines, peerlens, ruleFor } from './helpers.js';

const FLYER = ruleFor('frequent flyer');
const NONCOMPLIANT = ruleFor('noncompliant');
const NOTE = 'He is a frequent flyer.\nShe is noncompliant with meds.\n';

type Finding = { ruleId: string; severity: string; start: { line: number }; expected: string[]; message: string };
const findings = (stdout: string): Finding[] =>
  (JSON.parse(stdout) as { files: { findings: Finding[] }[] }).files.flatMap((f) => f.findings ?? []);
const ours = (id: string): boolean => id === FLYER || id === NONCOMPLIANT;
const ids = (stdout: string): string[] =>
  findings(stdout)
    .filter((f) => ours(f.ruleId))
    .map((f) => `${f.ruleId}:${f.severity}@${f.start.line}`);

const LEXICON = `- id: org-client-word
  category: language
  dimension: language
  severity: info
  phrases:
    - the client
  message: "Our agency says 'member' rather than '{actual}'."
  note: Agreed at the 2024 all-staff meeting, in line with our values statement.
  source: [deegan-2017]
  replacements:
    - the member
  examples:
    fire:
      - I called the client back.
    pass:
      - I called Dana back.
`;

describe('configuration', () => {
  it('.peerlensrc.yaml: a rule off, another at another severity, found upward from the file', () => {
    const dir = folder({ '.peerlensrc.yaml': `rules:\n  ${FLYER}: off\n  ${NONCOMPLIANT}: error\n`, 'notes/deep/n.txt': NOTE });
    const r = peerlens(['check', 'notes', '-f', 'json'], { cwd: dir });
    expect(ids(r.stdout)).toEqual([`${NONCOMPLIANT}:error@2`]);
    expect(r.code).toBe(1);
  });

  it('.peerlensrc.json and package.json#peerlens are found too; the nearest wins', () => {
    const dir = folder({
      'package.json': JSON.stringify({ name: 'x', peerlens: { rules: { [NONCOMPLIANT]: 'off' } } }),
      'a/n.txt': NOTE,
      'b/.peerlensrc.json': JSON.stringify({ rules: { [FLYER]: 'off' } }),
      'b/n.txt': NOTE,
    });
    const r = peerlens(['check', 'a', 'b', '-f', 'json'], { cwd: dir });
    const files = (JSON.parse(r.stdout) as { files: { file: string; findings: Finding[] }[] }).files;
    expect(files.map((f) => [f.file, f.findings.map((x) => x.ruleId).filter(ours)])).toEqual([
      ['a/n.txt', [FLYER]],
      ['b/n.txt', [NONCOMPLIANT]],
    ]);
  });

  it('allowed and denied phrases', () => {
    const dir = folder({
      '.peerlensrc.json': JSON.stringify({
        allow: ['frequent flyer'],
        deny: [
          'caseload',
          // "suggestions", the older name of replacements, is still read
          { phrase: 'team huddle', id: 'org-huddle', severity: 'error', suggestions: ['team meeting'] },
          { phrase: 'the floor', id: 'org-floor', replacements: ['the unit'], hints: ['Name the unit.'] },
        ],
      }),
      'n.txt': 'He is a frequent flyer. My caseload is big. We had a team huddle. I walked the floor.',
    });
    const r = peerlens(['check', 'n.txt', '-f', 'json'], { cwd: dir });
    const fs = findings(r.stdout);
    expect(fs.map((f) => f.ruleId)).not.toContain(FLYER);
    expect(fs.find((f) => f.ruleId === 'denied-phrase')).toMatchObject({
      severity: 'warning',
      message: "'caseload' is on your organization's list of phrases to avoid.",
    });
    expect(fs.find((f) => f.ruleId === 'org-huddle')).toMatchObject({ severity: 'error', expected: ['team meeting'], hints: [] });
    expect(fs.find((f) => f.ruleId === 'org-floor')).toMatchObject({ expected: ['the unit'], hints: ['Name the unit.'] });
  });

  it("an organization's own lexicon file, in the built-in schema", () => {
    const dir = folder({
      '.peerlensrc.yaml': 'lexicon: ./our-words.yml\n',
      'our-words.yml': LEXICON,
      'n.txt': 'I called the client twice.',
    });
    const r = peerlens(['check', 'n.txt', '-f', 'json'], { cwd: dir });
    expect(findings(r.stdout)).toEqual([
      expect.objectContaining({ ruleId: 'org-client-word', severity: 'info', expected: ['the member'] }),
    ]);
  });

  it('settings per glob: job descriptions read duty by duty, notes as prose, rules per folder', () => {
    const dir = folder({
      '.peerlensrc.yaml': `overrides:\n  - files: "jobs/**"\n    as: role\n  - files: ["notes/**"]\n    rules:\n      ${FLYER}: off\n`,
      'jobs/jd.txt': 'Duties\n\n- Serve as representative payee for members.\n- Share lived experience to build hope.\n',
      'notes/n.txt': NOTE,
    });
    const r = peerlens(['check', '.', '-f', 'jsonl'], { cwd: dir });
    const [jd, note] = jsonLines(r.stdout);
    expect(jd).toMatchObject({ file: 'jobs/jd.txt', mode: 'role' });
    expect((jd!.duties as unknown[]).length).toBe(2);
    expect(note).toMatchObject({ file: 'notes/n.txt', mode: 'note' });
    expect((note!.findings as Finding[]).map((f) => f.ruleId).filter(ours)).toEqual([NONCOMPLIANT]);
  });

  it('--config uses one file for everything; --no-config uses none', () => {
    const dir = folder({
      'conf/strict.json': JSON.stringify({ rules: { [FLYER]: 'error' } }),
      '.peerlensrc.json': JSON.stringify({ rules: { [FLYER]: 'off' } }),
      'n.txt': NOTE,
    });
    expect(ids(peerlens(['check', 'n.txt', '-f', 'json', '-c', 'conf/strict.json'], { cwd: dir }).stdout)).toContain(`${FLYER}:error@1`);
    expect(ids(peerlens(['check', 'n.txt', '-f', 'json', '--no-config'], { cwd: dir }).stdout)).toContain(`${FLYER}:warning@1`);
  });

  it('errors name the file, the line and the field, and exit 2 before anything is checked', () => {
    const dir = folder({
      '.peerlensrc.yaml': `rules:\n  ${FLYER}: loud\n  no-such-rule: off\nalow: [x]\noverrides:\n  - as: sideways\n`,
      'n.txt': NOTE,
    });
    const r = peerlens(['check', 'n.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(`.peerlensrc.yaml:2: rules.${FLYER}: a rule is "off", "error", "warning" or "info"`);
    expect(r.stderr).toContain('.peerlensrc.yaml:4: : unknown key "alow"'.replace(': : ', ': '));
    expect(r.stderr).toMatch(/\.peerlensrc\.yaml:6: overrides\.0\.as: /);
    expect(r.stderr).toContain('nothing was checked (exit 2)');
  });

  it('an unknown rule id, a broken YAML file and a bad lexicon entry are each located', () => {
    const unknown = folder({ '.peerlensrc.json': '{\n  "rules": {\n    "no-such-rule": "off"\n  }\n}\n', 'n.txt': NOTE });
    expect(peerlens(['check', 'n.txt'], { cwd: unknown }).stderr).toContain(
      '.peerlensrc.json:3: rules.no-such-rule: unknown rule "no-such-rule"',
    );
    const broken = folder({ '.peerlensrc.yaml': 'rules:\n  a: [unclosed\n', 'n.txt': NOTE });
    const b = peerlens(['check', 'n.txt'], { cwd: broken });
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/configuration: \.peerlensrc\.yaml:\d+: cannot be parsed/);
    const lex = folder({
      '.peerlensrc.yaml': 'lexicon: words.yml\n',
      'words.yml': LEXICON.replace('dimension: language', 'dimension: vibes').replace('severity: info', 'severity: info\n  colour: red'),
      'n.txt': NOTE,
    });
    const l = peerlens(['check', 'n.txt'], { cwd: lex });
    expect(l.code).toBe(2);
    expect(l.stderr).toMatch(/words\.yml:3: dimension: /);
    expect(l.stderr).toMatch(/words\.yml:\d+: .*colour/);
    const missing = folder({ '.peerlensrc.yaml': 'lexicon: gone.yml\n', 'n.txt': NOTE });
    expect(peerlens(['check', 'n.txt'], { cwd: missing }).stderr).toContain(
      '.peerlensrc.yaml:1: lexicon: cannot read the lexicon file gone.yml (ENOENT)',
    );
  });

  it('a lexicon entry may not reuse a built-in id', () => {
    const dir = folder({
      '.peerlensrc.yaml': 'lexicon: words.yml\n',
      'words.yml': LEXICON.replace('org-client-word', FLYER),
      'n.txt': NOTE,
    });
    const r = peerlens(['check', 'n.txt'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(`words.yml:1: id: "${FLYER}" is already a built-in rule`);
  });
});

describe('inline controls', () => {
  it('disable-next-line in Markdown and in plain text turns off that rule on the next line', () => {
    const dir = folder({
      'a.md': `<!-- peerlens-disable-next-line ${FLYER} -->\nHe is a frequent flyer and noncompliant.\nHe is a frequent flyer.\n`,
      'b.txt': `peerlens-disable-next-line ${FLYER}, ${NONCOMPLIANT} -- quoting the referral\nHe is a frequent flyer and noncompliant.\n`,
    });
    const r = peerlens(['check', 'a.md', 'b.txt', '-f', 'jsonl'], { cwd: dir });
    const [a, b] = jsonLines(r.stdout);
    expect((a!.findings as Finding[]).map((f) => `${f.ruleId}@${f.start.line}`)).toEqual([`${NONCOMPLIANT}@2`, `${FLYER}@3`]);
    expect(b!.findings).toEqual([]);
    expect(b!.suppressed).toBe(2);
  });

  it('peerlens-disable / peerlens-enable, and the summary counts what was turned off', () => {
    const dir = folder({ 'n.md': `<!-- peerlens-disable -->\n${NOTE}<!-- peerlens-enable -->\n${NOTE}` });
    const r = peerlens(['check', 'n.md'], { cwd: dir });
    const lines = (r.stdout.match(/^ {2}\d+:\d+ .*$/gm) ?? []).filter((l) => l.endsWith(FLYER) || l.endsWith(NONCOMPLIANT));
    expect(lines.map((m) => m.trim().split(':')[0])).toEqual(['5', '6']);
    expect(r.stdout).toMatch(/\d+ findings turned off inline/);
  });

  it('<!-- peerlens ignore --> leaves the next block out of the findings and the profile', () => {
    const dir = folder({ 'n.md': `We met at the park.\n\n<!-- peerlens ignore -->\n${NOTE}\nWe planned the next visit.\n` });
    const r = peerlens(['check', 'n.md', '-f', 'json'], { cwd: dir });
    const file = (JSON.parse(r.stdout) as { files: { findings: unknown[]; profile: { units: number } }[] }).files[0]!;
    expect(file.findings).toEqual([]);
    expect(file.profile.units).toBe(2);
  });

  it('an unknown directive is pointed out', () => {
    const dir = folder({ 'n.md': `<!-- peerlens-disabel ${FLYER} -->\nWe met.\n` });
    expect(peerlens(['check', 'n.md'], { cwd: dir }).stdout).toMatch(/1:1 +warning +unknown directive "peerlens-disabel" +inline-control/);
  });
});
