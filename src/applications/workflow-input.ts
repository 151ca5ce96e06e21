import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';

/** Shared field builders of the workflow forms, with Chinese messages naming the field. */
export const dateField = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isIsoDate, `${label}应为 YYYY-MM-DD 格式的有效日期`);

export const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

export const optionalText = (label: string, max: number) =>
  z.preprocess(blankToUndefined, z.string().trim().max(max, `${label}不能超过 ${max} 个字`).optional());

export const idField = (message: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce.number({ invalid_type_error: message, required_error: message }).int(message).positive(message),
  );

/** Today in Beijing, the day the law counts in. */
export const beijingToday = (now: Date): string =>
  new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
