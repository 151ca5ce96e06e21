import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadCalendar } from '../../../calendar/calendar-store.ts';
import { article20Label } from '../../../disclosure/article-20.ts';
import { addAttachment, listAttachments } from '../../../disclosure/attachments.ts';
import {
  type DisclosureItem,
  DOCUMENT_TYPE_LABELS,
  VALIDITY_LABELS,
} from '../../../disclosure/disclosure-item.table.ts';
import {
  createItem,
  findItem,
  publishItem,
  updateItem,
  withdrawItem,
} from '../../../disclosure/disclosure-items.ts';
import {
  pageWorkbenchItems,
  WORKBENCH_LIST_LIMIT,
  WORKBENCH_MAX_PAGE,
} from '../../../disclosure/list-workbench-items.ts';
import { isLate, publicationDeadline } from '../../../disclosure/publication-deadline.ts';
import {
  approveItem,
  recordItemReview,
  requestReview,
  STAGES,
  type Stage,
  setValidity,
  stageOf,
} from '../../../disclosure/publishing-workflow.ts';
import { sourceApplicationOf } from '../../../disclosure/release-to-all.ts';
import { sanitizeHtml } from '../../../disclosure/sanitize-html.ts';
import { AppError } from '../../../errors/app-error.ts';
import { findAgency, listAgencies } from '../../../orgs/agency.repository.ts';
import type { Agency } from '../../../orgs/agency.table.ts';
import { agenciesWithRole, canAccessAgency, hasRole, type Principal } from '../../../orgs/policy.ts';
import type { Role } from '../../../orgs/role.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues, listOf } from '../../forms/parse-form.ts';
import { fieldOf } from '../../forms/uploads.ts';
import { actorOf, principalOf, requireLogin, requireRoleSomewhere } from '../../plugins/auth.ts';
import { beijingDate } from '../../presenters/dates.ts';
import { itemHref } from '../../presenters/disclosure-item.presenter.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { type DisclosureAbilities, DisclosureDetail } from '../../views/workbench/disclosure-detail.tsx';
import { DisclosureNew } from '../../views/workbench/disclosure-form.tsx';
import { DisclosureList, type DisclosureRowView } from '../../views/workbench/disclosure-list.tsx';
import { idParams } from '../params.ts';

const anyPublisher = requireRoleSomewhere('publisher');

const listQuery = z.object({
  stage: z.string().optional(),
  late: z.string().optional(),
  q: z.string().max(100).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(WORKBENCH_MAX_PAGE).catch(1),
});
const doneQuery = z.object({ done: z.string().optional() });

const DONE: Readonly<Record<string, string>> = {
  created: '草稿已保存。可以上传附件，然后送保密审查。',
  saved: '草稿已保存。',
  attached: '附件已上传。',
  requested: '已送保密审查。',
  reviewed: '保密审查结果已记录。',
  approved: '审批意见已记录。',
  published: '已发布到政府门户网站。',
  withdrawn: '已从政府门户网站撤回。',
  validity: '效力状态已更新。',
  released: '已据申请生成主动公开草稿：请核对内容，删去个人信息，然后送保密审查。',
};

/** The item form as the domain's input: the portal box and the new-media accounts are one list. */
const itemInputOf = (body: unknown) => {
  const v = formValues(body);
  const portal = listOf((body as Record<string, unknown> | null)?.channels).includes('portal');
  return {
    title: v.title,
    bodyHtml: v.bodyHtml,
    documentNumber: v.documentNumber,
    issuingAgency: v.issuingAgency,
    madeOn: v.madeOn,
    changedOn: v.changedOn,
    article20Item: v.article20Item,
    category: v.category,
    tags: v.tags ?? '',
    channels: [...(portal ? ['portal'] : []), ...(v.newMedia ?? '').split(/[,，、;；\n]+/)],
    documentType: v.documentType,
    validity: v.validity,
    repealedOn: v.repealedOn,
  };
};

/** The form's values again after a refusal (the portal box as 'portal' or ''). */
const valuesOf = (body: unknown): Record<string, string> => {
  const values = formValues(body);
  values.portal = listOf((body as Record<string, unknown> | null)?.channels).includes('portal')
    ? 'portal'
    : '';
  return values;
};

