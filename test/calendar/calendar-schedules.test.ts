import { describe, expect, it } from 'vitest';
import { calendarFromSchedules } from '../../src/calendar/calendar.ts';
import { dayOf, isoFromDay } from '../../src/calendar/day.ts';
import { OFFICIAL_SCHEDULES } from '../../src/calendar/official-schedules.ts';

/**
 * Every holiday and make-up workday of regulations.md's table, typed again here from the
 * table (not read from the data file), so a slip in either shows.
 */
const TABLE: Record<number, { off: string; on: string }> = {
  2019: {
    off: '2018-12-30–2019-01-01; 02-04–02-10; 04-05–04-07; 05-01–05-04; 06-07–06-09; 09-13–09-15; 10-01–10-07',
    on: '2018-12-29; 02-02; 02-03; 04-28; 05-05; 09-29; 10-12',
  },
  2020: {
    off: '01-01; 01-24–02-02; 04-04–04-06; 05-01–05-05; 06-25–06-27; 10-01–10-08',
    on: '01-19; 04-26; 05-09; 06-28; 09-27; 10-10',
  },
  2021: {
    off: '01-01–01-03; 02-11–02-17; 04-03–04-05; 05-01–05-05; 06-12–06-14; 09-19–09-21; 10-01–10-07',
    on: '02-07; 02-20; 04-25; 05-08; 09-18; 09-26; 10-09',
  },
  2022: {
    off: '01-01–01-03; 01-31–02-06; 04-03–04-05; 04-30–05-04; 06-03–06-05; 09-10–09-12; 10-01–10-07; 12-31–2023-01-02',
    on: '01-29; 01-30; 04-02; 04-24; 05-07; 10-08; 10-09',
  },
  2023: {
    off: '2022-12-31–2023-01-02; 01-21–01-27; 04-05; 04-29–05-03; 06-22–06-24; 09-29–10-06',
    on: '01-28; 01-29; 04-23; 05-06; 06-25; 10-07; 10-08',
  },
  2024: {
    off: '01-01; 02-10–02-17; 04-04–04-06; 05-01–05-05; 06-10; 09-15–09-17; 10-01–10-07',
    on: '02-04; 02-18; 04-07; 04-28; 05-11; 09-14; 09-29; 10-12',
  },
  2025: {
    off: '01-01; 01-28–02-04; 04-04–04-06; 05-01–05-05; 05-31–06-02; 10-01–10-08',
    on: '01-26; 02-08; 04-27; 09-28; 10-11',
  },
  2026: {
    off: '01-01–01-03; 02-15–02-23; 04-04–04-06; 05-01–05-05; 06-19–06-21; 09-25–09-27; 10-01–10-07',
    on: '01-04; 02-14; 02-28; 05-09; 09-20; 10-10',
  },
};

const full = (year: number, d: string): string => (d.length === 5 ? `${year}-${d}` : d);

const days = (year: number, list: string): string[] =>
  list.split('; ').flatMap((item) => {
    const [from = '', to = from] = item.split('–').map((d) => full(year, d));
    const out: string[] = [];
    for (let d = dayOf(from); d <= dayOf(to); d++) out.push(isoFromDay(d));
    return out;
  });

const calendar = calendarFromSchedules(OFFICIAL_SCHEDULES);

describe.each(Object.entries(TABLE))('%s', (yearText, { off, on }) => {
  const year = Number(yearText);
  it.each(days(year, off))('holiday %s is not a working day', (date) => {
    expect(calendar.isWorkday(date)).toBe(false);
  });
  it.each(days(year, on))('make-up day %s is a working day, and a weekend day', (date) => {
    expect(calendar.isWorkday(date)).toBe(true);
    expect([0, 6]).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
  });
});

describe('ordinary days and the notes under the table', () => {
  it.each<[string, boolean, string]>([
    ['2024-02-09', true, '除夕 2024 was a working day'],
    ['2025-01-28', false, '除夕 2025 is a holiday (2024 amendment)'],
    ['2020-02-01', false, 'the 2020 make-up Saturday cancelled by the Spring Festival extension'],
    ['2020-02-03', true, 'the first working day after the extended Spring Festival'],
    ['2024-09-28', false, 'an ordinary Saturday'],
    ['2024-09-22', false, 'an ordinary Sunday'],
    ['2024-09-27', true, 'an ordinary Friday'],
    ['2024-10-08', true, 'the Tuesday after National Day'],
    ['2026-12-31', true, 'an ordinary Thursday, last day loaded'],
  ])('%s → %s (%s)', (date, workday) => {
    expect(calendar.isWorkday(date)).toBe(workday);
  });
});
