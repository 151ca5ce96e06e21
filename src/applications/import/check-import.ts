import type { Kysely } from 'kysely';
import type { ZodIssue } from 'zod';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { DB } from '../../db/schema.ts';
import { computeDeadline } from '../../deadlines/compute-deadline.ts';
import type { DeadlineEvent } from '../../deadlines/deadline-event.ts';
import { maskIdNumber, maskName, maskPhone } from '../../privacy/mask.ts';
import { type SubmitApplicationInput, submitApplicationSchema } from '../application.schema.ts';
import {
  type RECORDABLE_EVENT_TYPES,
  recordEventSchema,
  toDeadlineEvent,
} from '../application-event.schema.ts';
import { APPLICANT_TYPE_LABELS, type ApplicantType } from '../application-kinds.ts';
import { type DeliveryMethod, STAGE_LABELS } from '../decision.ts';
import { OUTCOME_DEFINITIONS, type Outcome } from '../outcomes.ts';
import { beijingToday } from '../workflow-input.ts';
import {
  APPLICANT_TYPE_CHOICES,
  APPLICATION_COLUMNS,
  APPLICATION_SHEET,
  CHANNEL_CHOICES,
  type Choices,
  type ColumnSpec,
  choiceMessage,
  DELIVERY_METHOD_CHOICES,
  EVENT_COLUMNS,
  EVENT_SHEET,
  EVENT_TYPE_CHOICES,
  FORM_WANTED_CHOICES,
  headerOfField,
  ID_TYPE_CHOICES,
  MAX_IMPORT_APPLICATIONS,
  MAX_IMPORT_EVENTS,
  MAX_REF_LENGTH,
  OUTCOME_CHOICES,
  parseDateCell,
  resolveChoice,
  type SheetName,
} from './import-columns.ts';
import type { RawCell, RawImport, RawRow, RawSheet } from './read-import-file.ts';

export type ImportEventType = (typeof RECORDABLE_EVENT_TYPES)[number];

/** One problem of the file: where (sheet, row, column header) and what, in Chinese. */
export interface ImportRowError {
  readonly sheet: SheetName | null;
  readonly row: number | null;
  readonly column: string | null;
  readonly message: string;
}

export interface ImportedEvent {
  readonly row: number;
  readonly type: ImportEventType;
  readonly date: string;
  readonly workingDays?: number;
  readonly until?: string;
  readonly note?: string;
}

/** An application of the file, checked, as it will be stored. */
export interface ImportedApplication {
  readonly ref: string;
  readonly row: number;
  readonly input: SubmitApplicationInput;
  readonly decision: { readonly outcome: Outcome; readonly decidedOn: string } | null;
  readonly delivery: {
    readonly method: DeliveryMethod;
    readonly deliveredOn: string;
    readonly proof: string;
  } | null;
  /** Date order; same-day events in the file's order. */
  readonly events: readonly ImportedEvent[];
  /** The reply deadline the events give (computeDeadline), for the preview. */
  readonly due: string | null;
  readonly warnings: readonly string[];
}

/** A row of the preview's sample: personal data masked. */
export interface ImportSampleRow {
  readonly ref: string;
  readonly row: number;
  readonly receivedOn: string;
  readonly applicantType: string;
  readonly applicantName: string;
  readonly idNumber: string;
  readonly phone: string;
  readonly outcome: string | null;
  readonly stage: string;
  readonly due: string | null;
}

export interface ImportSummary {
  /** Applications that can be imported (rows without errors). */
  readonly applications: number;
  /** Not yet delivered: they land in the open queues (decided ones wait for delivery). */
  readonly open: number;
  readonly closed: number;
  readonly decidedNotDelivered: number;
  /** Rows of 「事件」 that can be imported. */
  readonly events: number;
  /** Received before `year` and not yet decided on its 1 January: 上年结转 in its annual report. */
  readonly carriedOver: number;
  readonly year: number;
  readonly errorCount: number;
  /** The first MAX_LISTED errors. */
  readonly errors: readonly ImportRowError[];
  readonly warningCount: number;
  readonly warnings: readonly {
    readonly ref: string;
    readonly row: number;
    readonly messages: readonly string[];
  }[];
  readonly sample: readonly ImportSampleRow[];
}

export interface CheckedImport {
  readonly applications: readonly ImportedApplication[];
  readonly summary: ImportSummary;
}

const MAX_LISTED = 500;
const SAMPLE_SIZE = 20;

