/** The sized pre-checks, in this thread: the XML scan of a DOCX, the stream scan of a PDF, UTF-8 by line. */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { Utf8Lines } from '../src/decode.js';
import { precheckDocx } from '../src/docx.js';
import { LimitError, SERVER_LIMITS } from '../src/limits.js';
import { precheckPdf } from '../src/pdf-scan.js';
import { XmlScanner } from '../src/xml-scan.js';
import { docxOf, HOSTILE } from './hostile.js';

const scan = (xml: string, limits = { maxDepth: 10, maxElements: 100, maxChars: 50 }, split = 7): XmlScanner => {
  const s = new XmlScanner(limits);
  const bytes = Buffer.from(xml);
  for (let at = 0; at < bytes.length; at += split) s.write(bytes.subarray(at, at + split));
  return s;
};

const limitOf = (f: () => unknown): string | undefined => {
  try {
    f();
  } catch (e) {
    if (e instanceof LimitError) return e.limit;
    throw e;
  }
  return undefined;
};

const limitOfAsync = async (p: Promise<unknown>): Promise<string | undefined> => {
  try {
    await p;
  } catch (e) {
    if (e instanceof LimitError) return e.limit;
    throw e;
  }
  return undefined;
};

describe('XmlScanner', () => {
  it('counts elements, depth and the characters of text in t elements, whatever the chunks', () => {
    const xml =
      '<?xml version="1.0"?><w:document a="x>y"><w:body><!-- <w:t>not text</w:t> --><w:p><w:r><w:t xml:space="preserve">héllo</w:t><w:tab/></w:r></w:p><w:p/><![CDATA[<w:p>]]></w:body></w:document>';
    for (const split of [1, 3, 7, 1000]) {
      const s = scan(xml, undefined, split);
      expect(s.counts.elements, String(split)).toBe(7);
      expect(s.counts.maxDepth).toBe(5);
      // five letters, a tab and two paragraphs
      expect(s.counts.chars).toBe(8);
    }
  });

  it('refuses nesting past maxDepth, counting unclosed elements', () => {
    expect(limitOf(() => scan('<a>'.repeat(11)))).toBe('depth');
    expect(limitOf(() => scan('<a>'.repeat(10)))).toBeUndefined();
    expect(limitOf(() => scan('<a/>'.repeat(50)))).toBeUndefined();
    expect(limitOf(() => scan('<a></a>'.repeat(101)))).toBe('elements');
  });

  it('refuses text past maxChars as it goes', () => {
    expect(limitOf(() => scan(`<w:t>${'x'.repeat(51)}</w:t>`))).toBe('chars');
    expect(limitOf(() => scan(`<w:t>${'x'.repeat(50)}</w:t>`))).toBeUndefined();
    expect(limitOf(() => scan(`<x>${'x'.repeat(500)}</x>`))).toBeUndefined(); // not in a t element
  });
});

describe('precheckDocx', () => {
  it("refuses issue 12's DOCX files before any parser sees them", async () => {
    expect(await limitOfAsync(precheckDocx(HOSTILE.docxNested(10_000), SERVER_LIMITS))).toBe('depth');
    expect(await limitOfAsync(precheckDocx(HOSTILE.docxNested(2_000_000), SERVER_LIMITS))).toBe('depth');
    expect(await limitOfAsync(precheckDocx(HOSTILE.docxParagraph20MB(), SERVER_LIMITS))).toBe('chars');
    expect(await limitOfAsync(precheckDocx(HOSTILE.docxParagraphs95MB(), SERVER_LIMITS))).toBe('chars');
  });

  it('lets a document within the limits through, and refuses one XML part over maxXmlBytes', async () => {
    await precheckDocx(docxOf(['<w:p><w:r><w:t>Hello</w:t></w:r></w:p>']), SERVER_LIMITS);
    const big = docxOf([{ block: `<!-- ${'x'.repeat(1024 * 1024)} -->`, times: 33 }]);
    expect(await limitOfAsync(precheckDocx(big, SERVER_LIMITS))).toBe('expansion');
  });
});

