import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole, canAccessAgency, hasRole } from '../../../orgs/policy.ts';
import { WORK_RECORD_KIND_LABELS } from '../../../work-records/work-record-kinds.ts';
import {
  summarizeWorkRecords,
  type WorkRecordSummary,
  workRecordSentences,
} from '../../../work-records/work-record-summary.ts';
import {
  deleteWorkRecord,
  findWorkRecord,
  listWorkRecords,
  MIN_WORK_RECORD_YEAR,
  recordWorkRecord,
  updateWorkRecord,
  type WorkRecord,
} from '../../../work-records/work-records.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import {
  WorkRecordDeletePage,
  WorkRecordEditPage,
  type WorkRecordRow,
  WorkRecordsPage,
} from '../../views/workbench/work-records.tsx';
import { idParams } from '../params.ts';

const listQuery = z.object({
  agencyId: z.coerce.number().int().positive().max(2_147_483_647).optional().catch(undefined),
  year: z.coerce.number().int().min(MIN_WORK_RECORD_YEAR).max(2100).optional().catch(undefined),
  saved: z.string().optional(),
  deleted: z.string().optional(),
});

const publisherSomewhere = requireRoleSomewhere('publisher');
const FORBIDDEN = '您没有该机关的“发布员”权限，无法登记其工作记录。';

const FIGURE_UNITS = { participants: '人', items: '', cost: '元' } as const;

const presentRow = (r: WorkRecord): WorkRecordRow => ({
  id: r.id,
  date: r.date,
  kind: WORK_RECORD_KIND_LABELS[r.kind],
  title: r.account ? `${r.account}：${r.title}` : r.title,
  figures: [
    r.participants === null ? '' : `${r.participants}${FIGURE_UNITS.participants}`,
    r.items === null ? '' : `${r.items}${r.kind === 'newMedia' ? '条' : '项'}`,
    r.cost === null ? '' : `${r.cost}${FIGURE_UNITS.cost}`,
  ]
    .filter(Boolean)
    .join('，'),
  note: r.note ?? '',
});

const totalsOf = (s: WorkRecordSummary): [string, string][] => [
  ['教育培训', `${s.trainings.count}次，参训${s.trainings.participants}人次`],
  ['监督检查和考核', `${s.inspections.count}次`],
  ['平台建设', `${s.platform.count}项，投入${s.platform.cost}元`],
  ['政务新媒体', `${s.newMedia.accounts.length}个账号，发布信息${s.newMedia.posts}条`],
  ['网上政务服务事项', `${s.serviceItems.items}项`],
];

const valuesOf = (r: WorkRecord): Record<string, string> => ({
  kind: r.kind,
  date: r.date,
  title: r.title,
  participants: r.participants === null ? '' : String(r.participants),
  cost: r.cost ?? '',
  items: r.items === null ? '' : String(r.items),
  account: r.account ?? '',
  note: r.note ?? '',
});

const listUrl = (agencyId: number, year: string | number) =>
  `/workbench/work-records?agencyId=${agencyId}&year=${year}`;

/**
 * Work records for section 一 of the annual report (issue 6, item 6): GET/POST
 * /workbench/work-records (an agency's year: list, totals, sentences; add one), GET/POST
 * /workbench/work-records/:id (correct one), GET/POST …/:id/delete (confirm, then delete).
 * The agency's publishers (发布员, who write the report) and admins; a record of an agency the
 * user cannot see at all is a 404.
 */
