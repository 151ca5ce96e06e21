import type { WorkingCalendar } from '../calendar/calendar.ts';
import { dayOf, isoFromDay } from '../calendar/day.ts';
import { applyEvent } from './apply-event.ts';
import { type ClockReading, newClock, readClock } from './clock.ts';
import { DEADLINE_EVENT_LABELS, type DeadlineEvent } from './deadline-event.ts';
import { type DeadlineResult, type DeadlineStep, WAITING_FOR_LABELS } from './deadline-result.ts';

export interface DeadlineOptions {
  /**
   * Whether the time from a fee notice to payment is left out of the count (the fee measures
   * say it is; the default). An agency may set it off; then fee events are shown but move nothing.
   */
  readonly feePausesClock?: boolean;
}

const FEE_NOT_PAUSING = '本机关设定收费期间照常计算答复期限，此事件不影响期限';

const tail = (reading: ClockReading): string => {
  if (reading.due !== null) return `答复期限为${isoFromDay(reading.due)}`;
  if (reading.waitingFor)
    return `暂无答复期限，等待${WAITING_FOR_LABELS[reading.waitingFor.what]}（${isoFromDay(reading.waitingFor.by)}前）`;
  return '尚无答复期限';
};

/**
 * The reply deadline derived from an application's events (条例第三十、三十二至三十五条;
 * counting conventions: regulations.md, "The clock"). Pure; never throws on events that
 * passed `deadlineEventsSchema`. What the law would not allow is computed anyway and named
 * in `warnings`. Events are taken in date order (same-day events in the order given).
 */
export const computeDeadline = (
  events: readonly DeadlineEvent[],
  calendar: WorkingCalendar,
  options: DeadlineOptions = {},
): DeadlineResult => {
  const warnings: string[] = [];
  const sorted = [...events].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  if (sorted.some((e, i) => e !== events[i])) warnings.push('事件未按日期先后排列，已按日期排序后计算');
  const clock = newClock();
  const steps: DeadlineStep[] = [];
  let reading: ClockReading = { due: null };
  for (const event of sorted) {
    const day = dayOf(event.date);
    if (
      event.type !== 'received' &&
      event.type !== 'reopened' &&
      (clock.received === null || day < clock.received)
    )
      warnings.push(`${event.date} ${DEADLINE_EVENT_LABELS[event.type]}早于收到申请`);
    const applied =
      options.feePausesClock === false && (event.type === 'feeNoticed' || event.type === 'feePaid')
        ? { explain: FEE_NOT_PAUSING, warnings: [] }
        : applyEvent({ clock, calendar, day, event });
    warnings.push(...applied.warnings);
    reading = readClock(clock, calendar);
    steps.push({
      date: event.date,
      event: event.type,
      due: reading.due === null ? null : isoFromDay(reading.due),
      text: `${event.date} ${DEADLINE_EVENT_LABELS[event.type]}：${applied.explain}，${tail(reading)}`,
    });
  }
  if (clock.received === null) warnings.push('没有收到申请（received）事件，无法起算答复期限');

  const end = reading.due ?? reading.waitingFor?.by ?? null;
  const start = clock.base === null ? null : clock.base + 1;
  const provisional =
    (start !== null && !calendar.coversDay(start)) || (end !== null && !calendar.coversDay(end));
  if (provisional)
    warnings.push(
      `计算涉及未载入节假日安排的年份（已载入${calendar.firstYear}—${calendar.lastYear}年），按仅周末休息推算，结果为临时结果`,
    );
  return {
    due: reading.due === null ? null : isoFromDay(reading.due),
    ...(reading.waitingFor
      ? { waitingFor: { what: reading.waitingFor.what, by: isoFromDay(reading.waitingFor.by) } }
      : {}),
    provisional,
    steps,
    warnings,
  };
};
