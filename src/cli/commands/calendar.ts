import type { Command } from 'commander';
import { type CalendarSource, snapshotCalendarSource } from '../../calendar/calendar-source.ts';
import { isoFromDay, parseIsoDate } from '../../calendar/day.ts';
import { UsageError } from '../usage-error.ts';

/** Exit status when the answer leaves the loaded schedules: computed weekends-only, provisional. */
export const EXIT_PROVISIONAL = 3;

const date = (text: string) => {
  const day = parseIsoDate(text);
  if (day === null) throw new UsageError(`日期须为有效的 YYYY-MM-DD，收到"${text}"`);
  return day;
};

/**
 * `gongkai calendar …`: the working-day calendar (工作日) the system uses. The source is the
 * shipped snapshot for now; the database-backed source plugs in as another CalendarSource.
 */
export const registerCalendar = (program: Command, source: CalendarSource = snapshotCalendarSource): void => {
  const calendar = program.command('calendar').description('法定工作日日历（含调休上班日）');
  calendar
    .command('add-working-days')
    .description('输出 DATE 之后的第 N 个工作日（DATE 当日不计），YYYY-MM-DD')
    .argument('<date>', '起算日 YYYY-MM-DD')
    .argument('<n>', '工作日数（正整数）')
    .action(async (dateText: string, nText: string) => {
      const from = date(dateText);
      const n = Number(nText);
      if (!/^\d+$/.test(nText) || !Number.isSafeInteger(n) || n < 1 || n > 100_000)
        throw new UsageError(`工作日数须为1至100000的整数，收到"${nText}"`);
      const cal = await source();
      const answer = cal.addWorkingDaysDay(from, n);
      process.stdout.write(`${isoFromDay(answer)}\n`);
      if (!cal.coversDay(from + 1) || !cal.coversDay(answer)) {
        process.stderr.write(
          `gongkai: 警告：计算涉及未载入节假日安排的年份（已载入${cal.firstYear}—${cal.lastYear}年），按仅周末休息推算，结果为临时结果\n`,
        );
        process.exitCode = EXIT_PROVISIONAL;
      }
    });
  calendar
    .command('is-workday')
    .description('DATE 是否为工作日：输出 true 或 false')
    .argument('<date>', '日期 YYYY-MM-DD')
    .action(async (dateText: string) => {
      const day = date(dateText);
      const cal = await source();
      process.stdout.write(`${cal.isWorkdayDay(day)}\n`);
      if (!cal.coversDay(day)) {
        process.stderr.write(
          `gongkai: 警告：${dateText.slice(0, 4)}年的节假日安排未载入（已载入${cal.firstYear}—${cal.lastYear}年），按仅周末休息判断\n`,
        );
        process.exitCode = EXIT_PROVISIONAL;
      }
    });
};
