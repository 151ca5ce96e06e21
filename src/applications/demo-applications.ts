import type { Kysely } from 'kysely';
import { type Actor, actorFields, systemActor } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { WorkingCalendar } from '../calendar/calendar.ts';
import { loadCalendar } from '../calendar/calendar-store.ts';
import { dayOf, isoFromDay } from '../calendar/day.ts';
import type { DB } from '../db/schema.ts';
import { computeDeadline } from '../deadlines/compute-deadline.ts';
import type { DeadlineEvent } from '../deadlines/deadline-event.ts';
import { findApplication } from './application.repository.ts';
import type { ApplicantType, Channel, FormWanted } from './application-kinds.ts';
import { approveDecision, decideApplication, returnDecision } from './decide-application.ts';
import type { DeliveryMethod, SecrecyResult } from './decision.ts';
import { deliverApplication } from './deliver-application.ts';
import { idCheckCharacter } from './identity-number.ts';
import type { Outcome } from './outcomes.ts';
import { recordApplicationEvent } from './record-application-event.ts';
import { recordSecrecyReview } from './review-secrecy.ts';
import { addCoHandler, assignApplication } from './route-application.ts';
import { submitApplication } from './submit-application.ts';
import { beijingToday } from './workflow-input.ts';

/**
 * The demo's applications (issue 4, item 9), made with the domain functions themselves so that
 * every row has its events, its audit records and its stored deadline:
 *
 * - the 27 applications 鼓楼区人民政府 received in 2019, as its published annual report counts
 *   them (../shared/fixtures/reports/gulou-2019.txt, section 三): 26 by letter and 1 online;
 *   the 25 of natural persons granted, the 2 of other organisations answered 本机关不掌握 and
 *   需要另行制作; all answered within the year and within their deadlines;
 * - a current year, relative to the seeding day: applications received over the last months,
 *   most closed, and open ones in every workbench queue on the seeding day. Their receipt
 *   days are found backward from the due dates they must have, on the working-day calendar.
 *
 * Names, identity numbers, telephones and addresses are invented (the ID numbers and credit
 * codes carry valid check characters; the e-mail addresses are at example.com).
 */

/** The demo agencies the applications go to (names as in src/orgs/demo-data.ts). */
const AGENCIES = {
  gulou: '鼓楼区人民政府',
  office: '鼓楼区人民政府办公室',
  education: '鼓楼区教育局',
  civil: '鼓楼区民政局',
  market: '鼓楼区市场监督管理局',
  wuyi: '五一街道办事处',
  xiangguosi: '相国寺街道办事处',
} as const;
type AgencyKey = keyof typeof AGENCIES;

/** The agency whose decisions need the approver (负责人) in the demo. */
export const DEMO_APPROVAL_AGENCY = AGENCIES.civil;

export interface DemoUser {
  readonly id: number;
  readonly displayName: string;
}

export interface SeedDemoApplicationsOptions {
  /** The real time of seeding: "today" of the current year's queues. */
  readonly now: Date;
  /** The demo agencies' ids by name. */
  readonly agencies: ReadonlyMap<string, number>;
  /** The demo users by username: registrar, handler and approver act on the applications. */
  readonly users: ReadonlyMap<string, DemoUser>;
}

// ---------------------------------------------------------------------------------------------
// The plans: who applies, for what, when, and what happens, in working days after receipt.

type Step =
  | { at: number; do: 'assign'; to: AgencyKey; handler?: boolean }
  | { at: number; do: 'coHandle'; with: AgencyKey }
  | { at: number; do: 'correctionAsked'; days: number; note: string }
  | { at: number; do: 'correctionReceived'; note?: string }
  | { at: number; do: 'consultationStarted'; note: string }
  | { at: number; do: 'consultationEnded'; note: string }
  | { at: number; do: 'extended'; days: number; note: string }
  | { at: number; do: 'feeNoticed'; pages?: number; nth?: number }
  | { at: number; do: 'feePaid' }
  | { at: number; do: 'delayed'; untilFromToday: number; note: string }
  | { at: number; do: 'review'; result: SecrecyResult; note?: string }
  | { at: number; do: 'decide'; outcome: Outcome; reason?: string; referredTo?: string }
  | { at: number; do: 'return'; note: string }
  | { at: number; do: 'approve'; note?: string }
  | { at: number; do: 'deliver'; method: DeliveryMethod };

/** When the application was received. */
type When =
  /** The nth working day of a month of 2019. */
  | { readonly year2019: { readonly month: number; readonly nth: number } }
  /** This many working days before the seeding day (0: the last working day up to it). */
  | { readonly age: number }
  /** Whatever receipt day gives a due date this many working days from the seeding day. */
  | { readonly dueIn: number; readonly workdayOnly?: boolean };

interface Applicant {
  readonly type: ApplicantType;
  /** An organisation's name; a natural person's is made up. */
  readonly name?: string;
}

interface Plan {
  readonly agency: AgencyKey;
  readonly applicant: Applicant;
  readonly channel: Channel;
  readonly form?: FormWanted;
  readonly text: string;
  readonly when: When;
  readonly steps: readonly Step[];
}

const PERSON: Applicant = { type: 'natural' };
const post = (at: number): Step => ({ at, do: 'deliver', method: 'post' });
/** A confidentiality review that clears, the decision to grant, and (if made yet) the delivery. */
const granted = (review: number, decide: number, deliver?: Step): Step[] => [
  { at: review, do: 'review', result: 'cleared' },
  { at: decide, do: 'decide', outcome: 'granted' },
  ...(deliver === undefined ? [] : [deliver]),
];

