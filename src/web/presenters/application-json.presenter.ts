import type { Application, ApplicationEvent } from '../../applications/application.repository.ts';
import type { DeadlineResult, DeadlineSummary } from '../../deadlines/deadline-result.ts';
import { maskAddress, maskIdNumber, maskName, maskPhone } from '../../privacy/mask.ts';
import { deadlineText, statusText } from './application.presenter.ts';

/** The stored or derived deadline as the API gives it: `waitingFor` null rather than absent. */
const deadlineJson = (d: DeadlineSummary, status: string, today: string) => ({
  due: d.due,
  waitingFor: d.waitingFor ?? null,
  provisional: d.provisional,
  overdue: status === 'open' && d.due !== null && d.due < today,
  text: deadlineText(d),
});

/** One row of a queue: what the list shows, the applicant's name masked unless `showPersonal`. */
export const presentApplicationRowJson = (a: Application, showPersonal: boolean, today: string) => ({
  id: a.id,
  trackingNumber: a.trackingNumber,
  agencyId: a.agencyId,
  handlingAgencyId: a.handlingAgencyId,
  handlerUserId: a.handlerUserId,
  channel: a.channel,
  applicantType: a.applicantType,
  applicantName: showPersonal ? a.applicantName : maskName(a.applicantName),
  personalDataMasked: !showPersonal,
  arrivedOn: a.arrivedOn,
  receivedOn: a.receivedOn,
  status: a.status,
  stage: a.stage,
  statusText: statusText(a),
  outcome: a.outcome,
  deadline: deadlineJson(a.deadline, a.status, today),
  links: { self: `/api/v1/applications/${a.id}`, workbench: `/workbench/applications/${a.id}` },
});

const maskedOrNull = (value: string | null, showPersonal: boolean, mask: (v: string) => string) =>
  value === null || value === '' ? null : showPersonal ? value : mask(value);

/** The application with its events and the deadline derived from them, step by step. */
export const presentApplicationDetailJson = (
  a: Application,
  events: readonly ApplicationEvent[],
  d: DeadlineResult,
  showPersonal: boolean,
  today: string,
) => ({
  ...presentApplicationRowJson(a, showPersonal, today),
  idType: a.idType,
  idNumber: showPersonal ? a.idNumber : maskIdNumber(a.idNumber),
  phone: showPersonal ? a.phone : maskPhone(a.phone),
  address: maskedOrNull(a.address, showPersonal, maskAddress),
  email: a.email === null || a.email === '' ? null : showPersonal ? a.email : '（已隐藏）',
  description: a.description,
  formWanted: a.formWanted,
  decidedOn: a.decidedOn,
  deliveredOn: a.deliveredOn,
  events: events.map((e) => ({
    id: e.id,
    type: e.type,
    date: e.date,
    workingDays: e.workingDays,
    until: e.until,
    note: e.note,
    recordedAt: e.recordedAt,
  })),
  deadline: {
    ...deadlineJson(d, a.status, today),
    steps: d.steps.map((s) => ({ date: s.date, event: s.event, due: s.due, text: s.text })),
    warnings: [...d.warnings],
  },
});

/** A deadline just recomputed (after an event). */
export const presentDeadlineJson = (d: DeadlineResult, today: string) => ({
  ...deadlineJson(d, 'open', today),
  steps: d.steps.map((s) => ({ date: s.date, event: s.event, due: s.due, text: s.text })),
  warnings: [...d.warnings],
});
