import type { Application } from '../../applications/application.repository.ts';
import { APPLICANT_TYPE_LABELS, CHANNEL_LABELS } from '../../applications/application-kinds.ts';
import { maskName } from '../../privacy/mask.ts';
import { deadlineText, statusText } from './application.presenter.ts';

/** The most rows one export gives: a queue larger than this is narrowed by its filters first. */
export const EXPORT_LIMIT = 50_000;

/**
 * A cell for Excel: quoted, and a leading = + - @ (or tab, CR) neutralised so that a text a
 * member of the public typed cannot become a formula (CSV injection).
 */
const cell = (value: string): string => {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
};

const label = (labels: Readonly<Record<string, string>>, key: string) => labels[key] ?? key;

/**
 * The queue as CSV (UTF-8 with a BOM so that Excel reads the Chinese). Personal data is masked
 * whoever exports: the file leaves the system. The description is kept: it is what the work is.
 */
export const applicationsCsv = (rows: readonly Application[], agencyName: (id: number) => string): string => {
  const header = [
    '申请编号',
    '受理机关',
    '申请渠道',
    '申请人类型',
    '申请人',
    '收到日期',
    '所需信息',
    '答复期限',
    '状态',
    '决定日期',
    '送达日期',
  ];
  const lines = rows.map((a) =>
    [
      a.trackingNumber,
      agencyName(a.agencyId),
      label(CHANNEL_LABELS, a.channel),
      label(APPLICANT_TYPE_LABELS, a.applicantType),
      maskName(a.applicantName),
      a.receivedOn,
      a.description,
      deadlineText(a.deadline),
      statusText(a),
      a.decidedOn ?? '',
      a.deliveredOn ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[header.map(cell).join(','), ...lines].join('\r\n')}\r\n`;
};
