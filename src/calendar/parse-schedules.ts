import type { OfficialSchedule } from './official-schedules.ts';
import { schedulesSchema } from './schedule.schema.ts';

export type ParsedSchedules =
  | { readonly ok: true; readonly schedules: readonly OfficialSchedule[] }
  | { readonly ok: false; readonly errors: readonly string[] };

/** Validates schedules; each error names where it is ('2024年 makeUpWorkdays 第3项：…'). Never throws. */
export const parseSchedules = (input: unknown): ParsedSchedules => {
  const result = schedulesSchema.safeParse(input);
  if (result.success) return { ok: true, schedules: result.data };
  const list = Array.isArray(input) ? input : [];
  return {
    ok: false,
    errors: result.error.issues.map((issue) => {
      const [index, field, item] = issue.path;
      if (typeof index !== 'number') return issue.message;
      const entry: unknown = list[index];
      const year =
        typeof entry === 'object' && entry !== null && 'year' in entry
          ? `${String(entry.year)}年`
          : `第${index + 1}项`;
      const where = [year, field, typeof item === 'number' ? `第${item + 1}项` : undefined]
        .filter((p) => p !== undefined)
        .join(' ');
      return `${where}：${issue.message}`;
    }),
  };
};
