import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createCategory,
  deleteCategory,
  moveCategory,
  renameCategory,
} from '../../../disclosure/catalogue.ts';
import { categoryCounts } from '../../../disclosure/catalogue-items.ts';
import { listGuideVersions, publishGuide, saveGuideDraft } from '../../../disclosure/guide.ts';
import { AppError } from '../../../errors/app-error.ts';
import { getAgency } from '../../../orgs/agency.repository.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, requireRole } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { CatalogueEditor, GuideEditor } from '../../views/workbench/catalogue.tsx';
import { agencyFromParams, idParams } from '../params.ts';

/** The catalogue and the guide are the publisher's (and the admin's) to edit. */
const publisherOfAgency = requireRole('publisher', agencyFromParams);

const NOTICES: Record<string, string> = {
  create: '已新建分类。',
  rename: '已重命名分类。',
  move: '已移动分类。',
  delete: '已删除分类。',
  save: '已保存为新的草稿版本。',
  publish: '已发布该版本，门户即日起显示新的指南。',
};

const noticeQuery = z.object({ done: z.string().optional() }).catch({});

const categoryIdOf = (body: Record<string, string>): number => {
  const id = Number(body.categoryId);
  if (!Number.isInteger(id) || id <= 0)
    throw new AppError('VALIDATION', '请选择分类', [{ field: '_form', message: '请选择分类' }]);
  return id;
};

/**
 * GET/POST /workbench/agencies/:id/catalogue — the category tree (op: create, rename, move,
 * delete); GET/POST /workbench/agencies/:id/guide — the guide's versions (op: save, publish).
 */
export const catalogueRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;

  const cataloguePage = async (
    agencyId: number,
    csrfToken: string,
    errors: FieldErrors,
    values: Record<string, string>,
    notice: string | null,
  ) => {
    const agency = await getAgency(db, agencyId);
    const categories = await categoryCounts(db, agencyId);
    return (
      <CatalogueEditor
        agency={{ id: agency.id, name: agency.name }}
        {...{ categories, csrfToken, errors, values, notice }}
      />
    );
  };

  app.get(
    '/agencies/:id/catalogue',
    { schema: { params: idParams, querystring: noticeQuery }, preHandler: publisherOfAgency },
    async (request, reply) => {
      const notice = NOTICES[request.query.done ?? ''] ?? null;
      const body = await cataloguePage(request.params.id, request.session?.csrfToken ?? '', {}, {}, notice);
      return reply.page('编辑政府信息公开目录', body);
    },
  );

  app.post(
    '/agencies/:id/catalogue',
    { schema: { params: idParams }, preHandler: publisherOfAgency },
    async (request, reply) => {
      const agencyId = request.params.id;
      const values = formValues(request.body);
      const options = { actor: actorOf(request), now: new Date() };
      const op = values.op ?? '';
      try {
        if (op === 'create')
          await createCategory(db, {
            agencyId,
            input: { name: values.name, parentId: values.parentId },
            ...options,
          });
        else if (op === 'rename')
          await renameCategory(db, {
            agencyId,
            categoryId: categoryIdOf(values),
            name: values.name,
            ...options,
          });
        else if (op === 'move')
          await moveCategory(db, {
            agencyId,
            categoryId: categoryIdOf(values),
            parentId: values.parentId,
            position: values.position,
            ...options,
          });
        else if (op === 'delete')
          await deleteCategory(db, { agencyId, categoryId: categoryIdOf(values), ...options });
        else throw new AppError('VALIDATION', '未知的操作', [{ field: '_form', message: '未知的操作' }]);
        return reply.redirect(`/workbench/agencies/${agencyId}/catalogue?done=${op}`, 303);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const body = await cataloguePage(
          agencyId,
          request.session?.csrfToken ?? '',
          errors,
          op === 'create' ? values : {},
          null,
        );
        return reply.page('编辑政府信息公开目录', body, 400);
      }
    },
  );

  const guidePage = async (
    agencyId: number,
    csrfToken: string,
    errors: FieldErrors,
    draft: string | null,
    notice: string | null,
  ) => {
    const agency = await getAgency(db, agencyId);
    const versions = await listGuideVersions(db, agencyId);
    return (
      <GuideEditor
        agency={{ id: agency.id, name: agency.name }}
        body={draft ?? versions[0]?.bodyHtml ?? ''}
        {...{ versions, csrfToken, errors, notice }}
      />
    );
  };

  app.get(
    '/agencies/:id/guide',
    { schema: { params: idParams, querystring: noticeQuery }, preHandler: publisherOfAgency },
    async (request, reply) => {
      const notice = NOTICES[request.query.done ?? ''] ?? null;
      const body = await guidePage(request.params.id, request.session?.csrfToken ?? '', {}, null, notice);
      return reply.page('编辑政府信息公开指南', body);
    },
  );

  app.post(
    '/agencies/:id/guide',
    { schema: { params: idParams }, preHandler: publisherOfAgency },
    async (request, reply) => {
      const agencyId = request.params.id;
      const values = formValues(request.body);
      const options = { actor: actorOf(request), now: new Date() };
      const op = values.op ?? '';
      try {
        if (op === 'save') await saveGuideDraft(db, { agencyId, bodyHtml: values.bodyHtml, ...options });
        else if (op === 'publish') {
          const version = Number(values.version);
          if (!Number.isInteger(version) || version <= 0)
            throw new AppError('VALIDATION', '请选择要发布的版本', [
              { field: '_form', message: '请选择要发布的版本' },
            ]);
          await publishGuide(db, { agencyId, version, ...options });
        } else throw new AppError('VALIDATION', '未知的操作', [{ field: '_form', message: '未知的操作' }]);
        return reply.redirect(`/workbench/agencies/${agencyId}/guide?done=${op}`, 303);
      } catch (error) {
        const errors = fieldErrorsOf(error);
        const body = await guidePage(
          agencyId,
          request.session?.csrfToken ?? '',
          errors,
          op === 'save' ? (values.bodyHtml ?? '') : null,
          null,
        );
        return reply.page('编辑政府信息公开指南', body, 400);
      }
    },
  );
};
