import type { ColumnDef, TableDef } from './edition.ts';

/** Section 四: one row per group, five result columns each. */
export const S4_GROUPS = [
  { key: 'reconsideration', label: '行政复议' },
  { key: 'litigationDirect', label: '未经复议直接起诉' },
  { key: 'litigationAfterReview', label: '复议后起诉' },
] as const;

export const S4_LITIGATION_LABEL = '行政诉讼';

export const S4_COLUMNS: readonly ColumnDef[] = [
  { key: 'upheld', label: '结果维持', kind: 'count' },
  { key: 'corrected', label: '结果纠正', kind: 'count' },
  { key: 'other', label: '其他结果', kind: 'count' },
  { key: 'pending', label: '尚未审结', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];

/** The form prints the three groups side by side; the model holds them as rows. */
export const appealsTable: TableDef = {
  id: 's4',
  section: 4,
  title: '',
  rows: S4_GROUPS.map((g) => ({ key: g.key, label: g.label })),
  columns: S4_COLUMNS,
};
