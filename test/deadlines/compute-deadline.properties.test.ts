import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { dayFromCivil, dayOf, isoFromDay } from '../../src/calendar/day.ts';
import { computeDeadline } from '../../src/deadlines/compute-deadline.ts';
import { DEADLINE_EVENT_TYPES, type DeadlineEvent } from '../../src/deadlines/deadline-event.ts';

const calendar = snapshotCalendar();

interface Scenario {
  readonly received: number;
  readonly correction: number | null;
  readonly pauses: readonly { start: number; end: number; fee: boolean }[];
  readonly extensions: readonly { at: number; days: number }[];
}

const scenario = fc
  .record({
    received: fc.integer({ min: dayFromCivil(2019, 1, 1), max: dayFromCivil(2026, 6, 30) }),
    correction: fc.option(fc.integer({ min: 1, max: 20 }), { nil: null }),
    pauses: fc.array(
      fc.record({
        start: fc.integer({ min: -5, max: 60 }),
        length: fc.integer({ min: 0, max: 30 }),
        fee: fc.boolean(),
      }),
      { maxLength: 3 },
    ),
    extensions: fc.array(
      fc.record({ at: fc.integer({ min: 0, max: 60 }), days: fc.integer({ min: 1, max: 20 }) }),
      {
        maxLength: 1,
      },
    ),
  })
  .map(
    (s): Scenario => ({
      received: s.received,
      correction: s.correction === null ? null : s.received + s.correction,
      pauses: s.pauses.map((p) => ({
        start: s.received + p.start,
        end: s.received + p.start + p.length,
        fee: p.fee,
      })),
      extensions: s.extensions.map((e) => ({ at: s.received + e.at, days: e.days })),
    }),
  );

/** Events in date order; on one day, starts before ends, so no pause ends before it began. */
const eventsOf = (s: Scenario): DeadlineEvent[] => {
  const at = (day: number) => isoFromDay(day);
  const list: DeadlineEvent[] = [{ type: 'received', date: at(s.received) }];
  if (s.correction !== null) {
    list.push({ type: 'correctionAsked', date: at(s.received + 1), until: at(s.correction + 30) });
    list.push({ type: 'correctionReceived', date: at(s.correction) });
  }
  for (const p of s.pauses)
    list.push({ type: p.fee ? 'feeNoticed' : 'consultationStarted', date: at(p.start) });
  for (const e of s.extensions) list.push({ type: 'extended', date: at(e.at), workingDays: e.days });
  for (const p of s.pauses) list.push({ type: p.fee ? 'feePaid' : 'consultationEnded', date: at(p.end) });
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};

const paused = (s: Scenario, day: number) => s.pauses.some((p) => p.start < day && day <= p.end);

/** The conventions read literally: walk day by day from the base, counting unpaused working days. */
const oracle = (s: Scenario): string => {
  let day = s.correction ?? s.received;
  let left = 20 + s.extensions.reduce((n, e) => n + e.days, 0);
  while (left > 0) {
    day++;
    if (calendar.isWorkdayDay(day) && !paused(s, day)) left--;
  }
  return isoFromDay(day);
};

const due = (events: DeadlineEvent[]): string => {
  const result = computeDeadline(events, calendar);
  if (result.due === null) throw new Error(`no due date: ${JSON.stringify(result)}`);
  return result.due;
};

describe('computeDeadline, properties', () => {
  it('agrees with the conventions counted day by day', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(due(eventsOf(s))).toBe(oracle(s));
      }),
      { numRuns: 2000 },
    );
  });

  it('a deadline never falls on a non-working day', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        expect(calendar.isWorkday(due(eventsOf(s)))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('adding a pause never makes the deadline earlier', () => {
    fc.assert(
      fc.property(
        scenario,
        fc.integer({ min: -5, max: 60 }),
        fc.integer({ min: 0, max: 30 }),
        (s, start, length) => {
          const more: Scenario = {
            ...s,
            pauses: [
              ...s.pauses,
              { start: s.received + start, end: s.received + start + length, fee: false },
            ],
          };
          expect(due(eventsOf(more)) >= due(eventsOf(s))).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('an extension adds exactly its working days (unpaused ones) to the deadline', () => {
    fc.assert(
      fc.property(scenario, fc.integer({ min: 1, max: 20 }), (s, days) => {
        const before = dayOf(due(eventsOf(s)));
        const after = dayOf(
          due(eventsOf({ ...s, extensions: [...s.extensions, { at: s.received + 3, days }] })),
        );
        let added = 0;
        for (let d = before + 1; d <= after; d++) if (calendar.isWorkdayDay(d) && !paused(s, d)) added++;
        expect(added).toBe(days);
        if (s.pauses.length === 0)
          expect(isoFromDay(after)).toBe(calendar.addWorkingDays(isoFromDay(before), days));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('computeDeadline on any valid events', () => {
  const anyEvent = fc
    .record({
      type: fc.constantFrom(...DEADLINE_EVENT_TYPES),
      day: fc.integer({ min: dayFromCivil(2018, 6, 1), max: dayFromCivil(2027, 6, 30) }),
      n: fc.integer({ min: 1, max: 40 }),
      later: fc.integer({ min: 0, max: 60 }),
    })
    .map(({ type, day, n, later }): DeadlineEvent => {
      const date = isoFromDay(day);
      if (type === 'extended') return { type, date, workingDays: n };
      if (type === 'delayed') return { type, date, until: isoFromDay(day + later) };
      return { type, date };
    });

  it('never throws; a due date without Art. 35 is a working day; provisional outside 2019–2026', () => {
    fc.assert(
      fc.property(fc.array(anyEvent, { maxLength: 12 }), (events) => {
        const result = computeDeadline(events, calendar);
        expect(result.steps).toHaveLength(events.length);
        if (result.due !== null && !events.some((e) => e.type === 'delayed'))
          expect(calendar.isWorkday(result.due)).toBe(true);
        if (result.due !== null && !calendar.covers(result.due)) expect(result.provisional).toBe(true);
        if (result.due !== null) expect(result.waitingFor).toBeUndefined();
      }),
      { numRuns: 3000 },
    );
  });
});
