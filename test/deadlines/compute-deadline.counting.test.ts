import { describe } from 'vitest';
import { type Case, checkCases } from './deadline-cases.ts';

const CASES: readonly Case[] = [
  {
    why: 'spec example: Sun 09-29 and Sat 10-12 work, 10-01..07 off',
    events: ['received 2024-09-27'],
    due: '2024-10-30',
  },
  {
    why: 'late December: 2025-01-01 off, 20th is Mon 01-20',
    events: ['received 2024-12-20'],
    due: '2025-01-20',
  },
  {
    why: 'New Year Eve: Sun 01-26 works, 01-28..02-04 off',
    events: ['received 2024-12-31'],
    due: '2025-02-05',
  },
  {
    why: 'Spring Festival 2025: Sun 01-26 and Sat 02-08 work',
    events: ['received 2025-01-20'],
    due: '2025-02-21',
  },
  { why: 'National Day 2019: Sat 10-12 works', events: ['received 2019-09-30'], due: '2019-11-01' },
  {
    why: '2020 extended Spring Festival to 02-02; Sat 02-01 does not work',
    events: ['received 2020-01-20'],
    due: '2020-02-25',
  },
  { why: '2023: Sat 10-07 and Sun 10-08 both work', events: ['received 2023-09-28'], due: '2023-11-01' },
  {
    why: '2024: Sun 02-04 and Sun 02-18 work, 除夕 02-09 works',
    events: ['received 2024-02-01'],
    due: '2024-03-05',
  },
  {
    why: '2025: May Day 05-01..05 and Dragon Boat 05-31..06-02 off',
    events: ['received 2025-04-30'],
    due: '2025-06-03',
  },
  { why: '2021: Sat 09-18, Sun 09-26, Sat 10-09 work', events: ['received 2021-09-17'], due: '2021-10-21' },
  {
    why: '2022-12-31..2023-01-02 off, Sat 01-28 and Sun 01-29 work',
    events: ['received 2022-12-30'],
    due: '2023-02-02',
  },
  {
    why: '2019 May Day as adjusted: Sun 04-28 and Sun 05-05 work',
    events: ['received 2019-04-30'],
    due: '2019-05-30',
  },
  {
    why: '2019 May Day from Friday: 04-28 and 05-05 counted',
    events: ['received 2019-04-26'],
    due: '2019-05-27',
  },
  {
    why: '2020 National Day 10-01..08: Sun 09-27 and Sat 10-10 work',
    events: ['received 2020-09-25'],
    due: '2020-10-29',
  },
  { why: '2020 Dragon Boat 06-25..27, Sun 06-28 works', events: ['received 2020-06-19'], due: '2020-07-20' },
  {
    why: '2021 Spring Festival: Sun 02-07 and Sat 02-20 work',
    events: ['received 2021-02-05'],
    due: '2021-03-10',
  },
  {
    why: '2022: Sat 01-29 and Sun 01-30 both work before Spring Festival',
    events: ['received 2022-01-28'],
    due: '2022-03-02',
  },
  { why: '2022 Qingming: Sat 04-02 and Sun 04-24 work', events: ['received 2022-03-31'], due: '2022-04-28' },
  { why: '2023 National Day 09-29..10-06', events: ['received 2023-09-15'], due: '2023-10-19' },
  {
    why: '2026 Spring Festival 02-15..23: Sat 02-14 and Sat 02-28 work',
    events: ['received 2026-02-13'],
    due: '2026-03-19',
  },
  { why: '2026 autumn: Sun 09-20 and Sat 10-10 work', events: ['received 2026-09-18'], due: '2026-10-22' },
  {
    why: 'received on a holiday (10-03): counting starts after it',
    events: ['received 2024-10-03'],
    due: '2024-11-01',
  },
  { why: 'received on an ordinary Saturday', events: ['received 2024-06-08'], due: '2024-07-08' },
  {
    why: 'year end 2025: 2026-01-01..03 off, Sun 01-04 works',
    events: ['received 2025-12-31'],
    due: '2026-01-29',
  },
  { why: 'year end 2023: only 2024-01-01 off', events: ['received 2023-12-29'], due: '2024-01-29' },
  {
    why: 'December 2026: reaches 2027, not loaded: weekends only, provisional',
    events: ['received 2026-12-10'],
    due: '2027-01-07',
    provisional: true,
    warn: ['临时结果'],
  },
  {
    why: 'received 2018: before the loaded years; 2018-12-29 works by the 2019 notice',
    events: ['received 2018-12-20'],
    due: '2019-01-18',
    provisional: true,
    warn: ['临时结果'],
  },
];

describe('computeDeadline, hand-computed: plain 20 working days across holidays, make-up days and year ends', () =>
  checkCases(CASES));
