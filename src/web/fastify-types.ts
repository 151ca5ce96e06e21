import type { ComponentChildren } from 'preact';
import type { Config } from '../config/config.ts';
import type { Database } from '../db/database.ts';
import type { Principal } from '../orgs/policy.ts';
import type { User } from '../orgs/user.table.ts';
import type { RequestApplicant } from './plugins/applicant-session.ts';
import type { AnonymousCsrf } from './plugins/csrf-token.ts';
import type { AgencySummary } from './presenters/agency.presenter.ts';
import type { Crumb } from './views/components/breadcrumbs.tsx';

/** The logged-in session behind a request to /workbench or /api. */
export interface RequestSession {
  readonly token: string;
  readonly sessionId: string;
  readonly csrfToken: string;
  readonly user: User;
}

export interface PageOptions {
  readonly status?: number;
  readonly agency?: AgencySummary | undefined;
  readonly breadcrumbs?: readonly Crumb[] | undefined;
}

declare module 'fastify' {
  interface FastifyInstance {
    readonly config: Config;
    readonly database: Database;
    readonly anonymousCsrf: AnonymousCsrf;
  }
  interface FastifyRequest {
    /** Who is logged in; null for anonymous requests and for every portal page. */
    principal: Principal | null;
    session: RequestSession | null;
    /** The logged-in applicant (src/applicants), on their pages only; null everywhere else. */
    applicant: RequestApplicant | null;
  }
  interface FastifyReply {
    /** Renders a whole page in the site's layout and sends it. */
    page(title: string, body: ComponentChildren, options?: number | PageOptions): FastifyReply;
  }
}
