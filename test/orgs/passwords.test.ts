import { expect, it } from 'vitest';
import { authenticate } from '../../src/orgs/authenticate.ts';
import { changePassword } from '../../src/orgs/change-password.ts';
import { findSession } from '../../src/orgs/find-session.ts';
import { passwordProblem } from '../../src/orgs/password-policy.ts';
import { createSession } from '../../src/orgs/session.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser } from '../support/factories.ts';

const T0 = new Date('2026-11-27T03:00:00.000Z');

it('password policy: 10 characters or more, letters and digits', () => {
  expect(passwordProblem('abcdefgh12')).toBeNull();
  expect(passwordProblem('密码密码密码密码12')).toBeNull();
  expect(passwordProblem('abcdefg12')).toBe('密码至少 10 位，且须同时包含字母和数字');
  expect(passwordProblem('1234567890')).toBe('密码至少 10 位，且须同时包含字母和数字');
  expect(passwordProblem('abcdefghij')).toBe('密码至少 10 位，且须同时包含字母和数字');
  expect(passwordProblem(`a1${'x'.repeat(127)}`)).toBe('密码不能超过 128 位');
});

describeEachDatabase('changePassword', (db) => {
  it('checks the current password, refuses a weak or unchanged one, and ends other sessions', async () => {
    const agency = await makeAgency(db());
    const { user, username, password } = await makeUser(db(), { agencyId: agency.id });
    const actor = { userId: user.id, label: user.displayName };
    const base = { userId: user.id, now: T0, actor };

    await expect(
      changePassword(db(), { ...base, currentPassword: 'wrong-password-1', newPassword: 'goodPassword99' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'currentPassword', message: '当前密码不正确' }],
    });
    await expect(
      changePassword(db(), { ...base, currentPassword: password, newPassword: 'short1' }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'newPassword', message: '密码至少 10 位，且须同时包含字母和数字' }],
    });
    await expect(
      changePassword(db(), { ...base, currentPassword: password, newPassword: password }),
    ).rejects.toMatchObject({
      details: [{ field: 'newPassword', message: '新密码不能与当前密码相同' }],
    });

    const mine = await createSession(db(), { userId: user.id, now: T0 });
    const other = await createSession(db(), { userId: user.id, now: T0 });
    const keep = await findSession(db(), mine.token, T0);
    const changed = await changePassword(db(), {
      ...base,
      currentPassword: password,
      newPassword: 'goodPassword99',
      ...(keep ? { keepSessionId: keep.sessionId } : {}),
    });
    expect(changed.passwordChangedAt).toBe(T0.toISOString());
    expect(await findSession(db(), mine.token, T0)).not.toBeNull();
    expect(await findSession(db(), other.token, T0)).toBeNull();
    expect(await authenticate(db(), { username, password, now: T0 })).toMatchObject({ ok: false });
    expect(await authenticate(db(), { username, password: 'goodPassword99', now: T0 })).toMatchObject({
      ok: true,
    });
  });
});
