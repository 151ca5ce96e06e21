import type { FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import {
  type ApplicationAgencies,
  agenciesOfApplication,
  canSeeApplication,
} from '../../../applications/application-access.ts';
import {
  type ApplicationDetail,
  getApplicationDetail,
} from '../../../applications/get-application-detail.ts';
import type { DB } from '../../../db/schema.ts';
import { AppError } from '../../../errors/app-error.ts';
import type { Principal } from '../../../orgs/policy.ts';
import { principalOf } from '../../plugins/auth.ts';

export interface LoadedApplication {
  readonly principal: Principal;
  readonly detail: ApplicationDetail;
  readonly agencies: ApplicationAgencies;
}

/**
 * The application with the agencies it involves, or a 404 when the user may not see it (it was
 * neither received, handled nor co-handled in their subtrees): its existence is not told.
 */
export async function loadApplicationFor(
  db: Kysely<DB>,
  request: FastifyRequest,
  id: number,
): Promise<LoadedApplication> {
  const principal = principalOf(request);
  const detail = await getApplicationDetail(db, id);
  if (detail === null) throw new AppError('NOT_FOUND', '未找到该申请。');
  const agencies = await agenciesOfApplication(db, detail.application);
  if (!canSeeApplication(principal, agencies)) throw new AppError('NOT_FOUND', '未找到该申请。');
  return { principal, detail, agencies };
}
