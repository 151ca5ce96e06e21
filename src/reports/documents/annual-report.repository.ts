import type { Kysely, Selectable } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { AgencyKind, AgencyLevel } from '../../orgs/agency-kind.ts';
import type { EditionId } from '../model/edition.ts';
import type { CellValue, NarrativeSection } from '../model/report.ts';
import type { AnnualReportTable, ReportStatus } from './annual-report.table.ts';
import { type NarrativeTemplate, parseTemplates } from './narrative.ts';
import { statutoryDay } from './report-deadline.ts';

/** The sentences frozen at submission that are not made from the cells. */
export interface FrozenSentences {
  readonly workSentences: readonly string[];
}

/** One row of annual_reports with its agency, JSON read. */
export interface AnnualReport {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly agencyKind: AgencyKind;
  readonly agencyLevel: AgencyLevel;
  readonly agencyPath: string;
  readonly year: number;
  readonly edition: EditionId;
  readonly source: 'compiled' | 'imported';
  readonly status: ReportStatus;
  /** The locked figures (null for a draft, compiled live). */
  readonly cells: Readonly<Record<string, CellValue>> | null;
  /** A compiled report's templates (narrative.ts); an imported one's text as parsed. */
  readonly templates: readonly NarrativeTemplate[];
  /** An imported report's narrative, headings included. */
  readonly importedNarrative: readonly NarrativeSection[];
  /** Finding key (findingKey) → the clerk's explanation. */
  readonly acknowledgements: Readonly<Record<string, string>>;
  readonly frozen: FrozenSentences | null;
  readonly fileName: string | null;
  readonly submittedAt: string | null;
  readonly submittedBy: number | null;
  readonly approvedAt: string | null;
  readonly approvedBy: number | null;
  readonly returnedReason: string | null;
  readonly publishedOn: string | null;
  readonly publishedLate: boolean;
  /** The statutory day of publication (report-deadline.ts). */
  readonly deadline: string;
  readonly createdAt: string;
  readonly updatedAt: string;
}

type Row = Selectable<AnnualReportTable> & {
  agency_name: string;
  agency_kind: AgencyKind;
  agency_level: AgencyLevel;
  agency_path: string;
};

const parseObject = <T>(json: string | null, fallback: T): T => {
  if (json === null) return fallback;
  try {
    return JSON.parse(json) as T;
  } catch {
    return fallback;
  }
};

const importedNarrativeOf = (json: string): NarrativeSection[] => {
  const data = parseObject<unknown>(json, []);
  if (!Array.isArray(data)) return [];
  return data.filter(
    (s): s is NarrativeSection =>
      typeof s === 'object' && s !== null && typeof s.section === 'number' && typeof s.text === 'string',
  );
};

const toReport = (r: Row): AnnualReport => ({
  id: r.id,
  agencyId: r.agency_id,
  agencyName: r.agency_name,
  agencyKind: r.agency_kind,
  agencyLevel: r.agency_level,
  agencyPath: r.agency_path,
  year: r.year,
  edition: r.edition as EditionId,
  source: r.source,
  status: r.status,
  cells: parseObject<Record<string, CellValue> | null>(r.cells_json, null),
  templates: parseTemplates(r.narrative_json),
  importedNarrative: r.source === 'imported' ? importedNarrativeOf(r.narrative_json) : [],
  acknowledgements: parseObject<Record<string, string>>(r.acknowledgements_json, {}),
  frozen: parseObject<FrozenSentences | null>(r.generated_json, null),
  fileName: r.file_name,
  submittedAt: r.submitted_at,
  submittedBy: r.submitted_by,
  approvedAt: r.approved_at,
  approvedBy: r.approved_by,
  returnedReason: r.returned_reason,
  publishedOn: r.published_on,
  publishedLate: r.published_late === 1,
  deadline: statutoryDay({ kind: r.agency_kind, level: r.agency_level }, r.year),
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

const base = (db: Kysely<DB>) =>
  db
    .selectFrom('annual_reports as r')
    .innerJoin('agencies as a', 'a.id', 'r.agency_id')
    .selectAll('r')
    .select([
      'a.name as agency_name',
      'a.kind as agency_kind',
      'a.level as agency_level',
      'a.path as agency_path',
    ]);

export async function findAnnualReport(db: Kysely<DB>, id: number): Promise<AnnualReport | null> {
  const row = await base(db).where('r.id', '=', id).executeTakeFirst();
  return row === undefined ? null : toReport(row);
}

/** An agency's reports, both sources, the latest year first (compiled before imported in a year). */
export async function listAgencyReports(db: Kysely<DB>, agencyId: number): Promise<AnnualReport[]> {
  const rows = await base(db)
    .where('r.agency_id', '=', agencyId)
    .orderBy('r.year', 'desc')
    .orderBy('r.source')
    .execute();
  return rows.map(toReport);
}

/**
 * The reports on the portal: published, one a year — the compiled one where it was published,
 * else the one imported from an earlier publication. Latest year first.
 */
export async function listPublishedReports(db: Kysely<DB>, agencyId: number): Promise<AnnualReport[]> {
  const all = (await listAgencyReports(db, agencyId)).filter((r) => r.status === 'published');
  const byYear = new Map<number, AnnualReport>();
  for (const r of all) if (!byYear.has(r.year) || r.source === 'compiled') byYear.set(r.year, r);
  return [...byYear.values()].sort((a, b) => b.year - a.year);
}

export async function findPublishedReport(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<AnnualReport | null> {
  return (await listPublishedReports(db, agencyId)).find((r) => r.year === year) ?? null;
}

/** The agency's compiled report of the year, if one was created. */
export async function findCompiledReport(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<AnnualReport | null> {
  const row = await base(db)
    .where('r.agency_id', '=', agencyId)
    .where('r.year', '=', year)
    .where('r.source', '=', 'compiled')
    .executeTakeFirst();
  return row === undefined ? null : toReport(row);
}

/** The figures of the agency's report for the year before, where they are known (locked or imported). */
export async function previousYearCells(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<{ edition: EditionId; cells: Record<string, CellValue> } | null> {
  const rows = await db
    .selectFrom('annual_reports')
    .select(['edition', 'cells_json', 'source'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year - 1)
    .where('cells_json', 'is not', null)
    .orderBy('source')
    .execute();
  const row = rows[0];
  if (row === undefined || row.cells_json === null) return null;
  return { edition: row.edition as EditionId, cells: parseObject(row.cells_json, {}) };
}
