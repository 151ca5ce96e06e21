import type { ExpressionBuilder, Kysely } from 'kysely';
import { OUTCOMES, reportRowOf } from '../../applications/outcomes.ts';
import type { DB } from '../../db/schema.ts';
import { AppError } from '../../errors/app-error.ts';
import { type CellDef, findCell } from '../model/cells.ts';
import type { EditionId } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import { type Episode, episodeInYear } from './episodes.ts';
import { reopenedApplications } from './reopened.ts';
import { type YearWindow, yearWindow } from './rules.ts';
import { resultAsOfYearEnd } from './section4.ts';

/** An application counted in a section 三 cell; `on` is the day that put it there. */
export interface ApplicationRecord {
  readonly kind: 'application';
  readonly id: number;
  readonly trackingNumber: string;
  readonly applicantType: string;
  /** new, carried, forward: the day the episode started; an outcome row or 总计: the decision day. */
  readonly on: string;
  /** Counted for a reopening rather than for the receipt (or the decision after one). */
  readonly reopened: boolean;
}

/** A reconsideration or litigation case counted in a section 四 cell. */
export interface AppealCaseRecord {
  readonly kind: 'appealCase';
  readonly id: number;
  readonly caseNumber: string | null;
  readonly applicationId: number | null;
  /** The tracking number of the application the case is about; null for proactive disclosure. */
  readonly trackingNumber: string | null;
  readonly filedOn: string;
  readonly decidedOn: string | null;
  readonly result: string | null;
}

export type CellRecord = ApplicationRecord | AppealCaseRecord;

export interface CellRecords {
  readonly cell: string;
  /**
   * Where the figure comes from: 'register' for section 二 (the Article 20 register, entered or
   * counted from the items — no list of records here), else the records, one per count (an
   * application received and reopened in the same year is there twice, with two days).
   */
  readonly source: 'register' | 'applications' | 'appealCases';
  readonly records: readonly CellRecord[];
}

export interface RecordsBehindCellOptions {
  readonly agencyId: number;
  readonly year: number;
  /** A cell key of the year's edition, e.g. 's3.withheld.thirdParty.natural'. */
  readonly cell: string;
  readonly edition?: EditionId;
}

/**
 * The records behind one cell of the compiled report (compileReport): as many as the cell
 * counts, ordered by day and id. Throws AppError('VALIDATION') for a key the edition lacks.
 */
export async function recordsBehindCell(
  db: Kysely<DB>,
  options: RecordsBehindCellOptions,
): Promise<CellRecords> {
  const editionId = options.edition ?? editionForYear(options.year);
  const cell = findCell(EDITIONS[editionId], options.cell);
  if (cell === undefined)
    throw new AppError('VALIDATION', `${editionId}年版报告没有单元格“${options.cell}”`, [
      { field: 'cell', message: `${editionId}年版报告没有单元格“${options.cell}”` },
    ]);
  const w = yearWindow(options.year);
  if (cell.table.section === 3)
    return {
      cell: cell.key,
      source: 'applications',
      records: await applicationsBehind(db, options.agencyId, w, cell, editionId),
    };
  if (cell.table.section === 4)
    return {
      cell: cell.key,
      source: 'appealCases',
      records: await casesBehind(db, options.agencyId, w, cell),
    };
  return { cell: cell.key, source: 'register', records: [] };
}

const byDayThenId = (a: { on: string; id: number }, b: { on: string; id: number }) =>
  a.on < b.on ? -1 : a.on > b.on ? 1 : a.id - b.id;

async function applicationsBehind(
  db: Kysely<DB>,
  agencyId: number,
  w: YearWindow,
  cell: CellDef,
  editionId: EditionId,
): Promise<ApplicationRecord[]> {
  const { row, column } = cell;
  const outcomes = OUTCOMES.filter((o) => reportRowOf(o, editionId) === row);
  const isOutcomeRow = row === 'total' || outcomes.length > 0;
  const decidedInYear = (eb: ExpressionBuilder<DB, 'applications'>) =>
    eb.and([eb('decided_on', '>=', w.from), eb('decided_on', '<=', w.to)]);
  let query = db
    .selectFrom('applications')
    .select(['id', 'tracking_number', 'applicant_type', 'received_on', 'decided_on'])
    .where('agency_id', '=', agencyId)
    .where('received_on', '<=', w.to)
    .where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>=', w.from)]));
  if (column !== 'total') query = query.where('applicant_type', '=', column);
  if (row === 'new') query = query.where('received_on', '>=', w.from);
  else if (row === 'carried') query = query.where('received_on', '<', w.from);
  else if (row === 'forward')
    query = query.where((eb) => eb.or([eb('decided_on', 'is', null), eb('decided_on', '>', w.to)]));
  else if (row === 'total') query = query.where(decidedInYear);
  else query = query.where(decidedInYear).where('outcome', 'in', outcomes);
  const [rows, reopened] = await Promise.all([query.execute(), reopenedApplications(db, agencyId, w.to)]);

  const reopenedIds = new Set(reopened.map((a) => a.id));
  const records: ApplicationRecord[] = rows
    .filter((r) => !reopenedIds.has(r.id))
    .map((r) => ({
      kind: 'application',
      id: r.id,
      trackingNumber: r.tracking_number,
      applicantType: r.applicant_type,
      on: isOutcomeRow ? (r.decided_on ?? r.received_on) : r.received_on,
      reopened: false,
    }));
  const holds = (e: Episode): boolean => {
    const at = episodeInYear(e, w);
    if (row === 'new' || row === 'carried' || row === 'forward') return at[row];
    if (at.decided === null) return false;
    return row === 'total' || reportRowOf(at.decided, editionId) === row;
  };
  for (const a of reopened) {
    if (column !== 'total' && a.applicantType !== column) continue;
    for (const e of a.episodes)
      if (holds(e))
        records.push({
          kind: 'application',
          id: a.id,
          trackingNumber: a.trackingNumber,
          applicantType: a.applicantType,
          on: isOutcomeRow ? (e.decision?.date ?? e.start) : e.start,
          reopened: e.reopened,
        });
  }
  return records.sort(byDayThenId);
}

async function casesBehind(
  db: Kysely<DB>,
  agencyId: number,
  w: YearWindow,
  cell: CellDef,
): Promise<AppealCaseRecord[]> {
  let query = db
    .selectFrom('appeal_cases as c')
    .leftJoin('applications as a', 'a.id', 'c.application_id')
    .select([
      'c.id',
      'c.case_number',
      'c.application_id',
      'a.tracking_number',
      'c.filed_on',
      'c.decided_on',
      'c.result',
    ])
    .where('c.agency_id', '=', agencyId)
    .where('c.filed_on', '>=', w.from)
    .where('c.filed_on', '<=', w.to)
    .where('c.kind', '=', cell.row as 'reconsideration')
    .orderBy('c.filed_on')
    .orderBy('c.id');
  if (cell.column !== 'total') query = query.where((eb) => eb(resultAsOfYearEnd(w, 'c'), '=', cell.column));
  const rows = await query.execute();
  return rows.map((r) => ({
    kind: 'appealCase',
    id: r.id,
    caseNumber: r.case_number,
    applicationId: r.application_id,
    trackingNumber: r.tracking_number,
    filedOn: r.filed_on,
    decidedOn: r.decided_on,
    result: r.result,
  }));
}
