import type { FlowCell, FlowItem, FlowTable } from './flow.ts';

/**
 * Reads word/document.xml into the flow of paragraphs and tables, with a small tokenizer
 * rather than a DOM: a report's document.xml is a few hundred kilobytes of markup around a
 * few thousand characters, and only a handful of elements matter.
 */

export interface DocumentXmlRead {
  readonly items: FlowItem[];
  /** Drawings, pictures and embedded objects. */
  readonly images: number;
  /** w:altChunk parts (a page imported whole), whose text is not in document.xml. */
  readonly altChunks: number;
}

/** Elements whose content is not the document's visible text. */
const SKIPPED = new Set([
  'w:del',
  'w:moveFrom',
  'w:delText',
  'w:delInstrText',
  'w:instrText',
  'w:pPr',
  'w:tblPr',
  'w:tblGrid',
  'w:trPr',
  'w:sectPr',
  'w:rPrChange',
  'w:tcPrChange',
  'w:tblPrEx',
  'mc:Fallback',
  'w:fldData',
  'w:comment',
  'wp:docPr',
]);

/**
 * A tag, comment, processing instruction, CDATA section or DOCTYPE. Linear on any input: a tag
 * stops at the next '<' (XML allows none inside a tag, not even in an attribute value), and an
 * unterminated comment, instruction, CDATA section or DOCTYPE runs to the end of the text.
 * (A tag that could run on past '<' made document.xml of 2 MB of '<a' without '>' take minutes:
 * every '<' scanned to the end.)
 */
const TOKEN =
  /<(\/?)([A-Za-z_][\w.:-]*)((?:[^<>"']|"[^<"]*"|'[^<']*')*)>|<!--[\s\S]*?(?:-->|$)|<\?[\s\S]*?(?:\?>|$)|<!\[CDATA\[([\s\S]*?)(?:\]\]>|$)|<!DOCTYPE[^>]*(?:>|$)/g;

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

const decodeEntities = (s: string): string =>
  s.includes('&')
    ? s.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) => {
        if (name) return NAMED[name] ?? '';
        const code = hex ? Number.parseInt(hex, 16) : Number(dec);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
      })
    : s;

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attrs);
  return m ? (m[1] ?? m[2]) : undefined;
};

const isOff = (value: string | undefined): boolean => value === '0' || value === 'false' || value === 'off';

interface CellBuild {
  content: FlowItem[];
  continuation: boolean;
  /** Paragraphs open around the cell (a table in a text box): they are not the cell's to close. */
  outerParagraphs: number;
}
interface TableBuild {
  rows: FlowCell[][];
  row: FlowCell[] | null;
  cell: CellBuild | null;
}
interface ParagraphBuild {
  lines: string[];
  line: string;
}

