import type { Finding, Report } from '../model/report.ts';
import { cellBlank } from './cell-blank.ts';
import { cellFormat } from './cell-format.ts';
import { cellMissing } from './cell-missing.ts';
import { contentFees } from './content-fees.ts';
import { createContext } from './context.ts';
import { editionYear } from './edition-year.ts';
import { late } from './late.ts';
import type { Rule } from './rule.ts';
import { s2TotalPublished } from './s2-total-published.ts';
import { s3Balance } from './s3-balance.ts';
import { s3TotalCol } from './s3-total-col.ts';
import { s3TotalRow } from './s3-total-row.ts';
import { s4Total } from './s4-total.ts';
import { sections } from './sections.ts';
import { textFigure } from './text-figure.ts';
import { xyearCarry } from './xyear-carry.ts';
import { xyearInforce } from './xyear-inforce.ts';

export type { CellRead, RuleContext } from './context.ts';
export type { Rule } from './rule.ts';

export interface ValidateOptions {
  /** The same agency's report for year N−1, when in the same audit (XYEAR-* rules). */
  previous?: Report;
  /** 'YYYY-MM-DD' publication date if known (LATE rule). */
  publishedOn?: string;
}

/**
 * Every rule, in the order findings come out; within a rule, findings follow the form.
 * The section 三 totals come before the 勾稽关系 they feed, so a report whose 总计 row is
 * wrong reads as the spec's sample does: S3-TOTAL-ROW first, then S3-BALANCE.
 */
export const RULES: readonly Rule[] = [
  s3TotalRow,
  s3TotalCol,
  s3Balance,
  s4Total,
  s2TotalPublished,
  cellFormat,
  cellMissing,
  cellBlank,
  editionYear,
  textFigure,
  xyearCarry,
  xyearInforce,
  sections,
  contentFees,
  late,
];

const CROSS_YEAR = new Set(['XYEAR-CARRY', 'XYEAR-INFORCE']);

/** Checks one report against spec/annual-report.md's rules. Pure; never throws for a bad report. */
export const validateReport = (report: Report, options: ValidateOptions = {}): Finding[] => {
  const ctx = createContext(report, options);
  return RULES.flatMap((rule) => rule.check(ctx));
};

/**
 * Only the cross-year findings, for a batch that validated each report on its own first and
 * meets the year before later (reports/audit/cross-year.ts). Nothing unless `previous` is
 * for the year before.
 */
export const validateAcrossYears = (report: Report, previous: Report): Finding[] => {
  const ctx = createContext(report, { previous });
  return RULES.filter((rule) => CROSS_YEAR.has(rule.id)).flatMap((rule) => rule.check(ctx));
};
