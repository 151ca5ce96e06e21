import { describe, expect, it } from 'vitest';
import { latestSlot, parseCron } from '../../src/jobs/cron.ts';
import { retryDelaySeconds } from '../../src/jobs/job.ts';

describe('cron slots in Beijing time', () => {
  it('finds the latest 08:00 at or before an instant', () => {
    // 07:59 Beijing on 3 March is before that day's slot: the slot is 2 March 08:00.
    expect(latestSlot('0 8 * * *', new Date('2026-03-02T23:59:00Z'))?.toISOString()).toBe(
      '2026-03-02T00:00:00.000Z',
    );
    expect(latestSlot('0 8 * * *', new Date('2026-03-03T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-03T00:00:00.000Z',
    );
    expect(latestSlot('0 8 * * *', new Date('2026-03-03T00:00:59Z'))?.toISOString()).toBe(
      '2026-03-03T00:00:00.000Z',
    );
    // 02:00 Beijing is 18:00 UTC the day before.
    expect(latestSlot('0 2 * * *', new Date('2026-03-03T01:00:00Z'))?.toISOString()).toBe(
      '2026-03-02T18:00:00.000Z',
    );
  });

  it('reads steps, ranges, lists and days of the week', () => {
    expect(latestSlot('*/15 * * * *', new Date('2026-03-03T00:44:10Z'))?.toISOString()).toBe(
      '2026-03-03T00:30:00.000Z',
    );
    // Weekdays at 09:00: Saturday 7 March 2026 falls back to Friday the 6th.
    expect(latestSlot('0 9 * * 1-5', new Date('2026-03-07T04:00:00Z'))?.toISOString()).toBe(
      '2026-03-06T01:00:00.000Z',
    );
    // Sunday as 7.
    expect(latestSlot('30 10 * * 7', new Date('2026-03-10T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-08T02:30:00.000Z',
    );
    expect(latestSlot('0 8 1,15 * *', new Date('2026-03-10T00:00:00Z'))?.toISOString()).toBe(
      '2026-03-01T00:00:00.000Z',
    );
  });

  it('refuses what it does not read', () => {
    expect(() => parseCron('0 8 * *')).toThrow(/5 fields/);
    expect(() => parseCron('61 8 * * *')).toThrow(/minute/);
    expect(() => parseCron('0 8 * * MON')).toThrow(/day of week/);
  });
});

describe('retry delays', () => {
  it('doubles with backoff, with up to 100 % jitter, as pg-boss does', () => {
    expect(retryDelaySeconds(0, 30, false)).toBe(30);
    expect(retryDelaySeconds(0, 30, true, 0)).toBe(30);
    expect(retryDelaySeconds(1, 30, true, 0)).toBe(60);
    expect(retryDelaySeconds(2, 30, true, 0)).toBe(120);
    expect(retryDelaySeconds(2, 30, true, 1)).toBe(240);
    expect(retryDelaySeconds(0, 0, true, 0)).toBe(1);
  });
});