describe('precheckPdf', () => {
  it("refuses issue 12's PDF files: one page of 200 MB of text, one of 1 GB of whitespace", async () => {
    expect(await limitOfAsync(precheckPdf(HOSTILE.pdfTextStream(200), SERVER_LIMITS))).toBe('expansion');
    expect(await limitOfAsync(precheckPdf(HOSTILE.pdfWhitespace(1024), SERVER_LIMITS))).toBe('expansion');
  });

  const pdfWith = (dict: string, data: Buffer): Buffer =>
    Buffer.concat([
      Buffer.from(`%PDF-1.4\n1 0 obj\n<< /Length ${data.length} ${dict} >>\nstream\n`, 'latin1'),
      data,
      Buffer.from('\nendstream\nendobj\n%%EOF\n', 'latin1'),
    ]);
  const limits = { maxStreamBytes: 1000, maxStreamsTotal: 5000 };

  it('measures FlateDecode, RunLengthDecode, LZWDecode and ASCIIHex before Flate; skips images', async () => {
    const flate = deflateSync(Buffer.alloc(2000, 0x20));
    expect(await limitOfAsync(precheckPdf(pdfWith('/Filter /FlateDecode', flate), limits))).toBe('expansion');
    expect((await precheckPdf(pdfWith('/Filter /FlateDecode', deflateSync(Buffer.alloc(900))), limits)).largest).toBe(900);
    // an image of any size is not text
    expect((await precheckPdf(pdfWith('/Subtype /Image /Filter /FlateDecode', flate), limits)).measured).toBe(0);
    // RunLength: 129 repeats the next byte 128 times
    const rl = Buffer.from([...Array.from({ length: 10 }, () => [129, 0x20]).flat(), 128]);
    expect(await limitOfAsync(precheckPdf(pdfWith('/Filter /RunLengthDecode', rl), limits))).toBe('expansion');
    // ASCIIHex then Flate
    const hex = Buffer.from(`${flate.toString('hex')}>`);
    expect(await limitOfAsync(precheckPdf(pdfWith('/Filter [/ASCIIHexDecode /FlateDecode]', hex), limits))).toBe('expansion');
    // LZW: 256 (clear) then codes that each extend the previous entry, 9-bit codes
    const codes = [256, 32, 258, 259, 260, 261, 262, 263, 264, 265, 266, 267, 268, 269, 270, 271, 272, 273, 274, 275, 276, 277, 278];
    const bits = codes.map((c) => c.toString(2).padStart(9, '0')).join('');
    const lzw = Buffer.from(
      bits
        .padEnd(Math.ceil(bits.length / 8) * 8, '0')
        .match(/.{8}/g)
        ?.map((b) => parseInt(b, 2)) ?? [],
    );
    const measured = await precheckPdf(pdfWith('/Filter /LZWDecode', lzw), { maxStreamBytes: 1e6, maxStreamsTotal: 1e6 });
    expect(measured.largest).toBe(1 + ((2 + 22) * 21) / 2); // 1 byte, then 2, 3 … 22
    expect(await limitOfAsync(precheckPdf(pdfWith('/Filter /LZWDecode', lzw), { maxStreamBytes: 100, maxStreamsTotal: 1e6 }))).toBe(
      'expansion',
    );
  });

  it('holds all streams together to maxStreamsTotal', async () => {
    const one = pdfWith('/Filter /FlateDecode', deflateSync(Buffer.alloc(900)));
    const many = Buffer.concat(Array.from({ length: 6 }, () => one));
    expect(await limitOfAsync(precheckPdf(many, limits))).toBe('expansion');
  });
});

describe('Utf8Lines', () => {
  it('names each line with bytes that are not UTF-8, across chunk edges and line ends', () => {
    const bytes = Buffer.concat([
      Buffer.from('a,b\r\n'),
      Buffer.from('1,caf'),
      Buffer.from([0xe9]),
      Buffer.from('\n2,ok é ✓ 😀\r3,'),
      Buffer.from([0xed, 0xa0, 0x80]), // a surrogate, encoded
      Buffer.from('\n4,'),
      Buffer.from([0xf0, 0x9f]), // cut short
      Buffer.from('\n5,fine\n6,'),
      Buffer.from([0xc0, 0xaf]), // overlong
    ]);
    for (const split of [1, 2, 3, 5, 64 * 1024]) {
      const u = new Utf8Lines();
      for (let at = 0; at < bytes.length; at += split) u.write(bytes.subarray(at, at + split));
      u.end();
      expect(
        u.bad.map((b) => b.line),
        String(split),
      ).toEqual([2, 4, 5, 7]);
    }
  });
});
