import type { Application, ApplicationEvent } from '../../applications/application.repository.ts';
import type { ApplicationAgencies } from '../../applications/application-access.ts';
import {
  APPLICANT_TYPE_LABELS,
  type ApplicantType,
  CHANNEL_LABELS,
  type Channel,
  FORM_WANTED_LABELS,
  type FormWanted,
  ID_TYPE_LABELS,
  type IdType,
} from '../../applications/application-kinds.ts';
import { STAGE_LABELS } from '../../applications/decision.ts';
import { OUTCOME_DEFINITIONS } from '../../applications/outcomes.ts';
import { WORKFLOW_EVENT_LABELS } from '../../applications/workflow-events.ts';
import { DEADLINE_EVENT_LABELS } from '../../deadlines/deadline-event.ts';
import {
  type DeadlineResult,
  type DeadlineSummary,
  WAITING_FOR_LABELS,
} from '../../deadlines/deadline-result.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../privacy/mask.ts';
import { beijingDateTime } from './dates.ts';

const STATUS_LABELS: Readonly<Record<string, string>> = { open: '办理中', closed: '已办结' };

const EVENT_LABELS: Readonly<Record<string, string>> = { ...DEADLINE_EVENT_LABELS, ...WORKFLOW_EVENT_LABELS };

/** 办理中, 待负责人审批, 已决定待送达, or 已办结 with the outcome. */
export const statusText = (a: Application): string =>
  a.status === 'closed'
    ? a.outcome === null
      ? '已办结'
      : `已办结（${OUTCOME_DEFINITIONS[a.outcome].label}）`
    : (STAGE_LABELS[a.stage] ?? STATUS_LABELS[a.status] ?? a.status);

const label = <K extends string>(labels: Record<K, string>, key: string): string =>
  (labels as Record<string, string>)[key] ?? key;

/** '2024-10-30', or what the clock waits for, or a dash. */
export const deadlineText = (d: DeadlineSummary): string => {
  const provisional = d.provisional ? '（临时）' : '';
  if (d.due !== null) return `${d.due}${provisional}`;
  if (d.waitingFor) return `等待${WAITING_FOR_LABELS[d.waitingFor.what]}至${d.waitingFor.by}${provisional}`;
  return '—';
};

export interface ApplicationRowView {
  readonly id: number;
  readonly href: string;
  readonly trackingNumber: string;
  readonly applicant: string;
  readonly receivedOn: string;
  readonly agencyName: string;
  readonly deadline: string;
  readonly overdue: boolean;
  readonly status: string;
}

export const presentApplicationRow = (
  a: Application,
  showPersonal: boolean,
  today: string,
  agencyName = '',
  d: DeadlineSummary = a.deadline,
): ApplicationRowView => ({
  agencyName,
  id: a.id,
  href: `/workbench/applications/${a.id}`,
  trackingNumber: a.trackingNumber,
  applicant: showPersonal ? a.applicantName : maskName(a.applicantName),
  receivedOn: a.receivedOn,
  deadline: deadlineText(d),
  overdue: a.status === 'open' && d.due !== null && d.due < today,
  status: statusText(a),
});

export interface ApplicationDetailView {
  readonly id: number;
  readonly trackingNumber: string;
  readonly agencyName: string;
  readonly status: string;
  readonly masked: boolean;
  readonly applicant: readonly (readonly [string, string])[];
  readonly request: readonly (readonly [string, string])[];
  /** Who handles it and what was decided. */
  readonly handling: readonly (readonly [string, string])[];
  readonly deadline: string;
  readonly steps: readonly string[];
  readonly warnings: readonly string[];
  readonly timeline: readonly {
    readonly id: number;
    readonly date: string;
    readonly event: string;
    readonly detail: string;
    readonly note: string;
    readonly recordedAt: string;
  }[];
}

const decisionFacts = (a: Application): (readonly [string, string])[] => {
  const d = a.decision;
  if (d === null) return [];
  const made = a.stage === 'decided' || a.stage === 'delivered';
  return [
    [made ? '办理结果' : '拟办结果（待审批）', OUTCOME_DEFINITIONS[d.outcome].label],
    ['法律依据', OUTCOME_DEFINITIONS[d.outcome].basis],
    ...(d.reason ? [['具体理由', d.reason] as const] : []),
    ...(d.referredAgency
      ? [
          [
            '负责公开该信息的机关',
            `${d.referredAgency.name}${d.referredAgency.contact ? `（${d.referredAgency.contact}）` : ''}`,
          ] as const,
        ]
      : []),
    ...(a.decidedOn && made ? [['决定日期', a.decidedOn] as const] : []),
    ...(a.deliveredOn ? [['送达日期', a.deliveredOn] as const] : []),
  ];
};

/** Workflow events carry their own summary (written when recorded); clock events show their figures. */
const eventDetail = (e: ApplicationEvent): string =>
  typeof e.detail?.summary === 'string'
    ? e.detail.summary
    : [e.workingDays === null ? '' : `${e.workingDays}个工作日`, e.until === null ? '' : `至${e.until}`]
        .filter(Boolean)
        .join('，');

/** The application page: personal data masked unless `showPersonal`. */
export const presentApplicationDetail = (
  a: Application,
  events: readonly ApplicationEvent[],
  d: DeadlineResult,
  agencies: ApplicationAgencies,
  showPersonal: boolean,
  today: string,
): ApplicationDetailView => {
  const agencyName = agencies.receiving.name;
  const mask = (f: (v: string) => string, v: string | null) =>
    v === null || v === '' ? '—' : showPersonal ? v : f(v);
  return {
    id: a.id,
    trackingNumber: a.trackingNumber,
    agencyName,
    status: statusText(a),
    masked: !showPersonal,
    applicant: [
      ['申请人类型', label<ApplicantType>(APPLICANT_TYPE_LABELS, a.applicantType)],
      ['姓名或名称', mask(maskName, a.applicantName)],
      ['身份证明', label<IdType>(ID_TYPE_LABELS, a.idType)],
      ['证件号码', mask(maskIdNumber, a.idNumber)],
      ['联系电话', mask(maskPhone, a.phone)],
      ['通信地址', mask(maskAddress, a.address)],
      ['电子邮箱', a.email ? (showPersonal ? a.email : '（已隐藏）') : '—'],
    ],
    request: [
      ['受理机关', agencyName],
      ['申请渠道', label<Channel>(CHANNEL_LABELS, a.channel)],
      ['申请到达日期', a.arrivedOn],
      ['收到申请日期（起算日）', a.receivedOn],
      ['所需信息', a.description],
      ['获取信息的方式', label<FormWanted>(FORM_WANTED_LABELS, a.formWanted)],
    ],
    handling: [
      ['承办单位', agencies.handling?.name ?? agencyName],
      ['会办单位', agencies.coHandlers.map((c) => c.name).join('、') || '—'],
      ...decisionFacts(a),
    ],
    deadline:
      a.status === 'open' && d.due !== null && d.due < today
        ? `${deadlineText(d)}（已逾期）`
        : deadlineText(d),
    steps: d.steps.map((s) => s.text),
    warnings: d.warnings,
    timeline: events.map((e) => ({
      id: e.id,
      date: e.date,
      event: EVENT_LABELS[e.type] ?? e.type,
      detail: eventDetail(e),
      note: e.note ?? '',
      recordedAt: beijingDateTime(e.recordedAt),
    })),
  };
};
