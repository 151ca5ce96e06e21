import { describe } from 'vitest';
import { type Case, checkCases } from './deadline-cases.ts';

const CASES: readonly Case[] = [
  {
    why: 'spec example: + 20 → 12-12',
    events: [
      'received 2024-09-27',
      'consultationStarted 2024-10-10',
      'consultationEnded 2024-10-24',
      'extended 2024-11-01 20',
    ],
    due: '2024-12-12',
  },
  {
    why: 'extension of 10 approved before 10-30',
    events: ['received 2024-09-27', 'extended 2024-10-25 10'],
    due: '2024-11-13',
  },
  {
    why: 'extension approved on the due day itself: allowed',
    events: ['received 2024-09-27', 'extended 2024-10-30 10'],
    due: '2024-11-13',
  },
  {
    why: 'extension of 25: over 20, warned, computed',
    events: ['received 2024-09-27', 'extended 2024-10-25 25'],
    due: '2024-12-04',
    warn: ['超过条例第三十三条规定的20个工作日'],
  },
  {
    why: 'second extension: warned, both added',
    events: ['received 2024-09-27', 'extended 2024-10-25 10', 'extended 2024-11-10 5'],
    due: '2024-11-20',
    warn: ['第2次延期'],
  },
  {
    why: 'extension after the deadline: warned, computed',
    events: ['received 2024-09-27', 'extended 2024-10-31 10'],
    due: '2024-11-13',
    warn: ['届满之后才批准'],
  },
  {
    why: 'extension across Spring Festival 2025: Sat 02-08 works',
    events: ['received 2025-01-02', 'extended 2025-02-05 20'],
    due: '2025-03-05',
  },
  {
    why: 'Art. 35: the date the office set replaces the count',
    events: ['received 2024-09-27', 'delayed 2024-10-20 2024-12-31'],
    due: '2024-12-31',
  },
  {
    why: 'events out of order are sorted, warned',
    events: ['extended 2024-10-25 10', 'received 2024-09-27'],
    due: '2024-11-13',
    warn: ['未按日期先后排列'],
  },
  {
    why: 'a consultation before receipt: no effect on the clock, warned',
    events: ['consultationStarted 2024-09-20', 'consultationEnded 2024-09-25', 'received 2024-09-27'],
    due: '2024-10-30',
    warn: ['早于收到申请'],
  },
];

describe('computeDeadline, hand-computed: extensions (Art. 33), Art. 35 and event order', () =>
  checkCases(CASES));
