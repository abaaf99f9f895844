/**
 * A byte-level pass over XML, fed in chunks as a ZIP entry inflates, that builds nothing: it
 * counts elements, how deep they nest, paragraphs and the characters of text in `t` elements
 * (WordprocessingML's `<w:t>`). A DOCX is refused on these counts before mammoth builds its tree
 * (decision 011). It does not check that the XML is well formed; mammoth does that afterwards.
 */
import { LimitError, limitReason, type ReadLimits } from './limits.js';

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const BANG = 0x21;
const QUESTION = 0x3f;
const COLON = 0x3a;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const DASH = 0x2d;
const RBRACKET = 0x5d;

const enum State {
  Text,
  /** Just after `<`. */
  Open,
  /** In a start or end tag's name. */
  Name,
  /** In a tag after its name (attributes). */
  Tag,
  /** In a quoted attribute value. */
  Quoted,
  /** In `<!-- … -->`, `<![CDATA[ … ]]>`, `<!DOCTYPE …>` or `<? … ?>`. */
  Special,
}

/** Local names (after any prefix) that end a line of text in mammoth's raw text. */
const LINE_ENDS = new Set(['p', 'br', 'cr', 'tab']);

export interface XmlCounts {
  elements: number;
  maxDepth: number;
  chars: number;
  bytes: number;
}

/**
 * Counts as it goes and throws a `LimitError` the moment a count passes its limit: elements and
 * characters across every part it is given (one scanner per file), depth per part (`reset()`
 * between parts).
 */
export class XmlScanner {
  readonly counts: XmlCounts = { elements: 0, maxDepth: 0, chars: 0, bytes: 0 };
  private state = State.Text;
  private depth = 0;
  private inText = false;
  private closing = false;
  private selfClosing = false;
  private quote = 0;
  /** The last bytes of a special section, to find its end: `-->`, `]]>`, `?>` or `>`. */
  private specialEnd: 'comment' | 'cdata' | 'pi' | 'decl' = 'decl';
  private tail = [0, 0];
  private name: number[] = [];
  private firstOfSpecial = '';
  /** Bytes seen since `<!` or `<?`. */
  private specialLength = 0;

  constructor(private readonly limits: Pick<ReadLimits, 'maxDepth' | 'maxElements' | 'maxChars'>) {}

  /** Starts a new part (depth and parser state), keeping the running totals. */
  reset(): void {
    this.state = State.Text;
    this.depth = 0;
    this.inText = false;
  }

  write(chunk: Uint8Array): void {
    const c = this.counts;
    c.bytes += chunk.length;
    const { maxChars } = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i] as number;
      switch (this.state) {
        case State.Text:
          if (b === LT) {
            this.state = State.Open;
          } else if (this.inText && (b & 0xc0) !== 0x80) {
            // one character per UTF-8 lead byte (an entity counts as its letters: an overestimate)
            if (++c.chars > maxChars) this.fail('chars');
          }
          break;
        case State.Open:
          this.closing = b === SLASH;
          this.selfClosing = false;
          if (b === BANG || b === QUESTION) {
            this.state = State.Special;
            this.specialEnd = b === QUESTION ? 'pi' : 'decl';
            this.firstOfSpecial = '';
            this.specialLength = 0;
            this.tail[0] = 0;
            this.tail[1] = 0;
          } else {
            this.name.length = 0;
            if (!this.closing) this.name.push(b);
            this.state = State.Name;
          }
          break;
        case State.Name:
          if (b === GT || b === SLASH || b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) {
            this.state = State.Tag;
            i--; // let Tag see this byte
          } else if (b === COLON) {
            this.name.length = 0; // keep the local name only
          } else if (this.name.length < 16) {
            this.name.push(b);
          }
          break;
        case State.Tag:
          if (b === DQUOTE || b === SQUOTE) {
            this.quote = b;
            this.state = State.Quoted;
          } else if (b === SLASH) {
            this.selfClosing = true;
          } else if (b === GT) {
            this.endTag();
            this.state = State.Text;
          } else if (b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d) {
            this.selfClosing = false;
          }
          break;
        case State.Quoted:
          if (b === this.quote) this.state = State.Tag;
          break;
        case State.Special:
          if (this.firstOfSpecial.length < 7 && this.specialEnd === 'decl') {
            this.firstOfSpecial += String.fromCharCode(b);
            if (this.firstOfSpecial === '--') this.specialEnd = 'comment';
            else if (this.firstOfSpecial === '[CDATA[') this.specialEnd = 'cdata';
          }
          if (b === GT && this.specialEndsHere()) {
            this.state = State.Text;
          } else {
            this.tail[0] = this.tail[1] as number;
            this.tail[1] = b;
            this.specialLength++;
          }
          break;
      }
    }
  }

  private specialEndsHere(): boolean {
    const [a, b] = this.tail as [number, number];
    switch (this.specialEnd) {
      case 'comment':
        return a === DASH && b === DASH && this.specialLength >= 4; // past the opening "--"

      case 'cdata':
        return a === RBRACKET && b === RBRACKET;
      case 'pi':
        return b === QUESTION && this.specialLength >= 2;
      case 'decl':
        return true;
    }
  }

  private endTag(): void {
    const c = this.counts;
    const local = String.fromCharCode(...this.name);
    if (this.closing) {
      if (this.depth > 0) this.depth--;
      if (local === 't') this.inText = false;
      return;
    }
    if (++c.elements > this.limits.maxElements) this.fail('elements');
    if (LINE_ENDS.has(local) && ++c.chars > this.limits.maxChars) this.fail('chars');
    if (this.selfClosing) return;
    if (++this.depth > c.maxDepth) {
      c.maxDepth = this.depth;
      if (this.depth > this.limits.maxDepth) this.fail('depth');
    }
    if (local === 't') this.inText = true;
  }

  private fail(limit: 'chars' | 'depth' | 'elements'): never {
    throw new LimitError(limit, limitReason(limit, this.limits as ReadLimits));
  }
}
