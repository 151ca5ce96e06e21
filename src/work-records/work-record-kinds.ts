/**
 * The kinds of work section 一 of the annual report tells about (issue 6, item 6), each with
 * the fields it is entered with. 'title' is the topic of a training, the name of an inspection,
 * what was built, what was published, or which service items went online.
 */
export const WORK_RECORD_KINDS = ['training', 'inspection', 'platform', 'newMedia', 'serviceItems'] as const;
export type WorkRecordKind = (typeof WORK_RECORD_KINDS)[number];

export const WORK_RECORD_KIND_LABELS: Record<WorkRecordKind, string> = {
  training: '教育培训',
  inspection: '监督检查和考核',
  platform: '平台建设',
  newMedia: '政务新媒体',
  serviceItems: '网上政务服务事项',
};

export type WorkRecordField = 'date' | 'title' | 'participants' | 'cost' | 'items' | 'account' | 'note';

/** Each kind's fields, in form order, with their labels; `required` fields must be filled. */
export const WORK_RECORD_FIELDS: Record<
  WorkRecordKind,
  readonly { readonly field: WorkRecordField; readonly label: string; readonly required: boolean }[]
> = {
  training: [
    { field: 'date', label: '培训日期', required: true },
    { field: 'title', label: '培训主题', required: true },
    { field: 'participants', label: '参训人数', required: true },
    { field: 'note', label: '备注', required: false },
  ],
  inspection: [
    { field: 'date', label: '日期', required: true },
    { field: 'title', label: '检查或考核事项', required: true },
    { field: 'note', label: '备注', required: false },
  ],
  platform: [
    { field: 'date', label: '日期', required: true },
    { field: 'title', label: '建设内容', required: true },
    { field: 'cost', label: '投入金额（元）', required: false },
    { field: 'note', label: '备注', required: false },
  ],
  newMedia: [
    { field: 'date', label: '统计日期', required: true },
    { field: 'account', label: '账号名称', required: true },
    { field: 'title', label: '发布内容', required: true },
    { field: 'items', label: '发布信息条数', required: true },
    { field: 'note', label: '备注', required: false },
  ],
  serviceItems: [
    { field: 'date', label: '日期', required: true },
    { field: 'title', label: '事项说明', required: true },
    { field: 'items', label: '事项数量', required: true },
    { field: 'note', label: '备注', required: false },
  ],
};

export const isWorkRecordKind = (value: string): value is WorkRecordKind =>
  (WORK_RECORD_KINDS as readonly string[]).includes(value);

/** The label of a field for a kind (for error messages and the form), or the generic one. */
export const fieldLabel = (kind: WorkRecordKind, field: WorkRecordField): string =>
  WORK_RECORD_FIELDS[kind].find((f) => f.field === field)?.label ?? GENERIC_LABELS[field];

export const GENERIC_LABELS: Record<WorkRecordField | 'kind', string> = {
  kind: '工作类别',
  date: '日期',
  title: '事项',
  participants: '参训人数',
  cost: '投入金额（元）',
  items: '数量',
  account: '账号名称',
  note: '备注',
};
