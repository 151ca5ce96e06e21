import type { Kysely, Selectable } from 'kysely';
import { beijingToday } from '../applications/workflow-input.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { type WorkRecordInput, workRecordSchema } from './work-record.schema.ts';
import type { WorkRecordTable } from './work-record.table.ts';
import type { WorkRecordKind } from './work-record-kinds.ts';

export interface WorkRecord extends WorkRecordInput {
  readonly id: number;
  readonly agencyId: number;
  readonly createdAt: string;
  readonly updatedAt: string;
}

const toWorkRecord = (r: Selectable<WorkRecordTable>): WorkRecord => ({
  id: r.id,
  agencyId: r.agency_id,
  kind: r.kind as WorkRecordKind,
  date: r.date,
  title: r.title,
  participants: r.participants === null ? null : Number(r.participants),
  cost: r.cost,
  items: r.items === null ? null : Number(r.items),
  account: r.account,
  note: r.note,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export const MIN_WORK_RECORD_YEAR = 2008;

/** The form's input checked, and its date neither before 2008 (the Regulations) nor after today. */
const checkedInput = (input: unknown, now: Date): WorkRecordInput => {
  const parsed = parseInput(workRecordSchema, input);
  const message =
    parsed.date > beijingToday(now)
      ? '日期不能晚于今天：工作记录在工作完成后登记'
      : Number(parsed.date.slice(0, 4)) < MIN_WORK_RECORD_YEAR
        ? `日期不能早于 ${MIN_WORK_RECORD_YEAR} 年`
        : null;
  if (message !== null) throw new AppError('VALIDATION', message, [{ field: 'date', message }]);
  return parsed;
};

const columns = (input: WorkRecordInput) => ({
  kind: input.kind,
  date: input.date,
  title: input.title,
  participants: input.participants,
  cost: input.cost,
  items: input.items,
  account: input.account,
  note: input.note,
});

export async function findWorkRecord(db: Kysely<DB>, id: number): Promise<WorkRecord | null> {
  const row = await db.selectFrom('work_records').selectAll().where('id', '=', id).executeTakeFirst();
  return row === undefined ? null : toWorkRecord(row);
}

/** An agency's records of a calendar year, by date (then as entered). */
export async function listWorkRecords(db: Kysely<DB>, agencyId: number, year: number): Promise<WorkRecord[]> {
  const rows = await db
    .selectFrom('work_records')
    .selectAll()
    .where('agency_id', '=', agencyId)
    .where('date', '>=', `${year}-01-01`)
    .where('date', '<=', `${year}-12-31`)
    .orderBy('date')
    .orderBy('id')
    .execute();
  return rows.map(toWorkRecord);
}

/** Records one piece of work of an agency, with its audit row, in one transaction. */
export async function recordWorkRecord(
  db: Kysely<DB>,
  options: { agencyId: number; input: unknown; actor: Actor; now: Date },
): Promise<WorkRecord> {
  const input = checkedInput(options.input, options.now);
  const at = options.now.toISOString();
  return withTransaction(db, async (trx) => {
    const row = await trx
      .insertInto('work_records')
      .values({
        agency_id: options.agencyId,
        ...columns(input),
        created_at: at,
        updated_at: at,
        created_by: options.actor.userId,
        updated_by: options.actor.userId,
      })
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'workRecord.create',
      entityType: 'workRecord',
      entityId: row.id,
      agencyId: options.agencyId,
      after: input,
    });
    return toWorkRecord(row);
  });
}

/** Corrects a record (its kind may change too); the audit row keeps what it was. */
export async function updateWorkRecord(
  db: Kysely<DB>,
  options: { id: number; input: unknown; actor: Actor; now: Date },
): Promise<WorkRecord> {
  const input = checkedInput(options.input, options.now);
  return withTransaction(db, async (trx) => {
    const before = await findWorkRecord(trx, options.id);
    if (before === null) throw new AppError('NOT_FOUND', '未找到该工作记录。');
    const row = await trx
      .updateTable('work_records')
      .set({ ...columns(input), updated_at: options.now.toISOString(), updated_by: options.actor.userId })
      .where('id', '=', options.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'workRecord.update',
      entityType: 'workRecord',
      entityId: options.id,
      agencyId: before.agencyId,
      before: columns(before),
      after: input,
    });
    return toWorkRecord(row);
  });
}

/** Deletes a record entered by mistake; the audit row keeps it. */
export async function deleteWorkRecord(
  db: Kysely<DB>,
  options: { id: number; actor: Actor; now: Date },
): Promise<void> {
  await withTransaction(db, async (trx) => {
    const before = await findWorkRecord(trx, options.id);
    if (before === null) throw new AppError('NOT_FOUND', '未找到该工作记录。');
    await trx.deleteFrom('work_records').where('id', '=', options.id).execute();
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'workRecord.delete',
      entityType: 'workRecord',
      entityId: options.id,
      agencyId: before.agencyId,
      before: columns(before),
    });
  });
}
