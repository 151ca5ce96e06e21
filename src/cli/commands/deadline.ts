import type { Command } from 'commander';
import { type CalendarSource, snapshotCalendarSource } from '../../calendar/calendar-source.ts';
import { computeDeadline } from '../../deadlines/compute-deadline.ts';
import { parseDeadlineEvents } from '../../deadlines/parse-deadline-events.ts';
import { UsageError } from '../usage-error.ts';

/** Exit status for events that are not valid JSON or break the event format. */
export const EXIT_BAD_EVENTS = 2;

const readStdin = async (): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks).toString('utf8');
};

const fail = (messages: readonly string[]) => {
  for (const m of messages) process.stderr.write(`gongkai: ${m}\n`);
  process.exitCode = EXIT_BAD_EVENTS;
};

/**
 * `gongkai deadline < events.json`: the reply deadline derived from a JSON array of events.
 * Prints the result as indented JSON (`--compact`: one line). Exit 0 when computed, 2 for
 * malformed input with each problem named in Chinese on stderr.
 */
export const registerDeadline = (program: Command, source: CalendarSource = snapshotCalendarSource): void => {
  program
    .command('deadline')
    .description('从标准输入读取事件 JSON 数组，计算答复期限并说明计算过程')
    .option('--compact', '输出单行 JSON')
    .action(async (flags: { compact?: boolean }) => {
      if (process.stdin.isTTY)
        throw new UsageError('请从标准输入提供事件 JSON 数组，例如 gongkai deadline < events.json');
      const text = await readStdin();
      let input: unknown;
      try {
        input = JSON.parse(text);
      } catch (e) {
        fail([`输入不是有效的 JSON：${e instanceof Error ? e.message : String(e)}`]);
        return;
      }
      const parsed = parseDeadlineEvents(input);
      if (!parsed.ok) {
        fail(parsed.errors);
        return;
      }
      const result = computeDeadline(parsed.events, await source());
      process.stdout.write(`${flags.compact ? JSON.stringify(result) : JSON.stringify(result, null, 2)}\n`);
    });
};