/** The idempotency key of an imported application: an office's reference is imported once. */
export const importKey = (ref: string): string => `import:${ref}`;

const cellText = (cell: RawCell | undefined): string => {
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10);
  return String(cell).trim();
};

/** Field name → Chinese header of the schema's issues; the first issue of a column is kept. */
const issueHeader = (columns: readonly ColumnSpec[], issue: ZodIssue): string | null =>
  headerOfField(columns, String(issue.path[0] ?? '')) ?? null;

/** One row's reader and error collector: one message a column (the first found). */
class RowCheck {
  readonly errors: ImportRowError[] = [];
  private readonly failed = new Set<string | null>();
  constructor(
    private readonly sheet: SheetName,
    private readonly index: ReadonlyMap<string, number>,
    readonly row: RawRow,
  ) {}

  cell(header: string): RawCell {
    const i = this.index.get(header);
    return i === undefined ? null : (this.row.cells[i] ?? null);
  }

  text(header: string): string {
    return cellText(this.cell(header));
  }

  fail(column: string | null, message: string): void {
    if (this.failed.has(column)) return;
    this.failed.add(column);
    this.errors.push({ sheet: this.sheet, row: this.row.row, column, message });
  }

  hasFailed(column: string): boolean {
    return this.failed.has(column);
  }

  choice<K extends string>(header: string, choices: Choices<K>): K | undefined {
    const raw = this.text(header);
    if (raw === '') return undefined;
    const key = resolveChoice(choices, raw);
    if (key === undefined) this.fail(header, choiceMessage(choices, raw));
    return key;
  }

  date(header: string): string | undefined {
    const parsed = parseDateCell(this.cell(header), header);
    if (parsed === null) return undefined;
    if (!parsed.ok) {
      this.fail(header, parsed.message);
      return undefined;
    }
    return parsed.date;
  }
}

/** Missing required headers, unknown and repeated ones: errors of the header row. */
const headerProblems = (sheet: RawSheet, columns: readonly ColumnSpec[]): ImportRowError[] => {
  const problems: ImportRowError[] = [];
  const at = (column: string | null, message: string) =>
    problems.push({ sheet: sheet.name, row: sheet.headerRow, column, message });
  const known = new Set(columns.map((c) => c.header));
  const seen = new Set<string>();
  for (const h of sheet.headers) {
    if (h === '') continue;
    if (!known.has(h))
      at(h, `无法识别的列「${h}」，「${sheet.name}」表的列为：${columns.map((c) => c.header).join('、')}`);
    else if (seen.has(h)) at(h, `列「${h}」重复`);
    seen.add(h);
  }
  for (const c of columns)
    if (c.required && !seen.has(c.header)) at(c.header, `「${sheet.name}」表缺少列「${c.header}」`);
  return problems;
};

const indexOf = (sheet: RawSheet): Map<string, number> => {
  const index = new Map<string, number>();
  sheet.headers.forEach((h, i) => {
    if (h !== '' && !index.has(h)) index.set(h, i);
  });
  return index;
};

interface AppDraft {
  readonly ref: string;
  readonly row: number;
  readonly input: SubmitApplicationInput;
  readonly decision: ImportedApplication['decision'];
  readonly delivery: ImportedApplication['delivery'];
  readonly proofMissing: boolean;
  readonly events: ImportedEvent[];
}

