/**
 * A small accessibility audit run inside the page: names for every control, one h1, the main
 * landmark, lang, unique ids, and WCAG AA contrast for every piece of visible text (4.5:1, or 3:1
 * for large text). Not a replacement for a full audit; a floor that the browser tests keep.
 */
import type { Page } from 'playwright-core';

export async function a11yProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const visible = (el: Element): boolean => {
      const r = (el as HTMLElement).getBoundingClientRect();
      const cs = getComputedStyle(el);
      return r.width > 0 && r.height > 0 && cs.visibility !== 'hidden' && cs.display !== 'none';
    };
    const describe = (el: Element): string =>
      `<${el.tagName.toLowerCase()}${el.id ? '#' + el.id : ''}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''}>`;
    const nameOf = (el: Element): string => {
      const aria = el.getAttribute('aria-label');
      if (aria) return aria;
      const by = el.getAttribute('aria-labelledby');
      if (by)
        return by
          .split(' ')
          .map((id) => document.getElementById(id)?.textContent ?? '')
          .join(' ');
      if (el.id) {
        const label = document.querySelector(`label[for="${CSS.escape(el.id)}"]`);
        if (label) return label.textContent ?? '';
      }
      const wrap = el.closest('label');
      if (wrap) return wrap.textContent ?? '';
      if (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return '';
      return (el as HTMLElement).innerText || el.getAttribute('title') || '';
    };

    if (document.documentElement.lang !== 'en') problems.push('html has no lang="en"');
    if (document.querySelectorAll('main').length !== 1) problems.push('not exactly one <main>');
    if (document.querySelectorAll('h1').length !== 1) problems.push(`${document.querySelectorAll('h1').length} h1 elements`);
    if (!document.querySelector('a.skip-link[href="#main"]')) problems.push('no skip link');

    for (const el of document.querySelectorAll('input, textarea, select, button, a[href], [contenteditable="true"], [role="button"]')) {
      if (!visible(el) && el.tagName !== 'INPUT') continue;
      if ((el as HTMLInputElement).type === 'hidden') continue;
      if (!nameOf(el).trim()) problems.push(`no accessible name: ${describe(el)}`);
    }

    const ids = new Map<string, number>();
    for (const el of document.querySelectorAll('[id]')) ids.set(el.id, (ids.get(el.id) ?? 0) + 1);
    for (const [id, n] of ids) if (n > 1) problems.push(`id "${id}" used ${n} times`);

    const rgb = (s: string): [number, number, number, number] | null => {
      const m = /rgba?\(([^)]+)\)/.exec(s);
      if (!m) return null;
      const p = m[1]!
        .split(/[ ,/]+/)
        .filter(Boolean)
        .map(Number);
      return [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 1];
    };
    const lum = ([r, g, b]: number[]): number => {
      const f = (c: number): number => {
        const x = c / 255;
        return x <= 0.03928 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const background = (el: Element | null): [number, number, number] | null => {
      for (let e = el; e; e = e.parentElement) {
        const cs = getComputedStyle(e);
        if (cs.backgroundImage && cs.backgroundImage !== 'none') return null; // a pattern: judged by hand
        const c = rgb(cs.backgroundColor);
        if (c && c[3] > 0.9) return [c[0], c[1], c[2]];
      }
      return [255, 255, 255];
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    const seen = new Set<Element>();
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      if (!el || seen.has(el) || !n.textContent?.trim() || el.closest('svg') || !visible(el)) continue;
      seen.add(el);
      if ((el as HTMLButtonElement).disabled || el.closest('button:disabled')) continue;
      if (el.closest('.cm-placeholder, ::placeholder')) continue;
      const cs = getComputedStyle(el);
      if (Number(cs.opacity) < 1) continue;
      const fg = rgb(cs.color);
      const bg = background(el);
      if (!fg || !bg) continue;
      const a = lum(fg);
      const b = lum(bg);
      const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
      const size = parseFloat(cs.fontSize);
      const large = size >= 24 || (size >= 18.66 && Number(cs.fontWeight) >= 700);
      if (ratio < (large ? 3 : 4.5))
        problems.push(`contrast ${ratio.toFixed(2)} for “${n.textContent.trim().slice(0, 40)}” ${describe(el)}`);
    }
    return problems;
  });
}
