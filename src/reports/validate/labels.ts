import { S4_LITIGATION_LABEL } from '../model/appeals-table.ts';
import type { TableDef } from '../model/edition.ts';
import { SECTION_NUMERALS } from '../model/section-headings.ts';

/** Labels for messages, in the form's own wording, so a clerk finds the cell on the printed form. */

export const sectionName = (section: number): string => `第${SECTION_NUMERALS[section - 1] ?? section}部分`;

export const tableName = (table: TableDef): string =>
  table.title ? `${sectionName(table.section)}'${table.title}'表格` : `${sectionName(table.section)}表格`;

/**
 * A row's label, with its innermost merged group where the form numbers rows inside a group
 * ("1.属于国家秘密" alone would be ambiguous: 不予公开, 无法提供 and 不予处理 all have a 1.).
 */
export const rowLabel = (table: TableDef, rowKey: string): string => {
  const row = table.rows.find((r) => r.key === rowKey);
  if (!row) return rowKey;
  if (table.id === 's4' && rowKey.startsWith('litigation')) return `${S4_LITIGATION_LABEL}（${row.label}）`;
  const groups = row.groups ?? [];
  const inner = groups.length > 1 ? groups[groups.length - 1] : undefined;
  return inner ? `${inner} ${row.label}` : row.label;
};

export const columnLabel = (table: TableDef, columnKey: string): string =>
  table.columns.find((c) => c.key === columnKey)?.label ?? columnKey;

/** e.g. 第三部分表格'（七）总计'行'自然人'列 */
export const cellName = (table: TableDef, rowKey: string, columnKey: string): string =>
  `${tableName(table)}'${rowLabel(table, rowKey)}'行'${columnLabel(table, columnKey)}'列`;
