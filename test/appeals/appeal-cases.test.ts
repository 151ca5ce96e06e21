import { readFile } from 'node:fs/promises';
import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import {
  appealDutyCounts,
  createAppealCase,
  findAppealCase,
  listAppealCases,
  recordAppealResponse,
  recordAppealResult,
  updateAppealCase,
} from '../../src/appeals/appeal-cases.ts';
import {
  deadlineEventsOf,
  eventsOf,
  findApplication,
} from '../../src/applications/application.repository.ts';
import { decideApplication } from '../../src/applications/decide-application.ts';
import { deliverApplication } from '../../src/applications/deliver-application.ts';
import { recordApplicationEvent } from '../../src/applications/record-application-event.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { DB } from '../../src/db/schema.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-12-31T02:00:00Z');
const calendar = snapshotCalendar();

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

const caseInput = (over: Record<string, string> = {}) => ({
  kind: 'reconsideration',
  body: '开封市人民政府',
  caseNumber: '汴政复〔2024〕1号',
  claimantName: '张三',
  filedOn: '2024-11-20',
  ...over,
});

/** The field → message map of a refused call, and proof that nothing was written. */
const refusal = async (db: Kysely<DB>, call: () => Promise<unknown>) => {
  const counts = async () =>
    Promise.all(
      (['appeal_cases', 'audit_log', 'application_events'] as const).map(async (t) =>
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

const audits = async (db: Kysely<DB>, entityId: number, entityType = 'appealCase') =>
  (
    await db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', entityType)
      .where('entity_id', '=', String(entityId))
      .orderBy('id')
      .execute()
  ).map((r) => r.action);

describeEachDatabase('reconsideration and litigation cases', (db) => {
  const submit = async (agencyId: number, receivedOn = '2024-10-08') =>
    (await submitApplication(db(), { agencyId, input: form(receivedOn), actor: TEST_ACTOR, now: NOW })).id;
  /** An application answered (granted) on `decidedOn` and delivered the day after. */
  const answered = async (agencyId: number, decidedOn = '2024-10-21') => {
    const id = await submit(agencyId);
    await recordSecrecyReview(db(), {
      applicationId: id,
      input: { result: 'cleared', date: '2024-10-20', reviewer: '保密办李四' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    await decideApplication(db(), {
      applicationId: id,
      input: { outcome: 'granted', date: decidedOn },
      actorIsApprover: false,
      actor: TEST_ACTOR,
      now: NOW,
    });
    await deliverApplication(db(), {
      applicationId: id,
      input: { method: 'post', date: '2024-10-22', proof: 'EMS1234567890' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    const found = await findApplication(db(), id);
    if (found === null) throw new Error('no application');
    return found;
  };

  it('records a case about an application, edits it, records the reply and the result, each audited', async () => {
    const agency = await makeAgency(db());
    const application = await answered(agency.id);
    const id = await createAppealCase(db(), {
      agencyId: agency.id,
      input: caseInput({ applicationNumber: application.trackingNumber.toLowerCase() }),
      actor: TEST_ACTOR,
      now: NOW,
    });
    let found = await findAppealCase(db(), id);
    expect([found?.applicationId, found?.applicationNumber, found?.agencyName, found?.result]).toEqual([
      application.id,
      application.trackingNumber,
      agency.name,
      null,
    ]);
    await updateAppealCase(db(), {
      id,
      input: caseInput({
        applicationNumber: application.trackingNumber,
        subject: '不服答复',
        filedOn: '2024-11-21',
      }),
      actor: TEST_ACTOR,
      now: NOW,
    });
    await recordAppealResponse(db(), {
      id,
      input: { copyReceivedOn: '2024-11-25', respondedOn: '2024-12-03' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    await recordAppealResult(db(), {
      id,
      input: { result: 'upheld', decidedOn: '2024-12-20', resultNote: '维持原答复' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    found = await findAppealCase(db(), id);
    expect(found).toMatchObject({
      subject: '不服答复',
      filedOn: '2024-11-21',
      copyReceivedOn: '2024-11-25',
      respondedOn: '2024-12-03',
      result: 'upheld',
      decidedOn: '2024-12-20',
      reopensApplication: false,
    });
    expect(await audits(db(), id)).toEqual([
      'appeal.create',
      'appeal.update',
      'appeal.respond',
      'appeal.decide',
    ]);
    // The claimant's name is masked in the audit log.
    const row = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('entity_type', '=', 'appealCase')
      .where('entity_id', '=', String(id))
      .where('action', '=', 'appeal.create')
      .executeTakeFirstOrThrow();
    expect(row.after_json).not.toContain('张三');
    // The application is untouched by a result that does not reopen it.
    expect((await findApplication(db(), application.id))?.stage).toBe('delivered');
  });

  it('refuses dates out of order and links that do not hold, naming the field, writing nothing', async () => {
    const agency = await makeAgency(db());
    const other = await makeAgency(db());
    const application = await submit(agency.id, '2024-10-08');
    const number = (await findApplication(db(), application))?.trackingNumber ?? '';
    const create =
      (input: Record<string, string>, agencyId = agency.id) =>
      () =>
        createAppealCase(db(), { agencyId, input, actor: TEST_ACTOR, now: NOW });

    expect(await refusal(db(), create(caseInput({ copyReceivedOn: '2024-11-19' })))).toMatchObject({
      copyReceivedOn: '收到副本的日期不能早于申请复议或起诉的日期（2024-11-20）',
    });
    expect(
      await refusal(db(), create(caseInput({ copyReceivedOn: '2024-11-22', respondedOn: '2024-11-21' }))),
    ).toMatchObject({ respondedOn: '提交答复或答辩的日期不能早于收到副本的日期（2024-11-22）' });
    expect(await refusal(db(), create(caseInput({ respondedOn: '2024-11-21' })))).toMatchObject({
      copyReceivedOn: '记录答复或答辩日期前，请先填写收到副本的日期',
    });
    expect(await refusal(db(), create(caseInput({ filedOn: '2025-01-02' })))).toMatchObject({
      filedOn: '申请复议或起诉的日期不能晚于今天',
    });
    expect(await refusal(db(), create(caseInput({ body: ' ', kind: 'appeal' })))).toMatchObject({
      body: '请填写复议机关或人民法院',
      kind: '请选择案件类型',
    });
    expect(await refusal(db(), create(caseInput({ applicationNumber: number }), other.id))).toMatchObject({
      applicationNumber: '该申请不是本案被申请人（被告）机关收到或承办的申请',
    });
    expect(await refusal(db(), create(caseInput({ applicationNumber: 'GK-NONE' })))).toMatchObject({
      applicationNumber: '未找到申请编号为 GK-NONE 的申请',
    });
    expect(
      await refusal(db(), create(caseInput({ applicationNumber: number, filedOn: '2024-10-01' }))),
    ).toMatchObject({ filedOn: '申请复议或起诉的日期不能早于收到该政府信息公开申请的日期（2024-10-08）' });

    // A litigation after review names the reconsideration of the same agency that came before it.
    const review = await createAppealCase(db(), {
      agencyId: agency.id,
      input: caseInput(),
      actor: TEST_ACTOR,
      now: NOW,
    });
    const elsewhere = await createAppealCase(db(), {
      agencyId: other.id,
      input: caseInput(),
      actor: TEST_ACTOR,
      now: NOW,
    });
    const lawsuit = (prior: number, over: Record<string, string> = {}) =>
      caseInput({
        kind: 'litigationAfterReview',
        body: '开封市龙亭区人民法院',
        priorCaseId: String(prior),
        filedOn: '2024-12-10',
        ...over,
      });
    expect(await refusal(db(), create(lawsuit(elsewhere)))).toMatchObject({
      priorCaseId: '关联的复议案件须为同一机关的行政复议案件',
    });
    expect(await refusal(db(), create(lawsuit(review, { filedOn: '2024-11-19' })))).toMatchObject({
      priorCaseId: '起诉日期不能早于所关联复议案件的申请日期（2024-11-20）',
    });
    expect(await refusal(db(), create(lawsuit(review, { kind: 'litigationDirect' })))).toMatchObject({
      priorCaseId: '只有复议后起诉的案件才关联此前的复议案件',
    });
    const after = await createAppealCase(db(), {
      agencyId: agency.id,
      input: lawsuit(review),
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect((await findAppealCase(db(), after))?.priorCaseId).toBe(review);

    // The result's date is not before the filing.
    expect(
      await refusal(db(), () =>
        recordAppealResult(db(), {
          id: review,
          input: { result: 'upheld', decidedOn: '2024-11-19' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toMatchObject({ decidedOn: '结果日期不能早于申请复议或起诉的日期（2024-11-20）' });
    // A case without an application cannot reopen one.
    expect(
      await refusal(db(), () =>
        recordAppealResult(db(), {
          id: review,
          input: { result: 'corrected', decidedOn: '2024-12-01', reopensApplication: '1' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toMatchObject({ reopensApplication: '本案件没有关联申请，无法重新办理' });
  });

  it('reopens the application in the same transaction: processing again, a new 20 working days, a second decision', async () => {
    const agency = await makeAgency(db());
    const application = await answered(agency.id, '2024-10-21');
    const id = await createAppealCase(db(), {
      agencyId: agency.id,
      input: caseInput({ applicationNumber: application.trackingNumber, copyReceivedOn: '2024-11-22' }),
      actor: TEST_ACTOR,
      now: NOW,
    });
    // The order was received before the answer it overturns: refused, and nothing written.
    expect(
      await refusal(db(), () =>
        recordAppealResult(db(), {
          id,
          input: {
            result: 'corrected',
            decidedOn: '2024-11-25',
            reopensApplication: '1',
            reopenedOn: '2024-11-24',
          },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toMatchObject({ reopenedOn: '收到重新办理决定的日期不能早于结果日期（2024-11-25）' });
    const { reopened } = await recordAppealResult(db(), {
      id,
      input: {
        result: 'corrected',
        decidedOn: '2024-11-25',
        reopensApplication: '1',
        reopenedOn: '2024-11-27',
      },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(reopened).toBe(true);
    const after = await findApplication(db(), application.id);
    expect([
      after?.status,
      after?.stage,
      after?.outcome,
      after?.decidedOn,
      after?.deliveredOn,
      after?.decision,
    ]).toEqual(['open', 'processing', null, null, null, null]);
    // 20 working days after 2024-11-27.
    expect(after?.deadline.due).toBe(calendar.addWorkingDays('2024-11-27', 20));
    expect(after?.deadline.due).toBe('2024-12-25');
    const events = (await eventsOf(db(), [application.id])).get(application.id) ?? [];
    expect(events.map((e) => e.type)).toEqual([
      'received',
      'secrecyReviewed',
      'decided',
      'delivered',
      'reopened',
    ]);
    expect(events.at(-1)).toMatchObject({ date: '2024-11-27', detail: { appealCaseId: id } });
    expect(String(events.at(-1)?.detail?.summary)).toContain('责令重新答复');
    expect(await audits(db(), application.id, 'application')).toContain('appeal.reopen');
    expect((await findAppealCase(db(), id))?.reopensApplication).toBe(true);

    // A reopened result is final here.
    expect(
      await refusal(db(), () =>
        recordAppealResult(db(), {
          id,
          input: { result: 'upheld', decidedOn: '2024-11-25' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toMatchObject({ result: '该结果已据以重新办理所涉申请，不能再修改' });

    // The new handling has its own extension (the first handling's rules do not carry over).
    await recordApplicationEvent(db(), {
      applicationId: application.id,
      event: { type: 'extended', date: '2024-12-02', workingDays: '5' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect((await findApplication(db(), application.id))?.deadline.due).toBe(
      calendar.addWorkingDays('2024-12-25', 5),
    );

    // A second decision: it needs its own secrecy review, and is not dated before the reopening.
    const decide = (date: string) =>
      decideApplication(db(), {
        applicationId: application.id,
        input: { outcome: 'granted', date },
        actorIsApprover: false,
        actor: TEST_ACTOR,
        now: NOW,
      });
    expect(await refusal(db(), () => decide('2024-12-10'))).toMatchObject({
      outcome: '公开政府信息前须先完成保密审查（条例第十七条），请先记录保密审查',
    });
    await recordSecrecyReview(db(), {
      applicationId: application.id,
      input: { result: 'cleared', date: '2024-12-09', reviewer: '保密办李四' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(await refusal(db(), () => decide('2024-11-26'))).toMatchObject({
      date: '决定日期不能早于依复议决定或判决重新办理的日期（2024-11-27）',
    });
    expect(await decide('2024-12-10')).toBe('decided');
    const decided = (await eventsOf(db(), [application.id]))
      .get(application.id)
      ?.filter((e) => e.type === 'decided');
    expect(decided?.map((e) => [e.date, e.detail?.outcome])).toEqual([
      ['2024-10-21', 'granted'],
      ['2024-12-10', 'granted'],
    ]);
    // And still only one outcome at a time.
    expect(await refusal(db(), () => decide('2024-12-11'))).toHaveProperty('outcome');
  });

  it('refuses to reopen an application that was never answered', async () => {
    const agency = await makeAgency(db());
    const open = await submit(agency.id);
    const number = (await findApplication(db(), open))?.trackingNumber ?? '';
    const id = await createAppealCase(db(), {
      agencyId: agency.id,
      input: caseInput({ kind: 'litigationDirect', body: '某区人民法院', applicationNumber: number }),
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(
      await refusal(db(), () =>
        recordAppealResult(db(), {
          id,
          input: { result: 'corrected', decidedOn: '2024-12-20', reopensApplication: '1' },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      ),
    ).toMatchObject({ reopensApplication: '所涉申请尚未作出答复决定，无需重新办理，请继续办理该申请' });
  });

  it('deadlineEventsOf keeps the receipt and the events from the last reopening', () => {
    const e = (id: number, type: string, date: string, workingDays: number | null = null) => ({
      id,
      type: type as 'received',
      date,
      workingDays,
      until: null,
      note: null,
      recordedAt: '',
      detail: null,
    });
    const events = [
      e(1, 'received', '2024-01-02'),
      e(2, 'extended', '2024-01-20', 20),
      e(3, 'decided', '2024-02-20'),
      e(4, 'reopened', '2024-05-06'),
      e(5, 'consultationStarted', '2024-05-08'),
    ];
    expect(deadlineEventsOf(events).map((x) => x.type)).toEqual([
      'received',
      'reopened',
      'consultationStarted',
    ]);
    expect(deadlineEventsOf(events.slice(0, 3)).map((x) => x.type)).toEqual(['received', 'extended']);
  });

  it('lists and filters cases, and counts replies due within 3 days and overdue', async () => {
    const agency = await makeAgency(db());
    const make = (input: Record<string, string>) =>
      createAppealCase(db(), { agencyId: agency.id, input: caseInput(input), actor: TEST_ACTOR, now: NOW });
    // Today is 2024-12-31. Copy 2024-12-20 + 10 = 2024-12-30: overdue. Copy 2024-12-18 + 15 (lawsuit) =
    // 2025-01-02: due in 2 days. Copy 2024-12-25 + 10 = 2025-01-04 (Saturday) → 2025-01-06: 6 days.
    await make({ copyReceivedOn: '2024-12-20', filedOn: '2024-12-15' });
    await make({
      kind: 'litigationDirect',
      body: '某区人民法院',
      copyReceivedOn: '2024-12-18',
      filedOn: '2024-12-15',
    });
    await make({ copyReceivedOn: '2024-12-25', filedOn: '2024-12-20' });
    await make({ copyReceivedOn: '2024-12-02', respondedOn: '2024-12-05', filedOn: '2024-12-01' });
    const old = await make({ filedOn: '2023-05-01' });
    await recordAppealResult(db(), {
      id: old,
      input: { result: 'other', decidedOn: '2023-08-01' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    const counts = await appealDutyCounts(db(), {
      agencyIds: [agency.id],
      today: '2024-12-31',
      calendar: await loadCalendar(db()),
    });
    expect(counts).toEqual({ dueSoon: 1, overdue: 1 });
    const all = await listAppealCases(db(), { agencyIds: [agency.id] });
    expect(all.map((c) => c.filedOn)).toEqual([
      '2024-12-20',
      '2024-12-15',
      '2024-12-15',
      '2024-12-01',
      '2023-05-01',
    ]);
    expect(await listAppealCases(db(), { agencyIds: [agency.id], year: 2023 })).toHaveLength(1);
    expect(await listAppealCases(db(), { agencyIds: [agency.id], pending: true })).toHaveLength(4);
    expect(await listAppealCases(db(), { agencyIds: [agency.id], kind: 'litigationDirect' })).toHaveLength(1);
    expect(await listAppealCases(db(), { agencyIds: [] })).toEqual([]);
  });
});

// The demo needs a database of its own: it seeds only where there is no agency yet.
describeEachDatabase('demo reconsideration and litigation cases', (db) => {
  it('seeds demo cases whose 2019 section 四 counts equal the sample report’s', async () => {
    const now = new Date('2026-11-27T03:00:00.000Z');
    await seedDemo(db(), { now });
    const parsed = await parseReport(
      await readFile(new URL('../../../shared/fixtures/reports/gulou-2019.txt', import.meta.url)),
    );
    if (!parsed.ok) throw new Error(parsed.error);
    const expected = Object.fromEntries(
      Object.entries(parsed.report.cells).filter(([k]) => k.startsWith('s4.')),
    );
    const gulou = await db()
      .selectFrom('agencies')
      .select('id')
      .where('name', '=', '鼓楼区人民政府')
      .executeTakeFirstOrThrow();
    const cases = await listAppealCases(db(), { agencyIds: [gulou.id], year: 2019 });
    const counted: Record<string, number> = {};
    for (const group of ['reconsideration', 'litigationDirect', 'litigationAfterReview'])
      for (const column of ['upheld', 'corrected', 'other', 'pending', 'total'])
        counted[`s4.${group}.${column}`] = 0;
    for (const c of cases) {
      const asOfYearEnd = c.decidedOn !== null && c.decidedOn <= '2019-12-31' ? c.result : null;
      counted[`s4.${c.kind}.${asOfYearEnd ?? 'pending'}`] =
        (counted[`s4.${c.kind}.${asOfYearEnd ?? 'pending'}`] ?? 0) + 1;
      counted[`s4.${c.kind}.total`] = (counted[`s4.${c.kind}.total`] ?? 0) + 1;
    }
    expect(counted).toEqual(expected);
    expect(cases.filter((c) => c.applicationId !== null)).toHaveLength(9);
    const linked = await db()
      .selectFrom('applications')
      .select(['received_on'])
      .where(
        'id',
        'in',
        cases.flatMap((c) => (c.applicationId === null ? [] : [c.applicationId])),
      )
      .execute();
    expect(linked.every((a) => a.received_on.startsWith('2019'))).toBe(true);
    expect(cases.every((c) => !c.reopensApplication)).toBe(true);
    // Current-year reminders on the seeding day.
    const agencyIds = (await db().selectFrom('agencies').select('id').execute()).map((r) => r.id);
    const counts = await appealDutyCounts(db(), {
      agencyIds,
      today: '2026-11-27',
      calendar: await loadCalendar(db()),
    });
    expect(counts.dueSoon).toBeGreaterThanOrEqual(1);
    expect(counts.overdue).toBeGreaterThanOrEqual(1);
  });
});
