import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { type DisclosureItem, toDisclosureItem } from './disclosure-item.table.ts';
import type { Stage } from './publishing-workflow.ts';

/** The most items one workbench list gives: a larger set is narrowed by its filters first. */
export const WORKBENCH_LIST_LIMIT = 2000;

/**
 * The items of these agencies at a stage of the publishing workflow (any stage when none is
 * given), most recently changed first, at most `limit`.
 */
export async function listWorkbenchItems(
  db: Kysely<DB>,
  options: { agencyIds: readonly number[]; stage?: Stage | undefined; limit?: number },
): Promise<DisclosureItem[]> {
  if (options.agencyIds.length === 0) return [];
  let query = db
    .selectFrom('disclosure_items')
    .selectAll()
    .where('agency_id', 'in', [...options.agencyIds]);
  const stage = options.stage;
  if (stage === 'published') query = query.where('status', '=', 'published');
  else if (stage === 'withdrawn')
    query = query.where('status', '=', 'withdrawn').where('review_status', '=', 'draft');
  else if (stage === 'draft')
    query = query.where('status', '=', 'draft').where('review_status', '=', 'draft');
  else if (stage !== undefined)
    query = query.where('status', '<>', 'published').where('review_status', '=', stage);
  const rows = await query
    .orderBy('updated_at', 'desc')
    .orderBy('id', 'desc')
    .limit(options.limit ?? WORKBENCH_LIST_LIMIT)
    .execute();
  return rows.map(toDisclosureItem);
}
