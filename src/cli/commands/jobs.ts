import type { Command } from 'commander';
import { systemActor } from '../../audit-log/actor.ts';
import { beijingDateTime } from '../../calendar/beijing-time.ts';
import { openDatabase } from '../../db/database.ts';
import { isAppError } from '../../errors/app-error.ts';
import { isJobState } from '../../jobs/job.ts';
import { JOB_STATE_LABELS, jobNameLabel } from '../../jobs/job-labels.ts';
import { openJobQueue } from '../../jobs/job-queue.ts';
import { retryJob } from '../../jobs/manage-jobs.ts';
import { configOrExit } from '../cli-config.ts';
import { UsageError } from '../usage-error.ts';

const withQueue = async (
  fn: (queue: ReturnType<typeof openJobQueue>, database: ReturnType<typeof openDatabase>) => Promise<void>,
) => {
  const config = configOrExit();
  if (!config) return;
  const database = openDatabase(config.databaseUrl);
  const queue = openJobQueue(database, { onError: () => {} });
  try {
    await fn(queue, database);
  } finally {
    await queue.stop();
    await database.close();
  }
};

/** `gongkai jobs list [--state s] [--name n] [--limit n]`: one line a job, newest first, tab-separated. */
const list = (flags: { state?: string; name?: string; limit: string }) => {
  if (flags.state !== undefined && !isJobState(flags.state))
    throw new UsageError(
      `--state 应为 created、retry、active、completed、cancelled 或 failed，而不是“${flags.state}”`,
    );
  const limit = Number(flags.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError('--limit 应为 1–1000 之间的整数');
  const state = flags.state !== undefined && isJobState(flags.state) ? flags.state : undefined;
  return withQueue(async (queue) => {
    const page = await queue.list({ state, name: flags.name, limit, offset: 0 });
    for (const job of page.jobs) {
      const cells = [
        job.id,
        jobNameLabel(job.name),
        JOB_STATE_LABELS[job.state],
        `${job.attempts}/${job.retryLimit + 1}`,
        beijingDateTime(job.createdOn),
        job.completedOn === null ? '' : beijingDateTime(job.completedOn),
        job.lastError ?? '',
      ];
      process.stdout.write(`${cells.join('\t')}\n`);
    }
    process.stderr.write(
      `共 ${page.total} 个任务${page.total > page.jobs.length ? `，显示最新的 ${page.jobs.length} 个` : ''}。\n`,
    );
  });
};

/** `gongkai jobs retry <id>`: a failed job runs again; audited as done from the command line. */
const retry = (id: string) =>
  withQueue(async (queue, database) => {
    try {
      await retryJob(queue, database.db, { id, actor: systemActor('命令行'), now: new Date() });
    } catch (error) {
      if (isAppError(error, 'NOT_FOUND') || isAppError(error, 'CONFLICT'))
        throw new UsageError(error.message);
      throw error;
    }
    process.stdout.write(`任务 ${id} 已重新排队。\n`);
  });

export const registerJobs = (program: Command): void => {
  const jobs = program.command('jobs').description('查看和重试后台任务（DATABASE_URL 的数据库）');
  jobs
    .command('list')
    .description('列出后台任务，最新的在前')
    .option('--state <state>', '只列出此状态的任务')
    .option('--name <name>', '只列出此名称的任务（如 calendar.recompute）')
    .option('--limit <n>', '最多列出多少个', '50')
    .action(list);
  jobs.command('retry').description('重试一个失败的任务').argument('<id>', '任务编号').action(retry);
};
