import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { AppError } from '../errors/app-error.ts';
import { type Agency, toAgency } from './agency.table.ts';
import { pathIds } from './agency-path.ts';

export async function findAgency(db: Kysely<DB>, id: number): Promise<Agency | null> {
  const row = await db.selectFrom('agencies').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toAgency(row);
}

/** The agency, or AppError('NOT_FOUND'). */
export async function getAgency(db: Kysely<DB>, id: number): Promise<Agency> {
  const agency = await findAgency(db, id);
  if (agency === null) throw new AppError('NOT_FOUND', `未找到机关（编号 ${id}）`);
  return agency;
}

/** Every agency, parents before their children (ordered by path). */
export async function listAgencies(db: Kysely<DB>): Promise<Agency[]> {
  const rows = await db.selectFrom('agencies').selectAll().orderBy('path').orderBy('id').execute();
  return rows.map(toAgency);
}

/** The ids of an agency and every agency under it. */
export async function subtreeIds(db: Kysely<DB>, agencyId: number): Promise<number[]> {
  const { path } = await getAgency(db, agencyId);
  const rows = await db
    .selectFrom('agencies')
    .select('id')
    .where('path', 'like', `${path}%`)
    .orderBy('path')
    .execute();
  return rows.map((r) => r.id);
}

/** The agencies above this one, the root first; [] for a root. */
export async function ancestors(db: Kysely<DB>, agencyId: number): Promise<Agency[]> {
  const { path } = await getAgency(db, agencyId);
  const ids = pathIds(path).slice(0, -1);
  if (ids.length === 0) return [];
  const rows = await db.selectFrom('agencies').selectAll().where('id', 'in', ids).execute();
  return rows.map(toAgency).sort((a, b) => a.path.length - b.path.length);
}
