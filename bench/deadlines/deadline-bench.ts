import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { dayFromCivil, isoFromDay } from '../../src/calendar/day.ts';
import { computeDeadline } from '../../src/deadlines/compute-deadline.ts';
import type { DeadlineEvent } from '../../src/deadlines/deadline-event.ts';
import { seeded } from '../audit/random-report.ts';
import { type BenchFigure, round } from '../figure.ts';

/** The target: the deadline engine computes ≥ 200,000 deadlines a second. */
const TARGET = 200_000;

/**
 * Realistic event lists: every application received; about a third with a consultation, a
 * fifth with a correction, a tenth with a fee, a quarter extended. Dates over 2019–2026.
 * `busy`: every one of them on every list (9 events), the engine's heavy case.
 */
const randomEvents = (rand: () => number, busy: boolean): DeadlineEvent[] => {
  const chance = (p: number) => busy || rand() < p;
  const received = dayFromCivil(2019, 1, 1) + Math.floor(rand() * 365 * 7.8);
  const at = (offset: number) => isoFromDay(received + offset);
  const events: DeadlineEvent[] = [{ type: 'received', date: at(0) }];
  let base = 0;
  if (chance(0.2)) {
    events.push({ type: 'correctionAsked', date: at(2), until: at(20) });
    base = 5 + Math.floor(rand() * 10);
    events.push({ type: 'correctionReceived', date: at(base) });
  }
  if (chance(0.33)) {
    const start = base + 3 + Math.floor(rand() * 10);
    events.push({ type: 'consultationStarted', date: at(start) });
    events.push({ type: 'consultationEnded', date: at(start + 5 + Math.floor(rand() * 15)) });
  }
  if (chance(0.1)) {
    const start = base + 30 + Math.floor(rand() * 5);
    events.push({ type: 'feeNoticed', date: at(start) });
    events.push({ type: 'feePaid', date: at(start + Math.floor(rand() * 20)) });
  }
  if (chance(0.25))
    events.push({ type: 'extended', date: at(base + 25), workingDays: 10 + Math.floor(rand() * 11) });
  return events.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
};

/** Runs `fn` over the inputs round after round for at least `ms`; returns calls a second. */
const perSecond = <T>(inputs: readonly T[], ms: number, fn: (input: T) => unknown): number => {
  let calls = 0;
  let sink = 0;
  const t0 = performance.now();
  let elapsed = 0;
  do {
    for (const input of inputs) if (fn(input) !== null) sink++;
    calls += inputs.length;
    elapsed = performance.now() - t0;
  } while (elapsed < ms);
  if (sink < 0) throw new Error('unreachable');
  return calls / (elapsed / 1000);
};

export const deadlineBenchmark = async ({ smoke }: { smoke: boolean }): Promise<BenchFigure[]> => {
  const calendar = snapshotCalendar();
  const ms = smoke ? 100 : 2000;
  const figures: BenchFigure[] = [];
  for (const busy of [false, true]) {
    const rand = seeded(busy ? 5 : 4);
    const inputs = Array.from({ length: smoke ? 500 : 20_000 }, () => randomEvents(rand, busy));
    perSecond(inputs, ms / 4, (events) => computeDeadline(events, calendar)); // warm-up
    const floor = perSecond(inputs, ms, (events) =>
      calendar.addWorkingDays(events[0]?.date ?? '2024-01-01', 20),
    );
    const rate = perSecond(inputs, ms, (events) => computeDeadline(events, calendar));
    const avg = inputs.reduce((n, e) => n + e.length, 0) / inputs.length;
    figures.push({
      name: `deadline engine: computeDeadline with steps and warnings, ${inputs.length} ${busy ? 'busy' : 'typical'} event lists (${round(avg)} events each on average)`,
      value: round(rate, 0),
      unit: 'deadlines/s',
      target: `≥ ${TARGET.toLocaleString('en')} /s`,
      met: rate >= TARGET,
      baseline: {
        name: 'calendar.addWorkingDays(received, 20) alone',
        value: round(floor, 0),
        unit: 'calls/s',
      },
      ratio: round(rate / floor, 3),
    });
  }
  return figures;
};
