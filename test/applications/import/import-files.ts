import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/** A row of a sheet as the office would type it: header → cell (text, number or a real date). */
export type SheetRow = Record<string, string | number | Date | undefined>;

export const APPLICATION_HEADERS = [
  '导入编号',
  '申请渠道',
  '到达日期',
  '收到日期',
  '申请人类型',
  '姓名或名称',
  '证件类型',
  '证件号码',
  '联系电话',
  '通信地址',
  '电子邮箱',
  '所需信息',
  '获取方式',
  '答复结果',
  '答复日期',
  '送达日期',
  '送达方式',
  '送达凭证',
];
export const EVENT_HEADERS = ['导入编号', '事件类型', '日期', '工作日数', '期限', '备注'];

/** A valid 居民身份证 number (check digit right) and one with the last digit changed. */
export const GOOD_ID = '11010519491231002X';
export const BAD_CHECK_ID = '110105194912310021';

/** A natural person's application by letter, received on `receivedOn`; `extra` overrides columns. */
export const applicationRow = (ref: string, receivedOn: string, extra: SheetRow = {}): SheetRow => ({
  导入编号: ref,
  申请渠道: '平常信函',
  到达日期: receivedOn,
  收到日期: receivedOn,
  申请人类型: '自然人',
  姓名或名称: '张三',
  证件类型: '居民身份证',
  证件号码: GOOD_ID,
  联系电话: '13812345678',
  通信地址: '河南省开封市鼓楼区包公湖北路39号',
  所需信息: `${ref} 2024年度最低生活保障资金发放情况`,
  获取方式: '纸质',
  ...extra,
});

/** An XLSX workbook with the sheets 「申请」 and 「事件」, built with exceljs as Excel would save it. */
export const xlsxOf = async (
  applications: readonly SheetRow[],
  events: readonly SheetRow[] = [],
  options: { applicationHeaders?: readonly string[]; textIds?: boolean } = {},
): Promise<Uint8Array> => {
  const workbook = new ExcelJS.Workbook();
  const add = (name: string, headers: readonly string[], rows: readonly SheetRow[]) => {
    const sheet = workbook.addWorksheet(name);
    sheet.addRow([...headers]);
    for (const row of rows) sheet.addRow(headers.map((h) => row[h] ?? null));
  };
  add('申请', options.applicationHeaders ?? APPLICATION_HEADERS, applications);
  add('事件', EVENT_HEADERS, events);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
};

const csvField = (v: string | number | Date | undefined): string => {
  const s = v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

export const csvText = (headers: readonly string[], rows: readonly SheetRow[]): string =>
  [headers, ...rows.map((r) => headers.map((h) => r[h]))]
    .map((cells) => cells.map((c) => csvField(c as string | undefined)).join(','))
    .join('\r\n');

/** The CSV in UTF-8 with a byte-order mark (Excel's "CSV UTF-8"), or in GBK (Excel's plain "CSV" on Chinese Windows). */
export const csvBytes = (text: string, encoding: 'utf-8-bom' | 'utf-8' | 'gbk'): Uint8Array =>
  encoding === 'gbk'
    ? new Uint8Array(iconv.encode(text, 'gbk'))
    : new Uint8Array(Buffer.from(`${encoding === 'utf-8-bom' ? '\ufeff' : ''}${text}`, 'utf8'));