const checkApplicationRow = (
  check: RowCheck,
  schema: ReturnType<typeof submitApplicationSchema>,
  today: string,
): Omit<AppDraft, 'ref' | 'events'> | null => {
  const channel = check.choice('申请渠道', CHANNEL_CHOICES);
  const applicantType = check.choice('申请人类型', APPLICANT_TYPE_CHOICES);
  const idType = check.choice('证件类型', ID_TYPE_CHOICES);
  const formWanted = check.choice('获取方式', FORM_WANTED_CHOICES);
  const arrivedOn = check.date('到达日期');
  const receivedOn = check.date('收到日期');
  const idCell = check.cell('证件号码');
  if (typeof idCell === 'number' && !(Number.isSafeInteger(idCell) && String(idCell).length <= 15))
    check.fail('证件号码', '证件号码被保存为数字，末几位已丢失：请把该列设为文本格式后重新填写');
  const input = {
    channel,
    arrivedOn,
    receivedOn,
    applicantType,
    applicantName: check.text('姓名或名称') || undefined,
    idType,
    idNumber: check.text('证件号码') || undefined,
    phone: check.text('联系电话') || undefined,
    address: check.text('通信地址') || undefined,
    email: check.text('电子邮箱') || undefined,
    description: check.text('所需信息') || undefined,
    formWanted,
  };
  const parsed = schema.safeParse(input);
  if (!parsed.success)
    for (const issue of parsed.error.issues)
      check.fail(issueHeader(APPLICATION_COLUMNS, issue), issue.message);

  const outcomeText = check.text('答复结果');
  const outcome = check.choice('答复结果', OUTCOME_CHOICES);
  const decidedOn = check.date('答复日期');
  if (outcomeText !== '' && decidedOn === undefined && !check.hasFailed('答复日期'))
    check.fail('答复日期', '请填写答复日期（已填写答复结果）');
  if (outcomeText === '' && decidedOn !== undefined) check.fail('答复结果', '填写了答复日期，请填写答复结果');
  if (decidedOn !== undefined && receivedOn !== undefined && decidedOn < receivedOn)
    check.fail('答复日期', `答复日期不能早于收到日期（${receivedOn}）`);
  if (decidedOn !== undefined && decidedOn > today) check.fail('答复日期', '答复日期不能晚于今天');

  const deliveredOn = check.date('送达日期');
  const methodText = check.text('送达方式');
  const proof = check.text('送达凭证');
  let method: DeliveryMethod | undefined;
  const delivered =
    deliveredOn !== undefined || check.hasFailed('送达日期') || methodText !== '' || proof !== '';
  if (delivered) {
    if (outcomeText === '') check.fail('答复结果', '已送达的申请须填写答复结果和答复日期');
    if (deliveredOn === undefined) check.fail('送达日期', '请填写送达日期（已填写送达方式或凭证）');
    method = check.choice('送达方式', DELIVERY_METHOD_CHOICES);
    if (methodText === '') check.fail('送达方式', '请填写送达方式');
    if (deliveredOn !== undefined && decidedOn !== undefined && deliveredOn < decidedOn)
      check.fail('送达日期', `送达日期不能早于答复日期（${decidedOn}）`);
    if (deliveredOn !== undefined && deliveredOn > today) check.fail('送达日期', '送达日期不能晚于今天');
    if (proof.length > 500) check.fail('送达凭证', '送达凭证不能超过 500 个字');
  }
  if (check.errors.length > 0 || !parsed.success) return null;
  return {
    row: check.row.row,
    input: parsed.data,
    decision: outcome !== undefined && decidedOn !== undefined ? { outcome, decidedOn } : null,
    delivery:
      delivered && method !== undefined && deliveredOn !== undefined
        ? { method, deliveredOn, proof: proof === '' ? '导入时未提供' : proof }
        : null,
    proofMissing: delivered && proof === '' && method !== 'online',
  };
};

const checkEventRow = (check: RowCheck, app: AppDraft | undefined, today: string): ImportedEvent | null => {
  const typeText = check.text('事件类型');
  let type: ImportEventType | undefined;
  if (['received', '收到申请'].includes(typeText))
    check.fail('事件类型', '“收到申请”不在事件表中填写：它由「申请」表的收到日期生成');
  else type = check.choice('事件类型', EVENT_TYPE_CHOICES);
  const date = check.date('日期');
  const until = check.date('期限');
  const wd = check.cell('工作日数');
  const parsed = recordEventSchema.safeParse({
    type,
    date,
    workingDays: wd === null ? undefined : typeof wd === 'number' ? wd : cellText(wd),
    until,
    note: check.text('备注'),
  });
  if (!parsed.success)
    for (const issue of parsed.error.issues) check.fail(issueHeader(EVENT_COLUMNS, issue), issue.message);
  if (app !== undefined && date !== undefined) {
    if (date < app.input.receivedOn)
      check.fail('日期', `事件日期不能早于该申请的收到日期（${app.input.receivedOn}）`);
    if (app.decision !== null && date > app.decision.decidedOn)
      check.fail('日期', `事件日期不能晚于该申请的答复日期（${app.decision.decidedOn}）`);
    if (date > today) check.fail('日期', '事件日期不能晚于今天');
  }
  if (check.errors.length > 0 || !parsed.success) return null;
  const e = parsed.data;
  return {
    row: check.row.row,
    type: e.type,
    date: e.date,
    ...(e.workingDays === undefined ? {} : { workingDays: e.workingDays }),
    ...(e.until === undefined ? {} : { until: e.until }),
    ...(e.note === undefined ? {} : { note: e.note }),
  };
};

