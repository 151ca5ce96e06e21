import { article20Label } from '../../disclosure/article-20.ts';
import type { DisclosureItem } from '../../disclosure/disclosure-item.table.ts';

/** The stable address of a published item on the portal. */
export const itemHref = (agencyId: number, itemId: number): string => `/agencies/${agencyId}/items/${itemId}`;

export interface ItemFacts {
  readonly documentNumber: string;
  readonly issuingAgency: string;
  readonly madeOn: string;
  readonly publishedOn: string;
  readonly changedOn: string;
  readonly article20: string;
  readonly category: string;
  readonly tags: readonly string[];
}

/** An item's particulars as the portal prints them: empty strings where nothing is recorded. */
export const presentItemFacts = (item: DisclosureItem): ItemFacts => ({
  documentNumber: item.documentNumber ?? '',
  issuingAgency: item.issuingAgency ?? '',
  madeOn: item.madeOn ?? '',
  publishedOn: item.publishedOn ?? '',
  changedOn: item.changedOn ?? '',
  article20: article20Label(item.article20Item),
  category: item.category ?? '',
  tags: item.tags,
});
