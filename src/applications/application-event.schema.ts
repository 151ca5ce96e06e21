import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';
import type { DeadlineEvent, DeadlineEventType } from '../deadlines/deadline-event.ts';
import { MAX_EXTENSION_WORKING_DAYS } from '../deadlines/periods.ts';

/** The events staff record after intake: every clock event but 'received', which intake makes. */
export const RECORDABLE_EVENT_TYPES = [
  'correctionAsked',
  'correctionReceived',
  'consultationStarted',
  'consultationEnded',
  'extended',
  'feeNoticed',
  'feePaid',
  'delayed',
] as const satisfies readonly Exclude<DeadlineEventType, 'received'>[];

const date = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .refine(isIsoDate, `${label}应为 YYYY-MM-DD 格式的有效日期`);

const blankToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);

const count = (label: string) =>
  z.preprocess(
    blankToUndefined,
    z.coerce
      .number({ invalid_type_error: `${label}应为整数` })
      .int(`${label}应为整数`)
      .min(0, `${label}不能为负数`)
      .max(1_000_000, `${label}过大`)
      .optional(),
  );

/**
 * One clock event as the workbench form (and later the API) gives it. The rules that depend on
 * the application's other events (Art. 30, 33) are checked by recordApplicationEvent.
 */
export const recordEventSchema = z
  .object({
    type: z.enum(RECORDABLE_EVENT_TYPES, {
      errorMap: () => ({ message: '请选择事件类型' }),
    }),
    date: date('事件日期'),
    workingDays: z.preprocess(
      blankToUndefined,
      z.coerce
        .number({ invalid_type_error: '延长的工作日数应为整数' })
        .int('延长的工作日数应为整数')
        .min(1, '延长的工作日数至少为 1')
        .max(
          MAX_EXTENSION_WORKING_DAYS,
          `延长不能超过${MAX_EXTENSION_WORKING_DAYS}个工作日（条例第三十三条）`,
        )
        .optional(),
    ),
    until: z.preprocess(blankToUndefined, date('期限日期').optional()),
    note: z.preprocess(blankToUndefined, z.string().trim().max(500, '备注不能超过 500 个字').optional()),
    /** On a fee notice: how the amount is counted (信息处理费管理办法), and the count. */
    feeMethod: z.preprocess(
      blankToUndefined,
      z
        .enum(['perApplication', 'perQuantity'], { errorMap: () => ({ message: '请选择计费方式' }) })
        .optional(),
    ),
    nth: count('本申请是该申请人当月的第几件申请'),
    pages: count('页数'),
    electronicFiles: count('电子文件数'),
  })
  .superRefine((e, ctx) => {
    if (e.type === 'extended' && e.workingDays === undefined)
      ctx.addIssue({ code: 'custom', path: ['workingDays'], message: '请填写延长的工作日数' });
    if (e.type !== 'extended' && e.workingDays !== undefined)
      ctx.addIssue({ code: 'custom', path: ['workingDays'], message: '只有延长答复期限才填写工作日数' });
    if (e.type === 'correctionAsked' && e.until === undefined)
      ctx.addIssue({ code: 'custom', path: ['until'], message: '请填写补正告知书中给申请人的补正期限' });
    if (e.type === 'delayed' && e.until === undefined)
      ctx.addIssue({ code: 'custom', path: ['until'], message: '请填写依条例第三十五条确定的答复日期' });
    if (e.until !== undefined && e.type !== 'delayed' && e.type !== 'correctionAsked')
      ctx.addIssue({
        code: 'custom',
        path: ['until'],
        message: '只有告知补正和第三十五条答复日期才填写期限',
      });
    if (e.type === 'feeNoticed' && e.feeMethod === undefined)
      ctx.addIssue({ code: 'custom', path: ['feeMethod'], message: '请选择计费方式（按件或按量）' });
    if (e.type !== 'feeNoticed' && (e.feeMethod ?? e.nth ?? e.pages ?? e.electronicFiles) !== undefined)
      ctx.addIssue({ code: 'custom', path: ['feeMethod'], message: '只有收费通知才填写计费信息' });
    if (e.type === 'feeNoticed' && e.feeMethod === 'perApplication' && e.nth === undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['nth'],
        message: '按件计收请填写本申请是该申请人当月的第几件申请',
      });
    if (
      e.type === 'feeNoticed' &&
      e.feeMethod === 'perQuantity' &&
      e.pages === undefined &&
      e.electronicFiles === undefined
    )
      ctx.addIssue({ code: 'custom', path: ['pages'], message: '按量计收请填写页数或电子文件数' });
    if (e.until !== undefined && e.until < e.date)
      ctx.addIssue({ code: 'custom', path: ['until'], message: '期限不能早于事件日期' });
  });

export type RecordEventInput = z.infer<typeof recordEventSchema>;

/** The deadline engine's event from a checked input or a stored row. */
export const toDeadlineEvent = (e: {
  type: DeadlineEventType;
  date: string;
  workingDays?: number | null | undefined;
  until?: string | null | undefined;
}): DeadlineEvent => ({
  type: e.type,
  date: e.date,
  ...(e.workingDays == null ? {} : { workingDays: e.workingDays }),
  ...(e.until == null ? {} : { until: e.until }),
});
