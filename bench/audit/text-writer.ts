import { cellKey } from '../../src/reports/model/edition.ts';
import { EDITIONS } from '../../src/reports/model/editions.ts';
import type { Report } from '../../src/reports/model/report.ts';

/**
 * Writes a report as Word's "save as text" does (gulou-2019.txt is one): a cell per line
 * behind a tab, rows apart by an empty line. Benchmark input only.
 */
export const writeReportText = (report: Report): string => {
  if (!report.edition) throw new Error('a report to write needs an edition');
  const def = EDITIONS[report.edition];
  const out: string[] = [`${report.agency ?? ''}${report.year ?? ''}年政府信息公开工作年度报告`, ''];
  const value = (key: string) => {
    const v = report.cells[key];
    return v === null || v === undefined ? '' : String(v);
  };
  for (const section of def.sections) {
    out.push(`${section.numeral}、${section.heading}`);
    const text = report.narrative.find((n) => n.section === section.number)?.text;
    if (text) out.push(...text.split('\n'));
    for (const table of def.tables.filter((t) => t.section === section.number)) {
      if (table.id === 's4') {
        out.push('\t行政复议', '\t行政诉讼', '');
        out.push(
          ...['结果维持', '结果纠正', '其他结果', '尚未审结', '总计', '未经复议直接起诉', '复议后起诉'].map(
            (l) => `\t${l}`,
          ),
          '',
        );
        out.push(
          ...table.rows.flatMap((r) => table.columns.map((c) => `\t${value(cellKey(table, r.key, c.key))}`)),
          '',
        );
        continue;
      }
      if (table.title) out.push(`\t${table.title}`, '');
      out.push(`\t${table.section === 2 ? '信息内容' : ''}`, ...table.columns.map((c) => `\t${c.label}`), '');
      let printed: readonly string[] = [];
      for (const row of table.rows) {
        // A merged group label prints in its first row; Word leaves the merged cell empty after.
        const groups = row.groups ?? [];
        out.push(...groups.map((g, i) => (printed[i] === g ? '\t' : `\t${g}`)), `\t${row.label}`);
        printed = groups;
        out.push(...table.columns.map((c) => `\t${value(cellKey(table, row.key, c.key))}`), '');
      }
      out.push('', '');
    }
  }
  return `${out.join('\n')}\n`;
};
