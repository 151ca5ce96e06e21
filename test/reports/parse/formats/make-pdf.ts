/**
 * Builds small PDFs by hand for the tests: a page of text lines in a CID font that is not
 * embedded (so pdfjs needs its CMaps to read it), or a page holding only an image (a scan).
 */

export interface PdfLine {
  readonly x: number;
  readonly y: number;
  readonly text: string;
  readonly size?: number;
}

export interface PdfRule {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

const utf16Hex = (text: string): string =>
  [...text].map((ch) => (ch.codePointAt(0) ?? 0).toString(16).padStart(4, '0')).join('');

const build = (objects: readonly string[]): Uint8Array => {
  let out = '%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n';
  const offsets: number[] = [];
  objects.forEach((body, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${body}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const o of offsets) out += `${String(o).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return new Uint8Array(Buffer.from(out, 'latin1'));
};

const stream = (content: string, dict = ''): string =>
  `<< ${dict} /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`;

/**
 * One A4 page of text lines in STSong (UniGB-UCS2-H, not embedded), and lines drawn as
 * rulings; `landscape` turns it all a quarter turn, as a wide table laid on a portrait page.
 */
export const textPdf = (
  lines: readonly PdfLine[],
  rules: readonly PdfRule[] = [],
  landscape = false,
): Uint8Array => {
  const text = lines
    .map((l) => `BT /F1 ${l.size ?? 12} Tf ${l.x} ${l.y} Td <${utf16Hex(l.text)}> Tj ET`)
    .join('\n');
  const drawn = rules.map((r) => `${r.x1} ${r.y1} m ${r.x2} ${r.y2} l S`).join('\n');
  return build([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 5 0 R >> >> /Contents 4 0 R >>',
    stream(`${landscape ? 'q 0 1 -1 0 842 0 cm\n' : ''}0.5 w\n${drawn}\n${text}${landscape ? '\nQ' : ''}`),
    '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light /Encoding /UniGB-UCS2-H /DescendantFonts [6 0 R] >>',
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light /CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 4 >> /FontDescriptor 7 0 R /DW 1000 >>',
    '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [0 -200 1000 900] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 80 >>',
  ]);
};

/** One page that is a picture and nothing else, as a scanner makes it. */
export const scannedPdf = (): Uint8Array => {
  const pixels = '\u0080\u00ff\u00ff\u0080';
  return build([
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject << /Im1 5 0 R >> >> /Contents 4 0 R >>',
    stream('q 495 0 0 742 50 50 cm /Im1 Do Q'),
    stream(
      pixels,
      '/Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray /BitsPerComponent 8',
    ),
  ]);
};