/** Things the record shows that the law or the practice would not have: shown, not refused. */
const outcomeWarnings = (app: AppDraft, due: string | null): string[] => {
  const warnings: string[] = [];
  const has = (type: string) => app.events.some((e) => e.type === type);
  const outcome = app.decision?.outcome;
  if (app.decision !== null && due !== null && app.decision.decidedOn > due)
    warnings.push(`答复日期（${app.decision.decidedOn}）晚于答复期限（${due}）`);
  if (outcome === 'other.noCorrection' && !has('correctionAsked'))
    warnings.push('以“逾期不补正”办结，但事件中没有告知补正');
  if (outcome === 'unable.stillUnclear' && !has('correctionReceived'))
    warnings.push('以“补正后申请内容仍不明确”办结，但事件中没有收到补正');
  if (outcome === 'other.noFee' && !has('feeNoticed'))
    warnings.push('以“逾期未缴费”办结，但事件中没有收费通知');
  if (app.proofMissing) warnings.push('未填写送达凭证，导入时记为“导入时未提供”');
  return warnings;
};

const byDate = <E extends { date: string }>(events: readonly E[]): E[] =>
  [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));

/** The clock events of an imported application, 'received' first, as the deadline engine takes them. */
export const clockEventsOf = (app: Pick<ImportedApplication, 'input' | 'events'>): DeadlineEvent[] => [
  { type: 'received', date: app.input.receivedOn },
  ...app.events.map((e) => toDeadlineEvent(e)),
];

const alreadyImported = async (
  db: Kysely<DB>,
  agencyId: number,
  refs: readonly string[],
): Promise<Map<string, string>> => {
  const found = new Map<string, string>();
  for (let i = 0; i < refs.length; i += 500) {
    const keys = refs.slice(i, i + 500).map(importKey);
    const rows = await db
      .selectFrom('applications')
      .select(['idempotency_key', 'tracking_number'])
      .where('agency_id', '=', agencyId)
      .where('idempotency_key', 'in', keys)
      .execute();
    for (const r of rows) if (r.idempotency_key !== null) found.set(r.idempotency_key, r.tracking_number);
  }
  return found;
};

export interface CheckImportOptions {
  readonly agencyId: number;
  readonly raw: RawImport;
  readonly now: Date;
}

/**
 * Checks an import row by row, with the intake's and the event form's own rules, and the
 * rules between them (events of an unknown 导入编号, dates out of order). Computes each
 * application's deadline from its events: what the deadline engine warns about in past
 * events is shown as a warning, not refused (they are facts).
 */
