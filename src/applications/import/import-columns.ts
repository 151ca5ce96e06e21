import { DEADLINE_EVENT_LABELS } from '../../deadlines/deadline-event.ts';
import { RECORDABLE_EVENT_TYPES } from '../application-event.schema.ts';
import {
  APPLICANT_TYPE_LABELS,
  APPLICANT_TYPES,
  CHANNEL_LABELS,
  CHANNELS,
  FORM_WANTED_LABELS,
  FORMS_WANTED,
  ID_TYPE_LABELS,
  ID_TYPES,
} from '../application-kinds.ts';
import { DELIVERY_METHOD_LABELS, DELIVERY_METHODS } from '../decision.ts';
import { OUTCOME_DEFINITIONS, OUTCOMES } from '../outcomes.ts';

/**
 * The import format (README, "Importing past applications"): the sheet 「申请」 (one row an
 * application) and the sheet 「事件」 (one row a clock event), with Chinese headers. Closed
 * lists are given by their Chinese label or by their key.
 */

export const APPLICATION_SHEET = '申请';
export const EVENT_SHEET = '事件';
export type SheetName = typeof APPLICATION_SHEET | typeof EVENT_SHEET;

/** At most this many applications and events a file (issue 4: an office's backlog, not a city's archive). */
export const MAX_IMPORT_APPLICATIONS = 20_000;
export const MAX_IMPORT_EVENTS = 100_000;
/** The upload limit of the web (UPLOAD_LIMITS.fileSize); the CLI keeps to it too. */
export const MAX_IMPORT_FILE_BYTES = 10 * 1024 * 1024;
/** What an XLSX may inflate to, all entries together, before exceljs is let near it. */
export const MAX_XLSX_INFLATED_BYTES = 150 * 1024 * 1024;
/** 导入编号 is the office's own reference: short text. */
export const MAX_REF_LENGTH = 50;

export interface ColumnSpec {
  readonly header: string;
  /** The field of the intake or event schema it fills, where it fills one. */
  readonly field?: string;
  readonly required: boolean;
  /** What the template's 说明 sheet says of it. */
  readonly help: string;
}

export const APPLICATION_COLUMNS: readonly ColumnSpec[] = [
  {
    header: '导入编号',
    required: true,
    help: '本机关自己的编号（如原登记簿编号），文件内不得重复，事件表据此对应',
  },
  { header: '申请渠道', field: 'channel', required: true, help: '可选值见「可选值」表' },
  { header: '到达日期', field: 'arrivedOn', required: true, help: '申请送达本机关的日期' },
  {
    header: '收到日期',
    field: 'receivedOn',
    required: true,
    help: '依条例第三十一条确定的收到申请之日，答复期限自次日起算',
  },
  { header: '申请人类型', field: 'applicantType', required: true, help: '可选值见「可选值」表' },
  { header: '姓名或名称', field: 'applicantName', required: true, help: '申请人姓名或法人、其他组织名称' },
  { header: '证件类型', field: 'idType', required: true, help: '可选值见「可选值」表' },
  {
    header: '证件号码',
    field: 'idNumber',
    required: true,
    help: '请以文本格式填写（数字格式会使 18 位身份证号丢失末几位）；居民身份证校验末位',
  },
  { header: '联系电话', field: 'phone', required: true, help: '7 至 20 位数字，可含 - + ( ) 和空格' },
  { header: '通信地址', field: 'address', required: false, help: '可不填' },
  { header: '电子邮箱', field: 'email', required: false, help: '可不填' },
  { header: '所需信息', field: 'description', required: true, help: '所需政府信息的名称、文号或特征性描述' },
  { header: '获取方式', field: 'formWanted', required: true, help: '可选值见「可选值」表' },
  { header: '答复结果', required: false, help: '已答复的申请填写，可选值见「可选值」表；未答复的留空' },
  { header: '答复日期', required: false, help: '作出答复决定的日期；填写答复结果时必填' },
  { header: '送达日期', required: false, help: '答复送达申请人的日期；已送达（办结）的申请填写' },
  { header: '送达方式', required: false, help: '已送达的申请填写，可选值见「可选值」表' },
  { header: '送达凭证', required: false, help: '邮件号码、签收记录等；未填写的导入时注明“导入时未提供”' },
];

