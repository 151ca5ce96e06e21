import type { Insertable, Kysely } from 'kysely';
import { type Actor, actorFields } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import { loadCalendar } from '../../calendar/calendar-store.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import type { ApplicationEventTable } from '../application.table.ts';
import { refreshDeadline } from '../application-deadline.ts';
import { applicationColumns } from '../application-row.ts';
import { DELIVERY_METHOD_LABELS, type DecisionDetail } from '../decision.ts';
import { OUTCOME_DEFINITIONS } from '../outcomes.ts';
import { hashSecretCode, newSecretCode, newTrackingNumber } from '../tracking-code.ts';
import type { ApplicationImportTable } from './application-import.table.ts';
import {
  type CheckedImport,
  checkImport,
  type ImportedApplication,
  type ImportSummary,
  importKey,
} from './check-import.ts';
import { ImportFileError, type ImportSource, readImportFiles } from './read-import-file.ts';

export type ImportStatus = ApplicationImportTable['status'];

/** An import as the preview shows it: never its rows (personal data, and large). */
export interface ApplicationImport {
  readonly id: number;
  readonly agencyId: number;
  readonly userId: number | null;
  readonly fileName: string;
  readonly status: ImportStatus;
  readonly createdAt: string;
  readonly doneAt: string | null;
  readonly summary: ImportSummary;
}

