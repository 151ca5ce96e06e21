import type { Kysely } from 'kysely';
import { type Application, findApplication } from '../applications/application.repository.ts';
import type { Outcome } from '../applications/outcomes.ts';
import { bigrams, SIMILARITY_THRESHOLD } from '../applications/similar-applications.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { type DisclosureItem, toDisclosureItem } from './disclosure-item.table.ts';
import { createItem } from './disclosure-items.ts';

/**
 * Release to one, release to all (Art. 44): information granted to one applicant that others
 * are likely to ask for becomes proactive disclosure. From a granted application the clerk
 * types the released information's title and body; a draft item is made for the publishing
 * workflow, linked to the application (disclosure_items.source_application_id) both ways.
 */

/** The outcomes that released information: 予以公开 and 部分公开. */
export const RELEASING_OUTCOMES: readonly Outcome[] = ['granted', 'partial'];

const refuse = (message: string, field = 'applicationId'): never => {
  throw new AppError('VALIDATION', message, [{ field, message }]);
};

/**
 * A draft item of the application's agency holding the released information, linked to the
 * application; one transaction, with the item's own creation record and one of the release.
 * `input` is an item's fields (itemSchema); the title and body must be there.
 */
export async function releaseToAll(
  db: Kysely<DB>,
  options: { applicationId: number; input: Record<string, unknown>; actor: Actor; now: Date },
): Promise<DisclosureItem> {
  const title = typeof options.input.title === 'string' ? options.input.title.trim() : '';
  const body = typeof options.input.bodyHtml === 'string' ? options.input.bodyHtml.trim() : '';
  if (title === '') refuse('请填写公开信息的标题', 'title');
  if (body === '') refuse('请填写公开信息的正文', 'bodyHtml');
  return withTransaction(db, async (trx) => {
    const application = await findApplication(trx, options.applicationId);
    if (application === null) throw new AppError('NOT_FOUND', `未找到申请（编号 ${options.applicationId}）`);
    if (application.outcome === null || !RELEASING_OUTCOMES.includes(application.outcome))
      refuse('只有答复为“予以公开”或“部分公开”的申请，才能将其公开的信息转为主动公开');
    const created = await createItem(trx, {
      agencyId: application.agencyId,
      input: options.input,
      actor: options.actor,
      now: options.now,
    });
    const row = await trx
      .updateTable('disclosure_items')
      .set({ source_application_id: application.id })
      .where('id', '=', created.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'disclosure.releaseToAll',
      entityType: 'disclosureItem',
      entityId: created.id,
      agencyId: application.agencyId,
      after: {
        itemId: created.id,
        applicationId: application.id,
        trackingNumber: application.trackingNumber,
      },
    });
    return toDisclosureItem(row);
  });
}

/** The items released to all from an application, oldest first: for the application's page. */
export async function itemsReleasedFrom(db: Kysely<DB>, applicationId: number): Promise<DisclosureItem[]> {
  const rows = await db
    .selectFrom('disclosure_items')
    .selectAll()
    .where('source_application_id', '=', applicationId)
    .orderBy('id')
    .execute();
  return rows.map(toDisclosureItem);
}

/** The application an item was released from, if it was. */
export async function sourceApplicationOf(db: Kysely<DB>, itemId: number): Promise<Application | null> {
  const row = await db
    .selectFrom('disclosure_items')
    .select('source_application_id')
    .where('id', '=', itemId)
    .executeTakeFirst();
  return row?.source_application_id == null ? null : findApplication(db, row.source_application_id);
}

// ---------------------------------------------------------------------------------------------
// Information asked for by several applicants

export interface AskedApplication {
  readonly id: number;
  readonly agencyId: number;
  readonly trackingNumber: string;
  readonly receivedOn: string;
  readonly description: string;
  readonly outcome: Outcome | null;
  /** Items already released to all from it. */
  readonly releasedItems: number;
}

export interface AskedGroup {
  readonly agencyId: number;
  /** Different applicants (by identity document) in the group: at least two. */
  readonly applicants: number;
  /** Most recent first. */
  readonly applications: readonly AskedApplication[];
  /** Some application of the group was granted (or partly): its information can be released. */
  readonly releasable: boolean;
  /** Some item was already released to all from the group. */
  readonly released: boolean;
}

