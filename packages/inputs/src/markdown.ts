/**
 * Markdown is read as text with what is not prose blanked out (front matter, fenced and
 * indented code, HTML comments other than PeerLens directives, link targets), one character
 * for one, so that every line and column stays that of the file.
 */

const blank = (s: string): string => s.replace(/[^\r\n]/g, ' ');

export function maskMarkdown(text: string): string {
  let out = text;
  // front matter at the very top
  const front = /^---\r?\n[^]*?\r?\n---(?=\r?\n|$)/.exec(out);
  if (front) out = blank(front[0]) + out.slice(front[0].length);
  // fenced code blocks
  out = out.replace(/^([ \t]{0,3})(```+|~~~+)[^\n]*\n[^]*?(?:^[ \t]{0,3}\2[ \t]*$|(?![^]))/gm, (m) => blank(m));
  // HTML comments that are not PeerLens directives
  out = out.replace(/<!--(?!\s*peerlens)[^]*?-->/g, (m) => blank(m));
  // link and image targets: [text](target) keeps the text
  out = out.replace(/\]\(([^)\s]*)(\s+"[^"]*")?\)/g, (m) => `]${blank(m.slice(1))}`);
  // autolinks and bare URLs
  out = out.replace(/<https?:\/\/[^>\s]+>|\bhttps?:\/\/[^\s)>\]]+/g, (m) => blank(m));
  // inline code
  out = out.replace(/`[^`\n]+`/g, (m) => blank(m));
  return out;
}
