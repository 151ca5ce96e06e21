import ExcelJS from 'exceljs';
import {
  APPLICATION_COLUMNS,
  APPLICATION_SHEET,
  CHOICES_BY_HEADER,
  type ColumnSpec,
  EVENT_COLUMNS,
  EVENT_SHEET,
} from './import-columns.ts';

const DATE_HEADERS = new Set(['到达日期', '收到日期', '答复日期', '送达日期', '日期', '期限']);
const TEXT_HEADERS = new Set(['导入编号', '证件号码', '联系电话']);
const VALUES_SHEET = '可选值';
/** Rows of the data sheets that get the drop-down lists and the text/date formats. */
const PREPARED_ROWS = 1000;

const dataSheet = (workbook: ExcelJS.Workbook, name: string, columns: readonly ColumnSpec[]) => {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({
    header: c.header,
    key: c.header,
    width: Math.max(12, c.header.length * 3),
    style: DATE_HEADERS.has(c.header)
      ? { numFmt: 'yyyy-mm-dd' }
      : TEXT_HEADERS.has(c.header)
        ? { numFmt: '@' }
        : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  columns.forEach((c, i) => {
    const choices = CHOICES_BY_HEADER[c.header];
    if (choices === undefined) return;
    const list = Object.keys(CHOICES_BY_HEADER).indexOf(c.header);
    const letter = String.fromCharCode(65 + list);
    for (let r = 2; r <= PREPARED_ROWS + 1; r++)
      sheet.getCell(r, i + 1).dataValidation = {
        type: 'list',
        allowBlank: true,
        formulae: [`'${VALUES_SHEET}'!$${letter}$2:$${letter}$${choices.keys.length + 1}`],
        showErrorMessage: true,
        errorTitle: c.header,
        error: `请从列表中选择${choices.what}`,
      };
  });
  return sheet;
};

/**
 * The import template: the sheets 「申请」 and 「事件」 with their headers (drop-down lists for
 * the closed lists, ID and phone columns as text, date columns as dates), 「说明」 with every
 * column explained and an example, and 「可选值」 with the allowed values.
 */
export async function importTemplate(): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'gongkai';
  dataSheet(workbook, APPLICATION_SHEET, APPLICATION_COLUMNS);
  dataSheet(workbook, EVENT_SHEET, EVENT_COLUMNS);

  const help = workbook.addWorksheet('说明');
  help.columns = [
    { header: '表', key: 'sheet', width: 8 },
    { header: '列', key: 'column', width: 14 },
    { header: '必填', key: 'required', width: 8 },
    { header: '说明', key: 'help', width: 80 },
  ];
  help.getRow(1).font = { bold: true };
  for (const [sheet, columns] of [
    [APPLICATION_SHEET, APPLICATION_COLUMNS],
    [EVENT_SHEET, EVENT_COLUMNS],
  ] as const)
    for (const c of columns)
      help.addRow({ sheet, column: c.header, required: c.required ? '是' : '', help: c.help });
  help.addRow({});
  for (const line of [
    '日期可写作 2024-09-27、2024/9/27 或 2024年9月27日，也可用 Excel 的日期格式。',
    '可选值可填中文名称（见「可选值」表），也可填其英文代码。',
    '未答复的申请：答复结果、答复日期、送达各列留空，导入后进入办理中的队列。',
    '已答复未送达的申请：填写答复结果和答复日期，送达各列留空，导入后进入待送达队列。',
    '已送达的申请：再填写送达日期、送达方式和送达凭证，导入后为已办结。',
    '「事件」表每行一个办理事件（告知补正、征求意见、延期等），按导入编号对应申请；“收到申请”由收到日期生成，不在此填写。',
    '导入的申请没有网上查询码，申请人不能在门户网站查询其办理进度。',
    '示例：导入编号 2024-015；申请渠道 平常信函；收到日期 2024-12-20；事件 告知补正 2024-12-23 期限 2025-01-10。',
  ])
    help.addRow({ help: line });

  const values = workbook.addWorksheet(VALUES_SHEET);
  Object.entries(CHOICES_BY_HEADER).forEach(([header, choices], i) => {
    const column = values.getColumn(i + 1);
    column.width = Math.max(
      14,
      ...choices.keys.map((k) => Math.min(60, (choices.labels[k] ?? k).length * 2)),
    );
    values.getCell(1, i + 1).value = header;
    values.getCell(1, i + 1).font = { bold: true };
    choices.keys.forEach((k, r) => {
      values.getCell(r + 2, i + 1).value = choices.labels[k] ?? k;
    });
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
