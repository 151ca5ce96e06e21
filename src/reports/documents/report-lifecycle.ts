import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../../audit-log/actor.ts';
import type { AuditAction } from '../../audit-log/audit-action.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/parse-input.ts';
import { findAgency } from '../../orgs/agency.repository.ts';
import { hasRole, type Principal } from '../../orgs/policy.ts';
import { ROLE_LABELS, type Role } from '../../orgs/role.ts';
import { editionForYear } from '../model/editions.ts';
import { type AnnualReport, findAnnualReport, findCompiledReport } from './annual-report.repository.ts';
import type { ReportStatus } from './annual-report.table.ts';
import { defaultTemplates, readTemplates } from './narrative.ts';
import { isLate } from './report-deadline.ts';
import { loadReportDocument, submissionBlockers } from './report-document.ts';

/**
 * The compiled report's life (issue 6, item 3): draft → submitted (figures locked) → approved
 * → published, or returned from submitted or approved to draft with a reason (unlocked). The
 * agency's publishers (发布员, who write the report; admins too) create, edit, submit and
 * publish; its approvers (负责人) approve or return. Each step is one transaction with its
 * audit row.
 */
export const STATUS_LABELS: Record<ReportStatus, string> = {
  draft: '草稿',
  submitted: '已提交待审核',
  approved: '已审核待发布',
  published: '已发布',
};

export const MIN_REPORT_YEAR = 2008;

export interface ActingAs {
  readonly principal: Principal;
  readonly actor: Actor;
  readonly now: Date;
}

const beijingToday = (now: Date): string => new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

const requireRole = (as: ActingAs, role: Role, agency: { path: string }): void => {
  if (!hasRole(as.principal, role, agency))
    throw new AppError('FORBIDDEN', `您没有该机关的“${ROLE_LABELS[role]}”权限，无法办理此事项。`);
};

/** The report, when the actor holds `role` over its agency; a compiled one in `statuses`. */
const loadFor = async (
  trx: Kysely<DB>,
  id: number,
  as: ActingAs,
  role: Role,
  statuses: readonly ReportStatus[],
): Promise<AnnualReport> => {
  const report = await findAnnualReport(trx, id);
  if (report === null) throw new AppError('NOT_FOUND', '未找到该年度报告。');
  requireRole(as, role, { path: report.agencyPath });
  if (report.source !== 'compiled')
    throw new AppError('CONFLICT', '往年导入的报告只能查看，不能修改。', [
      { field: '_form', message: '往年导入的报告只能查看，不能修改。' },
    ]);
  if (!statuses.includes(report.status)) {
    const message = `报告当前状态为“${STATUS_LABELS[report.status]}”，不能办理此操作。`;
    throw new AppError('CONFLICT', message, [{ field: '_form', message }]);
  }
  return report;
};

const audit = (
  trx: Kysely<DB>,
  as: ActingAs,
  action: AuditAction,
  report: Pick<AnnualReport, 'id' | 'agencyId'>,
  after: object,
  before?: object,
) =>
  recordAudit(trx, {
    at: as.now,
    ...actorFields(as.actor),
    action,
    entityType: 'annualReport',
    entityId: report.id,
    agencyId: report.agencyId,
    ...(before === undefined ? {} : { before }),
    after,
  });

const createSchema = z.object({
  agencyId: z.coerce.number({ invalid_type_error: '请选择机关' }).int().positive('请选择机关'),
  year: z.coerce
    .number({ invalid_type_error: '报告年度应为四位数的年份' })
    .int('报告年度应为四位数的年份')
    .min(MIN_REPORT_YEAR, `报告年度不能早于 ${MIN_REPORT_YEAR} 年`),
});

/** A new draft for the agency and year, in the edition that year uses. Returns its id. */
export async function createAnnualReport(db: Kysely<DB>, input: unknown, as: ActingAs): Promise<number> {
  const { agencyId, year } = parseInput(createSchema, input);
  const thisYear = Number(beijingToday(as.now).slice(0, 4));
  if (year > thisYear)
    throw new AppError('VALIDATION', `报告年度不能晚于今年（${thisYear} 年）`, [
      { field: 'year', message: `报告年度不能晚于今年（${thisYear} 年）` },
    ]);
  return withTransaction(db, async (trx) => {
    const agency = await findAgency(trx, agencyId);
    if (agency === null)
      throw new AppError('VALIDATION', '请选择机关', [{ field: 'agencyId', message: '请选择机关' }]);
    requireRole(as, 'publisher', agency);
    if ((await findCompiledReport(trx, agencyId, year)) !== null) {
      const message = `${agency.name}${year}年度报告已经建立，请在列表中打开它。`;
      throw new AppError('CONFLICT', message, [{ field: 'year', message }]);
    }
    const at = as.now.toISOString();
    const edition = editionForYear(year);
    const { id } = await trx
      .insertInto('annual_reports')
      .values({
        agency_id: agencyId,
        year,
        edition,
        source: 'compiled',
        status: 'draft',
        cells_json: null,
        narrative_json: JSON.stringify(defaultTemplates()),
        acknowledgements_json: '{}',
        created_at: at,
        updated_at: at,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await audit(trx, as, 'annualReport.create', { id, agencyId }, { year, edition });
    return id;
  });
}

/** The clerk's narrative (fields section1 … section6, templates with placeholders), while a draft. */
export async function saveNarrative(db: Kysely<DB>, id: number, input: unknown, as: ActingAs): Promise<void> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'publisher', ['draft']);
    const templates = readTemplates(report.edition, (input ?? {}) as Record<string, unknown>);
    await trx
      .updateTable('annual_reports')
      .set({ narrative_json: JSON.stringify(templates), updated_at: as.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      as,
      'annualReport.save',
      report,
      { narrative: templates },
      { narrative: report.templates },
    );
  });
}

