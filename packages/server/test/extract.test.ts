/** POST /api/extract: real DOCX and PDF files, and every way an upload can be refused. */
import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixture, injectAs, setupAdmin, startServer, type TestServer } from './helpers.js';

let server: TestServer;
let inject: ReturnType<typeof injectAs>;
beforeAll(async () => {
  server = await startServer({ demo: false });
  inject = injectAs(server.app, await setupAdmin(server.app));
});
afterAll(() => server.close());

const upload = (bytes: Buffer, name?: string, type = 'application/octet-stream') =>
  inject({
    method: 'POST',
    url: '/api/extract',
    payload: bytes,
    headers: { 'content-type': type, ...(name !== undefined ? { 'x-file-name': name } : {}) },
  });

/** A ZIP archive of the given entries (deflated), with the sizes its headers claim. */
function zip(entries: { name: string; data: Buffer; claimed?: number }[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name);
    const packed = deflateRawSync(e.data);
    const size = e.claimed ?? e.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
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

describe('POST /api/extract', () => {
  it('reads the text of a DOCX job description', async () => {
    const r = await upload(readFileSync(fixture('jobs/peer-specialist.docx')), 'peer-specialist.docx');
    expect(r.statusCode).toBe(200);
    expect(r.json().format).toBe('docx');
    expect(r.json().text).toMatch(/^Peer Support Specialist\n/);
    expect(r.json().text).toContain('Administer and document medications');
  });

  it('reads the text layer of a PDF job description', async () => {
    const r = await upload(readFileSync(fixture('jobs/peer-specialist.pdf')), 'peer-specialist.pdf');
    expect(r.statusCode).toBe(200);
    expect(r.json().format).toBe('pdf');
    expect(r.json().text).toContain('Administer and document medications');
  });

  it('decides the format by the bytes, not the name', async () => {
    const r = await upload(readFileSync(fixture('jobs/peer-specialist.docx')), 'renamed.txt');
    expect(r.json().format).toBe('docx');
  });

  it('reads plain text and Markdown as UTF-8', async () => {
    const txt = await upload(readFileSync(fixture('jobs/tasks.txt')), 'tasks.txt');
    expect(txt.json()).toEqual({ text: readFileSync(fixture('jobs/tasks.txt'), 'utf8'), format: 'text' });
    const md = await upload(Buffer.from('# Tasks\n- Café hours with members\n'), encodeURIComponent('Aufgaben für Peers.md'));
    expect(md.json()).toEqual({ text: '# Tasks\n- Café hours with members\n', format: 'markdown' });
  });

  it('refuses a scanned PDF with no text layer (422), saying what to do', async () => {
    const r = await upload(readFileSync(fixture('jobs/scanned.pdf')), 'scanned.pdf');
    expect(r.statusCode).toBe(422);
    expect(r.json().error.code).toBe('unreadable');
    expect(r.json().error.message).toMatch(/no text layer.*OCR/);
  });

  it('refuses a broken DOCX and a broken PDF (422)', async () => {
    for (const f of ['bad/broken.docx', 'bad/broken.pdf']) {
      const r = await upload(readFileSync(fixture(f)), f.slice(4));
      expect(r.statusCode, f).toBe(422);
      expect(r.json().error.code).toBe('unreadable');
      expect(r.json().error.message).toMatch(/broken/);
    }
  });

  it('refuses text that is not UTF-8, or binary data in a .txt (422)', async () => {
    const latin1 = await upload(readFileSync(fixture('bad/latin1.txt')), 'latin1.txt');
    expect(latin1.statusCode).toBe(422);
    expect(latin1.json().error.message).toContain('UTF-8');
    const nul = await upload(Buffer.from('abc\0def'), 'notes.txt');
    expect(nul.statusCode).toBe(422);
    expect(nul.json().error.message).toContain('binary');
  });

  it('refuses other types with 415, naming what the file is', async () => {
    const png = await upload(readFileSync(fixture('bad/binary.txt')), 'binary.txt');
    expect(png.statusCode).toBe(415);
    expect(png.json().error).toMatchObject({ code: 'unsupported_type' });
    expect(png.json().error.message).toContain('PNG image');
    const doc = await upload(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), 'old.doc');
    expect(doc.statusCode).toBe(415);
    expect(doc.json().error.message).toContain('.docx');
    const xlsx = await upload(Buffer.from('a,b\n'), 'sheet.xlsx');
    expect(xlsx.statusCode).toBe(415);
    const zipped = await upload(zip([{ name: 'photo.jpg', data: Buffer.from('x') }]), 'photos.zip');
    expect(zipped.statusCode).toBe(415);
  });

  it('refuses a request that is not raw bytes with 415', async () => {
    const r = await inject({ method: 'POST', url: '/api/extract', payload: { text: 'hello' } });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.message).toContain('application/octet-stream');
  });

  it('refuses an upload over 10 MB with 413 stating the limit', async () => {
    const r = await upload(Buffer.alloc(10 * 1024 * 1024 + 1, 0x61), 'big.txt');
    expect(r.statusCode).toBe(413);
    expect(r.json().error).toMatchObject({ code: 'too_large' });
    expect(r.json().error.message).toContain('10 MB');
  });

  it('refuses an empty file (422)', async () => {
    const r = await upload(Buffer.alloc(0), 'empty.txt');
    expect(r.statusCode).toBe(422);
  });

  it('refuses a DOCX that would expand into a bomb, whether its headers say so or lie', async () => {
    const honest = zip([
      { name: '[Content_Types].xml', data: Buffer.from('<Types/>') },
      { name: 'word/document.xml', data: Buffer.alloc(1024), claimed: 500 * 1024 * 1024 },
    ]);
    const r1 = await upload(honest, 'bomb.docx');
    expect(r1.statusCode).toBe(422);
    expect(r1.json().error.message).toContain('expands');
    const lying = zip([{ name: 'word/document.xml', data: Buffer.alloc(101 * 1024 * 1024), claimed: 1000 }]);
    expect(lying.length).toBeLessThan(1024 * 1024);
    const r2 = await upload(lying, 'bomb.docx');
    expect(r2.statusCode).toBe(422);
    expect(r2.json().error.message).toContain('expands');
    expect((await inject({ url: '/api/health' })).statusCode).toBe(200);
  });
});
