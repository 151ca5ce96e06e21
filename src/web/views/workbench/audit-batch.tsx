import type { ComponentChildren } from 'preact';
import type { AuditBatch, AuditBatchFile, FileFilter } from '../../../reports/audit/store.ts';
import { FILE_FILTER_LABELS, FILE_FILTERS, fileFindings } from '../../../reports/audit/store.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import { DataTable } from '../components/table.tsx';

const STATUS_LABEL = { parsed: '已解析', failed: '解析失败' } as const;

export const AuditBatchList = ({
  batches,
  children,
}: {
  batches: readonly AuditBatch[];
  /** Shown between the introduction and the batches (the upload form and the uploads). */
  children?: ComponentChildren;
}) => (
  <>
    <h1>年报批量核查</h1>
    <p class="lead">
      在此上传或用 <code>gongkai audit … --store 名称</code>{' '}
      保存的各批核查结果：每个文件的解析情况、错误和警告，可筛选、导出。
    </p>
    {children}
    <DataTable
      caption="已保存的核查批次（最新的在前）"
      rows={batches}
      rowKey={(b) => b.id}
      empty="还没有保存的核查批次。"
      columns={[
        { header: '批次', cell: (b) => <a href={`/workbench/audits/${b.id}`}>{b.name}</a> },
        { header: '保存时间（北京时间）', cell: (b) => beijingDateTime(b.created_at), nowrap: true },
        { header: '文件数', cell: (b) => b.file_count, numeric: true },
        { header: '解析失败', cell: (b) => b.failed_count, numeric: true },
        { header: '错误', cell: (b) => b.error_count, numeric: true },
        { header: '警告', cell: (b) => b.warning_count, numeric: true },
      ]}
    />
  </>
);

const findingSummary = (row: AuditBatchFile) => {
  if (row.status === 'failed') return row.error ?? '';
  const findings = fileFindings(row).filter((f) => f.severity !== 'info');
  if (findings.length === 0) return '—';
  return (
    <ul class="changes">
      {findings.slice(0, 5).map((f, i) => (
        <li key={i}>
          [{f.severity === 'error' ? '错误' : '警告'}] {f.rule}：{f.message}
        </li>
      ))}
      {findings.length > 5 ? <li>另有 {findings.length - 5} 项</li> : null}
    </ul>
  );
};

export interface BatchFilesProps {
  readonly batch: AuditBatch;
  readonly files: readonly AuditBatchFile[];
  readonly filter: FileFilter;
  readonly rule: string;
  readonly total: number;
  readonly page: number;
  readonly pageCount: number;
  /** Builds the link of this view with other values. */
  readonly href: (changes: { page?: number; format?: 'csv' | 'xlsx' }) => string;
}

export const AuditBatchDetail = ({
  batch,
  files,
  filter,
  rule,
  total,
  page,
  pageCount,
  href,
}: BatchFilesProps) => (
  <>
    <p>
      <a href="/workbench/audits">← 全部核查批次</a>
    </p>
    <h1>{batch.name}</h1>
    <p class="lead">
      保存于 {beijingDateTime(batch.created_at)}：共 {batch.file_count} 个文件，解析失败 {batch.failed_count}{' '}
      个，错误 {batch.error_count} 项，警告 {batch.warning_count} 项。
    </p>
    <form method="get" action={`/workbench/audits/${batch.id}`} class="filters" aria-label="筛选文件">
      <label for="audit-filter">文件</label>
      <select id="audit-filter" name="filter">
        {FILE_FILTERS.map((f) => (
          <option key={f} value={f} selected={f === filter}>
            {FILE_FILTER_LABELS[f]}
          </option>
        ))}
      </select>
      <label for="audit-rule">规则代码</label>
      <input
        id="audit-rule"
        name="rule"
        type="text"
        value={rule}
        placeholder="如 S3-BALANCE"
        maxLength={60}
      />
      <button type="submit">筛选</button>
    </form>
    <p>
      符合条件的文件 {total} 个。导出：<a href={href({ format: 'csv' })}>CSV</a>、
      <a href={href({ format: 'xlsx' })}>Excel（XLSX）</a>
    </p>
    <DataTable
      caption={`核查结果（第 ${page} / ${Math.max(1, pageCount)} 页）`}
      rows={files}
      wide
      rowKey={(f) => f.position}
      empty="没有符合条件的文件。"
      columns={[
        { header: '序号', cell: (f) => f.position + 1, numeric: true },
        { header: '文件', cell: (f) => f.path },
        { header: '状态', cell: (f) => STATUS_LABEL[f.status], nowrap: true },
        { header: '机关', cell: (f) => f.agency ?? '—' },
        { header: '年度', cell: (f) => f.year ?? '—', numeric: true },
        { header: '版本', cell: (f) => (f.edition ? `${f.edition}年版` : '—'), nowrap: true },
        { header: '错误', cell: (f) => f.error_count, numeric: true },
        { header: '警告', cell: (f) => f.warning_count, numeric: true },
        { header: '问题', cell: findingSummary },
      ]}
    />
    <nav class="pager" aria-label="翻页">
      {page > 1 ? <a href={href({ page: page - 1 })}>上一页</a> : null}{' '}
      {page < pageCount ? <a href={href({ page: page + 1 })}>下一页</a> : null}
    </nav>
  </>
);
