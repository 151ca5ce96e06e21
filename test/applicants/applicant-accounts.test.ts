import type { Kysely } from 'kysely';
import { expect, it } from 'vitest';
import {
  findApplicantApplication,
  listApplicantApplications,
} from '../../src/applicants/applicant-applications.ts';
import {
  createApplicantSession,
  deleteApplicantSession,
  findApplicantSession,
} from '../../src/applicants/applicant-session.ts';
import { authenticateApplicant } from '../../src/applicants/authenticate-applicant.ts';
import { claimApplication } from '../../src/applicants/claim-application.ts';
import { registerApplicant } from '../../src/applicants/register-applicant.ts';
import { decideApplication } from '../../src/applications/decide-application.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import type { DB } from '../../src/db/schema.ts';
import { AppError } from '../../src/errors/app-error.ts';
import { findSession } from '../../src/orgs/find-session.ts';
import { PASSWORD_RULE_MESSAGE } from '../../src/orgs/password-policy.ts';
import { createSession } from '../../src/orgs/session.ts';
import { hashToken } from '../../src/orgs/session-token.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';
import { makeApplicant, PASSWORD, submitAnonymously, uniqueMobile } from './support.ts';

const T0 = new Date('2026-11-27T03:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
  return {
    code: error.code,
    fields: Object.fromEntries((error.details ?? []).map((d) => [d.field ?? '', d.message])),
  };
};

const auditRows = (db: Kysely<DB>, entityType: string, entityId: number) =>
  db
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', String(entityId))
    .orderBy('id')
    .execute();

