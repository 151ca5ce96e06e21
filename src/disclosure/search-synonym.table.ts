import type { Generated } from 'kysely';

/**
 * A search synonym: an abbreviation and what it stands for (低保 → 最低生活保障). Either finds
 * the other, at index and at query time. The migration seeds the common ones; an admin may add.
 */
export interface SearchSynonymTable {
  id: Generated<number>;
  term: string;
  expansion: string;
  created_at: string;
}
