import type { Kysely } from 'kysely';
import { beijingToday } from '../applications/workflow-input.ts';
import type { Actor } from '../audit-log/actor.ts';
import { dayOf, isoFromDay } from '../calendar/day.ts';
import type { DB } from '../db/schema.ts';
import type { AppealKind, AppealResult } from './appeal-case.table.ts';
import { createAppealCase, recordAppealResult } from './appeal-cases.ts';

/**
 * The demo's reconsideration and litigation cases (issue 6, item 1), made with the domain
 * functions so that each has its audit record:
 * - 2019, 鼓楼区人民政府: as section 四 of its published report counts them
 *   (../shared/fixtures/reports/gulou-2019.txt): 3 reconsiderations still pending on 31 December
 *   (decided in 2020), 7 lawsuits filed directly, 6 upheld and 1 corrected within the year (the
 *   court found the reply unlawful without ordering a new one, so no application is reopened);
 *   linked to its 2019 applications, one lawsuit about proactive disclosure linked to none;
 * - the current year: cases whose reply or defence is due in the coming days, one overdue and
 *   one answered, so that the reminders show.
 */
export const DEMO_APPEAL_AGENCY = '鼓楼区人民政府';

interface Plan {
  readonly kind: AppealKind;
  readonly body: string;
  readonly caseNumber: string;
  readonly subject: string;
  readonly claimant: string;
  /** Filed this many days after the application's decision (or on this date when unlinked). */
  readonly filedAfter: number;
  readonly linked: boolean;
  readonly result?: { readonly result: AppealResult; readonly on: string; readonly note: string };
}

const CITY = '开封市人民政府';
const COURT = '开封市龙亭区人民法院';

const YEAR_2019: readonly Plan[] = [
  ...[1, 2, 3].map(
    (n): Plan => ({
      kind: 'reconsideration',
      body: CITY,
      caseNumber: `汴政复〔2019〕${200 + n}号`,
      subject: '对政府信息公开答复不服',
      claimant: ['王建国', '李秀英', '张伟'][n - 1] ?? '',
      filedAfter: 40,
      linked: true,
      result: { result: n === 3 ? 'other' : 'upheld', on: `2020-01-${10 + n}`, note: '复议决定作出于2020年' },
    }),
  ),
  ...[1, 2, 3, 4, 5, 6].map(
    (n): Plan => ({
      kind: 'litigationDirect',
      body: COURT,
      caseNumber: `（2019）豫0202行初${10 + n}号`,
      subject: '政府信息公开',
      claimant: ['刘洋', '陈静', '杨帆', '赵磊', '黄丽', '周强'][n - 1] ?? '',
      filedAfter: 20,
      linked: n !== 6,
      result: {
        result: 'upheld',
        on: `2019-${String(6 + n).padStart(2, '0')}-20`,
        note: '判决驳回原告诉讼请求',
      },
    }),
  ),
  {
    kind: 'litigationDirect',
    body: COURT,
    caseNumber: '（2019）豫0202行初9号',
    subject: '政府信息公开（答复超过法定期限）',
    claimant: '吴敏',
    filedAfter: 15,
    linked: true,
    result: { result: 'corrected', on: '2019-08-15', note: '判决确认答复程序违法，未责令重新答复' },
  },
];

const shift = (date: string, days: number): string => isoFromDay(dayOf(date) + days);
const min = (a: string, b: string): string => (a < b ? a : b);

/** Seeds the demo cases; `agencies` are the demo agencies' ids by name. Returns how many were made. */
export async function seedDemoAppeals(
  db: Kysely<DB>,
  options: { now: Date; agencies: ReadonlyMap<string, number>; actor: Actor },
): Promise<number> {
  const agencyId = options.agencies.get(DEMO_APPEAL_AGENCY);
  if (agencyId === undefined) return 0;
  const { now, actor } = options;
  const today = beijingToday(now);
  const decided = (from: string, to: string) =>
    db
      .selectFrom('applications')
      .select(['tracking_number', 'received_on', 'decided_on'])
      .where('agency_id', '=', agencyId)
      .where('decided_on', '>=', from)
      .where('decided_on', '<=', to)
      .orderBy('decided_on')
      .orderBy('id')
      .execute();
  let made = 0;

  const apps2019 = await decided('2019-01-01', '2019-06-30');
  let next = 0;
  for (const plan of YEAR_2019) {
    const app = plan.linked ? apps2019[next++ % Math.max(1, apps2019.length)] : undefined;
    const base = app?.decided_on ?? '2019-03-01';
    // Every case is filed in 2019 and before its result.
    const filedOn = min(
      shift(base, plan.filedAfter),
      plan.result ? shift(plan.result.on, -40) : '2019-12-20',
    );
    const filed = filedOn < (app?.received_on ?? '') ? (app?.received_on ?? filedOn) : filedOn;
    const copy = shift(filed, 5);
    const id = await createAppealCase(db, {
      agencyId,
      input: {
        kind: plan.kind,
        applicationNumber: app?.tracking_number ?? '',
        caseNumber: plan.caseNumber,
        body: plan.body,
        claimantName: plan.claimant,
        subject: plan.subject,
        filedOn: filed,
        copyReceivedOn: copy,
        respondedOn: shift(copy, plan.kind === 'reconsideration' ? 7 : 12),
      },
      actor,
      now,
    });
    if (plan.result)
      await recordAppealResult(db, {
        id,
        input: { result: plan.result.result, decidedOn: plan.result.on, resultNote: plan.result.note },
        actor,
        now,
      });
    made++;
  }

  // The current year: reminders on the seeding day.
  const recent = await decided(shift(today, -200), shift(today, -40));
  const current: {
    kind: AppealKind;
    copyDaysAgo: number;
    responded: boolean;
    claimant: string;
    body: string;
  }[] = [
    { kind: 'reconsideration', copyDaysAgo: 8, responded: false, claimant: '孙丽', body: CITY },
    { kind: 'litigationDirect', copyDaysAgo: 13, responded: false, claimant: '马超', body: COURT },
    { kind: 'litigationDirect', copyDaysAgo: 25, responded: false, claimant: '朱红', body: COURT },
    { kind: 'reconsideration', copyDaysAgo: 30, responded: true, claimant: '胡斌', body: CITY },
  ];
  for (const [i, c] of current.entries()) {
    const app = recent[recent.length - 1 - i];
    const copy = shift(today, -c.copyDaysAgo);
    const filedOn = shift(copy, -3);
    const link = app !== undefined && app.received_on <= filedOn;
    await createAppealCase(db, {
      agencyId,
      input: {
        kind: c.kind,
        applicationNumber: link ? app.tracking_number : '',
        caseNumber: '',
        body: c.body,
        claimantName: c.claimant,
        subject: link ? '对政府信息公开答复不服' : '认为未依法主动公开政府信息',
        filedOn,
        copyReceivedOn: copy,
        respondedOn: c.responded ? shift(copy, 6) : '',
      },
      actor,
      now,
    });
    made++;
  }
  return made;
}
