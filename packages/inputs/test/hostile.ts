/**
 * Hostile files, generated in a few milliseconds and never committed (issue 12): DOCX archives
 * whose XML inflates to tens of megabytes or nests millions deep, and PDFs whose one page decodes
 * to hundreds of megabytes of text or a gigabyte of whitespace. Large repeated content is
 * compressed once and its deflate segment repeated (a full flush makes each segment stand alone),
 * so a gigabyte of output costs a kilobyte-sized block and a loop, and its CRC-32 and Adler-32 are
 * computed without building it.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

const MB = 1024 * 1024;

/** Raw deflate data whose output is `parts` in order; a part may repeat a block many times. */
export interface Deflated {
  readonly data: Buffer;
  readonly size: number;
  readonly crc: number;
  readonly adler: number;
}

export type Part = string | { readonly block: string; readonly times: number };

const ADLER = 65521;

/** Adler-32 of `times` copies of `block`, from a running (a, b). */
function adlerRepeat(block: Buffer, times: number, a0: number, b0: number): [number, number] {
  // one copy's effect: a' = a + S, b' = b + n·a + T, where S = Σ bytes and T = Σ (n − i)·byte_i
  const n = block.length;
  let s = 0;
  let t = 0;
  for (let i = 0; i < n; i++) {
    s = (s + (block[i] as number)) % ADLER;
    t = (t + (n - i) * (block[i] as number)) % ADLER;
  }
  // after k copies: a_k = a0 + k·S; b_k = b0 + k·n·a0 + T·k + n·S·k(k−1)/2
  const k = BigInt(times);
  const A = (BigInt(a0) + k * BigInt(s)) % BigInt(ADLER);
  const B = (BigInt(b0) + k * BigInt(n) * BigInt(a0) + BigInt(t) * k + (BigInt(n) * BigInt(s) * k * (k - 1n)) / 2n) % BigInt(ADLER);
  return [Number(A), Number(B)];
}

export function deflateParts(parts: readonly Part[]): Deflated {
  const pieces: Buffer[] = [];
  let size = 0;
  let crc = 0;
  let a = 1;
  let b = 0;
  for (const part of parts) {
    const block = Buffer.from(typeof part === 'string' ? part : part.block);
    const times = typeof part === 'string' ? 1 : part.times;
    const segment = deflateRawSync(block, { finishFlush: constants.Z_FULL_FLUSH, level: 9 });
    for (let i = 0; i < times; i++) {
      pieces.push(segment);
      crc = crc32(block, crc);
    }
    [a, b] = adlerRepeat(block, times, a, b);
    size += block.length * times;
  }
  pieces.push(deflateRawSync(Buffer.alloc(0))); // the final, empty block
  return { data: Buffer.concat(pieces), size, crc: crc >>> 0, adler: ((b << 16) | a) >>> 0 };
}

/** A ZIP archive of deflated entries with honest headers. */
export function zipOf(entries: readonly { name: string; content: Deflated }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name: entryName, content } of entries) {
    const name = Buffer.from(entryName);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(content.crc, 14);
    local.writeUInt32LE(content.data.length, 18);
    local.writeUInt32LE(content.size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(content.crc, 16);
    central.writeUInt32LE(content.data.length, 20);
    central.writeUInt32LE(content.size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, content.data);
    centrals.push(central, name);
    offset += 30 + name.length + content.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>';
const RELS =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>';
const DOC_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>';
const DOC_TAIL = '</w:body></w:document>';

/** A DOCX whose word/document.xml body is `body` (the parts between `<w:body>` and `</w:body>`). */
export function docxOf(body: readonly Part[]): Buffer {
  return zipOf([
    { name: '[Content_Types].xml', content: deflateParts([CONTENT_TYPES]) },
    { name: '_rels/.rels', content: deflateParts([RELS]) },
    { name: 'word/document.xml', content: deflateParts([DOC_HEAD, ...body, DOC_TAIL]) },
  ]);
}

/** `total` bytes of `unit` repeated, as blocks of about 1 MB (so the deflate segments compress well). */
function repeated(unit: string, total: number): Part[] {
  const perBlock = Math.max(1, Math.floor(MB / unit.length));
  const units = Math.max(1, Math.round(total / unit.length));
  const parts: Part[] = [{ block: unit.repeat(perBlock), times: Math.floor(units / perBlock) }];
  if (units % perBlock > 0) parts.push(unit.repeat(units % perBlock));
  return parts;
}

const PARAGRAPH =
  '<w:p><w:r><w:t xml:space="preserve">Met with the member to talk about the week ahead and what she wants next. </w:t></w:r></w:p>';

/** Issue 12's files, by name. Sizes in bytes of XML or decoded content. */
export const HOSTILE = {
  /** A DOCX whose XML holds about 95 MB of valid paragraphs (a few hundred KB of ZIP). */
  docxParagraphs95MB: (): Buffer => docxOf(repeated(PARAGRAPH, 95 * MB)),
  /** A DOCX of `depth` paragraphs each opened inside the one before (`<w:p><w:p>…`), closed at the end. */
  docxNested: (depth: number): Buffer => docxOf([...repeated('<w:p>', depth * 5), ...repeated('</w:p>', depth * 6)]),
  /** A DOCX with one paragraph of 20 MB of text. */
  docxParagraph20MB: (): Buffer => docxOf(['<w:p><w:r><w:t>', ...repeated('note ', 20 * MB), '</w:t></w:r></w:p>']),
  /** A one-page PDF whose content stream decodes to `mb` MB of text-showing operators. */
  pdfTextStream: (mb: number): Buffer =>
    pdfOnePage(repeated('(Met with the member about the week ahead.) Tj T* ', mb * MB), 'BT /F1 10 Tf 12 TL 20 770 Td ', ' ET'),
  /** A one-page PDF whose content stream decodes to `mb` MB of spaces. */
  pdfWhitespace: (mb: number): Buffer => pdfOnePage([{ block: ' '.repeat(MB), times: mb }], '', 'BT /F1 10 Tf 20 770 Td (end) Tj ET'),
};

/** A one-page PDF whose content stream is `head`, the parts, `tail`, FlateDecode'd. */
export function pdfOnePage(parts: readonly Part[], head: string, tail: string): Buffer {
  const deflated = deflateParts([head, ...parts, tail]);
  const zlibHeader = Buffer.from([0x78, 0xda]);
  const adler = Buffer.alloc(4);
  adler.writeUInt32BE(deflated.adler, 0);
  const stream = Buffer.concat([zlibHeader, deflated.data, adler]);
  const chunks: Buffer[] = [];
  const offsets: number[] = [];
  let length = 0;
  const add = (b: Buffer | string): void => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    length += buf.length;
  };
  add('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const obj = (id: number, body: string | Buffer[]): void => {
    offsets[id] = length;
    add(`${id} 0 obj\n`);
    if (typeof body === 'string') add(body);
    else for (const b of body) add(b);
    add('\nendobj\n');
  };
  obj(1, '<< /Type /Catalog /Pages 2 0 R >>');
  obj(2, '<< /Type /Pages /Kids [3 0 R] /Count 1 >>');
  obj(3, '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>');
  obj(4, '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>');
  obj(5, [
    Buffer.from(`<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n`, 'latin1'),
    stream,
    Buffer.from('\nendstream', 'latin1'),
  ]);
  const xref = length;
  add(`xref\n0 6\n0000000000 65535 f \n`);
  for (let id = 1; id <= 5; id++) add(`${String(offsets[id]).padStart(10, '0')} 00000 n \n`);
  add(`trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