/** 鼓楼区人民政府, 2019: the 27 applications of the annual report. */
const YEAR_2019: readonly Plan[] = [
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '本人房屋位于老城区棚户区改造项目范围内，申请公开该项目的房屋征收决定及征收补偿方案。',
    when: { year2019: { month: 1, nth: 3 } },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(6, 8, post(10))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开2018年度鼓楼区城市居民最低生活保障资金发放情况（本人所在社区部分）。',
    when: { year2019: { month: 1, nth: 12 } },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }, ...granted(5, 7, post(8))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2018年老旧小区改造项目名单及各项目的改造内容。',
    when: { year2019: { month: 2, nth: 5 } },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(7, 9, post(11))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人被征收房屋所在项目的房地产价格评估机构选定结果及选定程序的相关文件。',
    when: { year2019: { month: 2, nth: 15 } },
    steps: granted(6, 9, post(10)),
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开关于我家房屋拆迁的有关文件。',
    when: { year2019: { month: 3, nth: 2 } },
    steps: [
      {
        at: 3,
        do: 'correctionAsked',
        days: 15,
        note: '申请内容不明确，请写明所需文件的名称、文号或者房屋所在项目名称等特征性描述',
      },
      { at: 8, do: 'correctionReceived', note: '申请人补正：所需信息为本人房屋所在项目的房屋征收决定公告' },
      ...granted(14, 16, post(18)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年城镇老旧小区改造计划。',
    when: { year2019: { month: 3, nth: 10 } },
    steps: [{ at: 2, do: 'assign', to: 'office' }, ...granted(6, 8, post(9))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开对本人房屋作出的限期拆除决定书所依据的规划管理文件。',
    when: { year2019: { month: 3, nth: 18 } },
    steps: granted(8, 11, post(12)),
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区80周岁以上老年人高龄津贴的发放标准及申领程序。',
    when: { year2019: { month: 4, nth: 4 } },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }, ...granted(4, 6, post(7))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年义务教育阶段公办学校招生服务范围（划片）方案。',
    when: { year2019: { month: 4, nth: 14 } },
    steps: [{ at: 1, do: 'assign', to: 'education' }, ...granted(5, 7, post(9))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年公益性岗位招聘的拟录用人员名单及公示情况。',
    when: { year2019: { month: 5, nth: 6 } },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(7, 10, post(11))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人所在小区二次供水设施改造工程的资金来源及竣工验收情况。',
    when: { year2019: { month: 5, nth: 16 } },
    steps: granted(9, 12, post(13)),
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2018年老旧小区改造工程施工项目的政府采购合同。',
    when: { year2019: { month: 6, nth: 3 } },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      {
        at: 4,
        do: 'consultationStarted',
        note: '合同含中标企业的报价明细，向中标企业发出征求第三方意见书（条例第三十二条）',
      },
      { at: 9, do: 'consultationEnded', note: '中标企业书面回复同意公开' },
      ...granted(12, 14, post(16)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区人民政府2018年度重大行政决策事项目录。',
    when: { year2019: { month: 6, nth: 12 } },
    steps: granted(5, 7, post(8)),
  },
  {
    agency: 'gulou',
    applicant: { type: 'otherOrg', name: '开封市鼓楼区梧桐苑小区业主委员会' },
    channel: 'letter',
    text: '申请公开梧桐苑小区2008年取得的建设工程规划许可证及附图。',
    when: { year2019: { month: 6, nth: 19 } },
    steps: [
      { at: 2, do: 'assign', to: 'office' },
      {
        at: 10,
        do: 'decide',
        outcome: 'unable.notHeld',
        reason:
          '经检索，本机关未制作、获取该小区的建设工程规划许可文件；该信息由城乡规划主管部门制作并保存。',
        referredTo: '开封市自然资源和规划局',
      },
      post(12),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人房屋所在棚户区改造项目的补偿安置标准及安置房分配办法。',
    when: { year2019: { month: 7, nth: 5 } },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(8, 10, post(11))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人住宅楼前道路2019年占用挖掘城市道路的许可文件。',
    when: { year2019: { month: 7, nth: 15 } },
    steps: granted(6, 9, post(10)),
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人临时救助申请的审批结果。',
    when: { year2019: { month: 8, nth: 2 } },
    steps: [
      { at: 1, do: 'assign', to: 'civil', handler: true },
      {
        at: 2,
        do: 'correctionAsked',
        days: 10,
        note: '请提供申请临时救助的时间及受理单位，以便检索',
      },
      { at: 5, do: 'correctionReceived', note: '申请人补正了申请时间（2019年5月）及受理街道' },
      ...granted(9, 11, post(12)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年重点优抚对象抚恤补助的发放标准。',
    when: { year2019: { month: 8, nth: 13 } },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }, ...granted(5, 6, post(8))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开辖区内农贸市场搬迁的决定文件及新址的规划情况。',
    when: { year2019: { month: 9, nth: 4 } },
    steps: [
      { at: 1, do: 'assign', to: 'market' },
      ...granted(6, 8, { at: 8, do: 'deliver', method: 'email' }),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年政府工作报告所列民生实事的年中完成情况。',
    when: { year2019: { month: 9, nth: 14 } },
    steps: granted(7, 9, post(10)),
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人房屋所在征收项目的房屋征收范围图及红线图。',
    when: { year2019: { month: 10, nth: 5 } },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      {
        at: 17,
        do: 'extended',
        days: 20,
        note: '所需图件存于2012年的征收档案中，需调档查找，经负责人同意延长答复期限',
      },
      ...granted(27, 30, post(32)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区既有住宅加装电梯的财政补贴政策文件。',
    when: { year2019: { month: 10, nth: 12 } },
    steps: granted(6, 8, post(9)),
  },
  {
    agency: 'gulou',
    applicant: { type: 'otherOrg', name: '开封市鼓楼区东柳园村村民委员会' },
    channel: 'letter',
    text: '申请提供2014年至2019年本村历次征地补偿款按户分配的汇总统计表。',
    when: { year2019: { month: 10, nth: 18 } },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      {
        at: 11,
        do: 'decide',
        outcome: 'unable.needsCreation',
        reason: '本机关未制作按户分配的汇总统计表，提供该表需要对历年征地档案进行汇总、加工。',
      },
      post(12),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区困难残疾人生活补贴和重度残疾人护理补贴的2019年发放标准。',
    when: { year2019: { month: 11, nth: 3 } },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }, ...granted(5, 7, post(8))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开相国寺周边违法建设集中整治的公告。',
    when: { year2019: { month: 11, nth: 10 } },
    steps: [{ at: 1, do: 'assign', to: 'xiangguosi' }, ...granted(6, 8, post(10))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2019年度政府集中采购目录及采购限额标准。',
    when: { year2019: { month: 11, nth: 17 } },
    steps: [{ at: 2, do: 'assign', to: 'office' }, ...granted(5, 7, post(8))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区现行行政事业性收费项目目录。',
    when: { year2019: { month: 12, nth: 2 } },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(5, 7, post(9))],
  },
];

const company = (name: string): Applicant => ({ type: 'commercial', name });

/**
 * The current year, relative to the seeding day: the open applications first (one or more in
 * every queue), then the closed ones of the last months.
 */
const CURRENT: readonly Plan[] = [
  // Overdue.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人所在片区城中村改造项目的征收补偿方案及补偿款发放明细（本人部分）。',
    when: { dueIn: -2 },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }],
  },
  {
    agency: 'market',
    applicant: company('开封市汴辰建材有限公司'),
    channel: 'registeredPost',
    text: '申请公开对本公司作出的行政处罚决定所依据的抽样检验报告。',
    when: { dueIn: -5 },
    steps: [
      { at: 2, do: 'correctionAsked', days: 10, note: '请写明行政处罚决定书的文号或作出日期' },
      { at: 6, do: 'correctionReceived', note: '申请人补正了处罚决定书文号' },
    ],
  },
  // Due today (a deadline only ever falls on a working day).
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开本街道2025年度困难群众临时救助资金的发放情况。',
    when: { dueIn: 0, workdayOnly: true },
    steps: [
      { at: 1, do: 'assign', to: 'civil', handler: true },
      { at: 2, do: 'coHandle', with: 'wuyi' },
    ],
  },
  {
    agency: 'education',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人子女所在小学的学区划分依据及今年的招生计划。',
    when: { dueIn: 0, workdayOnly: true },
    steps: [{ at: 15, do: 'review', result: 'cleared' }],
  },
  // Due within 3 working days.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开区属公办幼儿园今年新增学位的分配方案。',
    when: { dueIn: 1 },
    steps: [{ at: 1, do: 'assign', to: 'education' }],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'inPerson',
    text: '申请公开本人母亲申请养老服务补贴的审核意见及依据。',
    when: { dueIn: 3 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      {
        at: 18,
        do: 'extended',
        days: 20,
        note: '需向五一街道调取2023年的审核材料，经负责人同意延长答复期限',
      },
    ],
  },
  {
    agency: 'gulou',
    applicant: { type: 'legalService', name: '河南汴梁律师事务所' },
    channel: 'registeredPost',
    text: '申请公开某地块国有建设用地使用权出让合同及土地出让金缴纳情况。',
    when: { dueIn: 2 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      { at: 5, do: 'consultationStarted', note: '出让合同涉及受让企业的商业信息，向受让企业征求意见' },
      { at: 12, do: 'consultationEnded', note: '受让企业回复：不同意公开合同中的付款安排部分' },
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开2016年至今鼓楼区全部行政处罚决定书、行政许可决定书及其送达回证。',
    when: { age: 26 },
    steps: [
      {
        at: 4,
        do: 'delayed',
        untilFromToday: 2,
        note: '申请数量明显超过合理范围，依条例第三十五条确定合理的答复日期并书面告知申请人',
      },
    ],
  },
  // Waiting for the applicant: a correction, a fee.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开区政府有关文件。',
    when: { age: 5 },
    steps: [
      {
        at: 3,
        do: 'correctionAsked',
        days: 15,
        note: '申请内容不明确，请写明所需文件的名称、文号或者内容特征',
      },
    ],
  },
  {
    agency: 'market',
    applicant: company('开封市鼓楼区宋韵餐饮管理有限公司'),
    channel: 'email',
    form: 'electronic',
    text: '申请公开本年度辖区餐饮单位食品安全监督抽检结果。',
    when: { age: 9 },
    steps: [
      { at: 1, do: 'assign', to: 'market' },
      { at: 6, do: 'correctionAsked', days: 10, note: '请明确所需抽检结果的时间段及抽检品种' },
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开2020年以来鼓楼区全部房屋征收项目的征收决定、补偿方案和评估报告。',
    when: { age: 14 },
    steps: [
      { at: 2, do: 'assign', to: 'office' },
      { at: 9, do: 'feeNoticed', pages: 160 },
    ],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开鼓楼区社区居委会换届选举的选民登记名册（本社区）。',
    when: { age: 11 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      { at: 7, do: 'feeNoticed', nth: 13 },
    ],
  },
  // Waiting for a third party.
  {
    agency: 'gulou',
    applicant: company('开封古城物业服务有限公司'),
    channel: 'registeredPost',
    text: '申请公开本公司参与投标的老旧小区物业服务项目的评标报告。',
    when: { age: 9 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      { at: 6, do: 'consultationStarted', note: '评标报告涉及其他投标人的商业信息，向其他投标人征求意见' },
    ],
  },
  // Awaiting the approver (鼓楼区民政局 has its decisions approved).
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本社区2025年度城市低保对象的审批名单公示情况。',
    when: { age: 12 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      { at: 8, do: 'review', result: 'cleared' },
      { at: 10, do: 'decide', outcome: 'granted' },
    ],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'inPerson',
    text: '申请公开本人父亲的殡葬补贴审批材料。',
    when: { age: 15 },
    steps: [
      { at: 1, do: 'assign', to: 'civil', handler: true },
      {
        at: 13,
        do: 'decide',
        outcome: 'unable.notHeld',
        reason: '殡葬补贴由户籍所在地街道办事处受理和审核，本机关未保存该申请材料。',
        referredTo: '相国寺街道办事处',
      },
    ],
  },
  // Decided, waiting for delivery.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2026年城镇老旧小区改造项目计划。',
    when: { age: 13 },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(9, 11)],
  },
  {
    agency: 'education',
    applicant: PERSON,
    channel: 'email',
    form: 'electronic',
    text: '申请公开本人参加的2026年教师招聘考试面试评分细则及本人成绩。',
    when: { age: 8 },
    steps: [
      { at: 5, do: 'review', result: 'redacted', note: '评分表含其他考生的个人信息，须去除后提供' },
      {
        at: 8,
        do: 'decide',
        outcome: 'partial',
        reason: '评分表中其他考生的姓名和成绩属于个人隐私，公开会损害其合法权益，已作区分处理。',
      },
    ],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区养老机构运营补贴的发放名单。',
    when: { age: 10 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      { at: 6, do: 'review', result: 'cleared' },
      { at: 8, do: 'decide', outcome: 'granted' },
      { at: 9, do: 'approve', note: '同意公开' },
    ],
  },
  // Newly received, in hand.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开本小区加装电梯的审批手续及财政补贴拨付情况。',
    when: { age: 0 },
    steps: [],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人所在街道2026年高龄津贴发放名单（本人部分）。',
    when: { age: 2 },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }],
  },
  {
    agency: 'gulou',
    applicant: { type: 'nonprofit', name: '开封市鼓楼区爱心助老服务中心' },
    channel: 'letter',
    text: '申请公开鼓楼区政府购买居家养老服务项目的绩效评价报告。',
    when: { age: 4 },
    steps: [{ at: 2, do: 'assign', to: 'market' }],
  },
  {
    agency: 'wuyi',
    applicant: PERSON,
    channel: 'inPerson',
    form: 'inspection',
    text: '申请查阅本社区公共收益的收支明细。',
    when: { age: 3 },
    steps: [],
  },
  {
    agency: 'gulou',
    applicant: { type: 'research', name: '河南省城乡治理研究院' },
    channel: 'email',
    form: 'electronic',
    text: '申请公开鼓楼区近三年政府信息公开申请的办理情况统计。',
    when: { age: 6 },
    steps: [{ at: 5, do: 'review', result: 'cleared' }],
  },
  {
    agency: 'market',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人投诉的某超市销售过期食品一案的处理结果。',
    when: { age: 7 },
    steps: [{ at: 1, do: 'assign', to: 'market' }],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人申请廉租住房补贴被驳回的审核记录。',
    when: { age: 1 },
    steps: [{ at: 1, do: 'assign', to: 'civil', handler: true }],
  },

  // Closed over the last months.
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人房屋所在片区的房屋征收决定公告。',
    when: { age: 120 },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(6, 8, post(10))],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开鼓楼区2025年度财政预算执行情况和其他财政收支的审计工作报告。',
    when: { age: 112 },
    steps: granted(4, 5, { at: 5, do: 'deliver', method: 'online' }),
  },
  {
    agency: 'education',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人子女所在初中2025年课后服务收费的批准文件。',
    when: { age: 108 },
    steps: granted(5, 7, post(9)),
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人申请低保被驳回的入户调查记录。',
    when: { age: 104 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      { at: 6, do: 'review', result: 'redacted', note: '调查记录含邻居证言，涉及第三方个人信息' },
      {
        at: 8,
        do: 'decide',
        outcome: 'partial',
        reason: '入户调查记录中邻居的姓名、证言内容涉及第三方个人隐私，已作区分处理后提供其余部分。',
      },
      { at: 9, do: 'approve' },
      post(11),
    ],
  },
  {
    agency: 'gulou',
    applicant: company('开封市鼓楼区恒泰商贸有限公司'),
    channel: 'registeredPost',
    text: '申请公开本公司所在楼宇周边道路改造工程的招标文件及中标结果。',
    when: { age: 100 },
    steps: [{ at: 2, do: 'assign', to: 'office' }, ...granted(7, 9, post(10))],
  },
  {
    agency: 'market',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开某药店被举报销售假药一案的调查处理过程材料。',
    when: { age: 96 },
    steps: [
      {
        at: 9,
        do: 'decide',
        outcome: 'withheld.enforcementFile',
        reason: '所申请的调查取证材料属于行政执法案卷信息；该案的行政处罚决定已依法主动公开。',
      },
      post(11),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开区政府常务会议研究本人所在片区改造事项的会议纪要。',
    when: { age: 92 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      {
        at: 10,
        do: 'decide',
        outcome: 'withheld.process',
        reason: '所申请的会议纪要属于行政机关在履行行政管理职能过程中形成的讨论记录。',
      },
      post(12),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开区政府办公室2025年的内部考勤制度。',
    when: { age: 90 },
    steps: [
      {
        at: 7,
        do: 'decide',
        outcome: 'withheld.internal',
        reason: '所申请信息属于人事管理、后勤管理等内部事务信息。',
      },
      post(9),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人邻居的宅基地审批档案。',
    when: { age: 86 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      { at: 3, do: 'consultationStarted', note: '所申请信息涉及第三方个人信息，向第三方征求意见' },
      { at: 10, do: 'consultationEnded', note: '第三方书面答复不同意公开' },
      {
        at: 15,
        do: 'decide',
        outcome: 'withheld.thirdParty',
        reason:
          '所申请的审批档案含第三方的家庭成员、身份证号码等个人信息，第三方不同意公开，公开会损害其合法权益。',
      },
      post(17),
    ],
  },
  {
    agency: 'gulou',
    applicant: { type: 'legalService', name: '河南中州法泰律师事务所' },
    channel: 'registeredPost',
    text: '申请公开某工业园区企业环境影响评价文件的审批意见。',
    when: { age: 82 },
    steps: [
      {
        at: 8,
        do: 'decide',
        outcome: 'unable.notHeld',
        reason: '建设项目环境影响评价文件由生态环境主管部门审批，本机关未制作或获取。',
        referredTo: '开封市生态环境局',
      },
      post(9),
    ],
  },
  {
    agency: 'education',
    applicant: PERSON,
    channel: 'letter',
    text: '申请提供鼓楼区各小学近五年升学率的对比分析。',
    when: { age: 80 },
    steps: [
      {
        at: 10,
        do: 'decide',
        outcome: 'unable.needsCreation',
        reason: '本机关未制作所述对比分析，提供该信息需要对现有数据进行加工、分析。',
      },
      post(11),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开那个文件。',
    when: { age: 76 },
    steps: [
      { at: 2, do: 'correctionAsked', days: 10, note: '请写明所需文件的名称、文号或者内容特征' },
      { at: 7, do: 'correctionReceived', note: '申请人补正：“关于拆迁的那个文件”' },
      {
        at: 20,
        do: 'decide',
        outcome: 'unable.stillUnclear',
        reason: '补正后仍未能指明所需信息的名称、文号或者便于检索的特征，无法确定申请内容。',
      },
      post(22),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '反映本人所在小区物业乱收费问题，要求区政府查处并答复处理结果。',
    when: { age: 72 },
    steps: [
      {
        at: 6,
        do: 'decide',
        outcome: 'rejected.petition',
        reason: '来信属于投诉反映问题，已告知申请人通过信访渠道或向主管部门投诉。',
      },
      post(7),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '再次申请公开本人房屋所在片区的房屋征收决定公告。',
    when: { age: 68 },
    steps: [
      {
        at: 5,
        do: 'decide',
        outcome: 'rejected.repeated',
        reason: '申请人此前已就同一内容提出申请，本机关已依法作出答复。',
      },
      post(6),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'email',
    form: 'electronic',
    text: '申请提供2025年《开封年鉴》鼓楼区部分。',
    when: { age: 64 },
    steps: [
      {
        at: 4,
        do: 'decide',
        outcome: 'rejected.publication',
        reason: '所申请内容属于公开出版物，已告知申请人获取的途径。',
      },
      { at: 4, do: 'deliver', method: 'email' },
    ],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'letter',
    text: '要求民政局对本人持有的婚姻登记档案复印件的真实性出具证明。',
    when: { age: 60 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      {
        at: 7,
        do: 'decide',
        outcome: 'rejected.confirmation',
        reason: '申请要求本机关确认申请人已获取信息的真实性，不属于政府信息公开申请。',
      },
      { at: 8, do: 'approve' },
      post(9),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开有关补偿的材料。',
    when: { age: 56 },
    steps: [
      { at: 3, do: 'correctionAsked', days: 10, note: '请写明所需补偿材料所属的项目名称及年份' },
      {
        at: 15,
        do: 'decide',
        outcome: 'other.noCorrection',
        reason: '补正期限届满，申请人未补正，也未说明正当理由。',
      },
      post(16),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开2018年以来鼓楼区全部政府采购项目的合同文本及验收报告。',
    when: { age: 52 },
    steps: [
      { at: 3, do: 'assign', to: 'office' },
      { at: 8, do: 'feeNoticed', pages: 240 },
      {
        at: 30,
        do: 'decide',
        outcome: 'other.noFee',
        reason: '申请人收到收费通知后20个工作日内未缴纳信息处理费。',
      },
      post(31),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人所在社区2025年度公共服务设施改造工程的预算及决算。',
    when: { age: 88 },
    steps: [
      { at: 2, do: 'assign', to: 'office' },
      { at: 7, do: 'feeNoticed', pages: 75 },
      { at: 10, do: 'feePaid' },
      ...granted(14, 17, post(18)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'inPerson',
    text: '申请撤回此前提交的关于道路命名文件的公开申请。',
    when: { age: 48 },
    steps: [
      {
        at: 3,
        do: 'decide',
        outcome: 'other.other',
        reason: '申请人书面撤回申请。',
      },
      { at: 3, do: 'deliver', method: 'inPerson' },
    ],
  },
  {
    agency: 'education',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开2020年至2025年鼓楼区中小学校舍安全鉴定报告。',
    when: { age: 70 },
    steps: [
      {
        at: 16,
        do: 'extended',
        days: 15,
        note: '涉及学校较多，需逐校调取鉴定报告，经负责人同意延长答复期限',
      },
      ...granted(28, 32, post(34)),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本人房屋所在片区安置房的建设进度及交付计划。',
    when: { age: 44 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      { at: 7, do: 'review', result: 'cleared' },
      { at: 20, do: 'decide', outcome: 'granted' },
      { at: 21, do: 'deliver', method: 'post' },
    ],
  },
  {
    agency: 'civil',
    applicant: PERSON,
    channel: 'inPerson',
    text: '申请公开鼓楼区2025年度社会组织年检结果。',
    when: { age: 40 },
    steps: [
      { at: 0, do: 'assign', to: 'civil', handler: true },
      { at: 4, do: 'review', result: 'cleared' },
      { at: 5, do: 'decide', outcome: 'granted' },
      { at: 6, do: 'return', note: '请补充说明年检结果中未通过单位的名单是否已主动公开' },
      { at: 7, do: 'decide', outcome: 'granted' },
      { at: 8, do: 'approve' },
      { at: 8, do: 'deliver', method: 'inPerson' },
    ],
  },
  {
    agency: 'market',
    applicant: company('开封市龙亭食品有限公司'),
    channel: 'email',
    form: 'electronic',
    text: '申请公开本年度第二季度辖区食品生产企业监督检查结果。',
    when: { age: 38 },
    steps: [
      { at: 1, do: 'assign', to: 'market' },
      ...granted(5, 7, { at: 7, do: 'deliver', method: 'email' }),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'online',
    form: 'electronic',
    text: '申请公开鼓楼区今年汛期城市内涝防治工作方案。',
    when: { age: 35 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      ...granted(3, 5, { at: 5, do: 'deliver', method: 'online' }),
    ],
  },
  {
    agency: 'wuyi',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开本社区今年公益性岗位人员的招聘公告及录用名单。',
    when: { age: 32 },
    steps: [...granted(6, 8, post(9))],
  },
  {
    agency: 'xiangguosi',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开相国寺周边商户占道经营整治的通告。',
    when: { age: 30 },
    steps: [...granted(4, 6, post(7))],
  },
  {
    agency: 'gulou',
    applicant: { type: 'nonprofit', name: '开封市汴水环保公益服务中心' },
    channel: 'email',
    form: 'electronic',
    text: '申请公开鼓楼区上半年黑臭水体整治工作进展情况。',
    when: { age: 28 },
    steps: [
      { at: 1, do: 'assign', to: 'office' },
      ...granted(6, 9, { at: 9, do: 'deliver', method: 'email' }),
    ],
  },
  {
    agency: 'gulou',
    applicant: PERSON,
    channel: 'letter',
    text: '申请公开鼓楼区2026年为民办实事项目清单。',
    when: { age: 25 },
    steps: [{ at: 1, do: 'assign', to: 'office' }, ...granted(5, 7, post(8))],
  },
];

// ---------------------------------------------------------------------------------------------
// Invented people and organisations, the same on every seeding (a seeded generator).

type Rng = () => number;

/** mulberry32: small, fast and good enough for demo data. */
const rngFrom = (seed: number): Rng => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const pick = <T>(rng: Rng, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;
const digits = (rng: Rng, n: number): string =>
  Array.from({ length: n }, () => String(Math.floor(rng() * 10))).join('');

const words = (list: string): string[] => list.split(' ');
const SURNAMES = [
  ...'王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许沈曾彭吕苏卢蒋蔡贾丁魏薛叶余潘杜戴夏钟汪田任姜范方石姚谭邹金陆郝孔白崔康毛邱秦江史顾侯邵孟段雷汤常武乔贺',
];
const MALE = words(
  '建国 志强 国庆 建军 永刚 德明 卫东 新民 振华 文斌 俊杰 海涛 红军 宏伟 立平 保国 长青 世杰 浩然 子轩',
);
const FEMALE = words(
  '秀英 桂英 丽娟 红梅 海燕 春花 玉兰 淑珍 金凤 晓燕 雪梅 慧敏 丽华 素芳 翠萍 静怡 欣然 梦瑶 雅琴 巧云',
);
/** Region codes of 开封市 and 郑州市 districts and counties, for the invented ID numbers. */
const REGIONS = words('410202 410203 410204 410205 410212 410221 410222 410223 410225 410102 410105');
const STREETS = words('中山路中段 自由路 书店街 西大街 大纸坊街 马道街 河道街 鼓楼街 南门大街 寺后街');
const MOBILE_PREFIXES = words(
  '135 136 137 138 139 150 151 152 158 159 182 187 188 133 153 180 189 186 185 156',
);

/** An 18-digit 公民身份号码 with its check character (GB 11643). */
const residentId = (rng: Rng, female: boolean): string => {
  const year = 1950 + Math.floor(rng() * 50);
  const month = 1 + Math.floor(rng() * 12);
  const day = 1 + Math.floor(rng() * 28);
  const order = `${digits(rng, 2)}${pick(rng, female ? ['0', '2', '4', '6', '8'] : ['1', '3', '5', '7', '9'])}`;
  const first17 = `${pick(rng, REGIONS)}${year}${String(month).padStart(2, '0')}${String(day).padStart(2, '0')}${order}`;
  return first17 + idCheckCharacter(first17);
};

const CREDIT_CHARS = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const CREDIT_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** The 登记管理部门码 and 机构类别码 of a 统一社会信用代码, by applicant type. */
const CREDIT_PREFIX: Record<Exclude<ApplicantType, 'natural'>, string> = {
  commercial: '91',
  research: '12',
  nonprofit: '52',
  legalService: '31',
  otherOrg: '59',
};

/** An 18-character 统一社会信用代码 (GB 32100) around a 9-character 组织机构代码 (GB 11714). */
const creditCode = (rng: Rng, type: Exclude<ApplicantType, 'natural'>): string => {
  const body = digits(rng, 8);
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(body[i]) * (ORG_CODE_WEIGHTS[i] ?? 0);
  const c9 = 11 - (sum % 11);
  const orgCode = body + (c9 === 10 ? 'X' : c9 === 11 ? '0' : String(c9));
  const first17 = `${CREDIT_PREFIX[type]}410204${orgCode}`;
  let total = 0;
  for (let i = 0; i < 17; i++) total += CREDIT_CHARS.indexOf(first17[i] ?? '0') * (CREDIT_WEIGHTS[i] ?? 0);
  return first17 + CREDIT_CHARS[(31 - (total % 31)) % 31];
};

/** A China Post registered-item number (UPU S10): two letters, eight digits, check digit, CN. */
const postalNumber = (rng: Rng): string => {
  const serial = digits(rng, 8);
  const weights = [8, 6, 4, 2, 3, 5, 9, 7];
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(serial[i]) * (weights[i] ?? 0);
  const check = 11 - (sum % 11);
  return `XA${serial}${check === 10 ? 0 : check === 11 ? 5 : check}CN`;
};

interface Person {
  readonly name: string;
  readonly idType: 'residentId' | 'orgCode';
  readonly idNumber: string;
  readonly phone: string;
  readonly address: string;
  readonly email: string;
}

const inventApplicant = (rng: Rng, applicant: Applicant, serial: number): Person => {
  const address = `河南省开封市鼓楼区${pick(rng, STREETS)}${1 + Math.floor(rng() * 180)}号`;
  const email = `gk${String(10000 + serial * 37).slice(-5)}@example.com`;
  if (applicant.type === 'natural') {
    const female = rng() < 0.5;
    return {
      name: `${pick(rng, SURNAMES)}${pick(rng, female ? FEMALE : MALE)}`,
      idType: 'residentId',
      idNumber: residentId(rng, female),
      phone: `${pick(rng, MOBILE_PREFIXES)}${digits(rng, 8)}`,
      address: `${address}${1 + Math.floor(rng() * 12)}号楼${1 + Math.floor(rng() * 4)}单元`,
      email,
    };
  }
  return {
    name: applicant.name ?? '开封市某组织',
    idType: 'orgCode',
    idNumber: creditCode(rng, applicant.type),
    phone: `0371-2${digits(rng, 7)}`,
    address,
    email,
  };
};

// ---------------------------------------------------------------------------------------------
// Dates: working days on the system's calendar.

/** The n-th working day before `date` (n ≥ 1); `date` itself is not counted. */
const workingDaysBefore = (calendar: WorkingCalendar, date: string, n: number): string => {
  let day = dayOf(date);
  for (let k = 0; k < n; ) {
    day--;
    if (calendar.isWorkdayDay(day)) k++;
  }
  return isoFromDay(day);
};

const lastWorkdayUpTo = (calendar: WorkingCalendar, date: string): string =>
  calendar.isWorkday(date) ? date : workingDaysBefore(calendar, date, 1);

/** The date `n` working days after `from`; `from` itself for 0. */
const after = (calendar: WorkingCalendar, from: string, n: number): string =>
  n === 0 ? from : calendar.addWorkingDays(from, n);

/** The nth working day of a month. */
const nthWorkdayOf = (calendar: WorkingCalendar, year: number, month: number, nth: number): string => {
  const lastOfPrevious = isoFromDay(dayOf(`${year}-${String(month).padStart(2, '0')}-01`) - 1);
  return calendar.addWorkingDays(lastOfPrevious, nth);
};

/** The moment an action of `date` is recorded: office hours in Beijing, never after the real now. */
const momentOf = (date: string, minutes: number, realNow: Date): Date => {
  const t = Date.parse(`${date}T00:00:00Z`) - 8 * 3600_000 + (8 * 60 + 40 + minutes) * 60_000;
  return new Date(Math.min(t, realNow.getTime()));
};

// ---------------------------------------------------------------------------------------------
// Carrying a plan out with the domain functions.

interface Context {
  readonly db: Kysely<DB>;
  readonly calendar: WorkingCalendar;
  readonly realNow: Date;
  readonly today: string;
  readonly rng: Rng;
  readonly agencyId: (key: AgencyKey) => number;
  readonly registrar: Actor;
  readonly handler: Actor;
  readonly approver: Actor;
  serial: number;
}

/** The clock events a plan records, for finding its receipt day before anything is written. */
const clockEvents = (ctx: Context, plan: Plan, receivedOn: string): DeadlineEvent[] => {
  const events: DeadlineEvent[] = [{ type: 'received', date: receivedOn }];
  for (const step of plan.steps) {
    const date = after(ctx.calendar, receivedOn, step.at);
    switch (step.do) {
      case 'correctionAsked':
        events.push({ type: step.do, date, until: ctx.calendar.addWorkingDays(date, step.days) });
        break;
      case 'extended':
        events.push({ type: step.do, date, workingDays: step.days });
        break;
      case 'delayed':
        events.push({ type: step.do, date, until: after(ctx.calendar, ctx.today, step.untilFromToday) });
        break;
      case 'correctionReceived':
      case 'consultationStarted':
      case 'consultationEnded':
      case 'feeNoticed':
      case 'feePaid':
        events.push({ type: step.do, date });
        break;
      default:
        break;
    }
  }
  return events;
};

/** The receipt day of a plan, and the due date it must end up with where the plan says. */
const receiptOf = (ctx: Context, plan: Plan): { receivedOn: string; due?: string } | null => {
  const { calendar, today } = ctx;
  const when = plan.when;
  if ('year2019' in when)
    return { receivedOn: nthWorkdayOf(calendar, 2019, when.year2019.month, when.year2019.nth) };
  if ('age' in when) {
    // Counted from the last working day, so that on a rest day nothing lands after today.
    const workday = lastWorkdayUpTo(calendar, today);
    return { receivedOn: when.age === 0 ? workday : workingDaysBefore(calendar, workday, when.age) };
  }
  if (when.workdayOnly && !calendar.isWorkday(today)) return null;
  const due =
    when.dueIn === 0
      ? today
      : when.dueIn > 0
        ? calendar.addWorkingDays(today, when.dueIn)
        : workingDaysBefore(calendar, today, -when.dueIn);
  // The due date moves with the receipt day: walk back until it lands on the target.
  for (let n = 1; n < 250; n++) {
    const receivedOn = workingDaysBefore(calendar, today, n);
    const got = computeDeadline(clockEvents(ctx, plan, receivedOn), calendar).due;
    if (got === due) return { receivedOn, due };
    if (got !== null && got < due) break;
  }
  throw new Error(`演示数据：找不到答复期限为${due}的收到日期（${plan.text}）`);
};

const arrivalOf = (ctx: Context, channel: Channel, receivedOn: string): string => {
  // Online applications made on a rest day are confirmed on the next working day (Art. 31).
  const before = isoFromDay(dayOf(receivedOn) - 1);
  return channel === 'online' && !ctx.calendar.isWorkday(before) ? before : receivedOn;
};

const proofOf = (ctx: Context, method: DeliveryMethod, person: Person, date: string): string | undefined => {
  switch (method) {
    case 'post':
      return `挂号信 ${postalNumber(ctx.rng)}，${date}妥投`;
    case 'email':
      return `${date} ${10 + Math.floor(ctx.rng() * 6)}:${String(Math.floor(ctx.rng() * 60)).padStart(2, '0')} 发送至 ${person.email}，邮件系统回执：已投递`;
    case 'inPerson':
      return `申请人${person.name}于${date}当面领取并签收`;
    case 'fax':
      return `${date} 传真发送报告：发送成功`;
    case 'online':
      return undefined;
  }
};

async function carryOut(ctx: Context, plan: Plan): Promise<number | null> {
  const receipt = receiptOf(ctx, plan);
  if (receipt === null) return null;
  const { receivedOn } = receipt;
  const { db, calendar, realNow } = ctx;
  const person = inventApplicant(ctx.rng, plan.applicant, ctx.serial++);
  const dates = plan.steps.map((s) => after(calendar, receivedOn, s.at));
  const late = dates.find((d) => d > ctx.today);
  if (late !== undefined) throw new Error(`演示数据：${plan.text}的办理日期${late}晚于今天${ctx.today}`);

  const online = plan.channel === 'online';
  const submitted = await submitApplication(db, {
    agencyId: ctx.agencyId(plan.agency),
    input: {
      channel: plan.channel,
      arrivedOn: arrivalOf(ctx, plan.channel, receivedOn),
      receivedOn,
      applicantType: plan.applicant.type,
      applicantName: person.name,
      idType: person.idType,
      idNumber: person.idNumber,
      phone: person.phone,
      address: person.address,
      email: online || plan.channel === 'email' || plan.form === 'electronic' ? person.email : '',
      description: plan.text,
      formWanted: plan.form ?? 'paper',
    },
    actor: online ? systemActor('网上申请') : ctx.registrar,
    now: momentOf(receivedOn, online ? -30 : 0, realNow),
  });
  const applicationId = submitted.id;
  let byHandler = false;

  for (const [i, step] of plan.steps.entries()) {
    const date = dates[i] ?? receivedOn;
    const now = momentOf(date, 15 + 20 * i, realNow);
    const worker = byHandler ? ctx.handler : ctx.approver;
    const clerk = byHandler ? ctx.handler : ctx.registrar;
    const common = { applicationId, now };
    switch (step.do) {
      case 'assign':
        byHandler = step.handler === true;
        await assignApplication(db, {
          ...common,
          actor: ctx.registrar,
          input: {
            handlingAgencyId: ctx.agencyId(step.to),
            ...(byHandler ? { handlerUserId: ctx.handler.userId } : {}),
          },
        });
        break;
      case 'coHandle':
        await addCoHandler(db, {
          ...common,
          actor: ctx.registrar,
          input: { agencyId: ctx.agencyId(step.with) },
        });
        break;
      case 'correctionAsked':
        await recordApplicationEvent(db, {
          ...common,
          actor: clerk,
          event: { type: step.do, date, until: calendar.addWorkingDays(date, step.days), note: step.note },
        });
        break;
      case 'extended':
        await recordApplicationEvent(db, {
          ...common,
          actor: ctx.approver,
          event: { type: step.do, date, workingDays: step.days, note: step.note },
        });
        break;
      case 'delayed':
        await recordApplicationEvent(db, {
          ...common,
          actor: clerk,
          event: {
            type: step.do,
            date,
            until: after(calendar, ctx.today, step.untilFromToday),
            note: step.note,
          },
        });
        break;
      case 'feeNoticed':
        await recordApplicationEvent(db, {
          ...common,
          actor: clerk,
          event:
            step.nth === undefined
              ? { type: step.do, date, feeMethod: 'perQuantity', pages: step.pages ?? 0 }
              : { type: step.do, date, feeMethod: 'perApplication', nth: step.nth },
        });
        break;
      case 'correctionReceived':
      case 'consultationStarted':
      case 'consultationEnded':
      case 'feePaid':
        await recordApplicationEvent(db, {
          ...common,
          actor: clerk,
          event: { type: step.do, date, ...('note' in step && step.note ? { note: step.note } : {}) },
        });
        break;
      case 'review':
        await recordSecrecyReview(db, {
          ...common,
          actor: worker,
          input: { result: step.result, date, reviewer: worker.label, note: step.note ?? '' },
        });
        break;
      case 'decide':
        await decideApplication(db, {
          ...common,
          actor: worker,
          actorIsApprover: !byHandler,
          input: {
            outcome: step.outcome,
            date,
            reason: step.reason ?? '',
            referredAgencyName: step.referredTo ?? '',
          },
        });
        break;
      case 'return':
        await returnDecision(db, { ...common, actor: ctx.approver, input: { note: step.note } });
        break;
      case 'approve':
        await approveDecision(db, { ...common, actor: ctx.approver, input: { note: step.note ?? '' } });
        break;
      case 'deliver':
        await deliverApplication(db, {
          ...common,
          actor: clerk,
          input: { method: step.method, date, proof: proofOf(ctx, step.method, person, date) ?? '' },
        });
        break;
    }
  }

  // The queues read the stored deadline: make sure the plan came out as it was meant to.
  if (receipt.due !== undefined) {
    const stored = (await findApplication(db, applicationId))?.deadline.due;
    if (stored !== receipt.due)
      throw new Error(`演示数据：${plan.text}的答复期限为${stored}，应为${receipt.due}`);
  }
  return applicationId;
}

const demoActor = (users: ReadonlyMap<string, DemoUser>, username: string): Actor => {
  const user = users.get(username);
  if (user === undefined) throw new Error(`演示数据缺少用户 ${username}`);
  return { userId: user.id, label: user.displayName };
};

/**
 * Seeds the demo's applications into the demo agencies, inside the caller's transaction (the
 * domain functions reuse it). `now` is the real time: the current year is laid out around it.
 * Returns how many applications it made.
 */
export async function seedDemoApplications(
  db: Kysely<DB>,
  options: SeedDemoApplicationsOptions,
): Promise<{ applications: number }> {
  const agencyId = (key: AgencyKey): number => {
    const id = options.agencies.get(AGENCIES[key]);
    if (id === undefined) throw new Error(`演示数据缺少机关 ${AGENCIES[key]}`);
    return id;
  };
  const ctx: Context = {
    db,
    calendar: await loadCalendar(db),
    realNow: options.now,
    today: beijingToday(options.now),
    rng: rngFrom(20191231),
    agencyId,
    registrar: demoActor(options.users, 'registrar'),
    handler: demoActor(options.users, 'handler'),
    approver: demoActor(options.users, 'approver'),
    serial: 0,
  };
  let made = 0;
  for (const plan of YEAR_2019) if ((await carryOut(ctx, plan)) !== null) made++;

  // One agency of the demo has its decisions approved by the 负责人.
  const civil = agencyId('civil');
  await db.updateTable('agencies').set({ decisions_need_approval: 1 }).where('id', '=', civil).execute();
  await recordAudit(db, {
    at: options.now,
    ...actorFields(systemActor('系统（演示数据）')),
    action: 'agency.update',
    entityType: 'agency',
    entityId: civil,
    agencyId: civil,
    before: { decisionsNeedApproval: false },
    after: { decisionsNeedApproval: true },
  });

  for (const plan of CURRENT) if ((await carryOut(ctx, plan)) !== null) made++;
  return { applications: made };
}
