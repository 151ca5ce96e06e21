import type { Kysely } from 'kysely';
import type { Application, ApplicationEvent } from '../applications/application.repository.ts';
import { deadlineEventsOf } from '../applications/application.repository.ts';
import type { DecisionDetail } from '../applications/decision.ts';
import { perApplicationFee } from '../applications/information-fee.ts';
import type { Outcome } from '../applications/outcomes.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import type { DB } from '../db/schema.ts';
import { computeDeadline } from '../deadlines/compute-deadline.ts';
import type { Agency } from '../orgs/agency.table.ts';
import { composeLetter, type LetterDocument } from './compose-letter.ts';
import type { LetterTemplate } from './default-templates.ts';
import type { LetterKind } from './letter-kind.ts';
import { type LetterData, letterValues } from './letter-values.ts';
import { reconsiderationBodyOf } from './load-letter-data.ts';

const event = (
  id: number,
  type: ApplicationEvent['type'],
  date: string,
  more: Partial<ApplicationEvent> = {},
) =>
  ({
    id,
    type,
    date,
    workingDays: null,
    until: null,
    note: null,
    recordedAt: `${date}T02:00:00.000Z`,
    detail: null,
    ...more,
  }) satisfies ApplicationEvent;

const fee = perApplicationFee(31);

/** The event each notice needs, on the sample application received 2024-09-27. */
const SAMPLE_EVENTS: Partial<Record<LetterKind, ApplicationEvent>> = {
  correction: event(2, 'correctionAsked', '2024-10-09', { until: '2024-10-23' }),
  extension: event(2, 'extended', '2024-10-28', { workingDays: 20 }),
  consultation: event(2, 'consultationStarted', '2024-10-10'),
  feeNotice: event(2, 'feeNoticed', '2024-10-14', {
    detail: {
      method: fee.method,
      amountYuan: fee.amount,
      explanation: fee.steps.map((s) => s.text).join('；'),
      summary: '',
    },
  }),
};

const SAMPLE_DECISIONS: Partial<Record<LetterKind, Omit<DecisionDetail, 'proposedBy' | 'proposedAt'>>> = {
  'reply-granted': { outcome: 'granted', reason: '' },
  'reply-partial': {
    outcome: 'partial',
    reason: '其中涉及个人身份证号码、联系电话的部分属于个人隐私，已作区分处理。',
  },
  'reply-withheld': {
    outcome: 'withheld.thirdParty',
    reason: '所申请信息涉及第三方商业秘密，第三方书面表示不同意公开。',
  },
  'reply-unable': {
    outcome: 'unable.notHeld',
    reason: '',
    referredAgency: { name: '开封市民政局', contact: '0371-22222222' },
  },
  'reply-rejected': { outcome: 'rejected.repeated', reason: '本机关已于2024年6月3日就同一信息作出答复。' },
  'reply-other': { outcome: 'other.noCorrection', reason: '' },
};

/** A made-up application of this agency, with what a letter of this kind needs. */
export async function sampleLetterData(
  db: Kysely<DB>,
  agency: Agency,
  kind: LetterKind,
  today: string,
): Promise<LetterData> {
  const decision = SAMPLE_DECISIONS[kind];
  const application: Application = {
    id: 0,
    agencyId: agency.id,
    trackingNumber: 'GK2024092700000001',
    channel: 'letter',
    arrivedOn: '2024-09-26',
    receivedOn: '2024-09-27',
    applicantType: 'natural',
    applicantName: '张三',
    idType: 'residentId',
    idNumber: '',
    phone: '',
    address: null,
    email: null,
    description: '2023年度本区最低生活保障资金发放情况',
    formWanted: 'paper',
    status: 'open',
    handlingAgencyId: null,
    handlerUserId: null,
    stage: decision ? 'decided' : 'processing',
    outcome: decision ? (decision.outcome as Outcome) : null,
    decidedOn: decision ? '2024-10-30' : null,
    deliveredOn: null,
    decision: decision
      ? { ...decision, proposedBy: null, proposedAt: '2024-10-30T02:00:00.000Z', decidedOn: '2024-10-30' }
      : null,
    deadline: { due: null, provisional: false },
  };
  const extra = SAMPLE_EVENTS[kind];
  const events = [event(1, 'received', '2024-09-27'), ...(extra ? [extra] : [])];
  const calendar = await loadCalendar(db);
  return {
    application,
    events,
    agency,
    reconsiderationBody: await reconsiderationBodyOf(db, agency),
    deadline: computeDeadline(deadlineEventsOf(events), calendar, { feePausesClock: agency.feePausesClock }),
    calendar,
    today,
    extras: {
      particulars: '（补充说明示例：出具时可填写本案需要特别告知的事项。）',
      ...(kind === 'consultation' ? { thirdParty: '某某科技有限公司' } : {}),
    },
  };
}

/** A template (saved or not) as it would print for the sample application. */
export async function previewLetter(
  db: Kysely<DB>,
  agency: Agency,
  kind: LetterKind,
  template: LetterTemplate,
  today: string,
): Promise<LetterDocument> {
  return composeLetter(template, letterValues(kind, await sampleLetterData(db, agency, kind, today)));
}
