import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { findAgency } from '../../orgs/agency.repository.ts';
import type { Agency } from '../../orgs/agency.table.ts';
import { findUser } from '../../orgs/user.repository.ts';

/** `:id` in a path: a positive integer that fits a database id. */
export const idParams = z.object({ id: z.coerce.number().int().positive().max(2_147_483_647) });

const idOf = (request: FastifyRequest): number | null => {
  const parsed = idParams.safeParse(request.params);
  return parsed.success ? parsed.data.id : null;
};

/** The agency named by `:id`, or null (a 404). */
export const agencyFromParams = async (request: FastifyRequest): Promise<Agency | null> => {
  const id = idOf(request);
  return id === null ? null : findAgency(request.server.database.db, id);
};

/** The agency of the user named by `:id`, or null when there is no such user (a 404). */
export const agencyOfUserParam = async (request: FastifyRequest): Promise<Agency | null> => {
  const id = idOf(request);
  const user = id === null ? null : await findUser(request.server.database.db, id);
  return user === null ? null : findAgency(request.server.database.db, user.agencyId);
};
