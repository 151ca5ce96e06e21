import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addSynonym, deleteSynonym, listSynonyms } from '../../../disclosure/synonyms.ts';
import { AppError } from '../../../errors/app-error.ts';
import { fieldErrorsOf } from '../../forms/app-error-fields.ts';
import { formValues } from '../../forms/parse-form.ts';
import { actorOf, requireRoleSomewhere } from '../../plugins/auth.ts';
import type { FieldErrors } from '../../views/components/form.tsx';
import { SynonymsPage } from '../../views/workbench/synonyms.tsx';
import { idParams } from '../params.ts';

const doneQuery = z.object({ done: z.string().optional() });

const DONE: Readonly<Record<string, string>> = {
  added: '同义词已添加，检索立即使用。',
  deleted: '同义词已删除。',
};

/**
 * GET/POST /workbench/disclosure/synonyms and POST …/synonyms/:id/delete (issue 5, item 4): the
 * synonyms of the portal's search are the whole system's, like the calendar: any admin keeps
 * them. Each change is one transaction with its audit record and the reindexing it needs.
 */
export const disclosureSynonymRoutes: FastifyPluginAsyncZod = async (app) => {
  const { db } = app.database;
  const admin = requireRoleSomewhere('admin');

  const page = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; errors?: FieldErrors; notice?: string; status?: number } = {},
  ) =>
    reply.page(
      '检索同义词',
      <SynonymsPage
        synonyms={await listSynonyms(db)}
        csrfToken={request.session?.csrfToken ?? ''}
        values={form.values ?? {}}
        errors={form.errors ?? {}}
        notice={form.notice}
      />,
      form.status ?? 200,
    );

  app.get(
    '/disclosure/synonyms',
    { schema: { querystring: doneQuery }, preHandler: admin },
    async (request, reply) => {
      const notice = DONE[request.query.done ?? ''];
      return page(request, reply, notice === undefined ? {} : { notice });
    },
  );

  app.post('/disclosure/synonyms', { preHandler: admin }, async (request, reply) => {
    const values = formValues(request.body);
    try {
      await addSynonym(db, {
        input: { term: values.term ?? '', expansion: values.expansion ?? '' },
        actor: actorOf(request),
        now: new Date(),
      });
    } catch (error) {
      const errors = fieldErrorsOf(error);
      const status = error instanceof AppError ? error.status : 400;
      return page(request, reply, { values, errors, status });
    }
    return reply.redirect('/workbench/disclosure/synonyms?done=added', 303);
  });

  app.post(
    '/disclosure/synonyms/:id/delete',
    { schema: { params: idParams }, preHandler: admin },
    async (request, reply) => {
      await deleteSynonym(db, { synonymId: request.params.id, actor: actorOf(request), now: new Date() });
      return reply.redirect('/workbench/disclosure/synonyms?done=deleted', 303);
    },
  );
};
