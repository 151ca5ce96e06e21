import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { workRecordSentences, workRecordSummary } from '../../work-records/work-record-summary.ts';
import { compileReport } from '../compile/compile-report.ts';
import { COMPILE_RULES_NOTE } from '../compile/rules.ts';
import { findCell } from '../model/cells.ts';
import { EDITIONS } from '../model/editions.ts';
import type { CellValue, Finding, Report } from '../model/report.ts';
import { validateReport } from '../validate/index.ts';
import { cellName } from '../validate/labels.ts';
import { type AnnualReport, previousYearCells } from './annual-report.repository.ts';
import { type NarrativeSources, resolveNarrative } from './narrative.ts';

/** The figures and sentences a report's narrative resolves from: locked, or live from the records. */
export async function narrativeSources(db: Kysely<DB>, report: AnnualReport): Promise<NarrativeSources> {
  if (report.cells !== null && (report.source === 'imported' || report.frozen !== null))
    return {
      edition: report.edition,
      cells: report.cells,
      workSentences: report.frozen?.workSentences ?? [],
    };
  const [compiled, summary] = await Promise.all([
    compileReport(db, { agencyId: report.agencyId, year: report.year, edition: report.edition }),
    workRecordSummary(db, report.agencyId, report.year),
  ]);
  return { edition: report.edition, cells: compiled.cells, workSentences: workRecordSentences(summary) };
}

/** The report as the renderers and the validator take it. */
export const reportValue = (report: AnnualReport, sources: NarrativeSources): Report => ({
  edition: report.edition,
  year: report.year,
  agency: report.agencyName,
  cells: sources.cells,
  narrative:
    report.source === 'imported' ? report.importedNarrative : resolveNarrative(report.templates, sources),
});

/** A finding's stable name, under which an acknowledgement is stored. */
export const findingKey = (f: Pick<Finding, 'rule' | 'cells' | 'message'>): string =>
  f.cells.length > 0 ? `${f.rule}|${f.cells.join(',')}` : `${f.rule}|${f.message}`;

export interface ReviewedFinding {
  readonly finding: Finding;
  readonly key: string;
  /** The clerk's explanation, when acknowledged. */
  readonly explanation: string | null;
}

/** The validator's findings on the report, with the year before where known, each with its acknowledgement. */
export async function reviewFindings(
  db: Kysely<DB>,
  report: AnnualReport,
  value: Report,
): Promise<ReviewedFinding[]> {
  const previous = await previousYearCells(db, report.agencyId, report.year);
  const findings = validateReport(value, {
    ...(previous === null
      ? {}
      : {
          previous: {
            edition: previous.edition,
            year: report.year - 1,
            agency: report.agencyName,
            cells: previous.cells,
            narrative: [],
          },
        }),
    ...(report.publishedOn === null ? {} : { publishedOn: report.publishedOn }),
  });
  return findings.map((finding) => {
    const key = findingKey(finding);
    return { finding, key, explanation: report.acknowledgements[key] ?? null };
  });
}

/** Error findings nobody explained: they keep the report from being submitted. */
export const submissionBlockers = (findings: readonly ReviewedFinding[]): ReviewedFinding[] =>
  findings.filter((f) => f.finding.severity === 'error' && f.explanation === null);

/** A cell whose locked figure differs from a fresh compilation of the records. */
export interface CellDifference {
  readonly key: string;
  readonly label: string;
  readonly locked: CellValue;
  readonly current: CellValue;
}

export const cellDifferences = (
  report: Pick<AnnualReport, 'edition'>,
  locked: Readonly<Record<string, CellValue>>,
  current: Readonly<Record<string, CellValue>>,
): CellDifference[] => {
  const edition = EDITIONS[report.edition];
  const keys = [...new Set([...Object.keys(locked), ...Object.keys(current)])];
  return keys.flatMap((key): CellDifference[] => {
    const a = locked[key] ?? null;
    const b = current[key] ?? null;
    if (a === b) return [];
    const cell = findCell(edition, key);
    const label = cell === undefined ? key : cellName(cell.table, cell.row, cell.column);
    return [{ key, label, locked: a, current: b }];
  });
};

/**
 * For a locked compiled report: the cells a fresh compilation gives differently (the records
 * changed after submission). The report itself is not changed. Empty for a draft or an import.
 */
export async function differencesSinceLock(db: Kysely<DB>, report: AnnualReport): Promise<CellDifference[]> {
  if (report.source !== 'compiled' || report.cells === null) return [];
  const fresh = await compileReport(db, {
    agencyId: report.agencyId,
    year: report.year,
    edition: report.edition,
  });
  return cellDifferences(report, report.cells, fresh.cells);
}

export const differencesText = (differences: readonly CellDifference[]): string =>
  `记录已变更：${differences
    .map((d) => `${d.label}锁定时为${d.locked ?? '空'}，现为${d.current ?? '空'}`)
    .join('；')}`;

/** The footnotes the report prints: how it was compiled, and each acknowledged finding with its explanation. */
export const reportFootnotes = (report: AnnualReport, findings: readonly ReviewedFinding[]): string[] => [
  ...(report.source === 'compiled' ? [COMPILE_RULES_NOTE] : []),
  ...findings
    .filter((f) => f.explanation !== null)
    .map((f) => `校验提示“${f.finding.message}”的说明：${f.explanation}`),
];

/** Everything a page about the report shows. */
export interface ReportDocument {
  readonly report: AnnualReport;
  readonly value: Report;
  readonly findings: readonly ReviewedFinding[];
  readonly footnotes: readonly string[];
  readonly sources: NarrativeSources;
}

export async function loadReportDocument(db: Kysely<DB>, report: AnnualReport): Promise<ReportDocument> {
  const sources = await narrativeSources(db, report);
  const value = reportValue(report, sources);
  const findings = await reviewFindings(db, report, value);
  return { report, value, findings, footnotes: reportFootnotes(report, findings), sources };
}
