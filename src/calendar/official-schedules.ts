/**
 * The State Council's holiday schedules (国务院办公厅关于部分节假日安排的通知) for 2019–2026,
 * exactly as the table in spec/regulations.md gives them; checked day by day against the
 * `chinese-days` package 1.5.7 (test/calendar/official-schedules.test.ts).
 *
 * `holidays` are days off: one day 'YYYY-MM-DD' or a span 'YYYY-MM-DD/YYYY-MM-DD' (both
 * ends included). `makeUpWorkdays` (调休上班) are Saturdays or Sundays that are working days.
 * A span may start in the year before (the 2019 New Year holiday began 2018-12-30).
 * The notices' titles are given; their document numbers are not in the spec and are left out.
 */
export interface OfficialSchedule {
  readonly year: number;
  readonly notices: readonly string[];
  readonly holidays: readonly string[];
  readonly makeUpWorkdays: readonly string[];
}

export const OFFICIAL_SCHEDULES = [
  {
    year: 2019,
    notices: ['国务院办公厅关于2019年部分节假日安排的通知', '国务院办公厅关于调整2019年劳动节假期安排的通知'],
    holidays: [
      '2018-12-30/2019-01-01',
      '2019-02-04/2019-02-10',
      '2019-04-05/2019-04-07',
      '2019-05-01/2019-05-04',
      '2019-06-07/2019-06-09',
      '2019-09-13/2019-09-15',
      '2019-10-01/2019-10-07',
    ],
    makeUpWorkdays: [
      '2018-12-29',
      '2019-02-02',
      '2019-02-03',
      '2019-04-28',
      '2019-05-05',
      '2019-09-29',
      '2019-10-12',
    ],
  },
  {
    year: 2020,
    // The extension of the Spring Festival to 02-02 cancelled the make-up workday of Saturday 02-01.
    notices: ['国务院办公厅关于2020年部分节假日安排的通知', '国务院办公厅关于延长2020年春节假期的通知'],
    holidays: [
      '2020-01-01',
      '2020-01-24/2020-02-02',
      '2020-04-04/2020-04-06',
      '2020-05-01/2020-05-05',
      '2020-06-25/2020-06-27',
      '2020-10-01/2020-10-08',
    ],
    makeUpWorkdays: ['2020-01-19', '2020-04-26', '2020-05-09', '2020-06-28', '2020-09-27', '2020-10-10'],
  },
  {
    year: 2021,
    notices: ['国务院办公厅关于2021年部分节假日安排的通知'],
    holidays: [
      '2021-01-01/2021-01-03',
      '2021-02-11/2021-02-17',
      '2021-04-03/2021-04-05',
      '2021-05-01/2021-05-05',
      '2021-06-12/2021-06-14',
      '2021-09-19/2021-09-21',
      '2021-10-01/2021-10-07',
    ],
    makeUpWorkdays: [
      '2021-02-07',
      '2021-02-20',
      '2021-04-25',
      '2021-05-08',
      '2021-09-18',
      '2021-09-26',
      '2021-10-09',
    ],
  },
  {
    year: 2022,
    notices: ['国务院办公厅关于2022年部分节假日安排的通知'],
    holidays: [
      '2022-01-01/2022-01-03',
      '2022-01-31/2022-02-06',
      '2022-04-03/2022-04-05',
      '2022-04-30/2022-05-04',
      '2022-06-03/2022-06-05',
      '2022-09-10/2022-09-12',
      '2022-10-01/2022-10-07',
      '2022-12-31/2023-01-02',
    ],
    makeUpWorkdays: [
      '2022-01-29',
      '2022-01-30',
      '2022-04-02',
      '2022-04-24',
      '2022-05-07',
      '2022-10-08',
      '2022-10-09',
    ],
  },
  {
    year: 2023,
    notices: ['国务院办公厅关于2023年部分节假日安排的通知'],
    holidays: [
      '2022-12-31/2023-01-02',
      '2023-01-21/2023-01-27',
      '2023-04-05',
      '2023-04-29/2023-05-03',
      '2023-06-22/2023-06-24',
      '2023-09-29/2023-10-06',
    ],
    makeUpWorkdays: [
      '2023-01-28',
      '2023-01-29',
      '2023-04-23',
      '2023-05-06',
      '2023-06-25',
      '2023-10-07',
      '2023-10-08',
    ],
  },
  {
    year: 2024,
    // 除夕 2024-02-09 was a working day; from 2025 the amended rules make it a holiday.
    notices: ['国务院办公厅关于2024年部分节假日安排的通知'],
    holidays: [
      '2024-01-01',
      '2024-02-10/2024-02-17',
      '2024-04-04/2024-04-06',
      '2024-05-01/2024-05-05',
      '2024-06-10',
      '2024-09-15/2024-09-17',
      '2024-10-01/2024-10-07',
    ],
    makeUpWorkdays: [
      '2024-02-04',
      '2024-02-18',
      '2024-04-07',
      '2024-04-28',
      '2024-05-11',
      '2024-09-14',
      '2024-09-29',
      '2024-10-12',
    ],
  },
  {
    year: 2025,
    notices: ['国务院办公厅关于2025年部分节假日安排的通知'],
    holidays: [
      '2025-01-01',
      '2025-01-28/2025-02-04',
      '2025-04-04/2025-04-06',
      '2025-05-01/2025-05-05',
      '2025-05-31/2025-06-02',
      '2025-10-01/2025-10-08',
    ],
    makeUpWorkdays: ['2025-01-26', '2025-02-08', '2025-04-27', '2025-09-28', '2025-10-11'],
  },
  {
    year: 2026,
    notices: ['国务院办公厅关于2026年部分节假日安排的通知'],
    holidays: [
      '2026-01-01/2026-01-03',
      '2026-02-15/2026-02-23',
      '2026-04-04/2026-04-06',
      '2026-05-01/2026-05-05',
      '2026-06-19/2026-06-21',
      '2026-09-25/2026-09-27',
      '2026-10-01/2026-10-07',
    ],
    makeUpWorkdays: ['2026-01-04', '2026-02-14', '2026-02-28', '2026-05-09', '2026-09-20', '2026-10-10'],
  },
] as const satisfies readonly OfficialSchedule[];

/** The last year whose schedule ships with the code; later years are weekends-only and provisional. */
export const LAST_LOADED_YEAR = 2026;
