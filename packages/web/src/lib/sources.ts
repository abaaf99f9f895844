import { sources, type Citation } from '@peerlens/core';

const BY_KEY = new Map(sources().map((s) => [s.key, s]));

/** A short human name for a source key: "Patricia E. Deegan (2017), Peer Specialists Are Not Clinicians …". */
export function sourceName(key: string): string {
  const s = BY_KEY.get(key);
  if (!s) return key;
  return `${s.author}${s.year ? ` (${s.year})` : ''}, ${s.title}`;
}

/** A framework citation in words. */
export function citationText(c: Citation): string {
  const s = BY_KEY.get(c.source);
  const who = s ? `${s.author}${s.year ? ` ${s.year}` : ''}` : c.source;
  return `${who}: ${c.locator}`;
}

export function sourceTitle(key: string): string {
  return BY_KEY.get(key)?.title ?? key;
}
