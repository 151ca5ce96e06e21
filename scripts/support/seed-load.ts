/**
 * The load test's data, written through the project's own functions so that it is right on
 * either database: the demo (agencies, accounts with their one-time passwords, its
 * applications and items), then more published items over the demo's agencies (each indexed
 * for search as publishing does) and more applications received over the last three months,
 * among them a set received today at 鼓楼区人民政府 for the staff to record events on.
 */

import { submitApplication } from '../../src/applications/submit-application.ts';
import { systemActor } from '../../src/audit-log/actor.ts';
import { seedCalendar } from '../../src/calendar/calendar-store.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createItem, publishItem } from '../../src/disclosure/disclosure-items.ts';
import { type DemoAccount, seedDemo } from '../../src/orgs/demo.ts';
import { submission } from './serve.ts';

const ACTOR = systemActor('系统（负载测试数据）');

const TOPICS = [
  '最低生活保障资金发放情况',
  '特困人员救助供养工作',
  '老旧小区改造项目清单',
  '城镇住房公积金缴存比例调整',
  '征收补偿安置方案',
  '义务教育阶段学校招生划片',
  '财政预算执行情况',
  '政府采购意向公开',
  '医疗保障基金监管',
  '高校毕业生就业创业补贴',
  '涉农补贴资金发放',
  '市场监管执法检查结果',
  '棚户区改造项目进展',
  '残疾人两项补贴发放',
  '冬季供暖保障工作',
];
const KINDS = ['通知', '公告', '公示', '实施方案', '工作要点', '意见', '报告'];

export interface LoadData {
  readonly accounts: readonly DemoAccount[];
  /** Every agency: id and name. */
  readonly agencies: readonly { id: number; name: string; parentId: number | null }[];
  /** Published items: id and agency. */
  readonly items: readonly { id: number; agencyId: number }[];
  /** Applications: id and the agency that received them. */
  readonly applications: readonly { id: number; agencyId: number }[];
  /** Open applications received today at 鼓楼区人民政府: the staff record events on these. */
  readonly workable: readonly number[];
  readonly seconds: number;
}

/** Runs `tasks` with at most `width` at a time (the pool has 10 connections). */
const inParallel = async (count: number, width: number, task: (i: number) => Promise<void>) => {
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < count) await task(next++);
    }),
  );
};

const beijingDate = (at: Date): string => new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);

export const seedLoadData = async (
  databaseUrl: string,
  sizes: { items: number; applications: number; workable: number },
): Promise<LoadData> => {
  const t0 = performance.now();
  const database = openDatabase(databaseUrl);
  const { db } = database;
  try {
    const now = new Date();
    await migrateToLatest(db);
    await seedCalendar(db, now);
    const demo = await seedDemo(db, { now });
    if (!demo.created) throw new Error('负载测试需要一个空的数据库');
    const agencies = (await db.selectFrom('agencies').select(['id', 'name', 'parent_id']).execute()).map(
      (a) => ({ id: a.id, name: a.name, parentId: a.parent_id }),
    );
    const gulou = agencies.find((a) => a.name === '鼓楼区人民政府');
    if (gulou === undefined) throw new Error('演示数据中没有鼓楼区人民政府');
    const district = agencies.filter((a) => a.id === gulou.id || a.parentId === gulou.id);

    const today = beijingDate(now);
    const daysAgo = (n: number) => beijingDate(new Date(now.getTime() - n * 86_400_000));
    await inParallel(sizes.items, 6, async (i) => {
      const agency = district[i % district.length] ?? gulou;
      const topic = TOPICS[(i * 7) % TOPICS.length] ?? '';
      const kind = KINDS[(i * 3) % KINDS.length] ?? '';
      const year = 2019 + (i % 7);
      const publishedOn = daysAgo(1 + (i % 700));
      const title = `${agency.name}关于${year}年${topic}的${kind}（负载测试 ${i + 1}）`;
      const item = await createItem(db, {
        agencyId: agency.id,
        input: {
          title,
          bodyHtml: `<p>【负载测试数据】关于${topic}。现将有关事项${kind}如下，请认真贯彻落实。</p><p>联系电话：0371-23456789。</p>`,
          documentNumber: `汴鼓负〔${year}〕${i + 1}号`,
          issuingAgency: agency.name,
          madeOn: publishedOn,
          article20Item: 1 + (i % 15),
          tags: [],
          channels: ['portal'],
        },
        actor: ACTOR,
        now,
      });
      await publishItem(db, { itemId: item.id, actor: ACTOR, now, publishedOn, skipReview: true });
    });

    const workable: number[] = [];
    await inParallel(sizes.applications + sizes.workable, 6, async (i) => {
      const isWorkable = i < sizes.workable;
      const agency = isWorkable ? gulou : (district[i % district.length] ?? gulou);
      const day = isWorkable ? today : daysAgo(i % 90);
      const result = await submitApplication(db, {
        agencyId: agency.id,
        input: {
          ...submission(agency.id, `${2019 + (i % 7)}年度${TOPICS[i % TOPICS.length]}（负载测试）`),
          channel: 'online',
          arrivedOn: day,
          receivedOn: day,
        },
        actor: ACTOR,
        now,
      });
      if (isWorkable) workable.push(result.id);
    });

    const items = (
      await db
        .selectFrom('disclosure_items')
        .select(['id', 'agency_id'])
        .where('status', '=', 'published')
        .execute()
    ).map((r) => ({ id: r.id, agencyId: r.agency_id }));
    const applications = (await db.selectFrom('applications').select(['id', 'agency_id']).execute()).map(
      (r) => ({ id: r.id, agencyId: r.agency_id }),
    );
    return {
      accounts: demo.accounts,
      agencies,
      items,
      applications,
      workable,
      seconds: (performance.now() - t0) / 1000,
    };
  } finally {
    await database.close();
  }
};
