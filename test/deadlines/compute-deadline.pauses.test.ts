import { describe } from 'vitest';
import { type Case, checkCases } from './deadline-cases.ts';

const CASES: readonly Case[] = [
  {
    why: 'spec example: 10-10..10-24 paused, 11 working days',
    events: ['received 2024-09-27', 'consultationStarted 2024-10-10', 'consultationEnded 2024-10-24'],
    due: '2024-11-14',
  },
  {
    why: 'consultation open: waiting for the 15-day answer date',
    events: ['received 2024-09-27', 'consultationStarted 2024-10-10'],
    due: null,
    waiting: 'consultation 2024-10-30',
  },
  {
    why: 'two overlapping consultations pause once: union 10-10..10-24',
    events: [
      'received 2024-09-27',
      'consultationStarted 2024-10-10',
      'consultationStarted 2024-10-15',
      'consultationEnded 2024-10-20',
      'consultationEnded 2024-10-24',
    ],
    due: '2024-11-14',
  },
  {
    why: 'a consultation and a fee overlapping pause once: union 10-10..10-24',
    events: [
      'received 2024-09-27',
      'consultationStarted 2024-10-10',
      'feeNoticed 2024-10-16',
      'consultationEnded 2024-10-18',
      'feePaid 2024-10-24',
    ],
    due: '2024-11-14',
  },
  {
    why: 'two separate pauses: 10-09 and 10-22..23, three working days',
    events: [
      'received 2024-09-27',
      'consultationStarted 2024-10-08',
      'consultationEnded 2024-10-09',
      'feeNoticed 2024-10-21',
      'feePaid 2024-10-23',
    ],
    due: '2024-11-04',
  },
  {
    why: 'a pause starting on the due day: the start day counts, no effect',
    events: ['received 2024-09-27', 'consultationStarted 2024-10-30', 'consultationEnded 2024-11-05'],
    due: '2024-10-30',
    warn: ['不影响答复期限'],
  },
  {
    why: 'a pause starting the day before the due day: 10-30, 10-31 paused',
    events: ['received 2024-09-27', 'consultationStarted 2024-10-29', 'consultationEnded 2024-10-31'],
    due: '2024-11-01',
  },
  {
    why: 'a pause over National Day only pauses 10-08',
    events: ['received 2024-09-20', 'consultationStarted 2024-09-30', 'consultationEnded 2024-10-08'],
    due: '2024-10-24',
  },
  {
    why: 'a consultation over the year end: 6 counted before, 14 after 2025-01-06',
    events: ['received 2024-12-02', 'consultationStarted 2024-12-10', 'consultationEnded 2025-01-06'],
    due: '2025-01-24',
  },
  {
    why: 'fee notice unpaid: waiting for payment, 20 working days after notice',
    events: ['received 2024-09-27', 'feeNoticed 2024-10-09'],
    due: null,
    waiting: 'feePayment 2024-11-05',
  },
  {
    why: 'fee paid 10-16: 6 working days paused (make-up 10-12 among them)',
    events: ['received 2024-09-27', 'feeNoticed 2024-10-09', 'feePaid 2024-10-16'],
    due: '2024-11-07',
  },
  {
    why: 'fee paid after its 20 days: warned, paused to payment',
    events: ['received 2024-09-27', 'feeNoticed 2024-10-09', 'feePaid 2024-11-08'],
    due: '2024-12-02',
    warn: ['逾期缴费'],
  },
  {
    why: 'consultation ended with none open: ignored, warned',
    events: ['received 2024-09-27', 'consultationEnded 2024-10-10'],
    due: '2024-10-30',
    warn: ['没有未结束的征求意见'],
  },
];

describe('computeDeadline, hand-computed: consultations (Art. 32, 34) and fees: pauses', () =>
  checkCases(CASES));
