import type { ColumnDef, RowDef, TableDef } from './edition.ts';

/** Section 三: applicant columns, in the form's order. */
export const S3_COLUMNS: readonly ColumnDef[] = [
  { key: 'natural', label: '自然人', kind: 'count' },
  { key: 'commercial', label: '商业企业', kind: 'count' },
  { key: 'research', label: '科研机构', kind: 'count' },
  { key: 'nonprofit', label: '社会公益组织', kind: 'count' },
  { key: 'legalService', label: '法律服务机构', kind: 'count' },
  { key: 'otherOrg', label: '其他', kind: 'count' },
  { key: 'total', label: '总计', kind: 'count' },
];

/** The six applicant columns that add up to `total` (S3-TOTAL-COL). */
export const S3_APPLICANT_COLUMNS = S3_COLUMNS.filter((c) => c.key !== 'total').map((c) => c.key);

export const S3_HEADER = {
  balanceNote: '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）',
  applicants: '申请人情况',
  organisations: '法人或其他组织',
} as const;

const RESULTS = '三、本年度办理结果';
const WITHHELD = '（三）不予公开';
const UNABLE = '（四）无法提供';
const REJECTED = '（五）不予处理';
const OTHER = '（六）其他处理';

const rowsBeforeOther: readonly RowDef[] = [
  { key: 'new', label: '一、本年新收政府信息公开申请数量' },
  { key: 'carried', label: '二、上年结转政府信息公开申请数量' },
  { key: 'granted', label: '（一）予以公开', groups: [RESULTS] },
  { key: 'partial', label: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）', groups: [RESULTS] },
  { key: 'withheld.stateSecret', label: '1.属于国家秘密', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.lawForbids', label: '2.其他法律行政法规禁止公开', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.safetyStability', label: '3.危及“三安全一稳定”', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.thirdParty', label: '4.保护第三方合法权益', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.internal', label: '5.属于三类内部事务信息', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.process', label: '6.属于四类过程性信息', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.enforcementFile', label: '7.属于行政执法案卷', groups: [RESULTS, WITHHELD] },
  { key: 'withheld.query', label: '8.属于行政查询事项', groups: [RESULTS, WITHHELD] },
  { key: 'unable.notHeld', label: '1.本机关不掌握相关政府信息', groups: [RESULTS, UNABLE] },
  { key: 'unable.needsCreation', label: '2.没有现成信息需要另行制作', groups: [RESULTS, UNABLE] },
  { key: 'unable.stillUnclear', label: '3.补正后申请内容仍不明确', groups: [RESULTS, UNABLE] },
  { key: 'rejected.petition', label: '1.信访举报投诉类申请', groups: [RESULTS, REJECTED] },
  { key: 'rejected.repeated', label: '2.重复申请', groups: [RESULTS, REJECTED] },
  { key: 'rejected.publication', label: '3.要求提供公开出版物', groups: [RESULTS, REJECTED] },
  { key: 'rejected.massRepeated', label: '4.无正当理由大量反复申请', groups: [RESULTS, REJECTED] },
  {
    key: 'rejected.confirmation',
    label: '5.要求行政机关确认或重新出具已获取信息',
    groups: [RESULTS, REJECTED],
  },
];

const rowsAfterOther: readonly RowDef[] = [
  { key: 'total', label: '（七）总计', groups: [RESULTS] },
  { key: 'forward', label: '四、结转下年度继续办理' },
];

export const S3_OTHER_ROWS_2019: readonly RowDef[] = [{ key: 'other', label: OTHER, groups: [RESULTS] }];

export const S3_OTHER_ROWS_2021: readonly RowDef[] = [
  {
    key: 'other.noCorrection',
    label: '1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    groups: [RESULTS, OTHER],
  },
  {
    key: 'other.noFee',
    label: '2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    groups: [RESULTS, OTHER],
  },
  { key: 'other.other', label: '3.其他', groups: [RESULTS, OTHER] },
];

export const applicationsTable = (otherRows: readonly RowDef[]): TableDef => ({
  id: 's3',
  section: 3,
  title: '',
  rows: [...rowsBeforeOther, ...otherRows, ...rowsAfterOther],
  columns: S3_COLUMNS,
});

/** Rows whose sum is `total` (S3-TOTAL-ROW): every outcome row, granted … other. */
export const outcomeRowKeys = (table: TableDef): string[] =>
  table.rows.map((r) => r.key).filter((k) => !['new', 'carried', 'total', 'forward'].includes(k));
