import type { Finding, Report } from '../../../src/reports/model/report.ts';
import { type ValidateOptions, validateReport } from '../../../src/reports/validate/index.ts';

/** The findings of one rule. */
export const findingsOf = (rule: string, report: Report, options?: ValidateOptions): Finding[] =>
  validateReport(report, options).filter((f) => f.rule === rule);
