import type { Generated, Selectable } from 'kysely';

export const ITEM_STATUSES = ['draft', 'published', 'withdrawn'] as const;
export type ItemStatus = (typeof ITEM_STATUSES)[number];

export const ITEM_STATUS_LABELS: Record<ItemStatus, string> = {
  draft: '草稿',
  published: '已发布',
  withdrawn: '已撤回',
};

/** Rules (规章) and normative documents (规范性文件) carry a validity; other items none. */
export const DOCUMENT_TYPES = ['rule', 'normative'] as const;
export type DocumentType = (typeof DOCUMENT_TYPES)[number];
export const DOCUMENT_TYPE_LABELS: Record<DocumentType, string> = { rule: '规章', normative: '规范性文件' };

export const VALIDITIES = ['inForce', 'repealed'] as const;
export type Validity = (typeof VALIDITIES)[number];
export const VALIDITY_LABELS: Record<Validity, string> = { inForce: '现行有效', repealed: '已废止' };

/**
 * The steps before publishing (src/disclosure/publishing-workflow.ts): a draft, sent to
 * 保密审查 (inReview), cleared by it (reviewed), approved; only then publishItem.
 */
export const REVIEW_STATUSES = ['draft', 'inReview', 'reviewed', 'approved'] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

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
  /** 'rule' | 'normative' | null (other information). */
  document_type: DocumentType | null;
  /** For rules and normative documents: 'inForce' | 'repealed'. */
  validity: Validity | null;
  /** The day a repealed document ceased to be in force, 'YYYY-MM-DD'. */
  repealed_on: string | null;
  /** The channels it went out on, a JSON array: 'portal' and new-media account names. */
  channels: Generated<string>;
  review_status: Generated<ReviewStatus>;
  /** The agency's catalogue category (disclosure_categories, catalogue.ts); null when unfiled. */
  category_id: number | null;
  /** The application whose granted information this item releases to all (Art. 44); registers.ts. */
  source_application_id: number | null;
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
  documentType: DocumentType | null;
  validity: Validity | null;
  repealedOn: string | null;
  channels: string[];
  reviewStatus: ReviewStatus;
  categoryId: number | null;
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
  documentType: row.document_type ?? null,
  validity: row.validity ?? null,
  repealedOn: row.repealed_on ?? null,
  channels: parseTags(row.channels ?? '["portal"]'),
  reviewStatus: row.review_status ?? 'draft',
  categoryId: row.category_id ?? null,
});
