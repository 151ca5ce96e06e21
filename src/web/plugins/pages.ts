import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ComponentChildren } from 'preact';
import type { PageOptions } from '../fastify-types.ts';
import type { Viewer } from '../views/components/site-nav.tsx';
import { renderPage } from '../views/page.tsx';

const viewerOf = (request: FastifyRequest): Viewer | null => {
  const { session, principal } = request;
  if (session === null || principal === null) return null;
  return {
    displayName: session.user.displayName,
    isAdmin: principal.assignments.some((a) => a.role === 'admin'),
    csrfToken: session.csrfToken,
  };
};

/** `reply.page(title, body, status | options)`: the one way a route sends HTML. */
export const installPages = (app: FastifyInstance): void => {
  app.decorateRequest('principal', null);
  app.decorateRequest('session', null);
  app.decorateReply(
    'page',
    function page(
      this: FastifyReply,
      title: string,
      body: ComponentChildren,
      options?: number | PageOptions,
    ) {
      const opts: PageOptions = typeof options === 'number' ? { status: options } : (options ?? {});
      const area = this.request.url.startsWith('/workbench') ? 'workbench' : 'portal';
      const html = renderPage(
        { title, area, viewer: viewerOf(this.request), agency: opts.agency, breadcrumbs: opts.breadcrumbs },
        body,
      );
      // Staff pages hold personal data and tokens: never kept by a browser or a proxy.
      if (area === 'workbench') this.header('cache-control', 'no-store');
      return this.code(opts.status ?? 200)
        .type('text/html; charset=utf-8')
        .send(html);
    },
  );
};
