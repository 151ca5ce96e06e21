import { expect, it } from 'vitest';
import { authenticate } from '../../src/orgs/authenticate.ts';
import { resetPassword } from '../../src/orgs/reset-password.ts';
import { setUserActive } from '../../src/orgs/set-user-active.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';

const T0 = new Date('2026-11-27T03:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachDatabase('authenticate', (db) => {
  it('accepts the right password, any case of the username', async () => {
    const agency = await makeAgency(db());
    const { user, username, password } = await makeUser(db(), { agencyId: agency.id });
    const result = await authenticate(db(), { username: ` ${username.toUpperCase()} `, password, now: T0 });
    expect(result).toEqual({ ok: true, user });
  });

  it('says only "invalid" for a wrong password or an unknown user', async () => {
    const agency = await makeAgency(db());
    const { username } = await makeUser(db(), { agencyId: agency.id });
    expect(await authenticate(db(), { username, password: 'wrong-password-1', now: T0 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
    expect(await authenticate(db(), { username: 'nobody-here', password: 'x', now: T0 })).toEqual({
      ok: false,
      reason: 'invalid',
    });
  });

  it('locks after 5 failures in a row for 15 minutes, then lets the right password in', async () => {
    const agency = await makeAgency(db());
    const { user, username, password } = await makeUser(db(), { agencyId: agency.id });
    const wrong = { username, password: 'wrong-password-1' };
    for (let i = 0; i < 4; i++) {
      expect(await authenticate(db(), { ...wrong, now: at(i) })).toMatchObject({ reason: 'invalid' });
    }
    const lockedUntil = at(4 + 15).toISOString();
    expect(await authenticate(db(), { ...wrong, now: at(4) })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil,
    });
    // While locked even the right password is refused.
    expect(await authenticate(db(), { username, password, now: at(18) })).toEqual({
      ok: false,
      reason: 'locked',
      lockedUntil,
    });
    const after = await authenticate(db(), { username, password, now: at(19) });
    expect(after).toMatchObject({ ok: true, user: { id: user.id, failedLogins: 0, lockedUntil: null } });
  });

  it('resets the count on success, so failures must be consecutive', async () => {
    const agency = await makeAgency(db());
    const { username, password } = await makeUser(db(), { agencyId: agency.id });
    const wrong = { username, password: 'wrong-password-1', now: T0 };
    for (let i = 0; i < 4; i++) await authenticate(db(), wrong);
    expect(await authenticate(db(), { username, password, now: T0 })).toMatchObject({ ok: true });
    for (let i = 0; i < 4; i++) {
      expect(await authenticate(db(), wrong)).toMatchObject({ reason: 'invalid' });
    }
  });

  it('tells "inactive" only to someone with the right password; a reset lifts a lock', async () => {
    const agency = await makeAgency(db());
    const { user, username, password } = await makeUser(db(), { agencyId: agency.id });
    await setUserActive(db(), { userId: user.id, active: false, actor: TEST_ACTOR });
    expect(await authenticate(db(), { username, password: 'wrong-password-1', now: T0 })).toMatchObject({
      reason: 'invalid',
    });
    expect(await authenticate(db(), { username, password, now: T0 })).toEqual({
      ok: false,
      reason: 'inactive',
    });
    await setUserActive(db(), { userId: user.id, active: true, actor: TEST_ACTOR });

    for (let i = 0; i < 5; i++) await authenticate(db(), { username, password: 'wrong-password-1', now: T0 });
    expect(await authenticate(db(), { username, password, now: T0 })).toMatchObject({ reason: 'locked' });
    await resetPassword(db(), { userId: user.id, newPassword: 'brandNew2026x', now: T0, actor: TEST_ACTOR });
    expect(await authenticate(db(), { username, password: 'brandNew2026x', now: T0 })).toMatchObject({
      ok: true,
    });
  });
});
