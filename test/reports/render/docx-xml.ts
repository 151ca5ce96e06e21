import { type CheerioAPI, load } from 'cheerio';
import { strFromU8, unzipSync } from 'fflate';

/** The parts of a .docx package, as text. */
export const unzipDocx = (docx: Uint8Array): ((part: string) => string) => {
  const files = unzipSync(docx);
  return (part) => {
    const file = files[part];
    if (!file) throw new Error(`no ${part} in the package`);
    return strFromU8(file);
  };
};

export const loadXml = (xml: string): CheerioAPI => load(xml, { xml: true });

/** A w:tc placed on its table's grid. */
export interface DocxCell {
  readonly text: string;
  readonly gridSpan: number;
  readonly vMerge: 'restart' | 'continue' | null;
  readonly row: number;
  readonly col: number;
}

export interface DocxTable {
  readonly gridCols: readonly number[];
  readonly rows: readonly (readonly DocxCell[])[];
}

/** Every w:tbl of a document.xml, its cells placed by summing w:gridSpan along each row. */
export const docxTables = ($: CheerioAPI): DocxTable[] =>
  $('w\\:tbl')
    .toArray()
    .map((tbl) => ({
      gridCols: $(tbl)
        .children('w\\:tblGrid')
        .children('w\\:gridCol')
        .toArray()
        .map((c) => Number($(c).attr('w:w'))),
      rows: $(tbl)
        .children('w\\:tr')
        .toArray()
        .map((tr, row) => {
          let col = 0;
          return $(tr)
            .children('w\\:tc')
            .toArray()
            .map((tc) => {
              const props = $(tc).children('w\\:tcPr');
              const gridSpan = Number(props.children('w\\:gridSpan').attr('w:val') ?? 1);
              const merge = props.children('w\\:vMerge');
              const cell: DocxCell = {
                text: $(tc).find('w\\:t').text(),
                gridSpan,
                vMerge:
                  merge.length === 0 ? null : merge.attr('w:val') === 'restart' ? 'restart' : 'continue',
                row,
                col,
              };
              col += gridSpan;
              return cell;
            });
        }),
    }));

/** How many rows a cell covers: itself and the continuation cells right below it. */
export const rowSpanOf = (table: DocxTable, cell: DocxCell): number => {
  if (cell.vMerge !== 'restart') return 1;
  let n = 1;
  while (table.rows[cell.row + n]?.some((c) => c.col === cell.col && c.vMerge === 'continue')) n++;
  return n;
};
