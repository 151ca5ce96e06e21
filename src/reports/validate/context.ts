import type { EditionDef } from '../model/edition.ts';
import { EDITIONS } from '../model/editions.ts';
import type { Report } from '../model/report.ts';

/**
 * What a report says about one cell. The spec keeps two kinds of "no number" apart:
 * a cell absent from `cells` is missing (the document lacks it, CELL-MISSING), a cell
 * that is `null` is blank (the document left it empty, CELL-BLANK).
 */
export type CellRead =
  | { readonly kind: 'missing' }
  | { readonly kind: 'blank' }
  | { readonly kind: 'value'; readonly value: number };

const MISSING: CellRead = { kind: 'missing' };
const BLANK: CellRead = { kind: 'blank' };

export const readCell = (cells: Report['cells'], key: string): CellRead => {
  if (!Object.hasOwn(cells, key)) return MISSING;
  const value = cells[key];
  if (value === undefined) return MISSING;
  if (value === null) return BLANK;
  return { kind: 'value', value };
};

export interface RuleContext {
  readonly report: Report;
  /** The report's edition; null when unknown, and then the table rules say nothing. */
  readonly edition: EditionDef | null;
  /** The same agency's report for the year before, only when it is that year. */
  readonly previous: Report | null;
  /** 'YYYY-MM-DD', as the caller gave it. */
  readonly publishedOn: string | null;
  readonly cell: (key: string) => CellRead;
  readonly previousCell: (key: string) => CellRead;
}

export interface ContextOptions {
  readonly previous?: Report;
  readonly publishedOn?: string;
}

export const createContext = (report: Report, options: ContextOptions = {}): RuleContext => {
  const { previous } = options;
  const isYearBefore =
    previous !== undefined &&
    report.year !== null &&
    previous.year !== null &&
    previous.year === report.year - 1;
  const previousCells = isYearBefore ? previous.cells : {};
  return {
    report,
    edition: report.edition === null ? null : EDITIONS[report.edition],
    previous: isYearBefore ? previous : null,
    publishedOn: options.publishedOn ?? null,
    cell: (key) => readCell(report.cells, key),
    previousCell: (key) => readCell(previousCells, key),
  };
};

/** A number as a message prints it: integers plainly, amounts without float noise. */
export const show = (n: number): string => String(Number.isInteger(n) ? n : Number(n.toFixed(6)));
