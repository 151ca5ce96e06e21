import { z } from 'zod';
import { isWeekend, parseIsoDate } from './day.ts';

/**
 * One year's schedule as an admin enters it (later, from the database) or as the code ships
 * it. Messages are in Chinese and name the bad value, for a clerk to correct.
 */
const date = z.string({ required_error: '缺失', invalid_type_error: '须为日期字符串 YYYY-MM-DD' }).refine(
  (s) => parseIsoDate(s) !== null,
  (s) => ({ message: `"${s}"不是有效日期（YYYY-MM-DD）` }),
);

const holiday = z
  .string({ invalid_type_error: '须为日期 YYYY-MM-DD 或日期段 YYYY-MM-DD/YYYY-MM-DD' })
  .superRefine((s, ctx) => {
    const [from = '', to = from, ...rest] = s.split('/');
    const a = parseIsoDate(from);
    const b = parseIsoDate(to);
    if (rest.length > 0 || a === null || b === null) {
      ctx.addIssue({ code: 'custom', message: `"${s}"不是日期 YYYY-MM-DD 或日期段 YYYY-MM-DD/YYYY-MM-DD` });
    } else if (b < a) ctx.addIssue({ code: 'custom', message: `日期段"${s}"的结束日早于开始日` });
  });

export const scheduleSchema = z
  .object({
    year: z
      .number({ required_error: '缺失', invalid_type_error: '须为年份数字' })
      .int('须为整数年份')
      .min(2000, '须在2000至2100年之间')
      .max(2100, '须在2000至2100年之间'),
    notices: z.array(z.string().min(1, '通知名称不能为空')).min(1, '须至少列出一份通知'),
    holidays: z.array(holiday),
    makeUpWorkdays: z.array(date),
  })
  .superRefine((s, ctx) => {
    s.makeUpWorkdays.forEach((d, i) => {
      const day = parseIsoDate(d);
      if (day !== null && !isWeekend(day))
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `调休上班日${d}不是周六或周日`,
        });
      const year = Number(d.slice(0, 4));
      if (year !== s.year && year !== s.year - 1)
        ctx.addIssue({
          code: 'custom',
          path: ['makeUpWorkdays', i],
          message: `调休上班日${d}不在${s.year}年的安排范围内`,
        });
      if (s.holidays.some((h) => inSpan(d, h)))
        ctx.addIssue({ code: 'custom', path: ['makeUpWorkdays', i], message: `${d}既是假日又是调休上班日` });
    });
  });

export const schedulesSchema = z
  .array(scheduleSchema, { invalid_type_error: '节假日安排须为数组' })
  .min(1, '至少需要一年的节假日安排')
  .superRefine((list, ctx) => {
    const years = list.map((s) => s.year).sort((a, b) => a - b);
    for (let i = 1; i < years.length; i++) {
      const prev = years[i - 1] ?? 0;
      const year = years[i] ?? 0;
      if (year === prev) ctx.addIssue({ code: 'custom', message: `${year}年的节假日安排重复` });
      else if (year !== prev + 1)
        ctx.addIssue({ code: 'custom', message: `节假日安排的年份须连续：缺少${prev + 1}年` });
    }
  });

export type Schedule = z.infer<typeof scheduleSchema>;

/** Whether 'YYYY-MM-DD' lies in a holiday entry (a day or a 'from/to' span); string order is date order. */
export const inSpan = (date: string, span: string): boolean => {
  const [from = '', to = from] = span.split('/');
  return date >= from && date <= to;
};
