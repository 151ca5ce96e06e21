import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';

/** The events that move the reply clock (issue 4, item 3), in the order they usually happen. */
export const DEADLINE_EVENT_TYPES = [
  'received',
  'correctionAsked',
  'correctionReceived',
  'consultationStarted',
  'consultationEnded',
  'extended',
  'feeNoticed',
  'feePaid',
  'delayed',
  'reopened',
] as const;
export type DeadlineEventType = (typeof DEADLINE_EVENT_TYPES)[number];

export const DEADLINE_EVENT_LABELS: Record<DeadlineEventType, string> = {
  received: '收到申请',
  correctionAsked: '告知补正',
  correctionReceived: '收到补正后的申请',
  consultationStarted: '征求第三方或其他机关意见',
  consultationEnded: '征求意见结束',
  extended: '延长答复期限',
  feeNoticed: '申请人收到收费通知',
  feePaid: '申请人缴费',
  delayed: '依条例第三十五条确定答复日期',
  reopened: '依复议决定/判决重新办理',
};

const isoDate = z
  .string({ required_error: '缺失', invalid_type_error: '须为日期字符串 YYYY-MM-DD' })
  .refine(isIsoDate, '不是有效日期（YYYY-MM-DD）');

/**
 * One event as `gongkai deadline` reads it. `workingDays` only on `extended`; `until` on
 * `delayed` (Art. 35, required) and — beyond the issue's format — optionally on
 * `correctionAsked`, for the correction period the office set in its 补正告知书.
 */
export const deadlineEventSchema = z
  .object({
    type: z.enum(DEADLINE_EVENT_TYPES, {
      errorMap: (_issue, ctx) => ({
        message: `须为 ${DEADLINE_EVENT_TYPES.join(' | ')} 之一，收到${JSON.stringify(ctx.data) ?? '空值'}`,
      }),
    }),
    date: isoDate,
    workingDays: z
      .number({ invalid_type_error: '须为整数' })
      .int('须为整数')
      .min(1, '须至少为1')
      .max(250, '不能超过250')
      .optional(),
    until: isoDate.optional(),
  })
  .strict()
  .superRefine((e, ctx) => {
    if (e.type === 'extended' && e.workingDays === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['workingDays'],
        message: '缺失（extended 事件须给出延长的工作日数）',
      });
    if (e.type !== 'extended' && e.workingDays !== undefined)
      ctx.addIssue({ code: 'custom', path: ['workingDays'], message: '只用于 extended 事件' });
    if (e.type === 'delayed' && e.until === undefined)
      ctx.addIssue({ code: 'custom', path: ['until'], message: '缺失（delayed 事件须给出确定的答复日期）' });
    if (e.until !== undefined && e.type !== 'delayed' && e.type !== 'correctionAsked')
      ctx.addIssue({ code: 'custom', path: ['until'], message: '只用于 delayed 和 correctionAsked 事件' });
    if (e.until !== undefined && e.until < e.date)
      ctx.addIssue({ code: 'custom', path: ['until'], message: `早于事件日期 ${e.date}` });
  });

export type DeadlineEvent = z.infer<typeof deadlineEventSchema>;

export const deadlineEventsSchema = z
  .array(deadlineEventSchema, { invalid_type_error: '输入须为事件的 JSON 数组' })
  .refine((events) => events.some((e) => e.type === 'received'), '事件中没有 received（收到申请），无法起算');
