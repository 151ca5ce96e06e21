import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * Fonts of the official format (GB/T 9704) and what stands in for them where they are not
 * installed. Word has no font fallback list in a run, so the fallback is declared twice:
 * - in word/fontTable.xml, each official font gets `w:altName` = its Noto CJK stand-in
 *   (the mechanism Word offers for "use this font if that one is missing"), and a
 *   `w:family` (roman / modern) that guides substitution in Word and LibreOffice;
 * - the document's default run font (docDefaults in styles.xml) is Noto Serif CJK SC, so
 *   any text that names no font of its own uses the stand-in.
 */
export const FONTS = {
  title: '方正小标宋简体',
  heading: '黑体',
  body: '仿宋_GB2312',
  fallbackSerif: 'Noto Serif CJK SC',
  fallbackSans: 'Noto Sans CJK SC',
} as const;

/** Sizes in half-points: 二号 22 pt title, 三号 16 pt text, 五号 10.5 pt and 小五 9 pt in tables. */
export const SIZES = { title: 44, text: 32, table: 21, smallTable: 18 } as const;

/** A run font that names the face for every script, with the East Asian hint. */
export const runFont = (name: string) => ({
  ascii: name,
  hAnsi: name,
  eastAsia: name,
  cs: name,
  hint: 'eastAsia',
});

interface FontEntry {
  readonly name: string;
  readonly alt: string;
  readonly family: 'roman' | 'modern';
  readonly pitch: 'fixed' | 'variable';
}

/** As Word itself describes these faces in a font table (charset 86 = GB2312). */
const FALLBACKS: readonly FontEntry[] = [
  { name: FONTS.title, alt: FONTS.fallbackSerif, family: 'roman', pitch: 'variable' },
  { name: FONTS.body, alt: FONTS.fallbackSerif, family: 'modern', pitch: 'fixed' },
  { name: FONTS.heading, alt: FONTS.fallbackSans, family: 'modern', pitch: 'fixed' },
];

const fontEntry = (f: FontEntry): string =>
  `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/>` +
  `<w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`;

const FONT_TABLE = 'word/fontTable.xml';

/** Adds the official fonts, with their stand-ins, to the font table of a packed document. */
export const addFontFallbacks = (docx: Uint8Array): Buffer => {
  const files = unzipSync(docx);
  const table = files[FONT_TABLE];
  if (!table) return Buffer.from(docx);
  const entries = FALLBACKS.map(fontEntry).join('');
  const xml = strFromU8(table);
  // The docx package writes an empty table as a self-closing <w:fonts …/>.
  files[FONT_TABLE] = strToU8(
    xml.includes('</w:fonts>')
      ? xml.replace('</w:fonts>', `${entries}</w:fonts>`)
      : xml.replace(/<w:fonts([^>]*)\/>/, `<w:fonts$1>${entries}</w:fonts>`),
  );
  return Buffer.from(zipSync(files, { level: 6 }));
};
