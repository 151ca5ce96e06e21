import type { Kysely } from 'kysely';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { DB } from '../../db/schema.ts';
import { getAgency } from '../../orgs/agency.repository.ts';
import { type Agency, toAgency } from '../../orgs/agency.table.ts';
import { compileReport } from '../compile/index.ts';
import { type StoredReport, storedReports } from '../history/stored-report.ts';
import { editionCells } from '../model/cells.ts';
import type { EditionId } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import type { CellValue, Report } from '../model/report.ts';
import { validateReport } from '../validate/index.ts';
import { type InspectorFigures, inspectorFigures } from './inspector-figures.ts';
import { reportDeadline } from './report-deadline.ts';
import { classifyReport, type RollupStatus, reportOfRecord } from './report-status.ts';

/**
 * Where an agency's figures in the roll-up come from:
 * - 'locked': its compiled report once submitted (the figures locked then, also after approval
 *   and publication) — what the agency reported, even if the records changed since;
 * - 'imported': the report it published before gongkai, as it states them (errors included:
 *   the findings say where);
 * - 'live': compiled now from the records — for a draft (whose figures are live anyway) and for
 *   an agency with no report at all, so that the sums cover the whole tree.
 */
export type FiguresSource = 'locked' | 'imported' | 'live';

export interface AgencyRollup {
  readonly agency: Pick<Agency, 'id' | 'name' | 'kind' | 'path' | 'parentId'>;
  /** 0 for the government itself, 1 for the agencies directly under it … */
  readonly depth: number;
  readonly status: RollupStatus;
  readonly deadline: string;
  readonly report: StoredReport | null;
  readonly figuresSource: FiguresSource;
  readonly cells: Readonly<Record<string, CellValue>>;
  /** Validator findings on the report (none counted for a missing report). */
  readonly errors: number;
  readonly warnings: number;
  readonly inspector: InspectorFigures;
}

export interface Rollup {
  readonly government: Pick<Agency, 'id' | 'name' | 'kind' | 'path'>;
  readonly year: number;
  readonly edition: EditionId;
  readonly agencies: readonly AgencyRollup[];
  /** Each cell of the year's edition summed over the agencies (a blank or absent cell adds nothing). */
  readonly sums: Readonly<Record<string, number>>;
  readonly statusCounts: Readonly<Record<RollupStatus, number>>;
}

/** The agency and every agency under it, the agency first, then in the tree's order. */
const subtree = async (db: Kysely<DB>, root: Agency): Promise<Agency[]> => {
  const rows = await db
    .selectFrom('agencies')
    .selectAll()
    .where('path', 'like', `${root.path}%`)
    .orderBy('path')
    .execute();
  return rows.map(toAgency).filter((a) => a.path.startsWith(root.path));
};

/** The figures the agency's report of the year stands for, and where they come from. */
const figuresOf = async (
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  report: StoredReport | null,
): Promise<{ source: FiguresSource; report: Report }> => {
  if (report?.locked)
    return { source: report.source === 'imported' ? 'imported' : 'locked', report: report.report };
  const edition = report?.report.edition ?? editionForYear(year);
  const compiled = await compileReport(db, { agencyId, year, edition });
  return { source: 'live', report: { ...compiled, narrative: report?.report.narrative ?? [] } };
};

/** Sums each cell of the edition over the agencies' figures. */
export const sumCells = (
  edition: EditionId,
  figures: readonly Readonly<Record<string, CellValue>>[],
): Record<string, number> => {
  const sums: Record<string, number> = {};
  for (const cell of editionCells(EDITIONS[edition])) {
    let sum = 0;
    for (const cells of figures) {
      const value = cells[cell.key];
      if (typeof value === 'number') sum += value;
    }
    sums[cell.key] = Math.round(sum * 1e6) / 1e6;
  }
  return sums;
};

/**
 * The roll-up a supervisor sees for a government and every agency under it, for a year: each
 * agency's report status, findings, figures (see FiguresSource) and inspector figures, and the
 * tables summed over them all. `today` ('YYYY-MM-DD', Beijing) decides lateness and where the
 * current year's period ends.
 */
