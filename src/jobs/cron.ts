/**
 * Cron expressions of five fields (minute hour day-of-month month day-of-week) read in Beijing
 * time, which has had no daylight saving since 1991: the instant of a slot is its wall-clock
 * time minus 8 hours. Each field takes `*`, numbers, ranges `a-b`, lists `a,b` and steps `/n`;
 * day-of-week 0 or 7 is Sunday; when both day fields are restricted either may match (as in cron).
 */

const BEIJING_OFFSET_MS = 8 * 3600_000;

interface Field {
  readonly values: ReadonlySet<number>;
  readonly any: boolean;
}

const RANGES = [
  [0, 59],
  [0, 23],
  [1, 31],
  [1, 12],
  [0, 7],
] as const;

const parseField = (text: string, [min, max]: readonly [number, number], name: string): Field => {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(part);
    if (match === null) throw new Error(`cron: bad ${name} "${text}"`);
    const from = match[1] === '*' ? min : Number(match[2]);
    const to = match[1] === '*' ? max : match[3] !== undefined ? Number(match[3]) : match[4] ? max : from;
    const step = match[4] === undefined ? 1 : Number(match[4]);
    if (from < min || to > max || from > to || step < 1) throw new Error(`cron: bad ${name} "${text}"`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return { values, any: text === '*' };
};

export interface Cron {
  readonly minute: Field;
  readonly hour: Field;
  readonly dayOfMonth: Field;
  readonly month: Field;
  readonly dayOfWeek: Field;
}

export const parseCron = (expression: string): Cron => {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) throw new Error(`cron: expected 5 fields in "${expression}"`);
  const names = ['minute', 'hour', 'day of month', 'month', 'day of week'];
  const [minute, hour, dayOfMonth, month, dayOfWeek] = fields.map((f, i) =>
    // biome-ignore lint/style/noNonNullAssertion: five fields and five ranges, checked above.
    parseField(f, RANGES[i]!, names[i]!),
  ) as [Field, Field, Field, Field, Field];
  if (dayOfWeek.values.has(7)) (dayOfWeek.values as Set<number>).add(0);
  return { minute, hour, dayOfMonth, month, dayOfWeek };
};

const dayMatches = (cron: Cron, day: Date): boolean => {
  if (!cron.month.values.has(day.getUTCMonth() + 1)) return false;
  const dom = cron.dayOfMonth.values.has(day.getUTCDate());
  const dow = cron.dayOfWeek.values.has(day.getUTCDay());
  if (cron.dayOfMonth.any) return dow;
  if (cron.dayOfWeek.any) return dom;
  return dom || dow;
};

/** The latest slot of `expression` at or before `now` (within the past 366 days), or null. */
export const latestSlot = (expression: string, now: Date): Date | null => {
  const cron = parseCron(expression);
  // Beijing wall-clock time, held in a Date's UTC fields.
  const local = new Date(Math.floor((now.getTime() + BEIJING_OFFSET_MS) / 60_000) * 60_000);
  for (let back = 0; back <= 366; back++) {
    const day = new Date(Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate() - back));
    if (!dayMatches(cron, day)) continue;
    for (let h = back === 0 ? local.getUTCHours() : 23; h >= 0; h--) {
      if (!cron.hour.values.has(h)) continue;
      const lastMinute = back === 0 && h === local.getUTCHours() ? local.getUTCMinutes() : 59;
      for (let m = lastMinute; m >= 0; m--) {
        if (cron.minute.values.has(m))
          return new Date(day.getTime() + (h * 60 + m) * 60_000 - BEIJING_OFFSET_MS);
      }
    }
  }
  return null;
};
