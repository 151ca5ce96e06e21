import { createHash } from 'node:crypto';
import SQLite from 'better-sqlite3';
import { systemActor } from '../../src/audit-log/actor.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { dayOf, isoFromDay } from '../../src/calendar/day.ts';
import { openDatabase } from '../../src/db/database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { computeDeadline } from '../../src/deadlines/compute-deadline.ts';
import type { DeadlineEvent } from '../../src/deadlines/deadline-event.ts';
import { listAgencies } from '../../src/orgs/agency.repository.ts';
import { createAgency } from '../../src/orgs/create-agency.ts';
import { createUser } from '../../src/orgs/create-user.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { createSession } from '../../src/orgs/session.ts';
import { seeded } from '../audit/random-report.ts';

export interface SeededDatabase {
  /** The session cookie of an admin of the root agency (gk_session=…). */
  readonly cookie: string;
  /** The same for the demo's admin of 鼓楼区人民政府 (a district's subtree only). */
  readonly districtCookie: string;
  readonly csrfToken: string;
  readonly agencyIds: readonly number[];
  readonly applications: number;
  readonly open: number;
  readonly seconds: number;
}

const ACTOR = systemActor('系统（基准测试数据）');
const DISTRICTS = [
  '龙亭区',
  '顺河回族区',
  '禹王台区',
  '祥符区',
  '杞县',
  '通许县',
  '尉氏县',
  '兰考县',
  '城乡一体化示范区',
];
const DEPARTMENTS = [
  '教育局',
  '民政局',
  '财政局',
  '人力资源和社会保障局',
  '自然资源局',
  '生态环境局',
  '住房和城乡建设局',
  '交通运输局',
  '农业农村局',
  '水利局',
  '商务局',
  '文化广电和旅游局',
  '卫生健康委员会',
  '退役军人事务局',
  '应急管理局',
  '审计局',
  '市场监督管理局',
  '统计局',
  '医疗保障局',
  '城市管理局',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗';
const TOPICS = [
  '最低生活保障资金发放情况',
  '老旧小区改造项目清单',
  '征收补偿安置方案',
  '环境影响评价批复文件',
  '财政预算执行情况',
  '建设工程规划许可证',
  '政府采购合同',
  '行政处罚决定书',
  '学校招生划片方案',
  '道路拓宽工程立项批复',
];
const CHANNEL_SHARE: readonly (readonly [string, number])[] = [
  ['online', 0.55],
  ['letter', 0.2],
  ['registeredPost', 0.12],
  ['inPerson', 0.08],
  ['email', 0.03],
  ['fax', 0.01],
  ['other', 0.01],
];
const APPLICANT_SHARE: readonly (readonly [string, number])[] = [
  ['natural', 0.9],
  ['commercial', 0.05],
  ['research', 0.01],
  ['nonprofit', 0.01],
  ['legalService', 0.02],
  ['otherOrg', 0.01],
];
const OUTCOME_SHARE: readonly (readonly [string, number])[] = [
  ['granted', 0.55],
  ['partial', 0.15],
  ['unable.notHeld', 0.15],
  ['withheld.internal', 0.05],
  ['withheld.thirdParty', 0.05],
  ['unable.needsCreation', 0.05],
];

const pick = (rand: () => number, shares: readonly (readonly [string, number])[]): string => {
  let r = rand();
  for (const [value, share] of shares) {
    r -= share;
    if (r < 0) return value;
  }
  return shares[0]?.[0] ?? '';
};

/** The root, 10 district governments (鼓楼区 from the demo among them), ~20 departments each. */
const seedHierarchy = async (path: string, now: Date) => {
  const database = openDatabase(path);
  try {
    const { db } = database;
    await migrateToLatest(db);
    await seedDemo(db, { now });
    const existing = await listAgencies(db);
    const root = existing.find((a) => a.parentId === null);
    if (root === undefined) throw new Error('the demo has no root agency');
    for (const district of DISTRICTS) {
      const government = await createAgency(db, {
        name: `${district}人民政府`,
        parentId: root.id,
        kind: 'government',
        level: 'county',
        actor: ACTOR,
        now,
      });
      for (const department of DEPARTMENTS)
        await createAgency(db, {
          name: `${district}${department}`,
          parentId: government.id,
          kind: 'department',
          level: 'county',
          actor: ACTOR,
          now,
        });
    }
    const admin = await createUser(db, {
      username: 'bench.admin',
      displayName: '基准测试管理员',
      password: 'Bench-admin-password-1',
      agencyId: root.id,
      roles: [{ agencyId: root.id, role: 'admin' }],
      actor: ACTOR,
      now,
    });
    const session = await createSession(db, { userId: admin.id, now, ip: '127.0.0.1' });
    // The demo's admin of 鼓楼区人民政府: sees a district's subtree only.
    const districtAdmin = await db
      .selectFrom('users')
      .select('id')
      .where('username', '=', 'admin')
      .executeTakeFirstOrThrow();
    const district = await createSession(db, { userId: districtAdmin.id, now, ip: '127.0.0.1' });
    const agencies = await listAgencies(db);
    const feePauses = new Map(agencies.map((a) => [a.id, true]));
    return {
      cookie: `gk_session=${session.token}`,
      districtCookie: `gk_session=${district.token}`,
      csrfToken: session.csrfToken,
      agencyIds: agencies.map((a) => a.id),
      calendar: await loadCalendar(db),
      feePauses,
    };
  } finally {
    await database.close();
  }
};

/**
 * A city's three years of applications in a file-backed SQLite database migrated with the
 * project's migrations: `count` applications with their 'received' event, spread over ~200
 * agencies (a few busy ones), 95% closed with an outcome, 5% open — of those, some overdue,
 * some waiting for a correction or a consultation, the rest due in the coming weeks. The
 * hierarchy and the admin go through the project's own functions; the applications through raw
 * prepared statements in big transactions, their stored deadline computed by the real engine.
 */
export const seedApplications = async (
  path: string,
  count: number,
  now: Date = new Date(),
): Promise<SeededDatabase> => {
  const t0 = performance.now();
  const h = await seedHierarchy(path, now);
  const rand = seeded(2026);
  const today = dayOf(new Date(now.getTime() + 8 * 3600_000).toISOString().slice(0, 10));
  const span = 3 * 365;
  // A few busy agencies (the governments' offices) and a long tail.
  const weights = h.agencyIds.map((_, i) => 1 / (1 + (i % 37)));
  const totalWeight = weights.reduce((a, b) => a + b, 0);
  const cumulative: number[] = [];
  let acc = 0;
  for (const w of weights) {
    acc += w / totalWeight;
    cumulative.push(acc);
  }
  const agencyAt = (r: number): number => {
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 1) < r) lo = mid + 1;
      else hi = mid;
    }
    return h.agencyIds[lo] ?? 0;
  };

  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = OFF'); // the seed only: a crash here means seeding again
  const insertApplication = sqlite.prepare(`insert into applications (
      id, agency_id, tracking_number, secret_hash, channel, arrived_on, received_on, applicant_type,
      applicant_name, id_type, id_number, phone, address, email, description, form_wanted,
      idempotency_key, status, created_at, updated_at, handling_agency_id, handler_user_id, stage,
      outcome, decided_on, delivered_on, decision_json, due_on, waiting_for, waiting_by, deadline_provisional)
    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null, ?, ?, ?, null, null, ?, ?, ?, ?, null, ?, ?, ?, ?)`);
  const insertEvent = sqlite.prepare(`insert into application_events
      (application_id, type, date, working_days, until, note, actor_user_id, recorded_at, detail_json)
    values (?, ?, ?, ?, ?, null, null, ?, null)`);
  const firstId =
    ((sqlite.prepare('select max(id) as id from applications').get() as { id: number | null }).id ?? 0) + 1;
  const secretHash = createHash('sha256').update('bench').digest('hex');
  let open = 0;
  const BATCH = 50_000;
  const insertBatch = sqlite.transaction((from: number, to: number) => {
    for (let i = from; i < to; i++) {
      const id = firstId + i;
      const isOpen = rand() < 0.05;
      // Open ones are recent (three in four in the last 30 days, the rest up to 90 days back,
      // overdue unless paused or extended); closed ones anywhere in the three years.
      const received = isOpen
        ? today - Math.floor(rand() < 0.75 ? rand() * 30 : 30 + rand() * 60)
        : today - 30 - Math.floor(rand() * span);
      const receivedOn = isoFromDay(received);
      const arrivedOn = isoFromDay(received - (rand() < 0.3 ? 1 : 0));
      const events: DeadlineEvent[] = [{ type: 'received', date: receivedOn }];
      if (isOpen) {
        const r = rand();
        if (r < 0.12 && received + 3 <= today) {
          events.push({
            type: 'correctionAsked',
            date: isoFromDay(received + 3),
            until: isoFromDay(received + 33),
          });
        } else if (r < 0.2 && received + 5 <= today) {
          events.push({ type: 'consultationStarted', date: isoFromDay(received + 5) });
        } else if (r < 0.3 && received + 10 <= today) {
          events.push({ type: 'extended', date: isoFromDay(received + 10), workingDays: 20 });
        }
      }
      const agencyId = agencyAt(rand());
      const d = computeDeadline(events, h.calendar, { feePausesClock: h.feePauses.get(agencyId) ?? true });
      const name = `${SURNAMES[Math.floor(rand() * SURNAMES.length)]}${i.toString(36)}`;
      const at = `${receivedOn}T02:00:00.000Z`;
      const outcome = isOpen ? null : pick(rand, OUTCOME_SHARE);
      const decidedOn = isOpen ? null : isoFromDay(received + 10 + Math.floor(rand() * 15));
      insertApplication.run(
        id,
        agencyId,
        `GK${receivedOn.replaceAll('-', '')}${String(id).padStart(9, '0')}`,
        secretHash,
        pick(rand, CHANNEL_SHARE),
        arrivedOn,
        receivedOn,
        pick(rand, APPLICANT_SHARE),
        name,
        'residentId',
        '11010519491231002X',
        `138${String(i % 100_000_000).padStart(8, '0')}`,
        '河南省开封市鼓楼区包公湖北路39号',
        null,
        `${2020 + (i % 6)}年度${TOPICS[i % TOPICS.length]}`,
        'electronic',
        isOpen ? 'open' : 'closed',
        at,
        at,
        isOpen ? 'processing' : 'delivered',
        outcome,
        decidedOn,
        decidedOn,
        d.due,
        d.waitingFor?.what ?? null,
        d.waitingFor?.by ?? null,
        d.provisional ? 1 : 0,
      );
      for (const e of events)
        insertEvent.run(
          id,
          e.type,
          e.date,
          e.type === 'extended' ? e.workingDays : null,
          e.type === 'correctionAsked' ? e.until : null,
          at,
        );
      if (isOpen) open++;
    }
  });
  try {
    for (let from = 0; from < count; from += BATCH) insertBatch(from, Math.min(count, from + BATCH));
    sqlite.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    sqlite.close();
  }
  return {
    cookie: h.cookie,
    districtCookie: h.districtCookie,
    csrfToken: h.csrfToken,
    agencyIds: h.agencyIds,
    applications: count,
    open,
    seconds: (performance.now() - t0) / 1000,
  };
};
