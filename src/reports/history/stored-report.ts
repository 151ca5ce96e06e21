import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AnnualReportTable } from '../documents/annual-report.table.ts';
import { EDITION_IDS, type EditionId, SECTION_NUMBERS, type SectionNumber } from '../model/edition.ts';
import { editionForYear } from '../model/editions.ts';
import type { CellValue, Diagnostic, NarrativeSection, Report } from '../model/report.ts';

export type AnnualReportRow = Selectable<AnnualReportTable>;

/** A row of `annual_reports` read back as the engine's Report, with what the row says about it. */
export interface StoredReport {
  readonly id: number;
  readonly agencyId: number;
  readonly year: number;
  readonly source: 'compiled' | 'imported';
  readonly status: AnnualReportRow['status'];
  /** Null for a compiled draft, whose figures are compiled live (report.cells is then empty). */
  readonly locked: boolean;
  readonly report: Report;
  readonly fileName: string | null;
  readonly diagnostics: readonly Diagnostic[];
  readonly publishedOn: string | null;
  readonly publishedLate: boolean;
  readonly updatedAt: string;
}

const parseJson = (text: string | null): unknown => {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
};

const isEdition = (value: unknown): value is EditionId =>
  typeof value === 'string' && (EDITION_IDS as readonly string[]).includes(value);

/** cells_json as Report.cells: numbers and nulls only (anything else is left out as missing). */
export const cellsOf = (text: string | null): Record<string, CellValue> => {
  const raw = parseJson(text);
  const cells: Record<string, CellValue> = {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) return cells;
  for (const [key, value] of Object.entries(raw)) {
    if (value === null || (typeof value === 'number' && Number.isFinite(value))) cells[key] = value;
  }
  return cells;
};

/**
 * narrative_json as NarrativeSection[]: the sections that have the shape of the interchange
 * format. A compiled report's editor may keep more in its sections; only section, heading and
 * text are read here.
 */
export const narrativeOf = (text: string | null): NarrativeSection[] => {
  const raw = parseJson(text);
  if (!Array.isArray(raw)) return [];
  const out: NarrativeSection[] = [];
  for (const s of raw) {
    if (s === null || typeof s !== 'object') continue;
    const { section, heading, text: body } = s as Record<string, unknown>;
    if (!(SECTION_NUMBERS as readonly unknown[]).includes(section)) continue;
    out.push({
      section: section as SectionNumber,
      heading: typeof heading === 'string' ? heading : '',
      text: typeof body === 'string' ? body : '',
    });
  }
  return out;
};

const diagnosticsOf = (text: string | null): Diagnostic[] => {
  const raw = parseJson(text);
  if (!Array.isArray(raw)) return [];
  return raw.filter(
    (d): d is Diagnostic =>
      d !== null && typeof d === 'object' && typeof (d as Diagnostic).message === 'string',
  );
};

export const storedReportOf = (row: AnnualReportRow, agencyName: string): StoredReport => ({
  id: row.id,
  agencyId: row.agency_id,
  year: row.year,
  source: row.source,
  status: row.status,
  locked: row.cells_json !== null,
  report: {
    edition: isEdition(row.edition) ? row.edition : editionForYear(row.year),
    year: row.year,
    agency: agencyName,
    cells: cellsOf(row.cells_json),
    narrative: narrativeOf(row.narrative_json),
  },
  fileName: row.file_name,
  diagnostics: diagnosticsOf(row.diagnostics_json),
  publishedOn: row.published_on,
  publishedLate: Number(row.published_late) === 1,
  updatedAt: row.updated_at,
});

/** The agency's rows for these years (both sources), each read back. */
export async function storedReports(
  db: Kysely<DB>,
  agencyIds: readonly number[],
  years: readonly number[],
): Promise<StoredReport[]> {
  if (agencyIds.length === 0 || years.length === 0) return [];
  const rows = await db
    .selectFrom('annual_reports')
    .innerJoin('agencies', 'agencies.id', 'annual_reports.agency_id')
    .selectAll('annual_reports')
    .select('agencies.name as agencyName')
    .where('annual_reports.agency_id', 'in', [...agencyIds])
    .where('annual_reports.year', 'in', [...years])
    .orderBy('annual_reports.year')
    .orderBy('annual_reports.id')
    .execute();
  return rows.map(({ agencyName, ...row }) => storedReportOf(row, agencyName));
}

/** The report imported for the agency and year, if any. */
export async function findImportedReport(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<StoredReport | null> {
  const found = await storedReports(db, [agencyId], [year]);
  return found.find((r) => r.source === 'imported') ?? null;
}

/**
 * The report the agency published for the year before `year`, for the validator's cross-year
 * rules (XYEAR-*) on year `year`: its compiled report once published (its locked figures), else
 * the report imported for that year (imported reports are published by definition). Null when
 * there is neither — a compiled report not yet published does not count.
 */
export async function previousYearReport(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<StoredReport | null> {
  const found = await storedReports(db, [agencyId], [year - 1]);
  return (
    found.find((r) => r.source === 'compiled' && r.status === 'published' && r.locked) ??
    found.find((r) => r.source === 'imported') ??
    null
  );
}