const itemValues = (item: DisclosureItem): Record<string, string> => ({
  title: item.title,
  bodyHtml: item.bodyHtml,
  documentNumber: item.documentNumber ?? '',
  issuingAgency: item.issuingAgency ?? '',
  madeOn: item.madeOn ?? '',
  changedOn: item.changedOn ?? '',
  article20Item: item.article20Item === null ? '' : String(item.article20Item),
  category: item.category ?? '',
  tags: item.tags.join('，'),
  portal: item.channels.includes('portal') ? 'portal' : '',
  newMedia: item.channels.filter((c) => c !== 'portal').join('，'),
  documentType: item.documentType ?? '',
  validity: item.validity ?? '',
  repealedOn: item.repealedOn ?? '',
});

const channelsText = (channels: readonly string[]): string =>
  channels.map((c) => (c === 'portal' ? '政府门户网站' : c)).join('、');

const abilitiesOf = (principal: Principal, agency: Agency, item: DisclosureItem): DisclosureAbilities => {
  const stage = stageOf(item);
  const publisher = hasRole(principal, 'publisher', agency);
  const approver = hasRole(principal, 'approver', agency);
  const draftish = item.status !== 'published' && item.reviewStatus === 'draft';
  return {
    edit: publisher && draftish,
    requestReview: publisher && draftish,
    review: (publisher || approver) && stage === 'inReview',
    approve: approver && stage === 'reviewed',
    publish: publisher && stage === 'approved',
    withdraw: publisher && stage === 'published',
    validity: publisher && item.documentType !== null && !draftish,
  };
};

/**
 * The publishing of proactive disclosure on the workbench (issue 5, items 1 and 2): the list
 * (GET /workbench/disclosure, late items flagged), a new draft, the item's page with its edit
 * form, attachments and the workflow's steps, each a POST. The publisher (发布员) drafts, edits,
 * sends to 保密审查 and publishes; the publisher or the approver records the review; the approver
 * approves; the admin does all. An item outside the user's subtrees is a 404.
 */
