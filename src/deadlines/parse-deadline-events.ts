import type { z } from 'zod';
import { type DeadlineEvent, deadlineEventsSchema } from './deadline-event.ts';

export type ParsedDeadlineEvents =
  | { readonly ok: true; readonly events: readonly DeadlineEvent[] }
  | { readonly ok: false; readonly errors: readonly string[] };

const describe = (issue: z.ZodIssue): string => {
  const [index, field] = issue.path;
  if (typeof index !== 'number') return issue.message;
  const which = `第${index + 1}个事件`;
  if (issue.code === 'unrecognized_keys') return `${which}有未知字段 ${issue.keys.join('、')}`;
  if (field === undefined) return `${which}${issue.code === 'invalid_type' ? '须为对象' : issue.message}`;
  return `${which}的 ${String(field)} ${issue.message}`;
};

/** Checks events; each error names the event and its field ('第2个事件的 date 不是有效日期'). Never throws. */
export const parseDeadlineEvents = (input: unknown): ParsedDeadlineEvents => {
  const result = deadlineEventsSchema.safeParse(input);
  return result.success
    ? { ok: true, events: result.data }
    : { ok: false, errors: result.error.issues.map(describe) };
};
