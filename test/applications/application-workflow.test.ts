import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import { findApplication } from '../../src/applications/application.repository.ts';
import {
  approveDecision,
  decideApplication,
  returnDecision,
} from '../../src/applications/decide-application.ts';
import { deliverApplication } from '../../src/applications/deliver-application.ts';
import { getApplicationDetail } from '../../src/applications/get-application-detail.ts';
import { listApplications } from '../../src/applications/list-applications.ts';
import { recordApplicationEvent } from '../../src/applications/record-application-event.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import { addCoHandler, assignApplication } from '../../src/applications/route-application.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import type { DB } from '../../src/db/schema.ts';
import { updateAgency } from '../../src/orgs/update-agency.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-12-31T02:00:00Z');

const form = (receivedOn: string) => ({
  channel: 'letter',
  arrivedOn: receivedOn,
  receivedOn,
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'paper',
});

/** The field → message map of a refused call, and proof that nothing was written. */
const refusal = async (db: Kysely<DB>, call: () => Promise<unknown>) => {
  const counts = async () =>
    Promise.all(
      (['application_events', 'audit_log', 'application_co_handlers'] as const).map(async (t) =>
        Number(
          (
            await db
              .selectFrom(t)
              .select((eb) => eb.fn.countAll<number>().as('n'))
              .executeTakeFirstOrThrow()
          ).n,
        ),
      ),
    );
  const before = await counts();
  const error = await call().then(
    () => null,
    (e: unknown) => e as { code: string; details: { field?: string; message: string }[] },
  );
  expect(error).not.toBeNull();
  expect(await counts()).toEqual(before);
  return Object.fromEntries((error?.details ?? []).map((d) => [d.field ?? '', d.message]));
};

