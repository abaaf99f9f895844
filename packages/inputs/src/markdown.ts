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
  out = maskIndentedCode(out);
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

const LIST_ITEM = /^[ \t]{0,3}(?:[-*+]|\d{1,9}[.)])[ \t]/;
const INDENTED = /^(?: {4}|\t| {0,3}\t)/;

/**
 * Indented code: lines indented by four spaces or a tab that start after a blank line (an
 * indented line cannot interrupt a paragraph), and the indented or blank lines that follow.
 * Indented lines under a list item continue the item and stay prose.
 */
function maskIndentedCode(text: string): string {
  const lines = text.split(/(?<=\n)/);
  let blankBefore = true;
  let inCode = false;
  let inList = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] as string;
    if (line.trim() === '') {
      blankBefore = true;
      continue;
    }
    if (INDENTED.test(line) && (inCode || (blankBefore && !inList))) {
      lines[i] = blank(line);
      inCode = true;
    } else {
      inCode = false;
      if (LIST_ITEM.test(line)) inList = true;
      else if (!INDENTED.test(line)) inList = false;
    }
    blankBefore = false;
  }
  return lines.join('');
}
