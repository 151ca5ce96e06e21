import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { type IndexMerge, mergeSearchIndex } from '../../disclosure/search-index.ts';

export const SEARCH_MERGE = 'search.merge';

/**
 * Merges the full-text index's segments at night (mergeSearchIndex). Idempotent: a second run
 * finds nothing to merge, and a run cut short leaves an index as good as before, only less merged.
 */
export const runSearchMerge = (db: Kysely<DB>, signal?: AbortSignal): Promise<IndexMerge> =>
  mergeSearchIndex(db, signal === undefined ? {} : { signal });