describeEachDatabase('deciding and delivering an application', (db) => {
  const submit = async (agencyId: number, receivedOn = '2024-10-08') =>
    (await submitApplication(db(), { agencyId, input: form(receivedOn), actor: TEST_ACTOR, now: NOW })).id;
  const review = (applicationId: number, result: string, date = '2024-10-20') =>
    recordSecrecyReview(db(), {
      applicationId,
      input: { result, date, reviewer: '保密办李四' },
      actor: TEST_ACTOR,
      now: NOW,
    });
  const decide = (applicationId: number, input: object, actorIsApprover = false) =>
    decideApplication(db(), { applicationId, input, actorIsApprover, actor: TEST_ACTOR, now: NOW });

  it('decides once, delivers with proof, and closes the application', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id);
    await review(id, 'cleared');
    expect(await decide(id, { outcome: 'granted', date: '2024-10-21' })).toBe('decided');
    const decided = await findApplication(db(), id);
    expect([decided?.stage, decided?.outcome, decided?.decidedOn, decided?.status]).toEqual([
      'decided',
      'granted',
      '2024-10-21',
      'open',
    ]);
    expect(await refusal(db(), () => decide(id, { outcome: 'unable.notHeld', date: '2024-10-22' }))).toEqual({
      outcome: '本申请已作出答复（予以公开），每件申请只能有一个办理结果',
    });
    expect(
      await refusal(db(), () =>
        deliverApplication(db(), {
          applicationId: id,
          input: { method: 'post', date: '2024-10-22' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toEqual({ proof: '请填写送达凭证：邮件号码（回执或妥投记录）' });
    const { late } = await deliverApplication(db(), {
      applicationId: id,
      input: { method: 'post', date: '2024-10-23', proof: 'XA123456789CN' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(late).toBe(false);
    const closed = await getApplicationDetail(db(), id);
    expect([closed?.application.status, closed?.application.stage, closed?.application.deliveredOn]).toEqual([
      'closed',
      'delivered',
      '2024-10-23',
    ]);
    expect(closed?.events.map((e) => e.type)).toEqual([
      'received',
      'secrecyReviewed',
      'decided',
      'delivered',
    ]);
    expect(closed?.events.at(-1)?.detail).toMatchObject({
      method: 'post',
      proof: 'XA123456789CN',
      late: false,
    });
    // A closed application takes no more clock events.
    await expect(
      recordApplicationEvent(db(), {
        applicationId: id,
        event: { type: 'consultationStarted', date: '2024-10-24' },
        actor: TEST_ACTOR,
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('refuses to release information without a confidentiality review that cleared it', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id);
    expect(await refusal(db(), () => decide(id, { outcome: 'granted', date: '2024-10-21' }))).toEqual({
      outcome: '公开政府信息前须先完成保密审查（条例第十七条），请先记录保密审查',
    });
    await review(id, 'redacted');
    expect(await refusal(db(), () => decide(id, { outcome: 'granted', date: '2024-10-21' }))).toEqual({
      outcome: '保密审查认定须区分处理，只能部分公开',
    });
    expect(await refusal(db(), () => decide(id, { outcome: 'partial', date: '2024-10-21' }))).toEqual({
      reason: '不予公开或部分公开须写明具体理由（条例第三十六条第（三）项、第三十七条）',
    });
    await decide(id, { outcome: 'partial', date: '2024-10-21', reason: '第3页含个人身份信息，已遮盖' });
    expect((await findApplication(db(), id))?.decision).toMatchObject({
      outcome: 'partial',
      reason: '第3页含个人身份信息，已遮盖',
    });
  });

  it('names the agency that holds the information (Art. 36(5)) only for "not held here"', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id);
    expect(
      await refusal(db(), () =>
        decide(id, { outcome: 'unable.needsCreation', date: '2024-10-21', referredAgencyName: '市统计局' }),
      ),
    ).toEqual({
      referredAgencyName: '只有“本机关不掌握相关政府信息”才告知负责公开的机关（条例第三十六条第（五）项）',
    });
    await decide(id, {
      outcome: 'unable.notHeld',
      date: '2024-10-21',
      referredAgencyName: '开封市统计局',
      referredAgencyContact: '0371-23456789',
    });
    const application = await findApplication(db(), id);
    expect(application?.decision?.referredAgency).toEqual({ name: '开封市统计局', contact: '0371-23456789' });
  });

  it('checks the record behind the outcomes that end an application for the applicant', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id);
    expect(
      await refusal(db(), () => decide(id, { outcome: 'other.noCorrection', date: '2024-10-21' })),
    ).toEqual({
      outcome: '没有未补正的补正告知，不能以“逾期不补正”办结',
    });
    await recordApplicationEvent(db(), {
      applicationId: id,
      event: { type: 'correctionAsked', date: '2024-10-10', until: '2024-10-25' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(
      await refusal(db(), () => decide(id, { outcome: 'other.noCorrection', date: '2024-10-25' })),
    ).toEqual({
      date: '补正期限（2024-10-25）尚未届满，不能以“逾期不补正”办结',
    });
    expect(await refusal(db(), () => decide(id, { outcome: 'other.noFee', date: '2024-10-28' }))).toEqual({
      outcome: '没有未缴费的收费通知，不能以“逾期未缴费”办结',
    });
    expect(await decide(id, { outcome: 'other.noCorrection', date: '2024-10-28' })).toBe('decided');
  });

  it('sends a decision to the approver where the agency wants it, who approves or returns it', async () => {
    const agency = await makeAgency(db());
    await db()
      .updateTable('agencies')
      .set({ decisions_need_approval: 1 })
      .where('id', '=', agency.id)
      .execute();
    const id = await submit(agency.id);
    expect(await decide(id, { outcome: 'rejected.petition', date: '2024-10-21' })).toBe('awaitingApproval');
    const waiting = await listApplications(db(), {
      agencyIds: [agency.id],
      queue: 'awaitingApproval',
      today: '2024-10-22',
    });
    expect(waiting.rows.map((r) => r.id)).toEqual([id]);
    expect(
      await refusal(db(), () =>
        returnDecision(db(), { applicationId: id, input: { note: '' }, actor: TEST_ACTOR, now: NOW }),
      ),
    ).toEqual({ note: '请填写退回理由' });
    await returnDecision(db(), {
      applicationId: id,
      input: { note: '请核实是否属于信访事项' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect((await findApplication(db(), id))?.stage).toBe('processing');
    await decide(id, { outcome: 'rejected.petition', date: '2024-10-22' });
    await approveDecision(db(), {
      applicationId: id,
      input: {},
      actor: TEST_ACTOR,
      now: new Date('2024-10-23T02:00:00Z'),
    });
    const approved = await findApplication(db(), id);
    expect([approved?.stage, approved?.outcome, approved?.decidedOn]).toEqual([
      'decided',
      'rejected.petition',
      '2024-10-23',
    ]);
    // An approver deciding needs nobody else.
    const other = await submit(agency.id);
    expect(await decide(other, { outcome: 'rejected.petition', date: '2024-10-21' }, true)).toBe('decided');
  });

  it('marks a reply delivered after its deadline as late', async () => {
    const agency = await makeAgency(db());
    // Received 09-27: due 10-30.
    const id = await submit(agency.id, '2024-09-27');
    await decide(id, { outcome: 'rejected.repeated', date: '2024-10-30' });
    const { late } = await deliverApplication(db(), {
      applicationId: id,
      input: { method: 'email', date: '2024-11-04', proof: '2024-11-04 09:12 发至 z***@example.com' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(late).toBe(true);
    const detail = await getApplicationDetail(db(), id);
    expect(String(detail?.events.at(-1)?.detail?.summary)).toContain('超过答复期限2024-10-30');
  });

  it('routes to a department and a handler there, adds co-handlers, and they see it in their queues', async () => {
    const government = await makeAgency(db());
    const department = await makeAgency(db(), { parentId: government.id, kind: 'department' });
    const other = await makeAgency(db(), { parentId: government.id, kind: 'department' });
    const outsider = await makeAgency(db());
    const handler = await makeUser(db(), { agencyId: department.id, roles: ['handler'] });
    const viewer = await makeUser(db(), { agencyId: department.id, roles: ['viewer'] });
    const id = await submit(government.id);
    expect(
      await refusal(db(), () =>
        assignApplication(db(), {
          applicationId: id,
          input: { handlingAgencyId: outsider.id },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toEqual({ handlingAgencyId: '须为受理机关本身或其下属部门' });
    expect(
      await refusal(db(), () =>
        assignApplication(db(), {
          applicationId: id,
          input: { handlingAgencyId: department.id, handlerUserId: viewer.user.id },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toEqual({ handlerUserId: `须为“${department.name}”在职的承办人员` });
    await assignApplication(db(), {
      applicationId: id,
      input: { handlingAgencyId: department.id, handlerUserId: handler.user.id },
      actor: TEST_ACTOR,
      now: NOW,
    });
    await addCoHandler(db(), {
      applicationId: id,
      input: { agencyId: other.id },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(
      await refusal(db(), () =>
        addCoHandler(db(), { applicationId: id, input: { agencyId: other.id }, actor: TEST_ACTOR, now: NOW }),
      ),
    ).toEqual({ agencyId: `${other.name}已是会办单位` });
    const seenBy = async (agencyId: number) =>
      (await listApplications(db(), { agencyIds: [agencyId], today: '2024-10-22' })).rows.map((r) => r.id);
    expect(await seenBy(department.id)).toEqual([id]);
    expect(await seenBy(other.id)).toEqual([id]);
    expect(await seenBy(outsider.id)).toEqual([]);
    const mine = await listApplications(db(), {
      agencyIds: [government.id],
      handlerUserId: handler.user.id,
      today: '2024-10-22',
    });
    expect(mine.rows.map((r) => r.id)).toEqual([id]);
    const application = await findApplication(db(), id);
    expect([application?.handlingAgencyId, application?.handlerUserId]).toEqual([
      department.id,
      handler.user.id,
    ]);
  });

  it('puts the fee amount, with its explanation, on the fee notice', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id);
    await recordApplicationEvent(db(), {
      applicationId: id,
      event: { type: 'feeNoticed', date: '2024-10-10', feeMethod: 'perQuantity', pages: '120' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    const detail = await getApplicationDetail(db(), id);
    // Pages 31–100 at 10 yuan, 101–120 at 20 yuan: 700 + 400.
    expect(detail?.events.at(-1)?.detail).toMatchObject({ method: 'perQuantity', amountYuan: 1100 });
    expect(detail?.application.deadline.waitingFor?.what).toBe('feePayment');
    const free = await submit(agency.id);
    expect(
      await refusal(db(), () =>
        recordApplicationEvent(db(), {
          applicationId: free,
          event: { type: 'feeNoticed', date: '2024-10-10', feeMethod: 'perApplication', nth: '3' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toEqual({ feeMethod: '按此计算不收取信息处理费，无需发出收费通知' });
  });

  it('leaves fee time in the count where the agency has set the fee pause off', async () => {
    const agency = await makeAgency(db());
    await db().updateTable('agencies').set({ fee_pauses_clock: 0 }).where('id', '=', agency.id).execute();
    // Received 09-27: due 10-30 whatever the fee notice.
    const id = await submit(agency.id, '2024-09-27');
    const { deadline } = await recordApplicationEvent(db(), {
      applicationId: id,
      event: { type: 'feeNoticed', date: '2024-10-10', feeMethod: 'perQuantity', pages: '45' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(deadline.due).toBe('2024-10-30');
    expect((await findApplication(db(), id))?.deadline.due).toBe('2024-10-30');
  });

  it('recomputes the open deadlines of an agency whose fee setting changes', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id, '2024-09-27');
    await recordApplicationEvent(db(), {
      applicationId: id,
      event: { type: 'feeNoticed', date: '2024-10-10', feeMethod: 'perQuantity', pages: '45' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect((await findApplication(db(), id))?.deadline).toMatchObject({
      due: null,
      waitingFor: { what: 'feePayment' },
    });
    await updateAgency(db(), agency.id, { feePausesClock: false, actor: TEST_ACTOR });
    expect((await findApplication(db(), id))?.deadline.due).toBe('2024-10-30');
    await updateAgency(db(), agency.id, { feePausesClock: true, actor: TEST_ACTOR });
    expect((await findApplication(db(), id))?.deadline.due).toBeNull();
  });
});
