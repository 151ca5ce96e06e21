import { editionCells } from '../../src/reports/model/cells.ts';
import type { EditionId } from '../../src/reports/model/edition.ts';
import { EDITIONS } from '../../src/reports/model/editions.ts';
import type { CellValue, NarrativeSection, Report } from '../../src/reports/model/report.ts';

type Cells = Record<string, CellValue>;

const S3_COLUMNS = ['natural', 'commercial', 'research', 'nonprofit', 'legalService', 'otherOrg', 'total'];
const S4_COLUMNS = ['upheld', 'corrected', 'other', 'pending', 'total'];

/** Cells of one table from rows written out as on the form, e.g. rows('s3', S3, { new: [1, …] }). */
export const rows = (
  prefix: string,
  columns: readonly string[],
  values: Readonly<Record<string, readonly CellValue[]>>,
): Cells => {
  const cells: Cells = {};
  for (const [row, list] of Object.entries(values)) {
    list.forEach((v, i) => {
      cells[`${prefix}.${row}.${columns[i]}`] = v;
    });
  }
  return cells;
};

export const s3Rows = (values: Readonly<Record<string, readonly CellValue[]>>): Cells =>
  rows('s3', S3_COLUMNS, values);

export const s4Rows = (values: Readonly<Record<string, readonly CellValue[]>>): Cells =>
  rows('s4', S4_COLUMNS, values);

/** Non-zero figures that add up in every direction; every other cell of the edition is 0. */
const S3_S4: Cells = {
  ...s3Rows({
    new: [3, 1, 0, 0, 1, 0, 5],
    carried: [1, 0, 0, 0, 0, 0, 1],
    granted: [2, 1, 0, 0, 0, 0, 3],
    partial: [1, 0, 0, 0, 0, 0, 1],
    'unable.notHeld': [0, 0, 0, 0, 1, 0, 1],
    total: [3, 1, 0, 0, 1, 0, 5],
    forward: [1, 0, 0, 0, 0, 0, 1],
  }),
  ...s4Rows({ reconsideration: [1, 0, 0, 1, 2], litigationDirect: [0, 1, 0, 0, 1] }),
};

const S2: Record<EditionId, Cells> = {
  '2019': {
    ...rows('s2', ['made', 'published', 'total'], { rules: [0, 0, 3], normativeDocs: [2, 2, 10] }),
    ...rows('s2', ['prevItems', 'change', 'decisions'], {
      licensing: [10, -2, 40],
      otherServices: [5, 1, 7],
      penalty: [20, 3, 100],
      coercion: [2, 0, 5],
    }),
    ...rows('s2', ['prevItems', 'change'], { fees: [4, -1] }),
    ...rows('s2', ['projects', 'amountWan'], { procurement: [12, 35.125] }),
  },
  '2021': {
    ...rows('s2', ['issued', 'repealed', 'inForce'], { rules: [0, 0, 3], normativeDocs: [2, 1, 10] }),
    's2.licensing.decisions': 40,
    's2.penalty.decisions': 100,
    's2.coercion.decisions': 5,
    's2.fees.amountWan': 0.5,
  },
};

const TEXT: Record<number, string> = {
  1: '本年度政府信息公开工作有序开展。',
  5: '公开内容的及时性有待提高。',
  6: '本年度未收取信息处理费。',
};

const narrativeOf = (edition: EditionId): NarrativeSection[] =>
  EDITIONS[edition].sections.map((s) => ({
    section: s.number,
    heading: s.heading,
    text: TEXT[s.number] ?? '',
  }));

export interface ReportOverrides extends Partial<Omit<Report, 'cells'>> {
  /** Merged over the valid cells; to take a cell out, see withoutCells. */
  readonly cells?: Cells;
}

/**
 * A complete report of the edition that breaks no rule: every cell present, all sums agree,
 * six sections, the fee sentence of section 六. Tests change one thing and assert the finding.
 */
export const validReport = (edition: EditionId, overrides: ReportOverrides = {}): Report => {
  const cells: Cells = {};
  for (const cell of editionCells(EDITIONS[edition])) cells[cell.key] = 0;
  const { cells: extra, ...rest } = overrides;
  return {
    edition,
    year: edition === '2019' ? 2019 : 2021,
    agency: '示例区人民政府',
    narrative: narrativeOf(edition),
    ...rest,
    cells: { ...cells, ...S2[edition], ...S3_S4, ...extra },
  };
};

/** The report without the given cells, as a document cut off or left incomplete would be. */
export const withoutCells = (report: Report, drop: (key: string) => boolean): Report => ({
  ...report,
  cells: Object.fromEntries(Object.entries(report.cells).filter(([key]) => !drop(key))),
});
