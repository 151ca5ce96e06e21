import type { Kysely } from 'kysely';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError, type ErrorDetail } from '../errors/app-error.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import { type CellDef, editionCells } from '../reports/model/cells.ts';
import type { CellKind, EditionDef, EditionId } from '../reports/model/edition.ts';
import { EDITIONS } from '../reports/model/editions.ts';

/**
 * Article 20 registers (issue 5, item 5): section 二 of an agency's annual report for a year,
 * keyed by the report model's cell keys ('s2.penalty.decisions') so that the report is built
 * from them directly.
 *
 * - 第二十条第（一）项 (rules and normative documents made, published, repealed, in force) is
 *   counted from the items (document_type, validity, made_on, published_on, repealed_on);
 * - every other cell is entered per year (a workbench form) or imported (register-import.ts).
 */

/** The table counted from the items, not entered. */
export const DERIVED_TABLE_ID = 's2.item1';

const isSection2 = (c: CellDef) => c.table.section === 2;

/** The cells of an edition's section 二 that are entered, in the form's order. */
export const enteredCells = (edition: EditionDef): readonly CellDef[] =>
  editionCells(edition).filter((c) => isSection2(c) && c.table.id !== DERIVED_TABLE_ID);

/** The cells of an edition's section 二 counted from the items. */
export const derivedCells = (edition: EditionDef): readonly CellDef[] =>
  editionCells(edition).filter((c) => isSection2(c) && c.table.id === DERIVED_TABLE_ID);

/** Every entered cell of either edition, by key (a register may hold both editions' figures). */
export const ENTERED_CELLS: ReadonlyMap<string, CellDef> = new Map(
  Object.values(EDITIONS).flatMap((e) => enteredCells(e).map((c) => [c.key, c] as const)),
);

export const MIN_REGISTER_YEAR = 2008;
export const MAX_REGISTER_YEAR = 2100;

export const isRegisterYear = (year: number): boolean =>
  Number.isSafeInteger(year) && year >= MIN_REGISTER_YEAR && year <= MAX_REGISTER_YEAR;

/** A cell's label as the form prints it: the table's row and column, e.g. '行政处罚 · 处理决定数量'. */
export const cellLabel = (cell: CellDef): string => {
  const row = cell.table.rows.find((r) => r.key === cell.row)?.label ?? cell.row;
  const column = cell.table.columns.find((c) => c.key === cell.column)?.label ?? cell.column;
  return `${row} · ${column}`;
};

const KIND_RULES: Record<CellKind, { pattern: RegExp; message: string }> = {
  count: { pattern: /^\d{1,9}$/, message: '应为不小于 0 的整数' },
  signed: { pattern: /^[+-]?\d{1,9}$/, message: '应为整数（可带 + 或 - 号）' },
  amount: { pattern: /^\d{1,12}(\.\d{1,4})?$/, message: '应为不小于 0 的数，最多 4 位小数' },
};

/**
 * A typed figure as the register keeps it: thousands separators, full-width digits and spaces
 * removed, a leading '+' dropped; `null` for blank. Throws a message (no field) when it is not
 * a figure of the cell's kind.
 */
export const normalizeFigure = (cell: CellDef, raw: string | number | null | undefined): string | null => {
  if (raw === null || raw === undefined) return null;
  const text = String(raw)
    .normalize('NFKC')
    .replace(/[\s,，]/g, '');
  if (text === '') return null;
  const rule = KIND_RULES[cell.kind];
  if (!rule.pattern.test(text)) throw new FigureError(`“${cellLabel(cell)}”${rule.message}`);
  const value = Number(text);
  return String(value);
};

export class FigureError extends Error {
  override readonly name = 'FigureError';
}

// ---------------------------------------------------------------------------------------------
// Counted from the items

interface DocumentRow {
  document_type: string | null;
  validity: string | null;
  made_on: string | null;
  published_on: string | null;
  repealed_on: string | null;
  status: string;
}

const within = (day: string | null, from: string, to: string): boolean =>
  day !== null && day >= from && day <= to;

/**
 * The rules (规章) and normative documents (规范性文件) of an agency in a year, counted from its
 * items (drafts being typed in have no 成文日期 and are not counted as made):
 * - made / 制发: 成文日期 (made_on) in the year, whatever the item's status;
 * - published: went out (published_on) in the year, published or since withdrawn;
 * - repealed: repealed (validity 'repealed', repealed_on) in the year;
 * - total (2019, 对外公开总数量): published by the year's end and still on the portal;
 * - in force (2021, 现行有效件数): published by the year's end and not repealed by then.
 */