export const readDocumentXml = (xml: string): DocumentXmlRead => {
  const body: FlowItem[] = [];
  const tables: TableBuild[] = [];
  const paragraphs: ParagraphBuild[] = [];
  let images = 0;
  let altChunks = 0;
  let skipName: string | null = null;
  let skipNest = 0;
  let inText = false;
  let inRunProps = false;
  let inCellProps = false;
  let hiddenRun = false;

  const container = (): FlowItem[] => {
    const t = tables.at(-1);
    return t?.cell ? t.cell.content : body;
  };
  const paragraph = (): ParagraphBuild | undefined => paragraphs.at(-1);
  const endParagraph = (): void => {
    const p = paragraphs.pop();
    if (!p) return;
    p.lines.push(p.line);
    if (p.lines.some((l) => l.trim() !== '')) container().push({ kind: 'paragraph', lines: p.lines });
  };
  const lineBreak = (): void => {
    const p = paragraph();
    if (!p) return;
    p.lines.push(p.line);
    p.line = '';
  };
  const endCell = (): void => {
    const t = tables.at(-1);
    if (!t?.cell) return;
    while (paragraphs.length > t.cell.outerParagraphs) endParagraph();
    if (!t.cell.continuation) {
      t.row ??= [];
      t.row.push({ content: t.cell.content });
    }
    t.cell = null;
  };
  const endRow = (): void => {
    const t = tables.at(-1);
    if (!t) return;
    endCell();
    if (t.row) t.rows.push(t.row);
    t.row = null;
  };
  const endTable = (): void => {
    endRow();
    const t = tables.pop();
    if (!t) return;
    const table: FlowTable = { kind: 'table', rows: t.rows };
    container().push(table);
  };

  TOKEN.lastIndex = 0;
  let last = 0;
  for (let m = TOKEN.exec(xml); m !== null; m = TOKEN.exec(xml)) {
    if (inText && skipName === null && !hiddenRun && m.index > last) {
      const p = paragraph();
      if (p) p.line += decodeEntities(xml.slice(last, m.index));
    }
    last = TOKEN.lastIndex;
    const name = m[2];
    if (name === undefined) {
      if (m[4] !== undefined && inText && skipName === null && !hiddenRun) {
        const p = paragraph();
        if (p) p.line += m[4];
      }
      continue;
    }
    const closing = m[1] === '/';
    const attrs = m[3] ?? '';
    const selfClosing = attrs.endsWith('/');

    if (skipName !== null) {
      if (name === skipName) {
        if (closing) skipNest--;
        else if (!selfClosing) skipNest++;
        if (skipNest === 0) skipName = null;
      }
      continue;
    }
    if (!closing && SKIPPED.has(name)) {
      if (!selfClosing) {
        skipName = name;
        skipNest = 1;
      }
      continue;
    }

    if (closing) {
      switch (name) {
        case 'w:t':
          inText = false;
          break;
        case 'w:p':
          endParagraph();
          break;
        case 'w:tc':
          endCell();
          break;
        case 'w:tr':
          endRow();
          break;
        case 'w:tbl':
          endTable();
          break;
        case 'w:rPr':
          inRunProps = false;
          break;
        case 'w:tcPr':
          inCellProps = false;
          break;
      }
      continue;
    }

    switch (name) {
      case 'w:p':
        if (!selfClosing) paragraphs.push({ lines: [], line: '' });
        break;
      case 'w:r':
        hiddenRun = false;
        break;
      case 'w:rPr':
        inRunProps = !selfClosing;
        break;
      case 'w:vanish':
      case 'w:specVanish':
        if (inRunProps && !isOff(attr(attrs, 'w:val'))) hiddenRun = true;
        break;
      case 'w:t':
        inText = !selfClosing;
        break;
      case 'w:tab':
      case 'w:ptab':
        if (!hiddenRun && paragraph()) (paragraph() as ParagraphBuild).line += ' ';
        break;
      case 'w:br':
      case 'w:cr':
        if (!hiddenRun) lineBreak();
        break;
      case 'w:noBreakHyphen':
        if (!hiddenRun && paragraph()) (paragraph() as ParagraphBuild).line += '-';
        break;
      case 'w:tbl':
        if (!selfClosing) tables.push({ rows: [], row: null, cell: null });
        break;
      case 'w:tr': {
        const t = tables.at(-1);
        if (t && !selfClosing) {
          endRow();
          t.row = [];
        }
        break;
      }
      case 'w:tc': {
        const t = tables.at(-1);
        if (t && !selfClosing) {
          endCell();
          t.cell = { content: [], continuation: false, outerParagraphs: paragraphs.length };
        }
        break;
      }
      case 'w:tcPr':
        inCellProps = !selfClosing;
        break;
      case 'w:vMerge': {
        // Without a value, or 'continue': the cell continues the merged cell above.
        const cell = tables.at(-1)?.cell;
        if (inCellProps && cell && attr(attrs, 'w:val') !== 'restart') cell.continuation = true;
        break;
      }
      case 'w:hMerge': {
        const cell = tables.at(-1)?.cell;
        if (inCellProps && cell && attr(attrs, 'w:val') !== 'restart') cell.continuation = true;
        break;
      }
      case 'w:drawing':
      case 'w:pict':
      case 'w:object':
        images++;
        break;
      case 'w:altChunk':
        altChunks++;
        break;
    }
  }
  // A cut-off document: close whatever was open, keeping what was read.
  while (paragraphs.length > 0) endParagraph();
  while (tables.length > 0) endTable();
  return { items: body, images, altChunks };
};
