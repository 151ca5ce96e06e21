import { type CheerioAPI, load } from 'cheerio';

/** A cell of a rendered HTML table, placed on the table's grid. */
export interface GridCell {
  readonly tag: 'th' | 'td';
  readonly text: string;
  readonly rowSpan: number;
  readonly colSpan: number;
  /** Grid row and column of the cell's top-left corner. */
  readonly row: number;
  readonly col: number;
  readonly attrs: Readonly<Record<string, string>>;
}

export interface Grid {
  readonly cells: readonly GridCell[];
  /** For each row, how many grid columns the cells starting in it or spanning into it cover. */
  readonly rowWidths: readonly number[];
  /** Problems found while placing cells: overlaps, holes, spans running out of the table. */
  readonly problems: readonly string[];
}

const span = (value: string | undefined): number => (value === undefined ? 1 : Number(value));

/**
 * Expands a table's row and column spans the way a browser does (HTML table model): each
 * cell goes to the first free slot of its row and claims rowSpan × colSpan slots.
 */
export const expandTable = ($: CheerioAPI, table: string): Grid => {
  const taken: boolean[][] = [];
  const cells: GridCell[] = [];
  const problems: string[] = [];
  const rows = $(table).find('tr').toArray();
  rows.forEach((tr, r) => {
    taken[r] ??= [];
    let col = 0;
    for (const el of $(tr).children('th, td').toArray()) {
      while (taken[r]?.[col]) col++;
      const rowSpan = span($(el).attr('rowspan'));
      const colSpan = span($(el).attr('colspan'));
      if (r + rowSpan > rows.length) problems.push(`row ${r}: rowspan ${rowSpan} runs out of the table`);
      for (let dr = 0; dr < rowSpan; dr++) {
        taken[r + dr] ??= [];
        const line = taken[r + dr] ?? [];
        for (let dc = 0; dc < colSpan; dc++) {
          if (line[col + dc]) problems.push(`row ${r + dr}, column ${col + dc} covered twice`);
          line[col + dc] = true;
        }
      }
      cells.push({
        tag: el.tagName === 'th' ? 'th' : 'td',
        text: $(el).text(),
        rowSpan,
        colSpan,
        row: r,
        col,
        attrs: { ...el.attribs },
      });
      col += colSpan;
    }
  });
  const rowWidths = taken.slice(0, rows.length).map((line, r) => {
    const filled = line.filter(Boolean).length;
    if (filled !== line.length) problems.push(`row ${r} has a hole`);
    return filled;
  });
  return { cells, rowWidths, problems };
};

export const loadHtml = (html: string): CheerioAPI => load(html);

/** The cells of a grid whose text is exactly `text`. */
export const cellsWithText = (grid: Grid, text: string): GridCell[] =>
  grid.cells.filter((c) => c.text === text);