describeEachDatabase('applicant accounts', (db) => {
  it('registers with the login normalised, the password hashed with argon2id and a masked audit row', async () => {
    const mobile = uniqueMobile();
    const typed = `+86 ${mobile.slice(0, 3)} ${mobile.slice(3, 7)} ${mobile.slice(7)}`;
    const account = await registerApplicant(db(), {
      input: { login: typed, displayName: ' 张三丰 ', password: PASSWORD },
      now: T0,
      ip: '203.0.113.9',
    });
    expect(account).toMatchObject({
      login: mobile,
      displayName: '张三丰',
      failedLogins: 0,
      lockedUntil: null,
    });
    const row = await db()
      .selectFrom('applicant_accounts')
      .selectAll()
      .where('id', '=', account.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
    expect(row.password_hash).not.toContain(PASSWORD);

    const [audit, ...more] = await auditRows(db(), 'applicant_account', account.id);
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ action: 'applicant.register', actor_user_id: null, ip: '203.0.113.9' });
    const stored = JSON.stringify(audit);
    expect(stored).not.toContain(mobile);
    expect(stored).not.toContain('张三丰');
    expect(stored).not.toContain(PASSWORD);
    expect(stored).toContain(`${mobile.slice(0, 3)}****${mobile.slice(-4)}`);
  });

  it('refuses a login already registered however it is typed, a weak password and a bad phone, each on its field', async () => {
    const { login } = await makeApplicant(db());
    expect(
      await refusal(
        registerApplicant(db(), {
          input: { login: `${login.slice(0, 3)}-${login.slice(3)}`, displayName: '李四', password: PASSWORD },
          now: T0,
        }),
      ),
    ).toEqual({ code: 'CONFLICT', fields: { login: '该手机号码已注册，请直接登录' } });
    await makeApplicant(db(), { login: 'Li.Si@Example.cn' });
    expect(
      await refusal(
        registerApplicant(db(), {
          input: { login: 'li.si@EXAMPLE.CN', displayName: '李四', password: PASSWORD },
          now: T0,
        }),
      ),
    ).toMatchObject({ code: 'CONFLICT', fields: { login: '该电子邮箱已注册，请直接登录' } });
    expect(
      await refusal(
        registerApplicant(db(), {
          input: { login: uniqueMobile(), displayName: '李四', password: 'onlyletters' },
          now: T0,
        }),
      ),
    ).toEqual({ code: 'VALIDATION', fields: { password: PASSWORD_RULE_MESSAGE } });
    expect(
      await refusal(
        registerApplicant(db(), {
          input: { login: '1381234', displayName: '', password: PASSWORD },
          now: T0,
        }),
      ),
    ).toEqual({
      code: 'VALIDATION',
      fields: {
        login: '手机号码应为 11 位数字，以 1 开头，例如 13812345678',
        displayName: '请填写姓名或名称',
      },
    });
  });

  it('authenticates by the login as typed, and locks after 5 wrong passwords for 15 minutes', async () => {
    const { account, login } = await makeApplicant(db());
    const typed = `${login.slice(0, 3)} ${login.slice(3, 7)} ${login.slice(7)}`;
    expect(await authenticateApplicant(db(), { login: typed, password: PASSWORD, now: T0 })).toMatchObject({
      ok: true,
      account: { id: account.id },
    });
    expect(await authenticateApplicant(db(), { login: uniqueMobile(), password: PASSWORD, now: T0 })).toEqual(
      {
        ok: false,
        reason: 'invalid',
      },
    );
    for (let i = 0; i < 4; i++) {
      expect(
        await authenticateApplicant(db(), { login, password: `Wrong${i}password9`, now: at(i) }),
      ).toEqual({ ok: false, reason: 'invalid' });
    }
    const lockedUntil = at(4 + 15).toISOString();
    expect(await authenticateApplicant(db(), { login, password: 'Wrong4password9', now: at(4) })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil,
    });
    // While locked even the right password is refused.
    expect(await authenticateApplicant(db(), { login, password: PASSWORD, now: at(18) })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil,
    });
    expect(await authenticateApplicant(db(), { login, password: PASSWORD, now: at(19) })).toMatchObject({
      ok: true,
      account: { id: account.id, failedLogins: 0, lockedUntil: null },
    });
    const actions = (await auditRows(db(), 'applicant_account', account.id)).map((r) => r.action);
    expect(actions).toEqual([
      'applicant.register',
      ...Array<string>(5).fill('applicant.login.failed'),
      'applicant.lock',
    ]);
  });

  it('keeps only the token hash of a session, which expires idle after 2 hours and after 8 in all', async () => {
    const { account } = await makeApplicant(db());
    const session = await createApplicantSession(db(), { accountId: account.id, now: T0, ip: '127.0.0.1' });
    const rows = await db()
      .selectFrom('applicant_sessions')
      .selectAll()
      .where('account_id', '=', account.id)
      .execute();
    expect(rows.map((r) => r.id)).toEqual([hashToken(session.token)]);
    expect(JSON.stringify(rows)).not.toContain(session.token);
    expect(session.expiresAt).toBe(at(8 * 60).toISOString());
    expect(await findApplicantSession(db(), session.token, at(1))).toMatchObject({
      csrfToken: session.csrfToken,
      account: { id: account.id },
    });
    // Idle: seen at 119 minutes, then nothing for more than 2 hours.
    expect(await findApplicantSession(db(), session.token, at(119))).not.toBeNull();
    expect(await findApplicantSession(db(), session.token, at(119 + 121))).toBeNull();

    const busy = await createApplicantSession(db(), { accountId: account.id, now: T0 });
    for (let m = 60; m < 8 * 60; m += 60)
      expect(await findApplicantSession(db(), busy.token, at(m))).not.toBeNull();
    expect(await findApplicantSession(db(), busy.token, at(8 * 60))).toBeNull();

    const ended = await createApplicantSession(db(), { accountId: account.id, now: T0 });
    await deleteApplicantSession(db(), ended.token, at(1));
    expect(await findApplicantSession(db(), ended.token, at(2))).toBeNull();
    const actions = (await auditRows(db(), 'applicant_account', account.id)).map((r) => r.action);
    expect(actions).toEqual([
      'applicant.register',
      'applicant.login',
      'applicant.login',
      'applicant.login',
      'applicant.logout',
    ]);
  });

  it('never takes a staff session for an applicant one, or the other way round', async () => {
    const agency = await makeAgency(db());
    const { user } = await makeUser(db(), { agencyId: agency.id, roles: ['admin'] });
    const staff = await createSession(db(), { userId: user.id, now: T0 });
    const { account } = await makeApplicant(db());
    const applicant = await createApplicantSession(db(), { accountId: account.id, now: T0 });
    expect(await findApplicantSession(db(), staff.token, at(1))).toBeNull();
    expect(await findSession(db(), applicant.token, at(1))).toBeNull();
    expect(await findSession(db(), staff.token, at(1))).not.toBeNull();
    expect(await findApplicantSession(db(), applicant.token, at(1))).not.toBeNull();
  });

  it('claims an application with its number and code; a wrong number and a wrong code answer alike', async () => {
    const agency = await makeAgency(db());
    const mine = await makeApplicant(db());
    const other = await makeApplicant(db());
    const submitted = await submitAnonymously(db(), agency.id, { now: T0 });
    const claim = (accountId: number, trackingNumber: string, secretCode: string) =>
      claimApplication(db(), { accountId, trackingNumber, secretCode, now: T0, ip: '127.0.0.1' });

    const wrongCode = await claim(mine.account.id, submitted.trackingNumber, 'not-the-code');
    const wrongNumber = await claim(mine.account.id, 'GK2026112799999999', submitted.secretCode);
    expect(wrongCode).toEqual({ ok: false, reason: 'notFound' });
    expect(wrongNumber).toEqual(wrongCode);
    expect(await listApplicantApplications(db(), mine.account.id)).toEqual([]);

    // The number as an applicant may type it: lower case, spaces around.
    expect(
      await claim(mine.account.id, ` ${submitted.trackingNumber.toLowerCase()} `, submitted.secretCode),
    ).toEqual({ ok: true, applicationId: submitted.id, alreadyMine: false });
    expect(await claim(mine.account.id, submitted.trackingNumber, submitted.secretCode)).toEqual({
      ok: true,
      applicationId: submitted.id,
      alreadyMine: true,
    });
    expect(await claim(other.account.id, submitted.trackingNumber, submitted.secretCode)).toEqual({
      ok: false,
      reason: 'claimedByOther',
    });
    const row = await db()
      .selectFrom('applications')
      .select('applicant_account_id')
      .where('id', '=', submitted.id)
      .executeTakeFirstOrThrow();
    expect(row.applicant_account_id).toBe(mine.account.id);
    const audit = (await auditRows(db(), 'application', submitted.id)).map((r) => [r.action, r.agency_id]);
    expect(audit).toEqual([
      ['application.submit', agency.id],
      ['applicant.claim', agency.id],
    ]);
  });

  it("lists only the account's applications, newest first, with status, stored deadline and outcome", async () => {
    const agency = await makeAgency(db(), { name: `鼓楼区测试局${Date.now()}` });
    const mine = await makeApplicant(db());
    const other = await makeApplicant(db());
    const older = await submitAnonymously(db(), agency.id, {
      receivedOn: '2024-10-08',
      now: new Date('2024-10-08T02:00:00Z'),
      applicantAccountId: mine.account.id,
    });
    const newer = await submitAnonymously(db(), agency.id, {
      receivedOn: '2024-10-09',
      now: new Date('2024-10-09T02:00:00Z'),
      applicantAccountId: mine.account.id,
    });
    const theirs = await submitAnonymously(db(), agency.id, { applicantAccountId: other.account.id });
    await submitAnonymously(db(), agency.id);
    await recordSecrecyReview(db(), {
      applicationId: older.id,
      input: { result: 'cleared', date: '2024-10-20', reviewer: '保密办李四' },
      actor: TEST_ACTOR,
      now: new Date('2024-10-21T02:00:00Z'),
    });
    await decideApplication(db(), {
      applicationId: older.id,
      input: { outcome: 'granted', date: '2024-10-21' },
      actorIsApprover: false,
      actor: TEST_ACTOR,
      now: new Date('2024-10-21T02:00:00Z'),
    });

    const list = await listApplicantApplications(db(), mine.account.id);
    expect(list.map((a) => a.id)).toEqual([newer.id, older.id]);
    const [first, second] = list;
    // 2024-10-09 + 20 working days, Saturday 2024-10-12 being a make-up working day: 2024-11-05.
    expect(first).toMatchObject({
      trackingNumber: newer.trackingNumber,
      agencyName: agency.name,
      status: '办理中',
      deadline: { due: '2024-11-05', provisional: false },
      deadlineText: '2024-11-05前',
      outcome: null,
    });
    expect(second).toMatchObject({
      status: '已作出答复',
      deadline: null,
      deadlineText: null,
      outcome: { label: '予以公开' },
      decidedOn: '2024-10-21',
    });
    expect(await findApplicantApplication(db(), mine.account.id, theirs.id)).toBeNull();
    expect(await findApplicantApplication(db(), mine.account.id, 2_000_000_000)).toBeNull();
    expect(await findApplicantApplication(db(), other.account.id, theirs.id)).toMatchObject({
      id: theirs.id,
    });
  });
});