export async function checkImport(db: Kysely<DB>, options: CheckImportOptions): Promise<CheckedImport> {
  const today = beijingToday(options.now);
  const errors: ImportRowError[] = [];
  const { raw } = options;
  const drafts = new Map<string, AppDraft>();
  const refs = new Map<string, number>();

  const appSheet = raw.applications;
  if (appSheet === null)
    errors.push({
      sheet: APPLICATION_SHEET,
      row: null,
      column: null,
      message: '工作簿中没有名为「申请」的工作表',
    });
  const sheetErrors = [
    ...(appSheet ? headerProblems(appSheet, APPLICATION_COLUMNS) : []),
    ...(raw.events ? headerProblems(raw.events, EVENT_COLUMNS) : []),
  ];
  errors.push(...sheetErrors);
  const headersOk = sheetErrors.length === 0;

  if (appSheet !== null && headersOk) {
    if (appSheet.tooMany)
      errors.push({
        sheet: APPLICATION_SHEET,
        row: null,
        column: null,
        message: `每个文件最多导入 ${MAX_IMPORT_APPLICATIONS} 件申请，请分成几个文件`,
      });
    const index = indexOf(appSheet);
    const schema = submitApplicationSchema(today);
    for (const row of appSheet.rows) {
      const check = new RowCheck(APPLICATION_SHEET, index, row);
      const ref = check.text('导入编号');
      if (ref === '') check.fail('导入编号', '请填写导入编号');
      else if (ref.length > MAX_REF_LENGTH) check.fail('导入编号', `导入编号不能超过 ${MAX_REF_LENGTH} 个字`);
      else if (refs.has(ref)) check.fail('导入编号', `导入编号「${ref}」与第 ${refs.get(ref)} 行重复`);
      else refs.set(ref, row.row);
      const draft = checkApplicationRow(check, schema, today);
      errors.push(...check.errors);
      if (draft !== null && check.errors.length === 0) drafts.set(ref, { ...draft, ref, events: [] });
    }
    const before = await alreadyImported(db, options.agencyId, [...drafts.keys()]);
    for (const [ref, draft] of drafts) {
      const tracking = before.get(importKey(ref));
      if (tracking === undefined) continue;
      errors.push({
        sheet: APPLICATION_SHEET,
        row: draft.row,
        column: '导入编号',
        message: `导入编号「${ref}」已在此前导入本机关（申请编号 ${tracking}），不能重复导入`,
      });
      drafts.delete(ref);
    }
  }

  if (raw.events !== null && headersOk && appSheet !== null) {
    if (raw.events.tooMany)
      errors.push({
        sheet: EVENT_SHEET,
        row: null,
        column: null,
        message: `每个文件最多导入 ${MAX_IMPORT_EVENTS} 个事件，请分成几个文件`,
      });
    const index = indexOf(raw.events);
    for (const row of raw.events.rows) {
      const check = new RowCheck(EVENT_SHEET, index, row);
      const ref = check.text('导入编号');
      if (ref === '') check.fail('导入编号', '请填写导入编号');
      else if (!refs.has(ref)) check.fail('导入编号', `导入编号「${ref}」在「申请」表中不存在`);
      const app = drafts.get(ref);
      const event = checkEventRow(check, app, today);
      errors.push(...check.errors);
      if (event !== null && app !== undefined && check.errors.length === 0) app.events.push(event);
    }
  }

  const calendar = await loadCalendar(db);
  const agency = await db
    .selectFrom('agencies')
    .select('fee_pauses_clock')
    .where('id', '=', options.agencyId)
    .executeTakeFirst();
  const feePausesClock = agency?.fee_pauses_clock !== 0;
  const applications: ImportedApplication[] = [...drafts.values()].map((draft) => {
    const events = byDate(draft.events);
    const deadline = computeDeadline(clockEventsOf({ input: draft.input, events }), calendar, {
      feePausesClock,
    });
    return {
      ref: draft.ref,
      row: draft.row,
      input: draft.input,
      decision: draft.decision,
      delivery: draft.delivery,
      events,
      due: deadline.due,
      warnings: [...deadline.warnings, ...outcomeWarnings({ ...draft, events }, deadline.due)],
    };
  });
  return { applications, summary: summarise(applications, errors, today) };
}

const stageOf = (app: ImportedApplication) =>
  app.delivery !== null ? 'delivered' : app.decision !== null ? 'decided' : 'processing';

const summarise = (
  applications: readonly ImportedApplication[],
  errors: readonly ImportRowError[],
  today: string,
): ImportSummary => {
  const year = Number(today.slice(0, 4));
  const yearStart = `${year}-01-01`;
  const withWarnings = applications.filter((a) => a.warnings.length > 0);
  return {
    applications: applications.length,
    open: applications.filter((a) => a.delivery === null).length,
    closed: applications.filter((a) => a.delivery !== null).length,
    decidedNotDelivered: applications.filter((a) => a.decision !== null && a.delivery === null).length,
    events: applications.reduce((n, a) => n + a.events.length, 0),
    carriedOver: applications.filter(
      (a) => a.input.receivedOn < yearStart && (a.decision === null || a.decision.decidedOn >= yearStart),
    ).length,
    year,
    errorCount: errors.length,
    errors: errors.slice(0, MAX_LISTED),
    warningCount: withWarnings.length,
    warnings: withWarnings
      .slice(0, MAX_LISTED)
      .map((a) => ({ ref: a.ref, row: a.row, messages: a.warnings })),
    sample: applications.slice(0, SAMPLE_SIZE).map((a) => ({
      ref: a.ref,
      row: a.row,
      receivedOn: a.input.receivedOn,
      applicantType: APPLICANT_TYPE_LABELS[a.input.applicantType as ApplicantType],
      applicantName: maskName(a.input.applicantName),
      idNumber: maskIdNumber(a.input.idNumber),
      phone: maskPhone(a.input.phone),
      outcome: a.decision === null ? null : OUTCOME_DEFINITIONS[a.decision.outcome].label,
      stage: STAGE_LABELS[stageOf(a)],
      due: a.due,
    })),
  };
};
