import type { EditionId, SectionNumber } from './edition.ts';

export const REPORT_SCHEMA = 'gongkai.annual-report/1';

/** A cell's value: a number, or null for a blank cell. A cell the document lacks is absent. */
export type CellValue = number | null;

export interface NarrativeSection {
  readonly section: SectionNumber;
  /** The heading as the document words it (the renderer prints the edition's own). */
  readonly heading: string;
  readonly text: string;
}

/** One annual report, whichever way it came: compiled from records or parsed from a document. */
export interface Report {
  readonly edition: EditionId | null;
  readonly year: number | null;
  readonly agency: string | null;
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly narrative: readonly NarrativeSection[];
}

export type Severity = 'error' | 'warning' | 'info';

/** A parser's note about the document (why a cell could not be read, a unit converted …). */
export interface Diagnostic {
  readonly level: Severity;
  readonly message: string;
  readonly cell?: string;
}

/** The interchange object of spec/annual-report.md. */
export interface ReportJson {
  readonly schema: typeof REPORT_SCHEMA;
  readonly edition: EditionId | null;
  readonly year: number | null;
  readonly agency: string | null;
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly narrative: readonly NarrativeSection[];
}

export const toReportJson = (report: Report): ReportJson => ({
  schema: REPORT_SCHEMA,
  edition: report.edition,
  year: report.year,
  agency: report.agency,
  cells: report.cells,
  narrative: report.narrative,
});

/** A validator finding, as spec/annual-report.md fixes it. */
export interface Finding {
  readonly rule: string;
  readonly severity: Severity;
  /** For arithmetic rules: the stated cell first, then the cells it is checked against. */
  readonly cells: readonly string[];
  readonly expected?: number;
  readonly actual?: number;
  /** In Chinese, for a clerk. */
  readonly message: string;
}