/** Keeps a checked import for its preview; returns its id. */
export async function saveImport(
  db: Kysely<DB>,
  options: { agencyId: number; userId: number | null; fileName: string; checked: CheckedImport; now: Date },
): Promise<number> {
  const { id } = await db
    .insertInto('application_imports')
    .values({
      agency_id: options.agencyId,
      user_id: options.userId,
      file_name: options.fileName.slice(0, 255),
      rows_json: JSON.stringify(options.checked.applications),
      summary_json: JSON.stringify(options.checked.summary),
      status: 'pending',
      created_at: options.now.toISOString(),
      done_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Upload → read → check → keep, for the preview. A file that cannot be read at all is a
 * VALIDATION error of the field `file`; row errors are kept with the import, for the preview.
 */
export async function stageImport(
  db: Kysely<DB>,
  options: { agencyId: number; userId: number | null; files: readonly ImportSource[]; now: Date },
): Promise<number> {
  const [main, events] = options.files;
  if (main === undefined)
    throw new AppError('VALIDATION', '请选择要导入的文件', [
      { field: 'file', message: '请选择要导入的文件' },
    ]);
  let raw: Awaited<ReturnType<typeof readImportFiles>>;
  try {
    raw = await readImportFiles(main, events);
  } catch (error) {
    if (!(error instanceof ImportFileError)) throw error;
    throw new AppError('VALIDATION', error.message, [{ field: 'file', message: error.message }]);
  }
  const checked = await checkImport(db, { agencyId: options.agencyId, raw, now: options.now });
  return saveImport(db, {
    agencyId: options.agencyId,
    userId: options.userId,
    fileName: options.files.map((f) => f.fileName).join(' + '),
    checked,
    now: options.now,
  });
}

export async function findImport(db: Kysely<DB>, id: number): Promise<ApplicationImport | null> {
  const row = await db
    .selectFrom('application_imports')
    .select(['id', 'agency_id', 'user_id', 'file_name', 'status', 'created_at', 'done_at', 'summary_json'])
    .where('id', '=', id)
    .executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    agencyId: row.agency_id,
    userId: row.user_id,
    fileName: row.file_name,
    status: row.status,
    createdAt: row.created_at,
    doneAt: row.done_at,
    summary: JSON.parse(row.summary_json) as ImportSummary,
  };
}

/** Drops a pending import; its rows (personal data) go with it. Discarding twice is harmless. */
export async function discardImport(db: Kysely<DB>, id: number, now: Date): Promise<void> {
  const found = await findImport(db, id);
  if (found === null) throw new AppError('NOT_FOUND', '未找到该导入');
  if (found.status === 'done')
    throw new AppError('CONFLICT', '该导入已完成，不能放弃', [{ message: '该导入已完成，不能放弃' }]);
  await db
    .updateTable('application_imports')
    .set({ status: 'discarded', rows_json: '[]', done_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}

const BATCH = 400;

/** A tracking number per application, none repeated in the file nor already stored. */
const trackingNumbers = async (
  trx: Kysely<DB>,
  apps: readonly ImportedApplication[],
  taken: Set<string>,
): Promise<string[]> => {
  const fresh = (app: ImportedApplication): string => {
    for (;;) {
      const n = newTrackingNumber(app.input.receivedOn);
      if (!taken.has(n)) {
        taken.add(n);
        return n;
      }
    }
  };
  const numbers = apps.map(fresh);
  for (;;) {
    const clash = new Set(
      (
        await trx
          .selectFrom('applications')
          .select('tracking_number')
          .where('tracking_number', 'in', numbers)
          .execute()
      ).map((r) => r.tracking_number),
    );
    if (clash.size === 0) return numbers;
    numbers.forEach((n, i) => {
      const app = apps[i];
      if (clash.has(n) && app !== undefined) numbers[i] = fresh(app);
    });
  }
};

const stageOf = (app: ImportedApplication) =>
  app.delivery !== null ? 'delivered' : app.decision !== null ? 'decided' : 'processing';

export interface ConfirmResult {
  /** False when the import had already been done: nothing happened this time. */
  readonly imported: boolean;
  readonly applications: number;
  readonly events: number;
}

/**
 * Stores every application of a pending import in one transaction, all or nothing: the
 * application (a new tracking number, and a secret code nobody is told: imported applicants
 * cannot follow online), its 'received' event, its events, its decision and delivery, its
 * stored deadline, and one audit record for the whole import. Confirming again does nothing.
 */
export async function confirmImport(
  db: Kysely<DB>,
  options: { importId: number; actor: Actor; now: Date },
): Promise<ConfirmResult> {
  const found = await findImport(db, options.importId);
  if (found === null) throw new AppError('NOT_FOUND', '未找到该导入');
  if (found.status === 'done')
    return { imported: false, applications: found.summary.applications, events: found.summary.events };
  if (found.status === 'discarded')
    throw new AppError('CONFLICT', '该导入已放弃，请重新上传文件', [
      { message: '该导入已放弃，请重新上传文件' },
    ]);
  if (found.summary.errorCount > 0)
    throw new AppError('VALIDATION', '文件中有错误，改正后重新上传才能导入', [
      { message: `文件中有 ${found.summary.errorCount} 处错误，改正后重新上传才能导入` },
    ]);
  const now = options.now.toISOString();
  return withTransaction(db, async (trx) => {
    // Claims the import first: a second confirmation waits for this one and then finds it done.
    const claimed = await trx
      .updateTable('application_imports')
      .set({ status: 'done', done_at: now })
      .where('id', '=', found.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0)
      return { imported: false, applications: found.summary.applications, events: found.summary.events };
    const { rows_json } = await trx
      .selectFrom('application_imports')
      .select('rows_json')
      .where('id', '=', found.id)
      .executeTakeFirstOrThrow();
    const apps = JSON.parse(rows_json) as ImportedApplication[];
    const agencyId = found.agencyId;
    const calendar = await loadCalendar(trx);
    const taken = new Set<string>();
    const ids: number[] = [];
    let events = 0;
    for (let start = 0; start < apps.length; start += BATCH) {
      const batch = apps.slice(start, start + BATCH);
      const clash = await trx
        .selectFrom('applications')
        .select('idempotency_key')
        .where('agency_id', '=', agencyId)
        .where(
          'idempotency_key',
          'in',
          batch.map((a) => importKey(a.ref)),
        )
        .execute();
      if (clash.length > 0) {
        const refs = clash.map((c) => (c.idempotency_key ?? '').replace(/^import:/, ''));
        throw new AppError('CONFLICT', '部分导入编号已在此期间导入', [
          {
            message: `导入编号${refs.map((r) => `「${r}」`).join('')}已在此期间导入本机关，本次导入未保存任何数据`,
          },
        ]);
      }
      const numbers = await trackingNumbers(trx, batch, taken);
      const inserted = await trx
        .insertInto('applications')
        .values(
          batch.map((app, i) => ({
            agency_id: agencyId,
            tracking_number: numbers[i] ?? '',
            secret_hash: hashSecretCode(newSecretCode()),
            ...applicationColumns(app.input),
            idempotency_key: importKey(app.ref),
            status: app.delivery === null ? 'open' : 'closed',
            created_at: now,
            updated_at: now,
            stage: stageOf(app),
            outcome: app.decision?.outcome ?? null,
            decided_on: app.decision?.decidedOn ?? null,
            delivered_on: app.delivery?.deliveredOn ?? null,
            decision_json:
              app.decision === null
                ? null
                : JSON.stringify({
                    outcome: app.decision.outcome,
                    reason: '',
                    proposedBy: null,
                    proposedAt: now,
                    decidedOn: app.decision.decidedOn,
                  } satisfies DecisionDetail),
            handling_agency_id: null,
            handler_user_id: null,
          })),
        )
        .returning(['id', 'idempotency_key'])
        .execute();
      const idOf = new Map(inserted.map((r) => [r.idempotency_key, r.id]));
      const eventRows: Insertable<ApplicationEventTable>[] = [];
      const event = (applicationId: number, e: Partial<Insertable<ApplicationEventTable>>) =>
        eventRows.push({
          application_id: applicationId,
          type: '',
          date: '',
          working_days: null,
          until: null,
          note: null,
          actor_user_id: options.actor.userId,
          recorded_at: now,
          detail_json: null,
          ...e,
        });
      for (const app of batch) {
        const id = idOf.get(importKey(app.ref));
        if (id === undefined) throw new Error(`imported application ${app.ref} has no id`);
        ids.push(id);
        event(id, { type: 'received', date: app.input.receivedOn, note: '导入' });
        for (const e of app.events) {
          event(id, {
            type: e.type,
            date: e.date,
            working_days: e.workingDays ?? null,
            until: e.until ?? null,
            note: e.note ?? null,
          });
          events++;
        }
        if (app.decision !== null)
          event(id, {
            type: 'decided',
            date: app.decision.decidedOn,
            detail_json: JSON.stringify({
              outcome: app.decision.outcome,
              summary: `作出答复决定：${OUTCOME_DEFINITIONS[app.decision.outcome].label}（导入）`,
            }),
          });
        if (app.delivery !== null)
          event(id, {
            type: 'delivered',
            date: app.delivery.deliveredOn,
            detail_json: JSON.stringify({
              method: app.delivery.method,
              proof: app.delivery.proof,
              summary: `送达：${DELIVERY_METHOD_LABELS[app.delivery.method]}（导入）`,
            }),
          });
      }
      for (let i = 0; i < eventRows.length; i += 1000)
        await trx
          .insertInto('application_events')
          .values(eventRows.slice(i, i + 1000))
          .execute();
    }
    for (const id of ids) await refreshDeadline(trx, id, calendar);
    await trx
      .updateTable('application_imports')
      .set({ rows_json: '[]' })
      .where('id', '=', found.id)
      .execute();
    const { summary } = found;
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.import',
      entityType: 'application_import',
      entityId: found.id,
      agencyId,
      after: {
        fileName: found.fileName,
        applications: apps.length,
        open: summary.open,
        closed: summary.closed,
        events,
        carriedOver: summary.carriedOver,
      },
    });
    return { imported: true, applications: apps.length, events };
  });
}
