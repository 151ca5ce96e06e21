import { describe, expect, it } from 'vitest';
import { runCli } from './run-cli.ts';

const deadline = (stdin: string, args: string[] = []) =>
  runCli(['deadline', ...args], 60_000, process.env, stdin);

const EXAMPLE = JSON.stringify([
  { type: 'received', date: '2024-09-27' },
  { type: 'consultationStarted', date: '2024-10-10' },
  { type: 'consultationEnded', date: '2024-10-24' },
  { type: 'extended', date: '2024-11-01', workingDays: 20 },
]);

describe('gongkai deadline < events.json', () => {
  it('prints the result as indented JSON, exit 0', async () => {
    const r = await deadline(EXAMPLE);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('\n  "due": "2024-12-12"');
    const result = JSON.parse(r.stdout) as {
      due: string;
      provisional: boolean;
      steps: unknown[];
      warnings: unknown[];
    };
    expect(result).toMatchObject({ due: '2024-12-12', provisional: false, warnings: [] });
    expect(result.steps).toHaveLength(4);
  });

  it('--compact prints one line', async () => {
    const r = await deadline(
      '[{"type":"received","date":"2024-09-27"},{"type":"feeNoticed","date":"2024-10-09"}]',
      ['--compact'],
    );
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split('\n')).toHaveLength(1);
    expect(JSON.parse(r.stdout)).toMatchObject({
      due: null,
      waitingFor: { what: 'feePayment', by: '2024-11-05' },
    });
  });

  it('computes what the law would not allow, with warnings, exit 0', async () => {
    const r = await deadline(
      '[{"type":"received","date":"2024-09-27"},{"type":"extended","date":"2024-10-25","workingDays":25}]',
    );
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ due: '2024-12-04' });
    expect(r.stdout).toContain('超过条例第三十三条规定的20个工作日');
  });

  it.each([
    [
      '[{"type":"received","date":"2024-09-27"},{"type":"extended","date":"2024-02-30","workingDays":3}]',
      '第2个事件的 date 不是有效日期',
    ],
    [
      '[{"type":"received","date":"2024-09-27"},{"type":"extended","date":"2024-10-01"}]',
      '第2个事件的 workingDays 缺失',
    ],
    [
      '[{"type":"received","date":"2024-09-27"},{"type":"delayed","date":"2024-10-01"}]',
      '第2个事件的 until 缺失',
    ],
    ['{"type":"received"}', '输入须为事件的 JSON 数组'],
    ['[', '输入不是有效的 JSON'],
    ['', '输入不是有效的 JSON'],
    ['[]', '事件中没有 received'],
  ])('malformed %s → exit 2', async (stdin, message) => {
    const r = await deadline(stdin);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain(message);
  });
});