export const EVENT_COLUMNS: readonly ColumnSpec[] = [
  { header: '导入编号', required: true, help: '对应「申请」表的导入编号' },
  {
    header: '事件类型',
    field: 'type',
    required: true,
    help: '可选值见「可选值」表；收到申请不在此填写，由「申请」表的收到日期生成',
  },
  { header: '日期', field: 'date', required: true, help: '事件发生的日期' },
  { header: '工作日数', field: 'workingDays', required: false, help: '仅“延长答复期限”填写，不超过 20' },
  {
    header: '期限',
    field: 'until',
    required: false,
    help: '“告知补正”填写补正期限；“依条例第三十五条确定答复日期”填写确定的答复日期',
  },
  { header: '备注', field: 'note', required: false, help: '可不填，不超过 500 字' },
];

/** The header of the column that fills this schema field. */
export const headerOfField = (columns: readonly ColumnSpec[], field: string): string | undefined =>
  columns.find((c) => c.field === field)?.header;

/** A header as typed: spaces, a byte-order mark and a trailing required-mark (*) are not part of it. */
export const normalHeader = (raw: string): string =>
  raw
    .replace(/^\ufeff/, '')
    .replace(/[*＊]+$/, '')
    .replace(/\s+/g, '')
    .trim();

/** A closed list's values by their key and Chinese label. */
export interface Choices<K extends string> {
  readonly what: string;
  readonly keys: readonly K[];
  readonly labels: Readonly<Record<K, string>>;
}

export const CHANNEL_CHOICES: Choices<(typeof CHANNELS)[number]> = {
  what: '申请渠道',
  keys: CHANNELS,
  labels: CHANNEL_LABELS,
};
export const APPLICANT_TYPE_CHOICES: Choices<(typeof APPLICANT_TYPES)[number]> = {
  what: '申请人类型',
  keys: APPLICANT_TYPES,
  labels: APPLICANT_TYPE_LABELS,
};
export const ID_TYPE_CHOICES: Choices<(typeof ID_TYPES)[number]> = {
  what: '证件类型',
  keys: ID_TYPES,
  labels: ID_TYPE_LABELS,
};
export const FORM_WANTED_CHOICES: Choices<(typeof FORMS_WANTED)[number]> = {
  what: '获取方式',
  keys: FORMS_WANTED,
  labels: FORM_WANTED_LABELS,
};
export const OUTCOME_CHOICES: Choices<(typeof OUTCOMES)[number]> = {
  what: '答复结果',
  keys: OUTCOMES,
  labels: Object.fromEntries(OUTCOMES.map((o) => [o, OUTCOME_DEFINITIONS[o].label])) as Record<
    (typeof OUTCOMES)[number],
    string
  >,
};
export const DELIVERY_METHOD_CHOICES: Choices<(typeof DELIVERY_METHODS)[number]> = {
  what: '送达方式',
  keys: DELIVERY_METHODS,
  labels: DELIVERY_METHOD_LABELS,
};
export const EVENT_TYPE_CHOICES: Choices<(typeof RECORDABLE_EVENT_TYPES)[number]> = {
  what: '事件类型',
  keys: RECORDABLE_EVENT_TYPES,
  labels: Object.fromEntries(RECORDABLE_EVENT_TYPES.map((t) => [t, DEADLINE_EVENT_LABELS[t]])) as Record<
    (typeof RECORDABLE_EVENT_TYPES)[number],
    string
  >,
};

/** The closed lists of the 「申请」 and 「事件」 columns, by header, for the template and the checks. */
export const CHOICES_BY_HEADER: Readonly<Record<string, Choices<string>>> = {
  申请渠道: CHANNEL_CHOICES,
  申请人类型: APPLICANT_TYPE_CHOICES,
  证件类型: ID_TYPE_CHOICES,
  获取方式: FORM_WANTED_CHOICES,
  答复结果: OUTCOME_CHOICES,
  送达方式: DELIVERY_METHOD_CHOICES,
  事件类型: EVENT_TYPE_CHOICES,
};

