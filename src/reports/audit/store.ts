import type { Insertable, Kysely, Selectable } from 'kysely';
import { type Actor, actorFields } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { Finding } from '../model/report.ts';
import { type AuditResult, countBySeverity } from './audit-result.ts';
import type { AuditBatchFileTable, AuditBatchTable } from './store.table.ts';

export type AuditBatch = Selectable<AuditBatchTable>;
export type AuditBatchFile = Selectable<AuditBatchFileTable>;
type FileRow = Omit<Insertable<AuditBatchFileTable>, 'batch_id'>;

/** Rows of one multi-row insert: 13 columns × 500 stays well under SQLite's bound-variable limit. */
const INSERT_CHUNK = 500;

/** The stored row of one file: what the workbench lists, without the report's cells or narrative. */
export const batchFileRow = (result: AuditResult, position: number): FileRow => {
  const parsed = result.status === 'parsed' ? result.report : null;
  const rules = [...new Set(result.findings.map((f) => f.rule))];
  return {
    position,
    path: result.file,
    status: result.status,
    agency: parsed?.agency ?? null,
    year: parsed?.year ?? null,
    edition: parsed?.edition ?? null,
    error_count: countBySeverity(result, 'error'),
    warning_count: countBySeverity(result, 'warning'),
    findings_json: JSON.stringify(result.findings),
    rules: rules.length > 0 ? ` ${rules.join(' ')} ` : '',
    error: result.status === 'failed' ? result.error : null,
  };
};

/**
 * Collects the rows of a batch as results come out (a compact row per file, never the whole
 * report, so 10,000+ files stay small), then stores them with `storeAuditBatch`.
 */
export class AuditBatchCollector {
  readonly rows: FileRow[] = [];
  add = (result: AuditResult): void => {
    this.rows.push(batchFileRow(result, this.rows.length));
  };
}

/**
 * Stores a batch and its files in ONE transaction (with its audit-log row): a batch is there
 * whole or not at all, also for 10,000+ files, inserted 500 rows a statement.
 */
export const storeAuditBatch = async (
  db: Kysely<DB>,
  input: { name: string; rows: readonly FileRow[]; actor: Actor; now?: Date },
): Promise<AuditBatch> => {
  const name = input.name.trim();
  if (name === '' || name.length > 200)
    throw new AppError('VALIDATION', '批次名称须为 1 至 200 个字', [
      { field: 'name', message: '批次名称须为 1 至 200 个字' },
    ]);
  const now = input.now ?? new Date();
  const counts = {
    file_count: input.rows.length,
    failed_count: input.rows.filter((r) => r.status === 'failed').length,
    error_count: input.rows.reduce((n, r) => n + r.error_count, 0),
    warning_count: input.rows.reduce((n, r) => n + r.warning_count, 0),
  };
  return withTransaction(db, async (trx) => {
    const batch = await trx
      .insertInto('audit_batches')
      .values({ name, created_at: now.toISOString(), created_by: input.actor.userId, ...counts })
      .returningAll()
      .executeTakeFirstOrThrow();
    for (let i = 0; i < input.rows.length; i += INSERT_CHUNK) {
      await trx
        .insertInto('audit_batch_files')
        .values(input.rows.slice(i, i + INSERT_CHUNK).map((r) => ({ ...r, batch_id: batch.id })))
        .execute();
    }
    const { actorUserId, actorLabel, ip } = actorFields(input.actor);
    await recordAudit(trx, {
      at: now,
      actorUserId,
      actorLabel,
      ip,
      action: 'auditBatch.store',
      entityType: 'audit_batch',
      entityId: batch.id,
      agencyId: null,
      after: { name, ...counts },
    });
    return batch;
  });
};

export const listAuditBatches = (db: Kysely<DB>): Promise<AuditBatch[]> =>
  db.selectFrom('audit_batches').selectAll().orderBy('id', 'desc').limit(500).execute();

export const findAuditBatch = async (db: Kysely<DB>, id: number): Promise<AuditBatch | null> =>
  (await db.selectFrom('audit_batches').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;

export const FILE_FILTERS = ['all', 'failed', 'errors', 'warnings', 'clean'] as const;
export type FileFilter = (typeof FILE_FILTERS)[number];

export const FILE_FILTER_LABELS: Record<FileFilter, string> = {
  all: '全部文件',
  failed: '解析失败',
  errors: '有错误',
  warnings: '有警告',
  clean: '无错误无警告',
};

export interface FileQuery {
  readonly filter?: FileFilter;
  /** A rule code, e.g. S3-BALANCE: only files with a finding of that rule. */
  readonly rule?: string;
}

const filesQuery = (db: Kysely<DB>, batchId: number, query: FileQuery) => {
  let q = db.selectFrom('audit_batch_files').where('batch_id', '=', batchId);
  switch (query.filter ?? 'all') {
    case 'failed':
      q = q.where('status', '=', 'failed');
      break;
    case 'errors':
      q = q.where('error_count', '>', 0);
      break;
    case 'warnings':
      q = q.where('warning_count', '>', 0);
      break;
    case 'clean':
      q = q.where('status', '=', 'parsed').where('error_count', '=', 0).where('warning_count', '=', 0);
      break;
    default:
      break;
  }
  const rule = query.rule?.trim();
  if (rule) q = q.where('rules', 'like', `% ${rule.replace(/[%_\s]/g, '')} %`);
  return q;
};

export const countAuditBatchFiles = async (
  db: Kysely<DB>,
  batchId: number,
  query: FileQuery,
): Promise<number> => {
  const row = await filesQuery(db, batchId, query)
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .executeTakeFirst();
  return Number(row?.n ?? 0);
};

export const listAuditBatchFiles = (
  db: Kysely<DB>,
  batchId: number,
  query: FileQuery & { offset: number; limit: number },
): Promise<AuditBatchFile[]> =>
  filesQuery(db, batchId, query)
    .selectAll()
    .orderBy('position')
    .offset(query.offset)
    .limit(query.limit)
    .execute();

/** Every file of a batch in batch order, read a chunk at a time (for the exports). */
export async function* eachAuditBatchFile(
  db: Kysely<DB>,
  batchId: number,
  query: FileQuery = {},
): AsyncGenerator<AuditBatchFile> {
  for (let offset = 0; ; offset += 1000) {
    const rows = await listAuditBatchFiles(db, batchId, { ...query, offset, limit: 1000 });
    yield* rows;
    if (rows.length < 1000) return;
  }
}

export const fileFindings = (row: AuditBatchFile): Finding[] => JSON.parse(row.findings_json) as Finding[];

/** The batch's files as the rows of `gongkai audit --format csv` (the same columns). */
export const exportRows = (row: AuditBatchFile): (string | number | null)[][] => {
  if (row.status === 'failed')
    return [[row.path, row.status, null, null, null, null, null, null, null, null, row.error]];
  const findings = fileFindings(row);
  if (findings.length === 0) return [[row.path, row.status, row.edition, row.year, row.agency]];
  return findings.map((f) => [
    row.path,
    row.status,
    row.edition,
    row.year,
    row.agency,
    f.rule,
    f.severity,
    f.cells.join(' '),
    f.expected ?? null,
    f.actual ?? null,
    f.message,
  ]);
};
