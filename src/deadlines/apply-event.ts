import type { WorkingCalendar } from '../calendar/calendar.ts';
import { type DayNumber, dayOf, isoFromDay } from '../calendar/day.ts';
import { type ClockState, readClock } from './clock.ts';
import { DEADLINE_EVENT_LABELS, type DeadlineEvent } from './deadline-event.ts';
import {
  ASSUMED_CORRECTION_WORKING_DAYS,
  CONSULTATION_WORKING_DAYS,
  CORRECTION_ASK_WORKING_DAYS,
  FEE_PAYMENT_WORKING_DAYS,
  MAX_EXTENSION_WORKING_DAYS,
  REPLY_WORKING_DAYS,
} from './periods.ts';

/** What one event did: the clause that explains it, and what the law would not have allowed. */
export interface Applied {
  readonly explain: string;
  readonly warnings: string[];
}

const IGNORED = '此事件不影响期限（见警告）';

type Ctx = { clock: ClockState; calendar: WorkingCalendar; day: DayNumber; event: DeadlineEvent };

const startPause = (clock: ClockState, day: DayNumber, list: DayNumber[], warnings: string[], c: Ctx) => {
  const due = readClock(clock, c.calendar).due;
  if (due !== null && day >= due)
    warnings.push(
      `${c.event.date} ${DEADLINE_EVENT_LABELS[c.event.type]}在答复期限（${isoFromDay(due)}）当日或之后开始，不影响答复期限`,
    );
  list.push(day);
  clock.openSince ??= day;
};

/** Closes one pause of a kind; when none of any kind stays open the union pause is recorded. */
const endPause = (c: Ctx, list: DayNumber[], what: string): Applied => {
  const { clock, calendar, day, event } = c;
  const started = list.shift();
  if (started === undefined)
    return {
      explain: IGNORED,
      warnings: [`${event.date} ${DEADLINE_EVENT_LABELS[event.type]}之前没有未结束的${what}`],
    };
  if (clock.openConsultations.length + clock.openFees.length > 0)
    return { explain: `仍有征求意见或缴费未结束，继续暂停计算`, warnings: [] };
  const from = clock.openSince ?? started;
  clock.openSince = null;
  clock.pauses.push({ from, to: day });
  const start = clock.base === null ? from : Math.max(from, clock.base);
  const paused = Math.max(0, calendar.workingDaysBetweenDays(start, day));
  return {
    explain: `自${isoFromDay(from)}次日至${event.date}的${paused}个工作日不计入答复期限`,
    warnings: [],
  };
};

const received = ({ clock, day, event }: Ctx): Applied => {
  if (clock.received !== null)
    return {
      explain: IGNORED,
      warnings: [`${event.date} 重复的收到申请事件，以第一个（${isoFromDay(clock.received)}）为准`],
    };
  clock.received = day;
  clock.base = day;
  return { explain: `自次日起算${clock.days}个工作日（条例第三十三条）`, warnings: [] };
};

const correctionAsked = ({ clock, calendar, day, event }: Ctx): Applied => {
  const warnings: string[] = [];
  if (clock.corrections > 0) warnings.push(`${event.date} 再次告知补正：条例第三十条要求一次性告知`);
  if (
    clock.received !== null &&
    calendar.workingDaysBetweenDays(clock.received, day) > CORRECTION_ASK_WORKING_DAYS
  ) {
    const limit = isoFromDay(calendar.addWorkingDaysDay(clock.received, CORRECTION_ASK_WORKING_DAYS));
    warnings.push(
      `${event.date} 告知补正晚于收到申请后${CORRECTION_ASK_WORKING_DAYS}个工作日（${limit}），条例第三十条要求在此之前告知`,
    );
  }
  let by: DayNumber;
  if (event.until === undefined) {
    by = calendar.addWorkingDaysDay(day, ASSUMED_CORRECTION_WORKING_DAYS);
    warnings.push(
      `${event.date} 告知补正未载明补正期限（until），暂按${ASSUMED_CORRECTION_WORKING_DAYS}个工作日推算为${isoFromDay(by)}；条例第三十条要求告知书明确合理的补正期限`,
    );
  } else by = dayOf(event.until);
  clock.corrections++;
  clock.correction = { asked: day, by };
  return { explain: '答复期限停止计算，收到补正后重新起算（条例第三十条）', warnings };
};

