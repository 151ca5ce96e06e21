import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { getAgency } from '../../orgs/agency.repository.ts';
import { compileReport } from '../compile/index.ts';
import { tableCells } from '../model/cells.ts';
import type { TableDef } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import type { CellValue, Finding, Report } from '../model/report.ts';
import { validateReport } from '../validate/index.ts';
import { cellName } from '../validate/labels.ts';
import { findImportedReport, previousYearReport, type StoredReport } from './stored-report.ts';

/** One cell of the form: what the imported report states beside what the records compile to. */
export interface ComparedCell {
  readonly key: string;
  readonly label: string;
  /** Undefined where the document lacks the cell (the parser could not read it). */
  readonly imported: CellValue | undefined;
  readonly compiled: CellValue | undefined;
  readonly differs: boolean;
  /** The validator's findings on the imported report that state this cell (it comes first in `cells`). */
  readonly findings: readonly Finding[];
}

export interface Comparison {
  readonly agency: { readonly id: number; readonly name: string };
  readonly year: number;
  readonly imported: StoredReport | null;
  readonly compiled: Report;
  readonly tables: readonly { readonly table: TableDef; readonly cells: readonly ComparedCell[] }[];
  /** Keys of the cells that differ, in the form's order. */
  readonly differing: readonly string[];
  /** Every finding on the imported report (cross-year rules against the year before when on record). */
  readonly findings: readonly Finding[];
}

const same = (a: CellValue | undefined, b: CellValue | undefined): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) < 1e-9);

/**
 * The agency's imported report of the year beside a fresh compilation of its records in the same
 * edition, cell by cell. Without an import the compiled figures stand alone (`imported` null,
 * nothing differs).
 */
export async function compareImportedWithCompiled(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<Comparison> {
  const agency = await getAgency(db, agencyId);
  const imported = await findImportedReport(db, agencyId, year);
  const editionId = imported?.report.edition ?? editionForYear(year);
  const compiled = await compileReport(db, { agencyId, year, edition: editionId });
  let findings: Finding[] = [];
  if (imported !== null) {
    const previous = await previousYearReport(db, agencyId, year);
    findings = validateReport(imported.report, {
      ...(previous ? { previous: previous.report } : {}),
      ...(imported.publishedOn ? { publishedOn: imported.publishedOn } : {}),
    });
  }
  const edition = EDITIONS[editionId];
  const differing: string[] = [];
  const tables = edition.tables.map((table) => ({
    table,
    cells: tableCells(edition, table).map((cell): ComparedCell => {
      const importedValue = imported === null ? undefined : imported.report.cells[cell.key];
      const compiledValue = compiled.cells[cell.key];
      const differs = imported !== null && !same(importedValue, compiledValue);
      if (differs) differing.push(cell.key);
      return {
        key: cell.key,
        label: cellName(table, cell.row, cell.column),
        imported: importedValue,
        compiled: compiledValue,
        differs,
        findings: findings.filter((f) => f.cells[0] === cell.key),
      };
    }),
  }));
  return {
    agency: { id: agency.id, name: agency.name },
    year,
    imported,
    compiled,
    tables,
    differing,
    findings,
  };
}