/** Half-width brackets typed for full-width ones, and spaces, do not matter in a label. */
const normalLabel = (s: string): string =>
  s.replace(/\(/g, '（').replace(/\)/g, '）').replace(/\s+/g, '').trim();

/** The label without its bracketed part ('邮寄（挂号信或EMS）' → '邮寄'), where that is unambiguous. */
const shortLabel = (label: string): string => normalLabel(label).replace(/（[^）]*）$/, '');

/**
 * The key a value names: the key itself (any letter case), its label, or the label without
 * its bracketed explanation when no other value shares that short form. Undefined if none.
 */
export const resolveChoice = <K extends string>(choices: Choices<K>, raw: string): K | undefined => {
  const value = normalLabel(raw);
  if (value === '') return undefined;
  const byKey = choices.keys.find((k) => k.toLowerCase() === value.toLowerCase());
  if (byKey !== undefined) return byKey;
  const byLabel = choices.keys.find((k) => normalLabel(choices.labels[k]) === value);
  if (byLabel !== undefined) return byLabel;
  const byShort = choices.keys.filter((k) => shortLabel(choices.labels[k]) === value);
  return byShort.length === 1 ? byShort[0] : undefined;
};

/** '「x」不是可选的申请渠道，可填：…' */
export const choiceMessage = (choices: Choices<string>, raw: string): string =>
  `「${raw}」不是可选的${choices.what}，可填：${choices.keys.map((k) => choices.labels[k]).join('、')}`;

const pad = (n: number): string => String(n).padStart(2, '0');

const validYmd = (y: number, m: number, d: number): string | null => {
  const iso = `${String(y).padStart(4, '0')}-${pad(m)}-${pad(d)}`;
  const date = new Date(`${iso}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || !date.toISOString().startsWith(iso) ? null : iso;
};

const DATE_FORMS = [
  /^(\d{4})-(\d{1,2})-(\d{1,2})$/,
  /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/,
  /^(\d{4})\.(\d{1,2})\.(\d{1,2})$/,
  /^(\d{4})年(\d{1,2})月(\d{1,2})日$/,
];

/** Excel's day 0 is 1899-12-30 (the 1900 leap-year bug included): the serials of real dates. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

export type DateCell = { ok: true; date: string } | { ok: false; message: string };

/**
 * A date as a cell gives it: a real Excel date, an Excel serial number, or text in one of
 * YYYY-MM-DD, YYYY/M/D, YYYY.M.D, YYYY年M月D日 (a time after it is ignored). Null when blank.
 */
export const parseDateCell = (value: string | number | Date | null, header: string): DateCell | null => {
  if (value === null || value === '') return null;
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, message: `${header}不是有效的日期` };
    return { ok: true, date: value.toISOString().slice(0, 10) };
  }
  if (typeof value === 'number') {
    if (Number.isInteger(value) && value > 0 && value < 2_958_466)
      return { ok: true, date: new Date(EXCEL_EPOCH + value * 86_400_000).toISOString().slice(0, 10) };
    return { ok: false, message: `${header}「${value}」不是有效的日期` };
  }
  const text = value
    .trim()
    .replace(/[\sT]+\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?Z?$/, '')
    .replace(/\s+/g, '');
  for (const form of DATE_FORMS) {
    const m = form.exec(text);
    if (m === null) continue;
    const iso = validYmd(Number(m[1]), Number(m[2]), Number(m[3]));
    return iso === null
      ? { ok: false, message: `${header}「${value}」不是有效的日期` }
      : { ok: true, date: iso };
  }
  return {
    ok: false,
    message: `${header}「${value}」不是可识别的日期，请填写 YYYY-MM-DD、YYYY/M/D 或 YYYY年M月D日`,
  };
};