const correctionReceived = ({ clock, day, event }: Ctx): Applied => {
  const warnings: string[] = [];
  if (clock.correction === null)
    warnings.push(`${event.date} 收到补正，但此前没有待补正的告知；仍自此日重新起算`);
  else if (day > clock.correction.by)
    warnings.push(
      `${event.date} 补正晚于补正期限（${isoFromDay(clock.correction.by)}）：无正当理由逾期不补正的视为放弃申请（条例第三十条）；仍自此日重新起算`,
    );
  clock.correction = null;
  clock.base = day;
  return { explain: `自次日重新起算${clock.days}个工作日（条例第三十条）`, warnings };
};

const extended = ({ clock, calendar, event }: Ctx): Applied => {
  const n = event.workingDays ?? 0;
  const warnings: string[] = [];
  if (clock.extensions > 0)
    warnings.push(`${event.date} 第${clock.extensions + 1}次延期：条例第三十三条只允许延长一次`);
  if (n > MAX_EXTENSION_WORKING_DAYS)
    warnings.push(
      `${event.date} 延长${n}个工作日，超过条例第三十三条规定的${MAX_EXTENSION_WORKING_DAYS}个工作日`,
    );
  const due = readClock(clock, calendar).due;
  if (due !== null && event.date > isoFromDay(due))
    warnings.push(
      `${event.date} 延期在答复期限（${isoFromDay(due)}）届满之后才批准，条例第三十三条要求在期限内决定`,
    );
  clock.extensions++;
  clock.days += n;
  return { explain: `经批准延长${n}个工作日（条例第三十三条）`, warnings };
};

/**
 * A reconsideration body or a court ordered the agency to answer anew (src/appeals): the
 * handling starts again as on a new receipt, the day after the order was received, with a
 * fresh 20 working days; the earlier extension, pauses, correction and Art. 35 date belonged to
 * the first handling and no longer count.
 */
const reopened = ({ clock, day }: Ctx): Applied => {
  clock.received ??= day;
  clock.base = day;
  clock.days = REPLY_WORKING_DAYS;
  clock.extensions = 0;
  clock.pauses = [];
  clock.openSince = null;
  clock.openConsultations = [];
  clock.openFees = [];
  clock.correction = null;
  clock.corrections = 0;
  clock.delayedUntil = null;
  return {
    explain: `依复议决定或判决重新办理，如同重新收到申请，自次日起重新计算${REPLY_WORKING_DAYS}个工作日（条例第三十三条）`,
    warnings: [],
  };
};

const delayed = ({ clock, event }: Ctx): Applied => {
  const until = dayOf(event.until ?? event.date);
  clock.delayedUntil = until;
  return {
    explain: `依条例第三十五条确定合理的答复日期${isoFromDay(until)}，不再按工作日推算`,
    warnings: [],
  };
};

export const applyEvent = (c: Ctx): Applied => {
  const { clock, calendar, day, event } = c;
  switch (event.type) {
    case 'received':
      return received(c);
    case 'correctionAsked':
      return correctionAsked(c);
    case 'correctionReceived':
      return correctionReceived(c);
    case 'consultationStarted': {
      const warnings: string[] = [];
      startPause(clock, day, clock.openConsultations, warnings, c);
      return {
        explain: `征求意见的时间不计入答复期限（条例第三十二、三十三条），被征求方应在${CONSULTATION_WORKING_DAYS}个工作日内答复`,
        warnings,
      };
    }
    case 'consultationEnded':
      return endPause(c, clock.openConsultations, '征求意见');
    case 'extended':
      return extended(c);
    case 'feeNoticed': {
      const warnings: string[] = [];
      startPause(clock, day, clock.openFees, warnings, c);
      return {
        explain: `至缴费之日不计入答复期限，申请人应在${FEE_PAYMENT_WORKING_DAYS}个工作日内缴费（国办函〔2020〕109号）`,
        warnings,
      };
    }
    case 'feePaid': {
      const notice = clock.openFees[0];
      const late =
        notice !== undefined && day > calendar.addWorkingDaysDay(notice, FEE_PAYMENT_WORKING_DAYS)
          ? [
              `${event.date} 逾期缴费（应在收到通知后${FEE_PAYMENT_WORKING_DAYS}个工作日内）：按规定不再处理该申请；仍自此日恢复计算`,
            ]
          : [];
      const applied = endPause(c, clock.openFees, '收费通知');
      return { explain: applied.explain, warnings: [...late, ...applied.warnings] };
    }
    case 'delayed':
      return delayed(c);
    case 'reopened':
      return reopened(c);
  }
};
