import { S3_COLUMNS } from '../model/applications-table.ts';
import type { CellValue, Finding, Report } from '../model/report.ts';
import { validateAcrossYears } from '../validate/index.ts';
import type { AuditResult } from './audit-result.ts';

/** The cells a later year's report is checked against: what year N carries over from N−1. */
const KEPT = [
  ...S3_COLUMNS.map((c) => `s3.forward.${c.key}`),
  's2.rules.inForce',
  's2.normativeDocs.inForce',
];

const agencyKey = (agency: string): string => agency.replace(/[\s\u3000]+/g, '');

/**
 * Remembers, per agency and year, the few cells of each parsed report that the cross-year
 * rules need — not the whole report, so a batch of any size stays small in memory.
 */
export class CrossYearIndex {
  private readonly byKey = new Map<string, Report>();

  remember(result: AuditResult): void {
    if (result.status !== 'parsed') return;
    const { agency, year, edition } = result.report;
    if (!agency || year === null) return;
    const cells: Record<string, CellValue> = {};
    for (const key of KEPT) {
      const value = result.report.cells[key];
      if (value !== undefined) cells[key] = value;
    }
    this.byKey.set(`${agencyKey(agency)}|${year}`, { agency, year, edition, cells, narrative: [] });
  }

  /** The cross-year findings of a report, where the same agency's previous year is known. */
  findingsFor(result: AuditResult): Finding[] {
    if (result.status !== 'parsed') return [];
    const { agency, year } = result.report;
    if (!agency || year === null) return [];
    const previous = this.byKey.get(`${agencyKey(agency)}|${year - 1}`);
    return previous ? validateAcrossYears(result.report, previous) : [];
  }
}
