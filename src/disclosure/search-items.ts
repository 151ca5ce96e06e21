import { type Kysely, type RawBuilder, sql } from 'kysely';
import type { DB } from '../db/schema.ts';
import { highlight, highlightTerms, snippet, type TextPart } from './highlight.ts';
import { searchIndex } from './search-index.ts';
import { loadSynonyms } from './synonyms.ts';
import { type ParsedQuery, parseQuery } from './tokenize.ts';

export interface SearchOptions {
  /** What the reader typed; blank lists the newest items that pass the filters. */
  readonly query: string;
  /** Only items of these agencies (the caller expands a subtree); undefined: every agency. */
  readonly agencyIds?: readonly number[] | undefined;
  /** An item of Art. 20 (1–15), or 'other' for items under none. */
  readonly article20Item?: number | 'other' | undefined;
  /** Published in this year. */
  readonly year?: number | undefined;
  /** From 1. */
  readonly page?: number | undefined;
  readonly pageSize?: number | undefined;
}

export interface SearchHit {
  readonly id: number;
  readonly agencyId: number;
  readonly agencyName: string;
  readonly title: string;
  readonly titleParts: readonly TextPart[];
  readonly documentNumber: string | null;
  /** The document number with the matched parts marked; [] when there is none. */
  readonly documentNumberParts: readonly TextPart[];
  readonly publishedOn: string;
  readonly article20Item: number | null;
  readonly snippet: readonly TextPart[];
}

export interface SearchResult {
  readonly rows: readonly SearchHit[];
  /** Counted up to COUNT_CAP. */
  readonly total: number;
  /** More items match than `total` says. */
  readonly totalCapped: boolean;
  readonly page: number;
  /** The pages a reader can open: up to COUNT_CAP results. */
  readonly pageCount: number;
  readonly pageSize: number;
  /** False when the query held nothing searchable (only punctuation): nothing was searched. */
  readonly searched: boolean;
}

export const DEFAULT_PAGE_SIZE = 10;
const MAX_PAGE_SIZE = 100;
/** Deep pages of a search are never read; the limit keeps the scans short. */
export const MAX_PAGE = 100;

/** The filters of a search, as one condition on `i` (disclosure_items): values are parameters. */
const conditions = (options: SearchOptions): RawBuilder<boolean> => {
  const parts: RawBuilder<unknown>[] = [sql`i.status = 'published'`];
  if (options.agencyIds !== undefined)
    parts.push(
      options.agencyIds.length === 0
        ? sql`1 = 0`
        : sql`i.agency_id in (${sql.join(options.agencyIds.map((id) => sql`${id}`))})`,
    );
  if (options.article20Item === 'other') parts.push(sql`i.article20_item is null`);
  else if (options.article20Item !== undefined) parts.push(sql`i.article20_item = ${options.article20Item}`);
  if (options.year !== undefined) {
    const year = String(options.year).padStart(4, '0');
    parts.push(sql`i.published_on >= ${`${year}-01-01`} and i.published_on <= ${`${year}-12-31`}`);
  }
  return sql<boolean>`${sql.join(parts, sql` and `)}`;
};

/** Matches counted beyond this read as "more than": a count reads every match it counts. */
export const COUNT_CAP = 1000;

const COLUMNS = [
  'i.id',
  'i.agency_id',
  'i.title',
  'i.document_number',
  'i.published_on',
  'i.article20_item',
  'i.body_text',
] as const;

/** Keeps what a read found, for other pages that need the same (the portal's PortalReads). */
export type ReadMemo = <T>(key: string, read: () => Promise<T>) => Promise<T>;

/**
 * The index is read for this many results at least: the first pages of a search (what readers
 * open) then share one scan.
 */
const SCAN_STEP = 60;

/**
 * Published items by the words a reader typed (tokenize.ts: Chinese words, document numbers,
 * quoted phrases, synonyms), filtered by agency, Art. 20 item and year: matches in the title
 * first, then in the body, each newest first (search-index.ts says why); with no words, the
 * newest published first. Titles and snippets with the matched words marked.
 */
export async function searchItems(
  db: Kysely<DB>,
  options: SearchOptions,
  memo: ReadMemo = (_key, read) => read(),
): Promise<SearchResult> {
  const pageSize = Math.min(Math.max(1, Math.trunc(options.pageSize ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const lastPage = Math.max(1, Math.min(MAX_PAGE, Math.floor(COUNT_CAP / pageSize)));
  const page = Math.min(Math.max(1, Math.trunc(options.page ?? 1)), lastPage);
  const text = options.query.trim();
  const parsed: ParsedQuery = text === '' ? { clauses: [] } : parseQuery(text, await loadSynonyms(db));
  if (text !== '' && parsed.clauses.length === 0)
    return { rows: [], total: 0, totalCapped: false, page, pageCount: 1, pageSize, searched: false };

  let total: number;
  let rows: Awaited<ReturnType<typeof pageRows>>;
  if (parsed.clauses.length === 0) {
    const where = conditions(options);
    const count = await sql<{ n: number | string }>`select count(*) as n from
      (select 1 from disclosure_items i where ${where} limit ${COUNT_CAP + 1}) c`.execute(db);
    total = Number(count.rows[0]?.n ?? 0);
    rows = await db
      .selectFrom('disclosure_items as i')
      .select(COLUMNS)
      .where(where)
      .orderBy('i.published_on', 'desc')
      .orderBy('i.id', 'desc')
      .limit(pageSize)
      .offset((page - 1) * pageSize)
      .execute();
  } else {
    const facets = {
      agencyIds: options.agencyIds,
      year: options.year,
      article20Item: options.article20Item,
    };
    const limit = Math.ceil((page * pageSize) / SCAN_STEP) * SCAN_STEP;
    const key = JSON.stringify(['search-index', parsed.clauses, facets, limit]);
    const found = await memo(key, () => searchIndex(db, parsed, facets, { limit, cap: COUNT_CAP + 1 }));
    total = found.matching;
    const ids = found.ids.slice((page - 1) * pageSize, page * pageSize);
    const byId = new Map((await pageRows(db, ids)).map((r) => [r.id, r]));
    rows = ids.flatMap((id) => byId.get(id) ?? []);
  }

  const names = await agencyNames(
    db,
    rows.map((r) => r.agency_id),
  );
  const terms = highlightTerms(parsed);
  return {
    rows: rows.map((r) => ({
      id: r.id,
      agencyId: r.agency_id,
      agencyName: names.get(r.agency_id) ?? '',
      title: r.title,
      titleParts: highlight(r.title, terms),
      documentNumber: r.document_number,
      documentNumberParts: r.document_number === null ? [] : highlight(r.document_number, terms),
      publishedOn: r.published_on ?? '',
      article20Item: r.article20_item,
      snippet: snippet(r.body_text, terms),
    })),
    total: Math.min(total, COUNT_CAP),
    totalCapped: total > COUNT_CAP,
    page,
    pageCount: Math.max(1, Math.min(lastPage, Math.ceil(total / pageSize))),
    pageSize,
    searched: true,
  };
}

const pageRows = async (db: Kysely<DB>, ids: readonly number[]) =>
  ids.length === 0
    ? []
    : db
        .selectFrom('disclosure_items as i')
        .select(COLUMNS)
        .where('i.id', 'in', [...ids])
        .execute();

export async function agencyNames(db: Kysely<DB>, ids: readonly number[]): Promise<Map<number, string>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db.selectFrom('agencies').select(['id', 'name']).where('id', 'in', unique).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}
