import type { AuditResult } from './audit-result.ts';

export const CSV_HEADER = [
  'file',
  'status',
  'edition',
  'year',
  'agency',
  'rule',
  'severity',
  'cells',
  'expected',
  'actual',
  'message',
];

const field = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // Quote every field that could break the row, and defuse spreadsheet formulas.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v === 'string' ? `'${s}` : s;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const row = (values: (string | number | null | undefined)[]): string => `${values.map(field).join(',')}\r\n`;

/** CSV rows of one file: one per finding, or one for the file where it has none. */
export const formatResultCsv = (r: AuditResult): string => {
  if (r.status === 'failed')
    return row([r.file, r.status, null, null, null, null, null, null, null, null, r.error]);
  const { edition, year, agency } = r.report;
  if (r.findings.length === 0) return row([r.file, r.status, edition, year, agency]);
  return r.findings
    .map((f) =>
      row([
        r.file,
        r.status,
        edition,
        year,
        agency,
        f.rule,
        f.severity,
        f.cells.join(' '),
        f.expected,
        f.actual,
        f.message,
      ]),
    )
    .join('');
};

export const csvHeader = (): string => `\ufeff${row(CSV_HEADER)}`;
