import { type Diagnostic, type Finding, type Report, toReportJson } from '../model/report.ts';

/** What the audit says of one input file. */
export type AuditResult =
  | {
      readonly file: string;
      readonly status: 'parsed';
      readonly report: Report;
      readonly findings: readonly Finding[];
      readonly diagnostics: readonly Diagnostic[];
      readonly publishedOn?: string;
    }
  | {
      readonly file: string;
      readonly status: 'failed';
      readonly error: string;
      readonly findings: readonly Finding[];
      readonly diagnostics: readonly Diagnostic[];
    };

/** One NDJSON line of `gongkai audit --json`, in the field order of spec/annual-report.md. */
export const auditJsonLine = (r: AuditResult): string =>
  JSON.stringify(
    r.status === 'parsed'
      ? {
          file: r.file,
          status: r.status,
          report: toReportJson(r.report),
          findings: r.findings,
          diagnostics: r.diagnostics,
        }
      : { file: r.file, status: r.status, error: r.error, findings: [], diagnostics: r.diagnostics },
  );

export const countBySeverity = (r: AuditResult, severity: Finding['severity']): number =>
  r.findings.filter((f) => f.severity === severity).length;

/** Exit status of an audit: 2 when any file failed (it wins), 1 when any finding is an error, else 0. */
export const auditExitCode = (summary: { failed: number; withErrors: number }): 0 | 1 | 2 =>
  summary.failed > 0 ? 2 : summary.withErrors > 0 ? 1 : 0;