export const disclosureWorkbenchRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const today = () => beijingDate(new Date().toISOString());

  app.get(
    '/disclosure',
    { schema: { querystring: listQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const principal = principalOf(request);
      const agencies = (await listAgencies(db)).filter((a) => canAccessAgency(principal, a));
      const names = new Map(agencies.map((a) => [a.id, a.name]));
      const stage = (STAGES as readonly string[]).includes(request.query.stage ?? '')
        ? (request.query.stage as Stage)
        : undefined;
      const lateOnly = request.query.late === '1';
      const q = (request.query.q ?? '').trim();
      const calendar = await loadCalendar(db);
      const day = today();
      const result = await pageWorkbenchItems(db, {
        agencyIds: [...names.keys()],
        stage,
        q,
        page: request.query.page,
        ...(lateOnly ? { late: { today: day, calendar } } : {}),
      });
      const rows: DisclosureRowView[] = result.rows.map((item) => ({
        id: item.id,
        href: `/workbench/disclosure/${item.id}`,
        title: item.title,
        agencyName: names.get(item.agencyId) ?? '',
        documentNumber: item.documentNumber ?? '',
        stage: stageOf(item),
        madeOn: item.madeOn ?? '',
        publishedOn: item.publishedOn ?? '',
        deadline: publicationDeadline(item, calendar) ?? '',
        late: isLate(item, day, calendar),
      }));
      return reply.page(
        '主动公开',
        <DisclosureList
          rows={rows}
          total={result.total}
          page={result.page}
          pageSize={result.pageSize}
          capped={result.capped}
          limit={WORKBENCH_LIST_LIMIT}
          stage={stage ?? ''}
          late={lateOnly}
          q={q}
          canPublish={principal.assignments.some((a) => a.role === 'publisher' || a.role === 'admin')}
          canAdmin={principal.assignments.some((a) => a.role === 'admin')}
        />,
      );
    },
  );

  const newPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, string>,
    errors: FieldErrors,
    status = 200,
  ) => {
    const agencies = agenciesWithRole(principalOf(request), 'publisher', await listAgencies(db)).map((a) => ({
      value: String(a.id),
      label: a.name,
    }));
    return reply.page(
      '新建主动公开信息',
      <DisclosureNew csrfToken={request.session?.csrfToken ?? ''} {...{ agencies, values, errors }} />,
      status,
    );
  };

  app.get('/disclosure/new', { preHandler: anyPublisher }, async (request, reply) =>
    newPage(request, reply, {}, {}),
  );

  app.post('/disclosure/new', { preHandler: anyPublisher }, async (request, reply) => {
    const values = valuesOf(request.body);
    const agencyId = Number(values.agencyId ?? '');
    const agency = Number.isSafeInteger(agencyId) && agencyId > 0 ? await findAgency(db, agencyId) : null;
    if (agency === null) return newPage(request, reply, values, { agencyId: '请选择公开机关' }, 400);
    if (!hasRole(principalOf(request), 'publisher', agency))
      throw new AppError('FORBIDDEN', '您没有该机关的“发布员”权限，无法为其新建主动公开信息。');
    try {
      const item = await createItem(db, {
        agencyId: agency.id,
        input: itemInputOf(request.body),
        actor: actorOf(request),
        now: new Date(),
      });
      return reply.redirect(`/workbench/disclosure/${item.id}?done=created`, 303);
    } catch (error) {
      return newPage(request, reply, values, fieldErrorsOf(error), 400);
    }
  });

  /** The item and its agency when the user holds a role over it; else a 404. */
  const load = async (request: FastifyRequest, id: number) => {
    const item = await findItem(db, id);
    const agency = item === null ? null : await findAgency(db, item.agencyId);
    if (item === null || agency === null || !canAccessAgency(principalOf(request), agency))
      throw new AppError('NOT_FOUND', '未找到该主动公开信息。');
    return { item, agency };
  };

  const sourceOf = async (itemId: number) => {
    const application = await sourceApplicationOf(db, itemId);
    return application === null
      ? null
      : { href: `/workbench/applications/${application.id}`, trackingNumber: application.trackingNumber };
  };

  const detailPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: number,
    options: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) => {
    const { item, agency } = await load(request, id);
    const calendar = await loadCalendar(db);
    const deadline = publicationDeadline(item, calendar) ?? '';
    const facts = [
      { term: '文号', value: item.documentNumber ?? '' },
      { term: '发布机构', value: item.issuingAgency ?? '' },
      { term: '成文日期', value: item.madeOn ?? '' },
      { term: '变更日期', value: item.changedOn ?? '' },
      { term: '应公开日期（第二十六条）', value: deadline },
      { term: '发布日期', value: item.publishedOn ?? '' },
      { term: '信息类别', value: article20Label(item.article20Item) },
      { term: '目录分类', value: item.category ?? '' },
      { term: '重点领域', value: item.tags.join('、') },
      { term: '发布渠道', value: channelsText(item.channels) },
      { term: '文件类型', value: item.documentType === null ? '' : DOCUMENT_TYPE_LABELS[item.documentType] },
      {
        term: '效力状态',
        value:
          item.validity === null
            ? ''
            : `${VALIDITY_LABELS[item.validity]}${item.repealedOn ? `（${item.repealedOn} 废止）` : ''}`,
      },
    ];
    return reply.page(
      item.title || '主动公开信息',
      <DisclosureDetail
        view={{
          id: item.id,
          title: item.title,
          agencyName: agency.name,
          stage: stageOf(item),
          facts,
          safeBodyHtml: sanitizeHtml(item.bodyHtml),
          deadline,
          late: isLate(item, today(), calendar),
          portalHref: item.status === 'published' ? itemHref(item.agencyId, item.id) : null,
          attachments: await listAttachments(db, item.id),
          sourceApplication: await sourceOf(item.id),
        }}
        can={abilitiesOf(principalOf(request), agency, item)}
        csrfToken={request.session?.csrfToken ?? ''}
        values={{ ...itemValues(item), ...(options.values ?? {}) }}
        errors={options.errors ?? {}}
        notice={options.notice}
      />,
      options.status ?? 200,
    );
  };

  app.get(
    '/disclosure/:id',
    { schema: { params: idParams, querystring: doneQuery }, preHandler: requireLogin },
    async (request, reply) => {
      const notice = DONE[request.query.done ?? ''];
      return detailPage(request, reply, request.params.id, notice === undefined ? {} : { notice });
    },
  );

  /**
   * One POST of the item's page: the user must hold one of `roles` over the item's agency (403),
   * then `act` runs; a refusal shows the page again with the problems, else back to the page.
   */
  const step = (
    path: string,
    roles: readonly Role[],
    done: string,
    act: (request: FastifyRequest, id: number) => Promise<unknown>,
  ) =>
    app.post(path, { schema: { params: idParams }, preHandler: requireLogin }, async (request, reply) => {
      const { id } = request.params as { id: number };
      const { agency } = await load(request, id);
      const principal = principalOf(request);
      if (!roles.some((role) => hasRole(principal, role, agency)))
        throw new AppError('FORBIDDEN', '您在该机关没有办理此步骤的权限。');
      try {
        await act(request, id);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const status = error instanceof AppError ? error.status : 400;
        return detailPage(request, reply, id, { values: valuesOf(request.body), errors, status });
      }
      return reply.redirect(`/workbench/disclosure/${id}?done=${done}`, 303);
    });

  const context = (request: FastifyRequest) => ({ actor: actorOf(request), now: new Date() });

  step('/disclosure/:id', ['publisher'], 'saved', async (request, id) => {
    const { item } = await load(request, id);
    if (item.status === 'published' || item.reviewStatus !== 'draft')
      throw new AppError('CONFLICT', '只有草稿可以编辑：已送审或已批准的信息请先退回，已发布的请先撤回');
    await updateItem(db, { itemId: id, input: itemInputOf(request.body), ...context(request) });
  });

  step('/disclosure/:id/attachments', ['publisher'], 'attached', async (request, id) => {
    const raw = (request.body as Record<string, unknown> | null | undefined)?.file;
    const part = Array.isArray(raw) ? raw[0] : raw;
    if (part === null || typeof part !== 'object' || !('toBuffer' in part) || !('filename' in part))
      throw new AppError('VALIDATION', '请选择要上传的文件', [
        { field: 'file', message: '请选择要上传的文件' },
      ]);
    const file = part as { filename: string; toBuffer: () => Promise<Buffer> };
    const bytes = new Uint8Array(await file.toBuffer());
    if (file.filename === '' && bytes.length === 0)
      throw new AppError('VALIDATION', '请选择要上传的文件', [
        { field: 'file', message: '请选择要上传的文件' },
      ]);
    await addAttachment(db, { itemId: id, fileName: file.filename, bytes, ...context(request) });
  });

  step('/disclosure/:id/review-request', ['publisher'], 'requested', (request, id) =>
    requestReview(db, { itemId: id, input: { note: fieldOf(request.body, 'note') }, ...context(request) }),
  );

  step('/disclosure/:id/review', ['publisher', 'approver'], 'reviewed', (request, id) =>
    recordItemReview(db, {
      itemId: id,
      input: {
        result: fieldOf(request.body, 'result'),
        reviewer: fieldOf(request.body, 'reviewer'),
        note: fieldOf(request.body, 'note'),
      },
      ...context(request),
    }),
  );

  step('/disclosure/:id/approve', ['approver'], 'approved', (request, id) =>
    approveItem(db, {
      itemId: id,
      input: { verdict: fieldOf(request.body, 'verdict'), note: fieldOf(request.body, 'note') },
      ...context(request),
    }),
  );

  step('/disclosure/:id/publish', ['publisher'], 'published', (request, id) =>
    publishItem(db, { itemId: id, ...context(request) }),
  );

  step('/disclosure/:id/validity', ['publisher'], 'validity', (request, id) =>
    setValidity(db, {
      itemId: id,
      input: { validity: fieldOf(request.body, 'validity'), repealedOn: fieldOf(request.body, 'repealedOn') },
      ...context(request),
    }),
  );

  step('/disclosure/:id/withdraw', ['publisher'], 'withdrawn', (request, id) =>
    withdrawItem(db, { itemId: id, reason: fieldOf(request.body, 'reason'), ...context(request) }),
  );
};
