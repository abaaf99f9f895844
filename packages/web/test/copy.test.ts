/**
 * The app's own words pass PeerLens's own language check (docs/design.md, principle 2): every string
 * in the page sources (JSX text, attribute values, literals, template parts), the HTML shell,
 * and the framework text the pages show. A finding of category 'language' fails the test.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { analyze, DIMENSIONS, ROLE_BOUNDARIES, TRAINING_AREAS, TRAINING_NOTES } from '@peerlens/core';

const web = join(dirname(fileURLToPath(import.meta.url)), '..');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : /\.(ts|tsx)$/.test(name) ? [p] : [];
  });
}

/** Every piece of text a source file could put on screen. */
export function stringsOf(path: string): string[] {
  const src = ts.createSourceFile(
    path,
    readFileSync(path, 'utf8'),
    ts.ScriptTarget.Latest,
    true,
    path.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS,
  );
  const out: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (ts.isJsxText(node)) out.push(node.text);
    else if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) out.push(node.text);
    else if (ts.isTemplateExpression(node)) {
      out.push(node.head.text);
      for (const span of node.templateSpans) out.push(span.literal.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(src);
  return out.map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => /[a-z]{2}/i.test(s));
}

function htmlText(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/gi, ' ')
    .replace(/<style[\s\S]*?<\/style>/gi, ' ')
    .replace(/<meta[^>]*content="([^"]*)"[^>]*>/gi, ' $1. ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function languageFindings(text: string): string[] {
  return analyze(text)
    .findings.filter((f) => f.category === 'language')
    .map((f) => `${f.ruleId}: “${f.actual}”`);
}

describe("the app's own words", () => {
  it('would notice devaluing words if the app used them', () => {
    expect(languageFindings('Our team helps the schizophrenics on the ward.')).not.toEqual([]);
  });

  it('collects the visible strings of the page sources', () => {
    const all = files(join(web, 'src')).flatMap(stringsOf);
    expect(all.length).toBeGreaterThan(100);
    expect(all).toContain('Check a note');
  });

  for (const file of files(join(web, 'src'))) {
    it(`${relative(web, file)} uses no devaluing language`, () => {
      const problems = stringsOf(file).flatMap((s) => languageFindings(s).map((p) => `${p} in “${s}”`));
      expect(problems).toEqual([]);
    });
  }

  it('the HTML shell (source and built) uses no devaluing language', () => {
    for (const p of [join(web, 'index.html'), join(web, 'dist/index.html')]) {
      if (!existsSync(p)) continue;
      expect(languageFindings(htmlText(readFileSync(p, 'utf8')))).toEqual([]);
    }
  });

  it('the framework text the pages show uses no devaluing language', () => {
    const texts = [
      ...DIMENSIONS.flatMap((d) => [d.title, d.question, ...Object.values(d.views).flatMap((v) => (v ? [v.summary, v.detail] : []))]),
      ...ROLE_BOUNDARIES.flatMap((b) => [b.task, b.why, b.instead]),
      ...TRAINING_AREAS.flatMap((t) => [t.title, t.description]),
      ...TRAINING_NOTES.map((n) => n.text),
    ];
    const problems = texts.flatMap((t) => languageFindings(t).map((p) => `${p} in “${t.slice(0, 80)}”`));
    expect(problems).toEqual([]);
  });
});
