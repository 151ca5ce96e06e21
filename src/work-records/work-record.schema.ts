import { z } from 'zod';
import { isIsoDate } from '../calendar/day.ts';
import {
  fieldLabel,
  isWorkRecordKind,
  WORK_RECORD_FIELDS,
  type WorkRecordField,
  type WorkRecordKind,
} from './work-record-kinds.ts';
import { normalizeYuan } from './yuan.ts';

/** A work record as entered, cleaned: the fields its kind does not use are null. */
export interface WorkRecordInput {
  readonly kind: WorkRecordKind;
  readonly date: string;
  readonly title: string;
  readonly participants: number | null;
  readonly cost: string | null;
  readonly items: number | null;
  readonly account: string | null;
  readonly note: string | null;
}

const text = z.preprocess((v) => (typeof v === 'string' ? v.trim() : v === undefined ? '' : v), z.string());

const MAX_COUNT = 100_000_000;
const MAX_LENGTH: Record<'title' | 'account' | 'note', number> = { title: 200, account: 100, note: 500 };

/**
 * One schema for the workbench form and the demo: every field as text, checked by kind, with
 * Chinese messages naming the field as that kind labels it (参训人数, 发布信息条数 …).
 */
export const workRecordSchema = z
  .object({
    kind: text,
    date: text,
    title: text,
    participants: text,
    cost: text,
    items: text,
    account: text,
    note: text,
  })
  .partial()
  .transform((raw, ctx): WorkRecordInput => {
    const kind = raw.kind ?? '';
    if (!isWorkRecordKind(kind)) {
      ctx.addIssue({ code: 'custom', path: ['kind'], message: '请选择工作类别' });
      return z.NEVER;
    }
    const uses = new Map(WORK_RECORD_FIELDS[kind].map((f) => [f.field, f.required]));
    const issue = (field: WorkRecordField, message: string) =>
      ctx.addIssue({ code: 'custom', path: [field], message: `${fieldLabel(kind, field)}${message}` });
    const value = (field: WorkRecordField): string | null => {
      if (!uses.has(field)) return null;
      const v = raw[field] ?? '';
      if (v === '') {
        if (uses.get(field))
          ctx.addIssue({ code: 'custom', path: [field], message: `请填写${fieldLabel(kind, field)}` });
        return null;
      }
      return v;
    };
    const count = (field: 'participants' | 'items'): number | null => {
      const v = value(field);
      if (v === null) return null;
      const digits = v.normalize('NFKC').replace(/[\s,，]/g, '');
      if (!/^\d{1,9}$/.test(digits) || Number(digits) > MAX_COUNT) {
        issue(field, '应为不小于 0 的整数');
        return null;
      }
      return Number(digits);
    };
    const limited = (field: 'title' | 'account' | 'note'): string | null => {
      const v = value(field);
      if (v !== null && v.length > MAX_LENGTH[field]) issue(field, `不能超过 ${MAX_LENGTH[field]} 个字`);
      return v;
    };
    const date = value('date') ?? '';
    if (date !== '' && !isIsoDate(date)) issue('date', '应为 YYYY-MM-DD 格式的有效日期');
    const costText = value('cost');
    const cost = costText === null ? null : normalizeYuan(costText);
    if (cost === undefined) issue('cost', '应为不小于 0 的金额，最多两位小数');
    return {
      kind,
      date,
      title: limited('title') ?? '',
      participants: count('participants'),
      cost: cost ?? null,
      items: count('items'),
      account: limited('account'),
      note: limited('note'),
    };
  });
