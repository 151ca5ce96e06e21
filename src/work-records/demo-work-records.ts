import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import type { DB } from '../db/schema.ts';
import { recordWorkRecord } from './work-records.ts';

/** The demo agency whose 2019 report is the sample (fixtures/reports/gulou-2019.txt, section 一). */
export const DEMO_WORK_RECORD_AGENCY = '鼓楼区人民政府';

/**
 * Its 2019 work as the sample's section 一 tells it: two trainings with "150多人" (here 86 and 71),
 * 2万元 to revamp the website, 6,367 posts on new media, 766 service items online.
 */
export const DEMO_WORK_RECORDS_2019: readonly Readonly<Record<string, string>>[] = [
  {
    kind: 'training',
    date: '2019-05-16',
    title: '政府信息依申请公开和重点领域信息公开专题培训',
    participants: '86',
    note: '以会代训，区政府各部门和各办事处政务公开工作人员参加',
  },
  {
    kind: 'training',
    date: '2019-10-24',
    title: '政府网站建设和政务公开标准化规范化培训',
    participants: '71',
  },
  {
    kind: 'platform',
    date: '2019-08-30',
    title: '政府网站全面改版、优化',
    cost: '20000',
    note: '遵照《河南省2019年政务公开工作要点》',
  },
  { kind: 'newMedia', date: '2019-12-31', account: '鼓楼发布微信公众号', title: '政务信息', items: '4012' },
  { kind: 'newMedia', date: '2019-12-31', account: '鼓楼发布微博', title: '政务信息', items: '2355' },
  { kind: 'serviceItems', date: '2019-12-31', title: '可全程在线办理的政务服务事项', items: '766' },
];

/** Enters the demo agency's 2019 work records (demo data). */
export async function seedDemoWorkRecords(
  db: Kysely<DB>,
  options: { agencies: ReadonlyMap<string, number>; actor: Actor; now: Date },
): Promise<void> {
  const agencyId = options.agencies.get(DEMO_WORK_RECORD_AGENCY);
  if (agencyId === undefined) return;
  for (const input of DEMO_WORK_RECORDS_2019)
    await recordWorkRecord(db, { agencyId, input, actor: options.actor, now: options.now });
}