const acknowledgeSchema = z.object({
  key: z.string({ required_error: '缺少校验提示' }).min(1, '缺少校验提示').max(2000),
  explanation: z.string().trim().max(1000, '说明不能超过 1000 个字').optional().default(''),
});

/**
 * Acknowledges a validator finding with a written explanation (it prints as a footnote), or
 * withdraws the acknowledgement when the explanation is blank. Only a finding the report has now.
 */
export async function acknowledgeFinding(
  db: Kysely<DB>,
  id: number,
  input: unknown,
  as: ActingAs,
): Promise<void> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'publisher', ['draft']);
    const { key, explanation } = parseInput(acknowledgeSchema, input);
    const document = await loadReportDocument(trx, report);
    if (!document.findings.some((f) => f.key === key))
      throw new AppError('VALIDATION', '该校验提示已不存在，请刷新页面', [
        { field: 'explanation', message: '该校验提示已不存在，请刷新页面' },
      ]);
    const acknowledgements: Record<string, string> = { ...report.acknowledgements };
    if (explanation === '') delete acknowledgements[key];
    else acknowledgements[key] = explanation;
    await trx
      .updateTable('annual_reports')
      .set({ acknowledgements_json: JSON.stringify(acknowledgements), updated_at: as.now.toISOString() })
      .where('id', '=', id)
      .execute();
    await audit(trx, as, 'annualReport.acknowledge', report, { key, explanation });
  });
}

/**
 * Submits the draft for approval: its figures are locked as compiled at this moment (and the
 * work records' sentences with them). Refused while an error finding has no explanation.
 */
export async function submitReport(db: Kysely<DB>, id: number, as: ActingAs): Promise<void> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'publisher', ['draft']);
    const document = await loadReportDocument(trx, report);
    const blockers = submissionBlockers(document.findings);
    if (blockers.length > 0) {
      const message = `报告有 ${blockers.length} 个错误尚未说明，不能提交：${blockers
        .map((b) => b.finding.message)
        .join('；')}。请更正记录，或在校验提示下写明原因。`;
      throw new AppError('VALIDATION', message, [{ field: '_form', message }]);
    }
    const at = as.now.toISOString();
    await trx
      .updateTable('annual_reports')
      .set({
        status: 'submitted',
        cells_json: JSON.stringify(document.sources.cells),
        generated_json: JSON.stringify({ workSentences: document.sources.workSentences }),
        submitted_at: at,
        submitted_by: as.actor.userId,
        returned_reason: null,
        updated_at: at,
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, as, 'annualReport.submit', report, {
      status: 'submitted',
      cells: document.sources.cells,
    });
  });
}

/** The approver (负责人) approves the submitted report. */
export async function approveReport(db: Kysely<DB>, id: number, as: ActingAs): Promise<void> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'approver', ['submitted']);
    const at = as.now.toISOString();
    await trx
      .updateTable('annual_reports')
      .set({ status: 'approved', approved_at: at, approved_by: as.actor.userId, updated_at: at })
      .where('id', '=', id)
      .execute();
    await audit(trx, as, 'annualReport.approve', report, { status: 'approved' });
  });
}

const returnSchema = z.object({
  reason: z
    .string({ required_error: '请填写退回理由' })
    .trim()
    .min(1, '请填写退回理由')
    .max(1000, '退回理由不能超过 1000 个字'),
});

/** The approver returns a submitted or approved report to draft, with a reason: unlocked again. */
export async function returnReport(db: Kysely<DB>, id: number, input: unknown, as: ActingAs): Promise<void> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'approver', ['submitted', 'approved']);
    const { reason } = parseInput(returnSchema, input);
    await trx
      .updateTable('annual_reports')
      .set({
        status: 'draft',
        cells_json: null,
        generated_json: null,
        submitted_at: null,
        submitted_by: null,
        approved_at: null,
        approved_by: null,
        returned_reason: reason,
        updated_at: as.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(
      trx,
      as,
      'annualReport.return',
      report,
      { status: 'draft', reason },
      { status: report.status },
    );
  });
}

/**
 * Publishes the approved report on the portal today (Beijing date); after the statutory day it
 * is recorded as late. Returns whether it was late.
 */
export async function publishReport(db: Kysely<DB>, id: number, as: ActingAs): Promise<{ late: boolean }> {
  return withTransaction(db, async (trx) => {
    const report = await loadFor(trx, id, as, 'publisher', ['approved']);
    const publishedOn = beijingToday(as.now);
    const late = isLate(publishedOn, report.deadline);
    await trx
      .updateTable('annual_reports')
      .set({
        status: 'published',
        published_on: publishedOn,
        published_late: late ? 1 : 0,
        updated_at: as.now.toISOString(),
      })
      .where('id', '=', id)
      .execute();
    await audit(trx, as, 'annualReport.publish', report, {
      status: 'published',
      publishedOn,
      deadline: report.deadline,
      late,
    });
    return { late };
  });
}
