import { expect, it } from 'vitest';
import { findForApplicant } from '../../src/applications/find-for-applicant.ts';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { isAppError } from '../../src/errors/app-error.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-09-27T02:00:00Z');

const form = (overrides: Record<string, unknown> = {}) => ({
  channel: 'letter',
  arrivedOn: '2024-09-26',
  receivedOn: '2024-09-27',
  applicantType: 'natural',
  applicantName: '张三',
  idType: 'residentId',
  idNumber: '11010519491231002X',
  phone: '13812345678',
  address: '开封市鼓楼区某路1号',
  description: '2023年度鼓楼区最低生活保障资金发放情况',
  formWanted: 'paper',
  ...overrides,
});

const fieldErrors = async (promise: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error, 'VALIDATION')) {
      return Object.fromEntries((error.details ?? []).map((d) => [d.field ?? '', d.message]));
    }
    throw error;
  }
  throw new Error('expected a validation error');
};

describeEachDatabase('submitting an application', (db) => {
  it('stores it with its received event and audit row, and gives the secret code once, hashed in the database', async () => {
    const agency = await makeAgency(db());
    const result = await submitApplication(db(), {
      agencyId: agency.id,
      input: form(),
      actor: TEST_ACTOR,
      now: NOW,
    });
    if (!result.created) throw new Error('the first submission creates');
    expect(result.trackingNumber).toMatch(/^GK20240927\d{8}$/);
    expect(result.secretCode).toHaveLength(22);
    const row = await db()
      .selectFrom('applications')
      .selectAll()
      .where('id', '=', result.id)
      .executeTakeFirstOrThrow();
    expect(row.secret_hash).not.toContain(result.secretCode);
    expect(row).toMatchObject({ arrived_on: '2024-09-26', received_on: '2024-09-27', status: 'open' });
    const events = await db()
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', result.id)
      .execute();
    expect(events.map((e) => [e.type, e.date])).toEqual([['received', '2024-09-27']]);
    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('entity_type', '=', 'application')
      .where('entity_id', '=', String(result.id))
      .executeTakeFirstOrThrow();
    expect(audit.after_json).not.toContain('11010519491231002X');
    expect(audit.after_json).not.toContain('13812345678');
  });

  it('creates one application for a doubled submission with the same key', async () => {
    const agency = await makeAgency(db());
    const submit = () =>
      submitApplication(db(), {
        agencyId: agency.id,
        input: form(),
        idempotencyKey: 'k-1',
        actor: TEST_ACTOR,
        now: NOW,
      });
    const [a, b] = await Promise.all([submit(), submit()]);
    const again = await submit();
    expect(new Set([a.id, b.id, again.id]).size).toBe(1);
    expect(again.created).toBe(false);
    const count = await db()
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agency_id', '=', agency.id)
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(1);
  });

  it('refuses bad input field by field, in Chinese, and stores nothing', async () => {
    const agency = await makeAgency(db());
    const errors = await fieldErrors(
      submitApplication(db(), {
        agencyId: agency.id,
        input: form({
          idNumber: '110105194912310021',
          arrivedOn: '2024-09-27',
          receivedOn: '2024-09-20',
          phone: 'abc',
        }),
        actor: TEST_ACTOR,
        now: NOW,
      }),
    );
    expect(errors).toEqual({
      idNumber: '居民身份证号码的校验码不正确，请核对是否有数字输错',
      receivedOn: '申请受理日期不能早于收到申请的日期',
      phone: '联系电话应为 7 至 20 位数字，可含 - + ( ) 和空格',
    });
    const rows = await db()
      .selectFrom('applications')
      .select('id')
      .where('agency_id', '=', agency.id)
      .execute();
    expect(rows).toEqual([]);
  });

  it('shows the applicant their application only with the right number and code, and says nothing otherwise', async () => {
    const agency = await makeAgency(db(), { name: '鼓楼区民政局' });
    const result = await submitApplication(db(), {
      agencyId: agency.id,
      input: form(),
      actor: TEST_ACTOR,
      now: NOW,
    });
    if (!result.created) throw new Error('created');
    const view = await findForApplicant(db(), {
      trackingNumber: result.trackingNumber,
      secretCode: result.secretCode,
    });
    expect(view).toEqual({
      trackingNumber: result.trackingNumber,
      agencyName: '鼓楼区民政局',
      receivedOn: '2024-09-27',
      status: 'open',
      description: '2023年度鼓楼区最低生活保障资金发放情况',
    });
    expect(
      await findForApplicant(db(), { trackingNumber: result.trackingNumber, secretCode: 'wrong' }),
    ).toBeNull();
    expect(
      await findForApplicant(db(), { trackingNumber: 'GK2024092700000000', secretCode: result.secretCode }),
    ).toBeNull();
  });
});