/** How far back, and how many applications per agency, are compared. */
const LOOK_BACK_DAYS = 3 * 366;
const PER_AGENCY = 3000;

/**
 * Applications to each agency whose descriptions resemble one another (the character-pair
 * similarity of similar-applications.ts), from at least two different applicants, grouped
 * (two applications alike put them in one group, transitively). Largest groups first.
 */
export async function informationAskedBySeveral(
  db: Kysely<DB>,
  agencyIds: readonly number[],
  options: { now: Date; minApplicants?: number },
): Promise<AskedGroup[]> {
  const minApplicants = options.minApplicants ?? 2;
  const since = new Date(options.now.getTime() - LOOK_BACK_DAYS * 86_400_000).toISOString().slice(0, 10);
  const groups: AskedGroup[] = [];
  for (const agencyId of agencyIds) {
    const rows = await db
      .selectFrom('applications')
      .select(['id', 'agency_id', 'tracking_number', 'received_on', 'description', 'outcome', 'id_number'])
      .where('agency_id', '=', agencyId)
      .where('received_on', '>=', since)
      .orderBy('received_on', 'desc')
      .orderBy('id', 'desc')
      .limit(PER_AGENCY)
      .execute();
    if (rows.length < 2) continue;
    const pairs = rows.map((r) => bigrams(r.description));
    // Candidates share a character pair: an inverted index instead of every pair of applications.
    const postings = new Map<string, number[]>();
    pairs.forEach((set, i) => {
      for (const gram of set) {
        const list = postings.get(gram) ?? [];
        list.push(i);
        postings.set(gram, list);
      }
    });
    const parent = rows.map((_, i) => i);
    const root = (i: number): number => {
      let r = i;
      while (parent[r] !== r) r = parent[r] ?? r;
      parent[i] = r;
      return r;
    };
    pairs.forEach((set, i) => {
      const common = new Map<number, number>();
      for (const gram of set)
        for (const j of postings.get(gram) ?? []) if (j > i) common.set(j, (common.get(j) ?? 0) + 1);
      for (const [j, shared] of common) {
        const other = pairs[j]?.size ?? 0;
        if (shared / (set.size + other - shared) >= SIMILARITY_THRESHOLD) parent[root(j)] = root(i);
      }
    });
    const members = new Map<number, number[]>();
    rows.forEach((_, i) => {
      const r = root(i);
      members.set(r, [...(members.get(r) ?? []), i]);
    });
    const candidates = [...members.values()].filter(
      (m) => new Set(m.map((i) => rows[i]?.id_number)).size >= minApplicants,
    );
    if (candidates.length === 0) continue;
    const ids = candidates.flat().map((i) => rows[i]?.id ?? 0);
    const released = new Map<number, number>();
    for (let at = 0; at < ids.length; at += 500) {
      const counts = await db
        .selectFrom('disclosure_items')
        .select(['source_application_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('source_application_id', 'in', ids.slice(at, at + 500))
        .groupBy('source_application_id')
        .execute();
      for (const c of counts)
        if (c.source_application_id !== null) released.set(c.source_application_id, Number(c.n));
    }
    for (const m of candidates) {
      const applications = m
        .map((i) => rows[i])
        .filter((r) => r !== undefined)
        .map((r) => ({
          id: r.id,
          agencyId: r.agency_id,
          trackingNumber: r.tracking_number,
          receivedOn: r.received_on,
          description: r.description,
          outcome: r.outcome as Outcome | null,
          releasedItems: released.get(r.id) ?? 0,
        }));
      groups.push({
        agencyId,
        applicants: new Set(m.map((i) => rows[i]?.id_number)).size,
        applications,
        releasable: applications.some((a) => a.outcome !== null && RELEASING_OUTCOMES.includes(a.outcome)),
        released: applications.some((a) => a.releasedItems > 0),
      });
    }
  }
  return groups.sort(
    (a, b) =>
      b.applicants - a.applicants ||
      (b.applications[0]?.receivedOn ?? '').localeCompare(a.applications[0]?.receivedOn ?? ''),
  );
}
