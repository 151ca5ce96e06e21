import { S3_HEADER } from '../../../src/reports/model/applications-table.ts';
import type { EditionId } from '../../../src/reports/model/edition.ts';

/** A merged cell of the official form: its text, rowspan and colspan. */
export type Merge = readonly [text: string, rowSpan: number, colSpan: number];

/** The merged cells of section 三 as the official form draws them. */
export const s3Merges = (id: EditionId): Merge[] => [
  [S3_HEADER.balanceNote, 3, 3],
  ['申请人情况', 1, 7],
  ['自然人', 2, 1],
  ['法人或其他组织', 1, 5],
  ['一、本年新收政府信息公开申请数量', 1, 3],
  ['二、上年结转政府信息公开申请数量', 1, 3],
  // granted, partial, 8 withheld, 3 unable, 5 rejected, other (1 or 3 rows), total
  ['三、本年度办理结果', id === '2019' ? 20 : 22, 1],
  ['（一）予以公开', 1, 2],
  ['（二）部分公开（区分处理的，只计这一情形，不计其他情形）', 1, 2],
  ['（三）不予公开', 8, 1],
  ['（四）无法提供', 3, 1],
  ['（五）不予处理', 5, 1],
  ['（六）其他处理', id === '2019' ? 1 : 3, id === '2019' ? 2 : 1],
  ['（七）总计', 1, 2],
  ['四、结转下年度继续办理', 1, 3],
];

/** The merged header cells of section 四. */
export const S4_MERGES: readonly Merge[] = [
  ['行政复议', 1, 5],
  ['行政诉讼', 1, 10],
  ['未经复议直接起诉', 1, 5],
  ['复议后起诉', 1, 5],
];

/** Grid width of each table: section 二 (label + 3), 三 (3 label columns + 7), 四 (3 × 5). */
export const TABLE_WIDTHS = { s2: 4, s3: 10, s4: 15 } as const;
