import { expect, it } from 'vitest';
import { getApplicationDetail } from '../../src/applications/get-application-detail.ts';
import { listApplications, type Queue } from '../../src/applications/list-applications.ts';
import { recordApplicationEvent } from '../../src/applications/record-application-event.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-12-31T02:00:00Z');

const applicationForm = (receivedOn: string) => ({
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

describeEachDatabase('the workbench queues', (db) => {
  const submit = async (agencyId: number, receivedOn: string): Promise<number> =>
    (
      await submitApplication(db(), {
        agencyId,
        input: applicationForm(receivedOn),
        actor: TEST_ACTOR,
        now: NOW,
      })
    ).id;

  it('puts each application in its queue by its derived deadline on the day asked', async () => {
    const agency = await makeAgency(db());
    // Received 09-20: the 20th working day after it is 10-23 (make-up days 09-29 and 10-12 count).
    const overdue = await submit(agency.id, '2024-09-20');
    // Received 09-27: due 10-30, the 2nd working day after 10-28.
    const dueSoon = await submit(agency.id, '2024-09-27');
    const waiting = await submit(agency.id, '2024-10-08');
    await recordApplicationEvent(db(), {
      applicationId: waiting,
      event: { type: 'correctionAsked', date: '2024-10-10', until: '2024-11-05' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    const later = await submit(agency.id, '2024-10-25');
    const ids = async (queue: Queue) =>
      (await listApplications(db(), { agencyIds: [agency.id], queue, today: '2024-10-28' })).rows.map(
        (r) => r.id,
      );
    expect(await ids('overdue')).toEqual([overdue]);
    expect(await ids('dueSoon')).toEqual([dueSoon]);
    expect(await ids('waiting')).toEqual([waiting]);
    expect(new Set(await ids('all'))).toEqual(new Set([overdue, dueSoon, waiting, later]));
    const overduePage = await listApplications(db(), {
      agencyIds: [agency.id],
      queue: 'overdue',
      today: '2024-10-28',
    });
    expect(overduePage.total).toBe(1);
    expect(overduePage.rows[0]?.deadline.due).toBe('2024-10-23');
    // On 10-31 the 10-30 deadline has passed too.
    expect(
      (
        await listApplications(db(), { agencyIds: [agency.id], queue: 'overdue', today: '2024-10-31' })
      ).rows.map((r) => r.id),
    ).toEqual([overdue, dueSoon]);
    expect((await listApplications(db(), { agencyIds: [], today: '2024-10-28' })).rows).toEqual([]);
  });

  it('shows only the agencies asked for', async () => {
    const mine = await makeAgency(db());
    const theirs = await makeAgency(db());
    const id = await submit(mine.id, '2024-09-27');
    await submit(theirs.id, '2024-09-27');
    const rows = await listApplications(db(), { agencyIds: [mine.id], today: '2024-10-28' });
    expect(rows.rows.map((r) => r.id)).toEqual([id]);
  });

  it('records an extension and explains the deadline step by step', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id, '2024-09-27');
    const result = await recordApplicationEvent(db(), {
      applicationId: id,
      event: { type: 'extended', date: '2024-10-28', workingDays: '20', note: '经办公室负责人批准' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(result.deadline.due).toBe('2024-11-27');
    const detail = await getApplicationDetail(db(), id);
    expect(detail?.application.idNumber).toBe('11010519491231002X');
    expect(detail?.events.map((e) => [e.type, e.date, e.workingDays, e.note])).toEqual([
      ['received', '2024-09-27', null, null],
      ['extended', '2024-10-28', 20, '经办公室负责人批准'],
    ]);
    expect(detail?.deadline.steps.map((s) => s.due)).toEqual(['2024-10-30', '2024-11-27']);
    expect(detail?.deadline.steps[0]?.text).toContain('2024-09-27 收到申请');
    expect(detail?.deadline.steps[0]?.text).toContain('答复期限为2024-10-30');
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'application')
      .where('entity_id', '=', String(id))
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['application.event', 'application.submit']);
    expect(await getApplicationDetail(db(), 999_999)).toBeNull();
  });

  const refusals: [string, Record<string, unknown>[], Record<string, unknown>, Record<string, string>][] = [
    [
      'a correction asked after its 7 working days',
      [],
      { type: 'correctionAsked', date: '2024-10-14', until: '2024-10-30' },
      { date: '告知补正须在收到申请后7个工作日内，即2024-10-12前（条例第三十条）' },
    ],
    [
      'a second extension',
      [{ type: 'extended', date: '2024-10-10', workingDays: 10 }],
      { type: 'extended', date: '2024-10-15', workingDays: 5 },
      { type: '答复期限只能延长一次（条例第三十三条），本申请已经延长过' },
    ],
    [
      'an extension over 20 working days',
      [],
      { type: 'extended', date: '2024-10-10', workingDays: 21 },
      { workingDays: '延长不能超过20个工作日（条例第三十三条）' },
    ],
    [
      'an extension after the deadline',
      [],
      { type: 'extended', date: '2024-10-31', workingDays: 10 },
      { date: '延长答复期限须在期限（2024-10-30）届满前决定（条例第三十三条）' },
    ],
    [
      'an event dated before the receipt',
      [],
      { type: 'consultationStarted', date: '2024-09-26' },
      { date: '事件日期不能早于收到申请的日期（2024-09-27）' },
    ],
    [
      'an event dated in the future',
      [],
      { type: 'consultationStarted', date: '2025-01-02' },
      { date: '事件日期不能晚于今天' },
    ],
  ];

  it.each(refusals)('refuses %s, in Chinese, and stores nothing', async (_name, earlier, event, expected) => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id, '2024-09-27');
    for (const e of earlier)
      await recordApplicationEvent(db(), { applicationId: id, event: e, actor: TEST_ACTOR, now: NOW });
    const count = async () =>
      Number(
        (
          await db()
            .selectFrom('application_events')
            .select((eb) => eb.fn.countAll<number>().as('n'))
            .where('application_id', '=', id)
            .executeTakeFirstOrThrow()
        ).n,
      );
    const audits = async () =>
      (
        await db()
          .selectFrom('audit_log')
          .select('id')
          .where('entity_id', '=', String(id))
          .where('action', '=', 'application.event')
          .execute()
      ).length;
    const [eventsBefore, auditsBefore] = [await count(), await audits()];
    const error = await recordApplicationEvent(db(), {
      applicationId: id,
      event,
      actor: TEST_ACTOR,
      now: NOW,
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: 'VALIDATION' });
    const details = (error as { details: { field?: string; message: string }[] }).details;
    expect(Object.fromEntries(details.map((d) => [d.field ?? '', d.message]))).toEqual(expected);
    expect([await count(), await audits()]).toEqual([eventsBefore, auditsBefore]);
  });

  it('records a late payment as it happened, and shows what the law says of it', async () => {
    const agency = await makeAgency(db());
    const id = await submit(agency.id, '2024-09-27');
    const record = (event: object) =>
      recordApplicationEvent(db(), { applicationId: id, event, actor: TEST_ACTOR, now: NOW });
    await record({ type: 'feeNoticed', date: '2024-10-08', feeMethod: 'perQuantity', pages: '45' });
    // 20 working days after 10-08 run to 11-05; the payment came 11-20.
    const paid = await record({ type: 'feePaid', date: '2024-11-20' });
    expect(paid.deadline.warnings.some((w) => w.includes('缴费'))).toBe(true);
    const detail = await getApplicationDetail(db(), id);
    expect(detail?.events.map((e) => e.type)).toEqual(['received', 'feeNoticed', 'feePaid']);
  });

  it('puts an application due today in the due-today queue, and only that day', async () => {
    const agency = await makeAgency(db());
    // Received 09-27: due 10-30.
    const id = await submit(agency.id, '2024-09-27');
    const queue = async (today: string) =>
      (await listApplications(db(), { agencyIds: [agency.id], queue: 'dueToday', today })).rows.map(
        (r) => r.id,
      );
    expect(await queue('2024-10-30')).toEqual([id]);
    expect(await queue('2024-10-29')).toEqual([]);
    expect(await queue('2024-10-31')).toEqual([]);
  });
});