export const workRecordRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const thisYear = () => Number(beijingDate(new Date().toISOString()).slice(0, 4));

  /**
   * The record named by `:id` and its agency, when the user is a publisher over it: a 404 when
   * the user holds no role over its agency (its existence is not told), else a 403.
   */
  const recordFor = async (
    request: FastifyRequest,
    id: number,
  ): Promise<{ record: WorkRecord; agency: Agency }> => {
    const record = await findWorkRecord(db, id);
    const agency = record === null ? null : await findAgency(db, record.agencyId);
    const principal = principalOf(request);
    if (record === null || agency === null || !canAccessAgency(principal, agency))
      throw new AppError('NOT_FOUND', '未找到该工作记录。');
    if (!hasRole(principal, 'publisher', agency)) throw new AppError('FORBIDDEN', FORBIDDEN);
    return { record, agency };
  };

  const listPage = async (
    request: FastifyRequest,
    options: {
      agencyId?: number | undefined;
      year?: number | undefined;
      values?: Record<string, string>;
      errors?: FieldErrors;
      notice?: string;
    },
  ) => {
    const agencies = agenciesWithRole(principalOf(request), 'publisher', await listAgencies(db));
    const agency =
      options.agencyId === undefined ? agencies[0] : agencies.find((a) => a.id === options.agencyId);
    if (agency === undefined) throw new AppError('FORBIDDEN', FORBIDDEN);
    const year = options.year ?? thisYear();
    const records = await listWorkRecords(db, agency.id, year);
    const summary = summarizeWorkRecords(year, records);
    return (
      <WorkRecordsPage
        agencies={agencies.map((a) => ({ value: String(a.id), label: a.name }))}
        agencyId={agency.id}
        agencyName={agency.name}
        year={year}
        rows={records.map(presentRow)}
        totals={totalsOf(summary)}
        sentences={workRecordSentences(summary)}
        values={options.values ?? { date: beijingDate(new Date().toISOString()) }}
        errors={options.errors ?? {}}
        csrfToken={request.session?.csrfToken ?? ''}
        notice={options.notice}
      />
    );
  };

  app.get(
    '/work-records',
    { schema: { querystring: listQuery }, preHandler: publisherSomewhere },
    async (request, reply) => {
      const { agencyId, year, saved, deleted } = request.query;
      const notice = saved !== undefined ? '已保存。' : deleted !== undefined ? '已删除。' : undefined;
      return reply.page(
        '政府信息公开工作记录',
        await listPage(request, { agencyId, year, ...(notice ? { notice } : {}) }),
      );
    },
  );

  app.post('/work-records', { preHandler: publisherSomewhere }, async (request, reply) => {
    const values = formValues(request.body);
    const agencyId = Number(values.agencyId);
    const agency = Number.isSafeInteger(agencyId) && agencyId > 0 ? await findAgency(db, agencyId) : null;
    if (agency === null)
      throw new AppError('VALIDATION', '请选择机关', [{ field: 'agencyId', message: '请选择机关' }]);
    if (!hasRole(principalOf(request), 'publisher', agency)) throw new AppError('FORBIDDEN', FORBIDDEN);
    try {
      const record = await recordWorkRecord(db, {
        agencyId: agency.id,
        input: values,
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(`${listUrl(agency.id, record.date.slice(0, 4))}&saved=1`, 303);
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const year = /^\d{4}/.test(values.date ?? '') ? Number(values.date?.slice(0, 4)) : undefined;
      const page = await listPage(request, {
        agencyId: agency.id,
        year: year !== undefined && year >= MIN_WORK_RECORD_YEAR && year <= 2100 ? year : undefined,
        values,
        errors,
      });
      return reply.page('政府信息公开工作记录', page, 400);
    }
  });

  const editPage = (
    request: FastifyRequest,
    record: WorkRecord,
    agency: Agency,
    values: Record<string, string>,
    errors: FieldErrors,
  ) => (
    <WorkRecordEditPage
      id={record.id}
      agencyName={agency.name}
      back={listUrl(agency.id, record.date.slice(0, 4))}
      values={values}
      errors={errors}
      csrfToken={request.session?.csrfToken ?? ''}
    />
  );

  app.get(
    '/work-records/:id',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { record, agency } = await recordFor(request, request.params.id);
      return reply.page('修改工作记录', editPage(request, record, agency, valuesOf(record), {}));
    },
  );

  app.post(
    '/work-records/:id',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { record, agency } = await recordFor(request, request.params.id);
      const values = formValues(request.body);
      try {
        const saved = await updateWorkRecord(db, {
          id: record.id,
          input: values,
          actor: actorOf(request),
          now: new Date(),
        });
        return reply.redirect(`${listUrl(agency.id, saved.date.slice(0, 4))}&saved=1`, 303);
      } catch (error) {
        return reply.page(
          '修改工作记录',
          editPage(request, record, agency, values, fieldErrorsOf(error)),
          400,
        );
      }
    },
  );

  const deletePage = (request: FastifyRequest, record: WorkRecord, agency: Agency, error?: string) => (
    <WorkRecordDeletePage
      row={presentRow(record)}
      back={listUrl(agency.id, record.date.slice(0, 4))}
      error={error}
      csrfToken={request.session?.csrfToken ?? ''}
    />
  );

  app.get(
    '/work-records/:id/delete',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { record, agency } = await recordFor(request, request.params.id);
      return reply.page('删除工作记录', deletePage(request, record, agency));
    },
  );

  app.post(
    '/work-records/:id/delete',
    { schema: { params: idParams }, preHandler: requireLogin },
    async (request, reply) => {
      const { record, agency } = await recordFor(request, request.params.id);
      if (formValues(request.body).confirm !== 'yes')
        return reply.page(
          '删除工作记录',
          deletePage(request, record, agency, '请勾选“我确认删除这条工作记录”'),
          400,
        );
      await deleteWorkRecord(db, { id: record.id, actor: actorOf(request), now: new Date() });
      return reply.redirect(`${listUrl(agency.id, record.date.slice(0, 4))}&deleted=1`, 303);
    },
  );
};
