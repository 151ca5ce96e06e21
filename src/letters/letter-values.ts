import type { Application, ApplicationEvent } from '../applications/application.repository.ts';
import {
  CHANNEL_LABELS,
  type Channel,
  FORM_WANTED_LABELS,
  type FormWanted,
} from '../applications/application-kinds.ts';
import { OUTCOME_DEFINITIONS, outcomeFamily } from '../applications/outcomes.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { type DeadlineResult, WAITING_FOR_LABELS } from '../deadlines/deadline-result.ts';
import { CONSULTATION_WORKING_DAYS, FEE_PAYMENT_WORKING_DAYS } from '../deadlines/periods.ts';
import { AppError } from '../errors/app-error.ts';
import type { Agency } from '../orgs/agency.table.ts';
import type { LetterValues } from './compose-letter.ts';
import {
  FAMILY_LABELS,
  LETTER_KIND_LABELS,
  LETTER_KINDS,
  type LetterKind,
  replyKindOf,
} from './letter-kind.ts';

/** What a letter is made from: the application, its events, its agency and the clock. */
export interface LetterData {
  readonly application: Application;
  readonly events: readonly ApplicationEvent[];
  readonly agency: Agency;
  /** The agency that hears a reconsideration of this agency's acts, where the hierarchy tells. */
  readonly reconsiderationBody: string | null;
  readonly deadline: DeadlineResult;
  readonly calendar: WorkingCalendar;
  /** The day the letter is issued (Beijing), YYYY-MM-DD. */
  readonly today: string;
  /** Written by the clerk when issuing: a further paragraph, and the third party's name. */
  readonly extras?: { readonly particulars?: string | undefined; readonly thirdParty?: string | undefined };
}