export async function rollUp(
  db: Kysely<DB>,
  options: { governmentId: number; year: number; today: string },
): Promise<Rollup> {
  const { year, today } = options;
  const government = await getAgency(db, options.governmentId);
  const agencies = await subtree(db, government);
  const reports = await storedReports(
    db,
    agencies.map((a) => a.id),
    [year - 1, year],
  );
  const calendar = await loadCalendar(db);
  const edition = editionForYear(year);
  const baseDepth = government.path.split('/').length;
  const rows: AgencyRollup[] = [];
  for (const agency of agencies) {
    const mine = reports.filter((r) => r.agencyId === agency.id);
    const report = reportOfRecord(mine.filter((r) => r.year === year));
    const deadline = reportDeadline(agency.kind, year);
    const { source, report: figures } = await figuresOf(db, agency.id, year, report);
    let errors = 0;
    let warnings = 0;
    if (report !== null) {
      const before = mine.filter((r) => r.year === year - 1);
      const previous =
        before.find((r) => r.source === 'compiled' && r.status === 'published' && r.locked) ??
        before.find((r) => r.source === 'imported');
      for (const f of validateReport(figures, previous ? { previous: previous.report } : {})) {
        if (f.severity === 'error') errors++;
        else if (f.severity === 'warning') warnings++;
      }
    }
    rows.push({
      agency: {
        id: agency.id,
        name: agency.name,
        kind: agency.kind,
        path: agency.path,
        parentId: agency.parentId,
      },
      depth: agency.path.split('/').length - baseDepth,
      status: classifyReport(report, deadline, today),
      deadline,
      report,
      figuresSource: source,
      cells: figures.cells,
      errors,
      warnings,
      inspector: await inspectorFigures(db, agency.id, year, { today, calendar }),
    });
  }
  const statusCounts = { missing: 0, draft: 0, submitted: 0, approved: 0, published: 0, late: 0 };
  for (const r of rows) statusCounts[r.status]++;
  return {
    government: { id: government.id, name: government.name, kind: government.kind, path: government.path },
    year,
    edition,
    agencies: rows,
    sums: sumCells(
      edition,
      rows.map((r) => r.cells),
    ),
    statusCounts,
  };
}

/** The main figures of a year, as the trend chart shows them. */
export interface YearFigures {
  readonly year: number;
  /** 本年新收 (all applicants). */
  readonly newApplications: number;
  /** 办理结果总计. */
  readonly decided: number;
  /** 行政复议 and 行政诉讼 filed, as section 四 counts them. */
  readonly reconsiderations: number;
  readonly lawsuits: number;
}

export const mainFigures = (year: number, sums: Readonly<Record<string, number>>): YearFigures => ({
  year,
  newApplications: sums['s3.new.total'] ?? 0,
  decided: sums['s3.total.total'] ?? 0,
  reconsiderations: sums['s4.reconsideration.total'] ?? 0,
  lawsuits: (sums['s4.litigationDirect.total'] ?? 0) + (sums['s4.litigationAfterReview.total'] ?? 0),
});

/**
 * The main figures of the government's tree over `count` years up to `year`, each year summed
 * as its roll-up sums it (same sources of figures).
 */
export async function rollupTrend(
  db: Kysely<DB>,
  options: { governmentId: number; year: number; count: number },
): Promise<YearFigures[]> {
  const government = await getAgency(db, options.governmentId);
  const agencies = await subtree(db, government);
  const years = Array.from({ length: options.count }, (_, i) => options.year - options.count + 1 + i);
  const reports = await storedReports(
    db,
    agencies.map((a) => a.id),
    years,
  );
  const out: YearFigures[] = [];
  for (const year of years) {
    const figures: Readonly<Record<string, CellValue>>[] = [];
    for (const agency of agencies) {
      const report = reportOfRecord(reports.filter((r) => r.agencyId === agency.id && r.year === year));
      figures.push((await figuresOf(db, agency.id, year, report)).report.cells);
    }
    out.push(mainFigures(year, sumCells(editionForYear(year), figures)));
  }
  return out;
}
