/** A small valid PDF of `pages` pages, each with `lines` lines of text ending in the page number (for limit tests). */
export function makePdf(pages: number, text = 'Page', lines = 1): Buffer {
  const objects: string[] = [];
  const kids: string[] = [];
  // 1 catalog, 2 pages, 3 font, then per page: page object and content stream
  for (let i = 0; i < pages; i++) {
    const pageId = 4 + i * 2;
    kids.push(`${pageId} 0 R`);
  }
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${kids.join(' ')}] /Count ${pages} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
  for (let i = 0; i < pages; i++) {
    const pageId = 4 + i * 2;
    const body = Array.from({ length: lines }, () => `(${text} ${i + 1}) Tj 0 -11 Td`).join(' ');
    const stream = `BT /F1 8 Tf 20 770 Td ${body} ET`;
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`;
  }
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out);
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xref = Buffer.byteLength(out);
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
