import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import type { AuditAction } from '../audit-log/audit-action.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import type { DisclosureCategoryRow } from './catalogue.table.ts';

/**
 * An agency's 政府信息公开目录: a tree of categories the agency's items are filed under.
 * Categories are created, renamed, moved (never under themselves) and deleted only when
 * nothing is filed under them and they have no subcategories. Each write is one transaction
 * with its audit record.
 */

export interface Category {
  id: number;
  agencyId: number;
  parentId: number | null;
  name: string;
  position: number;
}

/** A category in tree order, with its depth (0 at the top) and its path of names. */
export interface CategoryNode extends Category {
  depth: number;
  /** The names from the top down to this one, e.g. ['政策文件', '规范性文件']. */
  path: string[];
}

const toCategory = (row: DisclosureCategoryRow): Category => ({
  id: row.id,
  agencyId: row.agency_id,
  parentId: row.parent_id,
  name: row.name,
  position: row.position,
});

const nameSchema = z
  .string({ required_error: '请填写分类名称' })
  .trim()
  .min(1, '请填写分类名称')
  .max(60, '分类名称不能超过 60 个字');

const parentSchema = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z.coerce.number().int().positive().nullable(),
);

const createSchema = z.object({ name: nameSchema, parentId: parentSchema.optional() });

/** The agency's categories in tree order: each parent, then its children by position and name. */
export async function listCategories(db: Kysely<DB>, agencyId: number): Promise<CategoryNode[]> {
  const rows = await db
    .selectFrom('disclosure_categories')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .orderBy('position')
    .orderBy('name')
    .orderBy('id')
    .execute();
  const children = new Map<number | null, Category[]>();
  for (const row of rows) {
    const category = toCategory(row);
    const list = children.get(category.parentId) ?? [];
    list.push(category);
    children.set(category.parentId, list);
  }
  const out: CategoryNode[] = [];
  const walk = (parentId: number | null, depth: number, path: string[]) => {
    for (const c of children.get(parentId) ?? []) {
      const own = [...path, c.name];
      out.push({ ...c, depth, path: own });
      walk(c.id, depth + 1, own);
    }
  };
  walk(null, 0, []);
  return out;
}

/** The ids of a category and every category under it, from a tree listed by listCategories. */
export const subtreeIds = (tree: readonly Category[], id: number): number[] => {
  const ids = [id];
  for (let i = 0; i < ids.length; i++) {
    for (const c of tree) if (c.parentId === ids[i]) ids.push(c.id);
  }
  return ids;
};

export async function findCategory(db: Kysely<DB>, id: number): Promise<Category | null> {
  const row = await db
    .selectFrom('disclosure_categories')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? null : toCategory(row);
}

const getCategory = async (db: Kysely<DB>, id: number, agencyId?: number): Promise<Category> => {
  const category = await findCategory(db, id);
  if (category === null || (agencyId !== undefined && category.agencyId !== agencyId))
    throw new AppError('NOT_FOUND', `未找到公开目录分类（编号 ${id}）`);
  return category;
};

const audit = (
  db: Kysely<DB>,
  options: { actor: Actor; now: Date },
  action: AuditAction,
  agencyId: number,
  entityId: number,
  before: object | null,
  after: object | null,
) =>
  recordAudit(db, {
    at: options.now,
    ...actorFields(options.actor),
    action,
    entityType: 'disclosureCategory',
    entityId,
    agencyId,
    before,
    after,
  });

const view = (c: Category) => ({ name: c.name, parentId: c.parentId, position: c.position });

/** A sibling of the same name is refused (the unique index would be too, less kindly). */
const requireUniqueName = async (
  trx: Kysely<DB>,
  agencyId: number,
  parentId: number | null,
  name: string,
  exceptId?: number,
): Promise<void> => {
  let query = trx
    .selectFrom('disclosure_categories')
    .select('id')
    .where('agency_id', '=', agencyId)
    .where('name', '=', name);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  if (exceptId !== undefined) query = query.where('id', '<>', exceptId);
  if ((await query.executeTakeFirst()) !== undefined)
    throw new AppError('VALIDATION', `同一级已有名为“${name}”的分类`, [
      { field: 'name', message: `同一级已有名为“${name}”的分类` },
    ]);
};

const nextPosition = async (trx: Kysely<DB>, agencyId: number, parentId: number | null): Promise<number> => {
  let query = trx
    .selectFrom('disclosure_categories')
    .select((eb) => eb.fn.max('position').as('max'))
    .where('agency_id', '=', agencyId);
  query = parentId === null ? query.where('parent_id', 'is', null) : query.where('parent_id', '=', parentId);
  const row = await query.executeTakeFirst();
  return row?.max == null ? 0 : Number(row.max) + 1;
};

