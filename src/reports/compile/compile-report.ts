import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { registerFigures } from '../../disclosure/registers.ts';
import { getAgency } from '../../orgs/agency.repository.ts';
import { editionCells } from '../model/cells.ts';
import type { EditionId } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import type { CellValue, Report } from '../model/report.ts';
import { yearWindow } from './rules.ts';
import { compileSection3 } from './section3.ts';
import { compileSection4 } from './section4.ts';

export interface CompileOptions {
  readonly agencyId: number;
  readonly year: number;
  /** The edition to compile in; by default the one the national format prescribes for the year. */
  readonly edition?: EditionId;
}

/**
 * The agency's annual report for the year, every table cell counted from the records by the
 * rules of rules.ts (COMPILE_RULES_NOTE): section 二 from the registers, 三 from the
 * applications, 四 from the reconsideration and litigation cases. The narrative is left empty.
 * Throws AppError('NOT_FOUND') for an unknown agency.
 */
export async function compileReport(db: Kysely<DB>, options: CompileOptions): Promise<Report> {
  const { agencyId, year } = options;
  if (!Number.isSafeInteger(year) || year < 1000 || year > 9999)
    throw new RangeError(`bad report year ${year}`);
  const editionId = options.edition ?? editionForYear(year);
  const edition = EDITIONS[editionId];
  const w = yearWindow(year);
  const agency = await getAgency(db, agencyId);
  const [s2, s3, s4] = await Promise.all([
    registerFigures(db, agencyId, year, editionId),
    compileSection3(db, agencyId, w, edition),
    compileSection4(db, agencyId, w),
  ]);
  const figures: Record<string, number> = { ...s2, ...s3, ...s4 };
  const cells: Record<string, CellValue> = {};
  // In the form's order; a section 二 figure nobody entered is blank.
  for (const cell of editionCells(edition)) cells[cell.key] = figures[cell.key] ?? null;
  return { edition: editionId, year, agency: agency.name, cells, narrative: [] };
}
