import type { JobState } from './job.ts';

export const JOB_STATE_LABELS: Record<JobState, string> = {
  created: '等待运行',
  retry: '等待重试',
  active: '运行中',
  completed: '已完成',
  cancelled: '已取消',
  failed: '失败',
};

/** The jobs of the application, by name, in the words of the admin page. */
export const JOB_NAME_LABELS: Readonly<Record<string, string>> = {
  'calendar.recompute': '重新计算全部期限',
  'deadline.reminders': '生成期限提醒',
  'audit.batch': '上传报告批量核查',
  'report.pdf': '生成年度报告 PDF',
  'applications.import': '导入申请',
  'search.merge': '整理全文检索索引',
};

export const jobNameLabel = (name: string): string => JOB_NAME_LABELS[name] ?? name;
