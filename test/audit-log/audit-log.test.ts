import { sql } from 'kysely';
import { expect, it } from 'vitest';
import { listAudit } from '../../src/audit-log/list-audit.ts';
import { recordAudit } from '../../src/audit-log/record-audit.ts';
import { authenticate } from '../../src/orgs/authenticate.ts';
import { createSession, deleteSession } from '../../src/orgs/session.ts';
import { updateAgency } from '../../src/orgs/update-agency.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2026-11-27T03:00:00.000Z');

describeEachDatabase('audit log', (db) => {
  it('records each write with its actor, before and after, in newest-first order', async () => {
    const agency = await makeAgency(db());
    const actor = { userId: null, label: '管理员甲', ip: '10.0.0.1' };
    await updateAgency(db(), agency.id, { shortName: '新简称', actor, now: NOW });
    const { user, password } = await makeUser(db(), { agencyId: agency.id, roles: ['viewer'] });

    const entries = await listAudit(db(), { agencyIds: [agency.id], limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['user.create', 'agency.update', 'agency.create']);
    const [created, updated] = [entries[0], entries[1]];
    expect(updated).toMatchObject({
      at: NOW.toISOString(),
      actorUserId: null,
      actorLabel: '管理员甲',
      ip: '10.0.0.1',
      entityType: 'agency',
      entityId: String(agency.id),
      before: { shortName: null },
      after: { shortName: '新简称' },
    });
    expect(created).toMatchObject({
      entityType: 'user',
      entityId: String(user.id),
      after: { username: user.username },
    });
    const stored = JSON.stringify(created?.after);
    expect(stored).not.toContain(password);
    expect(stored).not.toMatch(/argon2|"password(Hash)?"/);

    const page2 = await listAudit(db(), { agencyIds: [agency.id], limit: 2, before: entries[1]?.id ?? 0 });
    expect(page2.map((e) => e.action)).toEqual(['agency.create']);
  });

  it('records logins, failures, lockouts and logouts', async () => {
    const agency = await makeAgency(db());
    const { user, username, password } = await makeUser(db(), { agencyId: agency.id });
    for (let i = 0; i < 5; i++)
      await authenticate(db(), { username, password: 'wrong-password-1', now: NOW, ip: '10.9.9.9' });
    const session = await createSession(db(), { userId: user.id, ip: '10.0.0.2', now: NOW });
    await deleteSession(db(), session.token, NOW);
    const actions = (await listAudit(db(), { agencyIds: [agency.id], limit: 20 })).map((e) => e.action);
    expect(actions.slice(0, 4)).toEqual(['user.logout', 'user.login', 'user.lock', 'user.login.failed']);
    expect(actions.filter((a) => a === 'user.login.failed')).toHaveLength(5);
    expect(password).not.toBe('');
  });

  it('masks personal data and drops secrets before storing', async () => {
    const agency = await makeAgency(db());
    const id = await recordAudit(db(), {
      at: NOW,
      ...{ actorUserId: TEST_ACTOR.userId, actorLabel: TEST_ACTOR.label },
      action: 'user.create',
      entityType: 'applicant',
      entityId: 'a-1',
      agencyId: agency.id,
      after: {
        applicant: {
          idNumber: '410102199001011234',
          phone: '13812345678',
          address: '河南省开封市鼓楼区包公湖北路39号',
        },
        password: 'secret123456',
        passwordHash: '$argon2id$x',
      },
    });
    const row = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(JSON.parse(row.after_json ?? 'null')).toEqual({
      applicant: { idNumber: '4101**********1234', phone: '138****5678', address: '河南省开封市鼓楼区****' },
    });
  });

  it('refuses UPDATE and DELETE: the log is append-only', async () => {
    const agency = await makeAgency(db());
    const [entry] = await listAudit(db(), { agencyIds: [agency.id], limit: 1 });
    const id = entry?.id ?? 0;
    await expect(
      db().updateTable('audit_log').set({ actor_label: 'forged' }).where('id', '=', id).execute(),
    ).rejects.toThrow(/append-only/);
    await expect(db().deleteFrom('audit_log').where('id', '=', id).execute()).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_log`.execute(db())).rejects.toThrow(/append-only/);
    expect((await listAudit(db(), { agencyIds: [agency.id], limit: 1 }))[0]).toEqual(entry);
  });

  it('rolls the audit row back with the write it records', async () => {
    const agency = await makeAgency(db());
    await expect(
      db()
        .transaction()
        .execute(async (trx) => {
          await updateAgency(trx, agency.id, { name: '改名后', actor: TEST_ACTOR });
          throw new Error('abort');
        }),
    ).rejects.toThrow('abort');
    const entries = await listAudit(db(), { agencyIds: [agency.id], limit: 10 });
    expect(entries.map((e) => e.action)).toEqual(['agency.create']);
  });
});
