import type { Generated, Selectable } from 'kysely';

export const ITEM_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

/**
 * An item of proactive disclosure (主动公开的政府信息). The body is stored twice: as HTML that
 * has been through the allow-list sanitiser, and as plain text for search and snippets. Only
 * published items are in the search index (disclosure_search, see search-index.ts).
 */
export interface DisclosureItemTable {
  id: Generated<number>;
  agency_id: number;
  title: string;
  body_html: string;
  body_text: string;
  /** 文号, e.g. '汴政〔2019〕12号'. */
  document_number: string | null;
  /** The agency named on the document, as printed (it may be a joint issue). */
  issuing_agency: string | null;
  /** 成文日期, 'YYYY-MM-DD'. */
  made_on: string | null;
  /** The day it went out on the portal, 'YYYY-MM-DD'; null until it is published. */
  published_on: string | null;
  /** The day the information last changed (Art. 26 counts from it too). */
  changed_on: string | null;
  /** The item of Art. 20 it falls under, 1–15; null for other information. */
  article20_item: number | null;
  /** The agency's catalogue category (政府信息公开目录), as text for now. */
  category: string | null;
  /** Focus areas (重点领域), a JSON array of strings. */
  tags: string;
  status: ItemStatus;
  created_at: string;
  updated_at: string;
}

export type DisclosureItemRow = Selectable<DisclosureItemTable>;

export interface DisclosureItem {
  id: number;
  agencyId: number;
  title: string;
  bodyHtml: string;
  bodyText: string;
  documentNumber: string | null;
  issuingAgency: string | null;
  madeOn: string | null;
  publishedOn: string | null;
  changedOn: string | null;
  article20Item: number | null;
  category: string | null;
  tags: string[];
  status: ItemStatus;
  createdAt: string;
  updatedAt: string;
}

const parseTags = (json: string): string[] => {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === 'string') : [];
  } catch {
    return [];
  }
};

export const toDisclosureItem = (row: DisclosureItemRow): DisclosureItem => ({
  id: row.id,
  agencyId: row.agency_id,
  title: row.title,
  bodyHtml: row.body_html,
  bodyText: row.body_text,
  documentNumber: row.document_number,
  issuingAgency: row.issuing_agency,
  madeOn: row.made_on,
  publishedOn: row.published_on,
  changedOn: row.changed_on,
  article20Item: row.article20_item,
  category: row.category,
  tags: parseTags(row.tags),
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});
