import type { Generated, Selectable } from 'kysely';

/** A category of an agency's 政府信息公开目录: a tree per agency, names unique among siblings. */
export interface DisclosureCategoryTable {
  id: Generated<number>;
  agency_id: number;
  /** The category above; null at the top of the agency's tree. */
  parent_id: number | null;
  name: string;
  /** Order among siblings, ascending. */
  position: number;
  created_at: string;
  updated_at: string;
}

export type DisclosureCategoryRow = Selectable<DisclosureCategoryTable>;

export const GUIDE_STATUSES = ['draft', 'published', 'superseded'] as const;
export type GuideStatus = (typeof GUIDE_STATUSES)[number];

export const GUIDE_STATUS_LABELS: Record<GuideStatus, string> = {
  draft: '草稿',
  published: '现行版本',
  superseded: '历史版本',
};

/**
 * A version of an agency's 政府信息公开指南. Edits make a new draft version; publishing one
 * makes the previously published version 'superseded' (kept as history): at most one version
 * of an agency is 'published' at a time (a partial unique index says so).
 */
export interface AgencyGuideTable {
  id: Generated<number>;
  agency_id: number;
  version: number;
  /** Through the allow-list sanitiser (sanitize-html.ts) when saved. */
  body_html: string;
  status: GuideStatus;
  published_at: string | null;
  created_by: number | null;
  created_at: string;
}

export type AgencyGuideRow = Selectable<AgencyGuideTable>;
