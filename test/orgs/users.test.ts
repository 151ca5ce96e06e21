import { expect, it } from 'vitest';
import { createUser } from '../../src/orgs/create-user.ts';
import type { Role } from '../../src/orgs/role.ts';
import { setUserActive } from '../../src/orgs/set-user-active.ts';
import { setUserRoles } from '../../src/orgs/set-user-roles.ts';
import { findUserByUsername, getUser, listUsers } from '../../src/orgs/user.repository.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';

describeEachDatabase('users', (db) => {
  it('creates a user with roles, stores an argon2id hash and never returns it', async () => {
    const agency = await makeAgency(db());
    const user = await createUser(db(), {
      username: '  Zhang.San ',
      displayName: '张三',
      password: 'abcdef12345',
      agencyId: agency.id,
      roles: [
        { agencyId: agency.id, role: 'handler' },
        { agencyId: agency.id, role: 'handler' },
        { agencyId: agency.id, role: 'viewer' },
      ],
      actor: TEST_ACTOR,
    });
    expect(user).toMatchObject({ username: 'zhang.san', displayName: '张三', active: true, failedLogins: 0 });
    expect(user.roles).toEqual([
      { agencyId: agency.id, role: 'handler' },
      { agencyId: agency.id, role: 'viewer' },
    ]);
    expect(user).not.toHaveProperty('passwordHash');
    const row = await db()
      .selectFrom('users')
      .select('password_hash')
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('rolls the user back when a role grant fails (one transaction)', async () => {
    const agency = await makeAgency(db());
    const base = { displayName: '李四', password: 'abcdef12345', agencyId: agency.id, actor: TEST_ACTOR };
    await expect(
      createUser(db(), {
        ...base,
        username: 'rollback.agency',
        roles: [{ agencyId: 999_999, role: 'viewer' }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: [{ field: 'roles' }] });
    expect(await findUserByUsername(db(), 'rollback.agency')).toBeNull();

    const badRole = 'superuser' as Role;
    await expect(
      createUser(db(), {
        ...base,
        username: 'rollback.role',
        roles: [{ agencyId: agency.id, role: badRole }],
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: [{ field: 'roles.0.role' }] });
    expect(await findUserByUsername(db(), 'rollback.role')).toBeNull();
  });

  it('refuses a taken username, a weak password and an unknown agency', async () => {
    const agency = await makeAgency(db());
    const { username } = await makeUser(db(), { agencyId: agency.id });
    const base = { displayName: '王五', password: 'abcdef12345', agencyId: agency.id, actor: TEST_ACTOR };
    await expect(createUser(db(), { ...base, username: username.toUpperCase() })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      createUser(db(), { ...base, username: 'weak1', password: 'abcdefghijk' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'password', message: '密码至少 10 位，且须同时包含字母和数字' }],
    });
    await expect(createUser(db(), { ...base, username: 'weak2', password: 'abc123' })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      createUser(db(), { ...base, username: 'noagency', agencyId: 999_999 }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'agencyId', message: '所属机关不存在' }],
    });
  });

  it('lists users by agency, with their roles', async () => {
    const a = await makeAgency(db());
    const b = await makeAgency(db());
    const ua = await makeUser(db(), { agencyId: a.id, roles: ['admin'] });
    const ub = await makeUser(db(), { agencyId: b.id, roles: ['viewer'] });
    const listed = await listUsers(db(), { agencyIds: [a.id] });
    expect(listed.map((u) => u.id)).toEqual([ua.user.id]);
    expect(listed[0]?.roles).toEqual([{ agencyId: a.id, role: 'admin' }]);
    expect((await listUsers(db())).map((u) => u.id)).toEqual(
      expect.arrayContaining([ua.user.id, ub.user.id]),
    );
    expect(await listUsers(db(), { agencyIds: [] })).toEqual([]);
  });

  it('deactivates and activates a user, and replaces their roles', async () => {
    const agency = await makeAgency(db());
    const child = await makeAgency(db(), { parentId: agency.id });
    const { user } = await makeUser(db(), { agencyId: agency.id, roles: ['viewer'] });
    expect((await setUserActive(db(), { userId: user.id, active: false, actor: TEST_ACTOR })).active).toBe(
      false,
    );
    expect((await setUserActive(db(), { userId: user.id, active: true, actor: TEST_ACTOR })).active).toBe(
      true,
    );

    const updated = await setUserRoles(db(), {
      userId: user.id,
      roles: [
        { agencyId: child.id, role: 'handler' },
        { agencyId: agency.id, role: 'approver' },
      ],
      actor: TEST_ACTOR,
    });
    expect(updated.roles).toEqual([
      { agencyId: child.id, role: 'handler' },
      { agencyId: agency.id, role: 'approver' },
    ]);
    expect((await getUser(db(), user.id)).roles).toHaveLength(2);
    await expect(getUser(db(), 999_999)).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
