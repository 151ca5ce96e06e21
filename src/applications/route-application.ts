import type { Kysely } from 'kysely';
import { z } from 'zod';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { parseInput } from '../errors/parse-input.ts';
import { findAgency } from '../orgs/agency.repository.ts';
import { isWithin } from '../orgs/agency-path.ts';
import { loadPrincipal } from '../orgs/load-principal.ts';
import { hasRole } from '../orgs/policy.ts';
import { findApplication } from './application.repository.ts';
import { appendWorkflowEvent } from './workflow-event.repository.ts';
import { beijingToday, blankToUndefined, idField, optionalText } from './workflow-input.ts';

const assignSchema = z.object({
  handlingAgencyId: idField('请选择承办单位'),
  handlerUserId: z.preprocess(blankToUndefined, idField('请选择承办人').optional()),
  note: optionalText('备注', 500),
});

const coHandlerSchema = z.object({ agencyId: idField('请选择会办单位'), note: optionalText('备注', 500) });

const openApplication = async (db: Kysely<DB>, id: number) => {
  const application = await findApplication(db, id);
  if (application === null) throw new AppError('NOT_FOUND', '未找到该申请');
  if (application.status !== 'open')
    throw new AppError('CONFLICT', '本申请已办结', [{ message: '本申请已办结，不能再分办或会办' }]);
  return application;
};

/** An agency inside the receiving agency's subtree (itself or one of its departments), or a field error. */
const agencyUnder = async (db: Kysely<DB>, agencyId: number, receivingId: number, field: string) => {
  const agency = await findAgency(db, agencyId);
  const receiving = await findAgency(db, receivingId);
  if (agency === null || receiving === null || !isWithin(agency.path, receiving.path))
    throw new AppError('VALIDATION', '承办单位须为受理机关本身或其下属部门', [
      { field, message: '须为受理机关本身或其下属部门' },
    ]);
  return agency;
};

/**
 * 分办: routes an application to the receiving agency itself or one of its departments, and to a
 * handler (承办人) who holds the handler role there. Routing again replaces the earlier routing;
 * both stay in the timeline.
 */
export async function assignApplication(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(assignSchema, options.input);
  await withTransaction(db, async (trx) => {
    const application = await openApplication(trx, options.applicationId);
    const handling = await agencyUnder(trx, input.handlingAgencyId, application.agencyId, 'handlingAgencyId');
    let handlerName: string | null = null;
    if (input.handlerUserId !== undefined) {
      const user = await trx
        .selectFrom('users')
        .select(['id', 'display_name', 'active'])
        .where('id', '=', input.handlerUserId)
        .executeTakeFirst();
      const principal = user === undefined ? null : await loadPrincipal(trx, user.id);
      if (
        user === undefined ||
        !user.active ||
        principal === null ||
        !hasRole(principal, 'handler', handling)
      )
        throw new AppError('VALIDATION', '承办人须为承办单位在职的承办人员', [
          { field: 'handlerUserId', message: `须为“${handling.name}”在职的承办人员` },
        ]);
      handlerName = user.display_name;
    }
    await trx
      .updateTable('applications')
      .set({
        handling_agency_id: handling.id === application.agencyId ? null : handling.id,
        handler_user_id: input.handlerUserId ?? null,
      })
      .where('id', '=', application.id)
      .execute();
    const summary = `交${handling.name}承办${handlerName === null ? '' : `，承办人${handlerName}`}`;
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'assigned',
      date: beijingToday(options.now),
      detail: { handlingAgencyId: handling.id, handlerUserId: input.handlerUserId ?? null, summary },
      note: input.note,
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.assign',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      before: { handlingAgencyId: application.handlingAgencyId, handlerUserId: application.handlerUserId },
      after: { handlingAgencyId: handling.id, handlerUserId: input.handlerUserId ?? null },
    });
  });
}

/** 会办: another department of the receiving agency works on the application too, and sees it. */
export async function addCoHandler(
  db: Kysely<DB>,
  options: { applicationId: number; input: unknown; actor: Actor; now: Date },
): Promise<void> {
  const input = parseInput(coHandlerSchema, options.input);
  await withTransaction(db, async (trx) => {
    const application = await openApplication(trx, options.applicationId);
    const agency = await agencyUnder(trx, input.agencyId, application.agencyId, 'agencyId');
    if (agency.id === application.agencyId || agency.id === application.handlingAgencyId)
      throw new AppError('VALIDATION', '会办单位不能是受理机关或承办单位本身', [
        { field: 'agencyId', message: '会办单位不能是受理机关或承办单位本身' },
      ]);
    const already = await trx
      .selectFrom('application_co_handlers')
      .select('agency_id')
      .where('application_id', '=', application.id)
      .where('agency_id', '=', agency.id)
      .executeTakeFirst();
    if (already !== undefined)
      throw new AppError('VALIDATION', `${agency.name}已是会办单位`, [
        { field: 'agencyId', message: `${agency.name}已是会办单位` },
      ]);
    await trx
      .insertInto('application_co_handlers')
      .values({ application_id: application.id, agency_id: agency.id, added_at: options.now.toISOString() })
      .execute();
    await appendWorkflowEvent(trx, {
      applicationId: application.id,
      type: 'coHandlerAdded',
      date: beijingToday(options.now),
      detail: { agencyId: agency.id, summary: `请${agency.name}会办` },
      note: input.note,
      actor: options.actor,
      now: options.now,
    });
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'application.coHandle',
      entityType: 'application',
      entityId: application.id,
      agencyId: application.agencyId,
      after: { coHandlerAgencyId: agency.id },
    });
  });
}
