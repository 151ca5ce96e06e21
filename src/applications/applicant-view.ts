import { type DeadlineSummary, WAITING_FOR_LABELS } from '../deadlines/deadline-result.ts';
import type { Application } from './application.repository.ts';
import { FORM_WANTED_LABELS } from './application-kinds.ts';
import { OUTCOME_DEFINITIONS } from './outcomes.ts';

/**
 * What an applicant sees of one of their applications, on their account's pages: where it
 * stands in plain words, the stored deadline (Application.deadline) while a reply is awaited,
 * the outcome once made. Nothing internal: no handler, no notes, no internal events, no warnings.
 */
export interface ApplicantApplication {
  readonly id: number;
  readonly trackingNumber: string;
  readonly agencyName: string;
  readonly channel: string;
  readonly arrivedOn: string;
  readonly receivedOn: string;
  readonly description: string;
  readonly formWanted: string;
  /** 办理中 / 已作出答复 / 已送达，办理完毕 / 已办结 */
  readonly status: string;
  readonly open: boolean;
  /** The stored deadline, while a reply is awaited; null after. */
  readonly deadline: DeadlineSummary | null;
  /** The deadline in words ('2026-12-25前', or what the paused clock waits for); null after. */
  readonly deadlineText: string | null;
  readonly outcome: { readonly label: string; readonly basis: string } | null;
  readonly decidedOn: string | null;
  readonly deliveredOn: string | null;
}

export const deadlineText = (d: DeadlineSummary): string => {
  const provisional = d.provisional ? '（按目前已公布的节假日安排推算）' : '';
  if (d.due !== null) return `${d.due}前${provisional}`;
  if (d.waitingFor)
    return `暂停计算：等待${WAITING_FOR_LABELS[d.waitingFor.what]}至${d.waitingFor.by}（期间不计入答复期限）`;
  return '—';
};

/** The applicant's view of a stored application (see ApplicantApplication). */
export function toApplicantApplication(a: Application, agencyName: string): ApplicantApplication {
  const decided = a.outcome !== null && (a.stage === 'decided' || a.stage === 'delivered');
  const status =
    a.stage === 'delivered'
      ? '已送达，办理完毕'
      : a.stage === 'decided'
        ? '已作出答复'
        : a.status === 'open'
          ? '办理中'
          : '已办结';
  const awaited = a.status === 'open' && !decided;
  const definition = decided && a.outcome !== null ? OUTCOME_DEFINITIONS[a.outcome] : null;
  return {
    id: a.id,
    trackingNumber: a.trackingNumber,
    agencyName,
    channel: a.channel,
    arrivedOn: a.arrivedOn,
    receivedOn: a.receivedOn,
    description: a.description,
    formWanted: FORM_WANTED_LABELS[a.formWanted as keyof typeof FORM_WANTED_LABELS] ?? a.formWanted,
    status,
    open: a.status === 'open',
    deadline: awaited ? a.deadline : null,
    deadlineText: awaited ? deadlineText(a.deadline) : null,
    outcome: definition ? { label: definition.label, basis: definition.basis } : null,
    decidedOn: decided ? a.decidedOn : null,
    deliveredOn: a.deliveredOn,
  };
}
