import { expect, it } from 'vitest';
import { findSession } from '../../src/orgs/find-session.ts';
import { createSession, deleteSession, deleteUserSessions } from '../../src/orgs/session.ts';
import { hashToken } from '../../src/orgs/session-token.ts';
import { setUserActive } from '../../src/orgs/set-user-active.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../support/factories.ts';

const T0 = new Date('2026-11-27T03:00:00.000Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

describeEachDatabase('sessions', (db) => {
  const login = async () => {
    const agency = await makeAgency(db());
    const { user } = await makeUser(db(), { agencyId: agency.id, roles: ['handler'] });
    const session = await createSession(db(), {
      userId: user.id,
      ip: '127.0.0.1',
      userAgent: 'vitest',
      now: T0,
    });
    return { agency, user, session };
  };

  it('stores only the SHA-256 of a 32-byte token and finds the session with its principal', async () => {
    const { agency, user, session } = await login();
    expect(Buffer.from(session.token, 'base64url')).toHaveLength(32);
    expect(session.expiresAt).toBe(at(8 * 60).toISOString());
    const rows = await db().selectFrom('sessions').selectAll().where('user_id', '=', user.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.id).toBe(hashToken(session.token));
    expect(JSON.stringify(rows)).not.toContain(session.token);

    const found = await findSession(db(), session.token, at(1));
    expect(found).toMatchObject({
      sessionId: hashToken(session.token),
      csrfToken: session.csrfToken,
      user: { id: user.id },
    });
    expect(found?.principal).toEqual({
      userId: user.id,
      agencyId: agency.id,
      assignments: [{ agencyId: agency.id, agencyPath: agency.path, role: 'handler' }],
    });
    expect(await findSession(db(), 'not-a-token', at(1))).toBeNull();
  });

  it('expires after 2 idle hours, and moves last_seen_at at most once a minute', async () => {
    const { session } = await login();
    const lastSeen = async () =>
      (
        await db()
          .selectFrom('sessions')
          .select('last_seen_at')
          .where('id', '=', hashToken(session.token))
          .executeTakeFirst()
      )?.last_seen_at;
    await findSession(db(), session.token, new Date(T0.getTime() + 30_000));
    expect(await lastSeen()).toBe(T0.toISOString());
    expect(await findSession(db(), session.token, at(119))).not.toBeNull();
    expect(await lastSeen()).toBe(at(119).toISOString());
    expect(await findSession(db(), session.token, at(119 + 121))).toBeNull();
    expect(await lastSeen()).toBeUndefined();
  });

  it('expires 8 hours after login however active it is', async () => {
    const { session } = await login();
    for (let m = 60; m < 8 * 60; m += 60)
      expect(await findSession(db(), session.token, at(m))).not.toBeNull();
    expect(await findSession(db(), session.token, at(8 * 60))).toBeNull();
  });

  it('ends on logout, for all of a user at once, and when the user is deactivated', async () => {
    const { user, session } = await login();
    const second = await createSession(db(), { userId: user.id, now: T0 });
    const third = await createSession(db(), { userId: user.id, now: T0 });
    await deleteSession(db(), session.token);
    expect(await findSession(db(), session.token, at(1))).toBeNull();
    expect(await findSession(db(), second.token, at(1))).not.toBeNull();

    expect(await deleteUserSessions(db(), user.id, { keepSessionId: hashToken(third.token) })).toBe(1);
    expect(await findSession(db(), second.token, at(1))).toBeNull();
    expect(await findSession(db(), third.token, at(1))).not.toBeNull();

    await setUserActive(db(), { userId: user.id, active: false, actor: TEST_ACTOR });
    expect(await findSession(db(), third.token, at(2))).toBeNull();
  });
});
