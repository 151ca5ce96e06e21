import { expect, it } from 'vitest';
import { generateReminders } from '../../src/jobs/handlers/deadline-reminders.ts';
import { remindersOf } from '../../src/jobs/reminders.ts';
import { makeApplication } from '../letters/support.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, makeUser } from '../support/factories.ts';

/** 08:00 in Beijing on `date`. */
const morning = (date: string): Date => new Date(`${date}T00:00:00Z`);

describeEachDatabase('deadline.reminders', (db) => {
  it('reminds each handler of the applications due within 3 working days or overdue, once a day', async () => {
    const county = await makeAgency(db());
    const dept = await makeAgency(db(), { parentId: county.id, kind: 'department' });
    const handler = (await makeUser(db(), { agencyId: county.id, roles: ['handler'] })).user;
    const deptHandler = (await makeUser(db(), { agencyId: dept.id, roles: ['handler'] })).user;
    const assigned = (await makeUser(db(), { agencyId: county.id, roles: ['handler'] })).user;
    const admin = (await makeUser(db(), { agencyId: county.id, roles: ['admin'] })).user;
    // Both received 2024-09-27, due 2024-10-30; the second is assigned to one handler.
    const open = await makeApplication(db(), county.id);
    const mine = await makeApplication(db(), county.id);
    await db()
      .updateTable('applications')
      .set({ handler_user_id: assigned.id })
      .where('id', '=', mine.id)
      .execute();
    const ofUser = async (userId: number, date: string) =>
      (await remindersOf(db(), { userId, date })).filter((r) => [open.id, mine.id].includes(r.applicationId));

    // Thursday 24 October: the 30th is four working days away.
    await generateReminders(db(), { now: morning('2024-10-24') });
    expect(await ofUser(handler.id, '2024-10-24')).toEqual([]);

    // Friday 25 October: Mon 28, Tue 29, Wed 30 — due within three working days.
    const first = await generateReminders(db(), { now: morning('2024-10-25') });
    expect(first.date).toBe('2024-10-25');
    expect(await ofUser(handler.id, '2024-10-25')).toEqual([
      { applicationId: open.id, trackingNumber: open.trackingNumber, kind: 'due_soon', dueOn: '2024-10-30' },
    ]);
    // The assigned handler: theirs, and (as a handler of the agency) the one nobody is assigned to.
    expect((await ofUser(assigned.id, '2024-10-25')).map((r) => [r.applicationId, r.kind])).toEqual([
      [open.id, 'due_soon'],
      [mine.id, 'due_soon'],
    ]);
    // A department's handler does not handle its parent's applications; admins get no reminders.
    expect(await ofUser(deptHandler.id, '2024-10-25')).toEqual([]);
    expect(await ofUser(admin.id, '2024-10-25')).toEqual([]);

    // A second run the same day adds nothing.
    const count = async () =>
      (
        await db()
          .selectFrom('reminders')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('application_id', 'in', [open.id, mine.id])
          .executeTakeFirstOrThrow()
      ).n;
    const before = Number(await count());
    expect(before).toBe(3);
    await generateReminders(db(), { now: new Date('2024-10-25T09:30:00Z') });
    expect(Number(await count())).toBe(before);

    // Thursday 31 October: overdue. The one answered since drops off the home page.
    await generateReminders(db(), { now: morning('2024-10-31') });
    expect((await ofUser(handler.id, '2024-10-31')).map((r) => r.kind)).toEqual(['overdue']);
    await db().updateTable('applications').set({ status: 'closed' }).where('id', '=', open.id).execute();
    expect(await ofUser(handler.id, '2024-10-31')).toEqual([]);
    expect((await ofUser(assigned.id, '2024-10-31')).map((r) => r.kind)).toEqual(['overdue']);
  });
});
