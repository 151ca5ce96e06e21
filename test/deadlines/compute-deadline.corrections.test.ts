import { describe } from 'vitest';
import { type Case, checkCases } from './deadline-cases.ts';

const CASES: readonly Case[] = [
  {
    why: 'correction asked: no due date, waiting for the period the office set',
    events: ['received 2024-09-27', 'correctionAsked 2024-09-30 2024-10-15'],
    due: null,
    waiting: 'correction 2024-10-15',
  },
  {
    why: 'correction received Mon 10-14: 20 days restart from it',
    events: ['received 2024-09-27', 'correctionAsked 2024-09-30 2024-10-15', 'correctionReceived 2024-10-14'],
    due: '2024-11-11',
  },
  {
    why: 'correction period not given: 15 working days assumed (10-25), warned',
    events: ['received 2024-09-27', 'correctionAsked 2024-09-30'],
    due: null,
    waiting: 'correction 2024-10-25',
    warn: ['未载明补正期限'],
  },
  {
    why: 'asked on make-up Sat 10-12, the 7th working day: allowed',
    events: ['received 2024-09-27', 'correctionAsked 2024-10-12 2024-10-25'],
    due: null,
    waiting: 'correction 2024-10-25',
  },
  {
    why: 'asked on 10-14, the 8th working day: too late',
    events: ['received 2024-09-27', 'correctionAsked 2024-10-14 2024-10-25'],
    due: null,
    waiting: 'correction 2024-10-25',
    warn: ['晚于收到申请后7个工作日（2024-10-12）'],
  },
  {
    why: 'correction received Fri 12-27: the 20th is make-up Sunday 2025-01-26',
    events: ['received 2024-12-18', 'correctionAsked 2024-12-20 2025-01-10', 'correctionReceived 2024-12-27'],
    due: '2025-01-26',
  },
  {
    why: 'correction received after its period: computed, warned; Sun 04-07 works',
    events: ['received 2024-03-01', 'correctionAsked 2024-03-04 2024-03-11', 'correctionReceived 2024-03-15'],
    due: '2024-04-15',
    warn: ['补正晚于补正期限'],
  },
  {
    why: 'correction received with none asked: restarts, warned',
    events: ['received 2024-09-20', 'correctionReceived 2024-09-27'],
    due: '2024-10-30',
    warn: ['没有待补正的告知'],
  },
  {
    why: 'a second correction asked: warned, the clock waits again',
    events: [
      'received 2024-09-27',
      'correctionAsked 2024-09-30 2024-10-15',
      'correctionReceived 2024-10-14',
      'correctionAsked 2024-10-16 2024-10-25',
    ],
    due: null,
    waiting: 'correction 2024-10-25',
    warn: ['一次性告知'],
  },
  {
    why: 'corrected 2025-09-26: Sun 09-28 and Sat 10-11 work, 10-01..08 off',
    events: ['received 2025-09-22', 'correctionAsked 2025-09-24 2025-10-17', 'correctionReceived 2025-09-26'],
    due: '2025-10-30',
  },
];

describe('computeDeadline, hand-computed: corrections (Art. 30)', () => checkCases(CASES));
