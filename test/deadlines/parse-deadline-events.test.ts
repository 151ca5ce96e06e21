import { describe, expect, it } from 'vitest';
import { parseDeadlineEvents } from '../../src/deadlines/parse-deadline-events.ts';

const errors = (input: unknown): readonly string[] => {
  const r = parseDeadlineEvents(input);
  return r.ok ? [] : r.errors;
};

const received = { type: 'received', date: '2024-09-27' };

describe('parseDeadlineEvents: field-level messages in Chinese', () => {
  it('accepts the issue’s format', () => {
    const r = parseDeadlineEvents([
      received,
      { type: 'extended', date: '2024-10-25', workingDays: 10 },
      { type: 'delayed', date: '2024-10-26', until: '2024-12-31' },
      { type: 'correctionAsked', date: '2024-09-30', until: '2024-10-15' },
    ]);
    expect(r.ok).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ received }, '输入须为事件的 JSON 数组'],
    [[], '事件中没有 received（收到申请），无法起算'],
    [[received, { type: 'received', date: '2024-02-30' }], '第2个事件的 date 不是有效日期（YYYY-MM-DD）'],
    [[received, { type: 'received', date: 20240927 }], '第2个事件的 date 须为日期字符串 YYYY-MM-DD'],
    [[received, { type: 'received' }], '第2个事件的 date 缺失'],
    [[received, { type: 'decided', date: '2024-10-01' }], '第2个事件的 type 须为 received | correctionAsked'],
    [
      [received, { type: 'extended', date: '2024-10-01' }],
      '第2个事件的 workingDays 缺失（extended 事件须给出延长的工作日数）',
    ],
    [
      [received, { type: 'extended', date: '2024-10-01', workingDays: 2.5 }],
      '第2个事件的 workingDays 须为整数',
    ],
    [
      [received, { type: 'extended', date: '2024-10-01', workingDays: 0 }],
      '第2个事件的 workingDays 须至少为1',
    ],
    [[{ ...received, workingDays: 3 }], '第1个事件的 workingDays 只用于 extended 事件'],
    [
      [received, { type: 'delayed', date: '2024-10-01' }],
      '第2个事件的 until 缺失（delayed 事件须给出确定的答复日期）',
    ],
    [
      [received, { type: 'delayed', date: '2024-10-01', until: '2024-09-01' }],
      '第2个事件的 until 早于事件日期 2024-10-01',
    ],
    [[{ ...received, until: '2024-12-01' }], '第1个事件的 until 只用于 delayed 和 correctionAsked 事件'],
    [[{ ...received, note: 'x' }], '第1个事件有未知字段 note'],
    [[received, 'received'], '第2个事件须为对象'],
  ])('%j → %s', (input, message) => {
    expect(errors(input).join('\n')).toContain(message);
  });
});