/** '2024-09-27' → '2024年9月27日', as letters write dates. */
export const chineseDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${y}年${Number(m)}月${Number(d)}日`;
};

const latest = (events: readonly ApplicationEvent[], type: string) =>
  events.filter((e) => e.type === type).at(-1);

const FEE_METHODS: Readonly<Record<string, string>> = {
  perApplication: '按件计收',
  perQuantity: '按量计收',
  perVolume: '按量计收',
};

/** The fee notice's amount, method and explanation, when the event recorded them. */
const feeOf = (event: ApplicationEvent | undefined) => {
  const d = event?.detail;
  if (d === null || d === undefined || typeof d.amountYuan !== 'number') return null;
  return {
    amount: d.amountYuan,
    method: FEE_METHODS[String(d.method)] ?? '',
    explanation: typeof d.explanation === 'string' ? d.explanation : '',
  };
};

/**
 * Why this letter cannot be issued now (in words a clerk can act on), or null. A receipt can
 * always be issued; a notice needs its event; a reply needs the outcome, of its family.
 */
export const letterUnavailable = (
  kind: LetterKind,
  application: Application,
  events: readonly ApplicationEvent[],
): string | null => {
  const name = `《${LETTER_KIND_LABELS[kind]}》`;
  switch (kind) {
    case 'receipt':
      return null;
    case 'correction': {
      const asked = latest(events, 'correctionAsked');
      if (asked === undefined) return `本申请没有告知补正的记录，不能出具${name}`;
      return asked.until === null ? `该补正告知没有记录补正期限，不能出具${name}` : null;
    }
    case 'extension':
      return latest(events, 'extended') === undefined
        ? `本申请没有延长答复期限的记录，不能出具${name}`
        : null;
    case 'consultation':
      return latest(events, 'consultationStarted') === undefined
        ? `本申请没有征求第三方或其他机关意见的记录，不能出具${name}`
        : null;
    case 'feeNotice': {
      const noticed = latest(events, 'feeNoticed');
      if (noticed === undefined) return `本申请没有收费通知的记录，不能出具${name}`;
      return feeOf(noticed) === null
        ? `该收费通知事件没有记录信息处理费金额，无法依《政府信息公开信息处理费管理办法》写明应缴金额：请先记录收费金额（计费方式和数量），再出具${name}`
        : null;
    }
    default: {
      if (
        application.outcome === null ||
        application.decision === null ||
        (application.stage !== 'decided' && application.stage !== 'delivered')
      )
        return `本申请尚未作出答复决定，作出决定后才能出具${name}`;
      const wanted = replyKindOf(application.outcome);
      return wanted === kind
        ? null
        : `本申请的办理结果为“${OUTCOME_DEFINITIONS[application.outcome].label}”，应出具《${LETTER_KIND_LABELS[wanted]}》`;
    }
  }
};

const contactSentence = (agency: Agency): string => {
  const c = agency.contact;
  const parts = [
    ['联系机构', c.officeName],
    ['地址', c.address],
    ['邮政编码', c.postcode],
    ['联系电话', c.phone],
    ['传真', c.fax],
    ['电子邮箱', c.email],
    ['办公时间', c.officeHours],
  ].flatMap(([label, value]) => (value ? [`${label}：${value}`] : []));
  return parts.length === 0 ? '' : `如有疑问，请与本机关联系。${parts.join('；')}。`;
};

const deadlineWords = (d: Pick<DeadlineResult, 'due' | 'waitingFor'>): string => {
  if (d.due !== null) return chineseDate(d.due);
  if (d.waitingFor)
    return `暂停计算（等待${WAITING_FOR_LABELS[d.waitingFor.what]}，至${chineseDate(d.waitingFor.by)}）`;
  return '尚未起算';
};

/**
 * The right to administrative reconsideration (《中华人民共和国行政复议法》 Art. 20: 60 days)
 * and to sue (《中华人民共和国行政诉讼法》 Art. 46: six months). Where information is withheld,
 * Art. 23(1)(4) of the 2023 reconsideration law makes reconsideration come first; the suit is
 * then within 15 days of the reconsideration decision (行政诉讼法 Art. 45).
 */
export const remedyText = (withheld: boolean, body: string): string =>
  withheld
    ? `如对本答复不服，您可以自收到本告知书之日起六十日内，依照《中华人民共和国行政复议法》向${body}申请行政复议。根据《中华人民共和国行政复议法》第二十三条第一款第（四）项的规定，对不予公开政府信息的决定，应当先申请行政复议；对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内，依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼。`
    : `如对本答复不服，您可以自收到本告知书之日起六十日内，依照《中华人民共和国行政复议法》向${body}申请行政复议；也可以自收到本告知书之日起六个月内，依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼。`;

const commonValues = (data: LetterData): Record<string, string> => {
  const { application: a, agency } = data;
  const c = agency.contact;
  return {
    机关名称: agency.name,
    办公机构: c.officeName ?? '',
    机关地址: c.address ?? '',
    邮政编码: c.postcode ?? '',
    联系电话: c.phone ?? '',
    传真号码: c.fax ?? '',
    电子邮箱: c.email ?? '',
    办公时间: c.officeHours ?? '',
    联系方式: contactSentence(agency),
    申请编号: a.trackingNumber,
    申请人: a.applicantName,
    到达日期: chineseDate(a.arrivedOn),
    收到日期: chineseDate(a.receivedOn),
    申请方式: CHANNEL_LABELS[a.channel as Channel] ?? a.channel,
    // The templates quote it and end the sentence themselves: “…计划”。 not “…计划。”。
    申请内容: a.description.trim().replace(/[。．.；;，,、\s]+$/u, ''),
    获取方式: FORM_WANTED_LABELS[a.formWanted as FormWanted] ?? a.formWanted,
    答复期限: deadlineWords(data.deadline),
    出具日期: chineseDate(data.today),
    落款日期: chineseDate(data.today),
    补充说明: data.extras?.particulars?.trim() ?? '',
  };
};

const kindValues = (kind: LetterKind, data: LetterData): Record<string, string> => {
  const { application: a, events, calendar } = data;
  switch (kind) {
    case 'receipt':
      return {};
    case 'correction': {
      const asked = latest(events, 'correctionAsked');
      if (asked === undefined || asked.until === null) return {};
      return {
        告知补正日期: chineseDate(asked.date),
        补正期限: chineseDate(asked.until),
        落款日期: chineseDate(asked.date),
      };
    }
    case 'extension': {
      const extended = latest(events, 'extended');
      if (extended === undefined) return {};
      const steps = data.deadline.steps;
      const at = steps.findLastIndex((s) => s.event === 'extended');
      const after = steps[at]?.due ?? null;
      const before = at > 0 ? (steps[at - 1]?.due ?? null) : null;
      return {
        延期决定日期: chineseDate(extended.date),
        延长工作日数: String(extended.workingDays ?? ''),
        原答复期限: before === null ? '暂停计算期间的答复期限' : chineseDate(before),
        延长后答复期限: after === null ? deadlineWords(data.deadline) : chineseDate(after),
        落款日期: chineseDate(extended.date),
      };
    }
    case 'consultation': {
      const started = latest(events, 'consultationStarted');
      if (started === undefined) return {};
      return {
        第三方: data.extras?.thirdParty?.trim() || '相关权利人',
        征求意见日期: chineseDate(started.date),
        意见期限: chineseDate(calendar.addWorkingDays(started.date, CONSULTATION_WORKING_DAYS)),
        落款日期: chineseDate(started.date),
      };
    }
    case 'feeNotice': {
      const noticed = latest(events, 'feeNoticed');
      const fee = feeOf(noticed);
      if (noticed === undefined || fee === null) return {};
      return {
        收费金额: String(fee.amount),
        计费方式: fee.method,
        计费说明: fee.explanation,
        收费通知日期: chineseDate(noticed.date),
        缴费期限: chineseDate(calendar.addWorkingDays(noticed.date, FEE_PAYMENT_WORKING_DAYS)),
        落款日期: chineseDate(noticed.date),
      };
    }
    default: {
      const decision = a.decision;
      if (decision === null) return {};
      const definition = OUTCOME_DEFINITIONS[decision.outcome];
      const family = outcomeFamily(decision.outcome);
      const body = data.reconsiderationBody ?? '依法有管辖权的行政复议机关';
      const decidedOn = decision.decidedOn ?? a.decidedOn ?? data.today;
      const referred = decision.referredAgency;
      return {
        办理结果:
          family === 'granted' || family === 'partial'
            ? definition.label
            : `${FAMILY_LABELS[family]}（${definition.label}）`,
        法律依据: definition.basis,
        标准理由: definition.reason,
        具体理由: decision.reason,
        告知机关:
          referred === undefined
            ? ''
            : `经查，您所申请的政府信息由${referred.name}负责公开，请向该机关提出申请${referred.contact ? `（联系方式：${referred.contact}）` : ''}。`,
        决定日期: chineseDate(decidedOn),
        复议机关: body,
        救济途径: remedyText(family === 'withheld' || family === 'partial', body),
        落款日期: chineseDate(decidedOn),
      };
    }
  }
};

/**
 * The value of every placeholder this letter may use, for this case. Refuses (VALIDATION,
 * field 'kind') a letter that cannot be issued now, saying why.
 */
export const letterValues = (kind: LetterKind, data: LetterData): LetterValues => {
  const why = letterUnavailable(kind, data.application, data.events);
  if (why !== null) throw new AppError('VALIDATION', why, [{ field: 'kind', message: why }]);
  return { ...commonValues(data), ...kindValues(kind, data) };
};

/** The letters that can be issued for this application now, in the order of LETTER_KINDS. */
export const possibleLetterKinds = (
  application: Application,
  events: readonly ApplicationEvent[],
): LetterKind[] => LETTER_KINDS.filter((kind) => letterUnavailable(kind, application, events) === null);