export async function derivedFigures(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  editionId: EditionId,
): Promise<Record<string, number>> {
  const rows: DocumentRow[] = await db
    .selectFrom('disclosure_items')
    .select(['document_type', 'validity', 'made_on', 'published_on', 'repealed_on', 'status'])
    .where('agency_id', '=', agencyId)
    .where('document_type', 'in', ['rule', 'normative'])
    .execute();
  const from = `${year}-01-01`;
  const to = `${year}-12-31`;
  const went = (r: DocumentRow) => r.status !== 'draft' && r.published_on !== null;
  const count = (type: string, holds: (r: DocumentRow) => boolean) =>
    rows.filter((r) => r.document_type === type && holds(r)).length;
  const figures: Record<string, number> = {};
  for (const [type, row] of [
    ['rule', 'rules'],
    ['normative', 'normativeDocs'],
  ] as const) {
    const made = count(type, (r) => within(r.made_on, from, to));
    const published = count(type, (r) => went(r) && within(r.published_on, from, to));
    const repealed = count(type, (r) => r.validity === 'repealed' && within(r.repealed_on, from, to));
    const byYearEnd = (r: DocumentRow) => went(r) && (r.published_on ?? '') <= to;
    if (editionId === '2019') {
      figures[`s2.${row}.made`] = made;
      figures[`s2.${row}.published`] = published;
      figures[`s2.${row}.total`] = count(type, (r) => byYearEnd(r) && r.status === 'published');
    } else {
      figures[`s2.${row}.issued`] = made;
      figures[`s2.${row}.repealed`] = repealed;
      figures[`s2.${row}.inForce`] = count(
        type,
        (r) => byYearEnd(r) && !(r.validity === 'repealed' && r.repealed_on !== null && r.repealed_on <= to),
      );
    }
  }
  return figures;
}

// ---------------------------------------------------------------------------------------------
// Entered

/** The entered figures of an agency's year, as stored (decimal text), by cell key. */
export async function enteredFigures(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
): Promise<Record<string, string>> {
  const rows = await db
    .selectFrom('disclosure_registers')
    .select(['cell', 'value'])
    .where('agency_id', '=', agencyId)
    .where('year', '=', year)
    .execute();
  return Object.fromEntries(rows.map((r) => [r.cell, r.value]));
}

/**
 * Section 二 of the agency's report for the year in the given edition: cell key → number.
 * The derived cells are always there; an entered cell nobody entered is left out (blank).
 */
export async function registerFigures(
  db: Kysely<DB>,
  agencyId: number,
  year: number,
  editionId: EditionId,
): Promise<Record<string, number>> {
  const edition = EDITIONS[editionId];
  const entered = await enteredFigures(db, agencyId, year);
  const figures: Record<string, number> = {};
  for (const cell of enteredCells(edition)) {
    const value = entered[cell.key];
    if (value !== undefined) figures[cell.key] = Number(value);
  }
  return { ...(await derivedFigures(db, agencyId, year, editionId)), ...figures };
}

/** Changes of a register: the cells whose value differs, with before and after (null = blank). */
type Changes = Record<string, { before: string | null; after: string | null }>;

/** Writes figures (null deletes the cell) in the caller's transaction; returns what changed. */
export async function writeFigures(
  trx: Kysely<DB>,
  options: {
    agencyId: number;
    year: number;
    values: Record<string, string | null>;
    userId: number | null;
    now: Date;
  },
): Promise<Changes> {
  const { agencyId, year } = options;
  const before = await enteredFigures(trx, agencyId, year);
  const changes: Changes = {};
  const at = options.now.toISOString();
  for (const [cell, after] of Object.entries(options.values)) {
    const was = before[cell] ?? null;
    if (was === after) continue;
    changes[cell] = { before: was, after };
    if (after === null)
      await trx
        .deleteFrom('disclosure_registers')
        .where('agency_id', '=', agencyId)
        .where('year', '=', year)
        .where('cell', '=', cell)
        .execute();
    else
      await trx
        .insertInto('disclosure_registers')
        .values({ agency_id: agencyId, year, cell, value: after, updated_at: at, updated_by: options.userId })
        .onConflict((oc) =>
          oc
            .columns(['agency_id', 'year', 'cell'])
            .doUpdateSet({ value: after, updated_at: at, updated_by: options.userId }),
        )
        .execute();
  }
  return changes;
}

/**
 * The workbench form: every entered cell of the year's edition (`values` by cell key; blank
 * clears it). All figures are checked first, each error naming its cell as the field; then
 * one transaction writes them with one audit record of what changed.
 */
export async function saveRegister(
  db: Kysely<DB>,
  options: {
    agencyId: number;
    year: number;
    editionId: EditionId;
    values: Readonly<Record<string, string | null | undefined>>;
    actor: Actor;
    now: Date;
  },
): Promise<{ changed: number }> {
  const { agencyId, year } = options;
  if (!isRegisterYear(year))
    throw new AppError('VALIDATION', `年度应在 ${MIN_REGISTER_YEAR} 至 ${MAX_REGISTER_YEAR} 年之间`, [
      { field: 'year', message: `年度应在 ${MIN_REGISTER_YEAR} 至 ${MAX_REGISTER_YEAR} 年之间` },
    ]);
  const details: ErrorDetail[] = [];
  const values: Record<string, string | null> = {};
  for (const cell of enteredCells(EDITIONS[options.editionId])) {
    try {
      values[cell.key] = normalizeFigure(cell, options.values[cell.key]);
    } catch (error) {
      if (!(error instanceof FigureError)) throw error;
      details.push({ field: cell.key, message: error.message });
    }
  }
  if (details.length > 0) throw new AppError('VALIDATION', details[0]?.message, details);
  return withTransaction(db, async (trx) => {
    await getAgency(trx, agencyId);
    const changes = await writeFigures(trx, {
      agencyId,
      year,
      values,
      userId: options.actor.userId,
      now: options.now,
    });
    const changed = Object.keys(changes).length;
    if (changed > 0)
      await recordAudit(trx, {
        at: options.now,
        ...actorFields(options.actor),
        action: 'register.update',
        entityType: 'disclosureRegister',
        entityId: agencyId,
        agencyId,
        before: Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.before])),
        after: { year, ...Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.after])) },
      });
    return { changed };
  });
}
