import { expect, it } from 'vitest';
import { listAudit } from '../../src/audit-log/list-audit.ts';
import { listAgencies } from '../../src/orgs/agency.repository.ts';
import { authenticate } from '../../src/orgs/authenticate.ts';
import { resetDemo, seedDemo } from '../../src/orgs/demo.ts';
import { passwordProblem } from '../../src/orgs/password-policy.ts';
import { listUsers } from '../../src/orgs/user.repository.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const NOW = new Date('2026-11-27T03:00:00.000Z');

// The demo needs an empty database, so this file does not share one with agency-making tests.
describeEachDatabase('demo data', (db) => {
  it('seeds the hierarchy and accounts once, with working random passwords', async () => {
    const first = await seedDemo(db(), { now: NOW });
    expect(first.created).toBe(true);
    expect(first.accounts.map((a) => a.username)).toEqual([
      'admin',
      'registrar',
      'handler',
      'approver',
      'publisher',
      'viewer',
      'jiaoyu.admin',
    ]);
    expect(first.accounts.find((a) => a.username === 'handler')).toMatchObject({
      roleLabel: '承办人',
      agencyName: '鼓楼区民政局',
    });
    for (const account of first.accounts) expect(passwordProblem(account.password)).toBeNull();

    const agencies = await listAgencies(db());
    const byName = new Map(agencies.map((a) => [a.name, a]));
    const gulou = byName.get('鼓楼区人民政府');
    expect(gulou?.parentId).toBe(byName.get('开封市人民政府')?.id);
    expect(gulou?.contact).toMatchObject({
      address: '包公湖北路39号503房间',
      postcode: '475000',
      phone: '0371-23798902',
      fax: '0371-25995876',
      email: 'gulouquzhengfuban@163.com',
    });
    for (const name of [
      '鼓楼区教育局',
      '鼓楼区民政局',
      '鼓楼区市场监督管理局',
      '鼓楼区人民政府办公室',
      '五一街道办事处',
      '相国寺街道办事处',
    ]) {
      expect(byName.get(name)?.parentId).toBe(gulou?.id);
    }

    const admin = first.accounts.find((a) => a.username === 'jiaoyu.admin');
    expect(
      await authenticate(db(), { username: 'jiaoyu.admin', password: admin?.password ?? '', now: NOW }),
    ).toMatchObject({
      ok: true,
      user: { roles: [{ agencyId: byName.get('鼓楼区教育局')?.id, role: 'admin' }] },
    });

    const second = await seedDemo(db(), { now: NOW });
    expect(second).toEqual({ created: false, accounts: [] });
    expect(await listAgencies(db())).toHaveLength(agencies.length);
  });

  it('resets: everything recreated, with new passwords and a fresh audit log', async () => {
    const before = await listUsers(db());
    const reset = await resetDemo(db(), { now: NOW });
    expect(reset.created).toBe(true);
    const after = await listUsers(db());
    expect(after.map((u) => u.username).sort()).toEqual(before.map((u) => u.username).sort());
    const audit = await listAudit(db(), { limit: 5000 });
    // The demo's applications are recorded as the demo users and the portal did them.
    const orgs = audit.filter((e) => e.entityType === 'agency' || e.entityType === 'user');
    expect(orgs.every((e) => e.actorLabel === '系统（演示数据）')).toBe(true);
    // 8 agencies, 7 users, and the one agency whose decisions need the approver.
    expect(orgs).toHaveLength(8 + 7 + 1);
    expect(audit.length).toBeGreaterThan(orgs.length);
  });
});