/** A new category at the end of its parent's children (at the top when `parentId` is empty). */
export async function createCategory(
  db: Kysely<DB>,
  options: { agencyId: number; input: unknown; actor: Actor; now: Date },
): Promise<Category> {
  const input = parseInput(createSchema, options.input);
  const parentId = input.parentId ?? null;
  return withTransaction(db, async (trx) => {
    await getAgency(trx, options.agencyId);
    if (parentId !== null) await getCategory(trx, parentId, options.agencyId);
    await requireUniqueName(trx, options.agencyId, parentId, input.name);
    const at = options.now.toISOString();
    const row = await trx
      .insertInto('disclosure_categories')
      .values({
        agency_id: options.agencyId,
        parent_id: parentId,
        name: input.name,
        position: await nextPosition(trx, options.agencyId, parentId),
        created_at: at,
        updated_at: at,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    const category = toCategory(row);
    await audit(
      trx,
      options,
      'catalogue.category.create',
      category.agencyId,
      category.id,
      null,
      view(category),
    );
    return category;
  });
}

export async function renameCategory(
  db: Kysely<DB>,
  options: { categoryId: number; agencyId?: number; name: unknown; actor: Actor; now: Date },
): Promise<Category> {
  const { name } = parseInput(z.object({ name: nameSchema }), { name: options.name });
  return withTransaction(db, async (trx) => {
    const before = await getCategory(trx, options.categoryId, options.agencyId);
    await requireUniqueName(trx, before.agencyId, before.parentId, name, before.id);
    const row = await trx
      .updateTable('disclosure_categories')
      .set({ name, updated_at: options.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toCategory(row);
    await audit(
      trx,
      options,
      'catalogue.category.rename',
      after.agencyId,
      after.id,
      view(before),
      view(after),
    );
    return after;
  });
}

/**
 * Moves a category (with everything under it) under another of the same agency, or to the
 * top (`parentId` null), at `position` among its new siblings (the end when not given).
 */
export async function moveCategory(
  db: Kysely<DB>,
  options: {
    categoryId: number;
    agencyId?: number;
    parentId: unknown;
    position?: unknown;
    actor: Actor;
    now: Date;
  },
): Promise<Category> {
  const input = parseInput(
    z.object({
      parentId: parentSchema,
      position: z.preprocess(
        (v) => (v === '' || v === undefined ? undefined : v),
        z.coerce.number().int().min(0).max(100_000).optional(),
      ),
    }),
    { parentId: options.parentId, position: options.position },
  );
  return withTransaction(db, async (trx) => {
    const before = await getCategory(trx, options.categoryId, options.agencyId);
    const parentId = input.parentId;
    if (parentId !== null) {
      await getCategory(trx, parentId, before.agencyId);
      const tree = await listCategories(trx, before.agencyId);
      if (subtreeIds(tree, before.id).includes(parentId))
        throw new AppError('VALIDATION', '不能把分类移到它自己或它的下级分类之下', [
          { field: 'parentId', message: '不能把分类移到它自己或它的下级分类之下' },
        ]);
    }
    await requireUniqueName(trx, before.agencyId, parentId, before.name, before.id);
    const sameParent = parentId === before.parentId;
    const position =
      input.position ?? (sameParent ? before.position : await nextPosition(trx, before.agencyId, parentId));
    const row = await trx
      .updateTable('disclosure_categories')
      .set({ parent_id: parentId, position, updated_at: options.now.toISOString() })
      .where('id', '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toCategory(row);
    await audit(trx, options, 'catalogue.category.move', after.agencyId, after.id, view(before), view(after));
    return after;
  });
}

/** Deletes a category with no subcategory and no item (of any status) filed under it. */
export async function deleteCategory(
  db: Kysely<DB>,
  options: { categoryId: number; agencyId?: number; actor: Actor; now: Date },
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const before = await getCategory(trx, options.categoryId, options.agencyId);
    const child = await trx
      .selectFrom('disclosure_categories')
      .select('id')
      .where('parent_id', '=', before.id)
      .executeTakeFirst();
    if (child !== undefined)
      throw new AppError('CONFLICT', `分类“${before.name}”下还有下级分类，请先移走或删除它们`);
    const item = await trx
      .selectFrom('disclosure_items')
      .select('id')
      .where('category_id', '=', before.id)
      .executeTakeFirst();
    if (item !== undefined)
      throw new AppError('CONFLICT', `分类“${before.name}”下还有信息（含草稿和已撤回的），不能删除`);
    await trx.deleteFrom('disclosure_categories').where('id', '=', before.id).execute();
    await audit(trx, options, 'catalogue.category.delete', before.agencyId, before.id, view(before), null);
  });
}

/**
 * Files an item under a category of its agency (or takes it out of the catalogue with null).
 * The text `category` follows, with the category's path, for the pages that still read it.
 */
export async function fileItem(
  db: Kysely<DB>,
  options: { itemId: number; categoryId: number | null; actor: Actor; now: Date },
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const item = await trx
      .selectFrom('disclosure_items')
      .select(['id', 'agency_id', 'category_id', 'category'])
      .where('id', '=', options.itemId)
      .executeTakeFirst();
    if (item === undefined) throw new AppError('NOT_FOUND', `未找到主动公开信息（编号 ${options.itemId}）`);
    let label: string | null = null;
    if (options.categoryId !== null) {
      const category = await getCategory(trx, options.categoryId, item.agency_id);
      const tree = await listCategories(trx, item.agency_id);
      label = tree.find((c) => c.id === category.id)?.path.join(' / ') ?? category.name;
    }
    await trx
      .updateTable('disclosure_items')
      .set({ category_id: options.categoryId, category: label, updated_at: options.now.toISOString() })
      .where('id', '=', item.id)
      .execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'catalogue.item.file',
      entityType: 'disclosureItem',
      entityId: item.id,
      agencyId: item.agency_id,
      before: { categoryId: item.category_id, category: item.category },
      after: { categoryId: options.categoryId, category: label },
    });
  });
}
