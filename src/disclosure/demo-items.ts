import type { Kysely } from 'kysely';
import type { Actor } from '../audit-log/actor.ts';
import { snapshotCalendar } from '../calendar/calendar-source.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { createCategory, fileItem } from './catalogue.ts';
import { createItem, publishItem, withdrawItem } from './disclosure-items.ts';

/**
 * Demo data (演示数据): 鼓楼区人民政府's 2019 catalogue — a category tree and 120 published
 * items generated from realistic titles over the Art. 20 items, a few of them withdrawn, with
 * the focus areas of the sample report (就业创业, 社会救助, 低保发放, 涉农补贴, 市场监管执法) as
 * tags — and a few normative documents of two of its departments. Every body says it is demo
 * data. Deterministic: the same items, dates and numbers each time.
 *
 * The normative documents belong to the departments, not to 鼓楼区人民政府: the sample report
 * gives 0 rules and 0 normative documents for the district (section 二, counted from the
 * items by registers.ts), and the demo keeps that figure.
 */

export const DEMO_ITEMS_AGENCY = '鼓楼区人民政府';
export const DEMO_ITEMS_YEAR = 2019;

interface Series {
  /** The category path, top first. */
  readonly category: readonly string[];
  readonly article20Item: number | null;
  readonly tags?: readonly string[];
  /** 'monthly' items go out in the month they name; others anywhere in the year. */
  readonly monthly?: boolean;
  /** The prefix of the document numbers, e.g. '鼓政'; none when the items carry none. */
  readonly numbered?: string;
  readonly titles: readonly string[];
}

const MONTHS = Array.from({ length: 12 }, (_, i) => i + 1);

const SERIES: readonly Series[] = [
  {
    category: ['机构职能'],
    article20Item: 2,
    titles: ['鼓楼区人民政府机构职能', '鼓楼区人民政府领导分工', '鼓楼区人民政府工作部门办公地址和联系方式'],
  },
  {
    category: ['政策文件', '区政府文件'],
    article20Item: 3,
    numbered: '鼓政',
    titles: [
      '鼓楼区人民政府关于印发鼓楼区2019年政府工作要点的通知',
      '鼓楼区人民政府关于进一步做好稳就业工作的实施意见',
      '鼓楼区人民政府关于印发鼓楼区优化营商环境三年行动方案的通知',
      '鼓楼区人民政府关于加快推进老旧小区改造工作的意见',
      '鼓楼区人民政府关于做好2019年防汛工作的通知',
      '鼓楼区人民政府关于印发鼓楼区深化“放管服”改革工作方案的通知',
      '鼓楼区人民政府关于推进城乡居民基本养老保险工作的通知',
      '鼓楼区人民政府关于开展第四次全国经济普查的通知',
      '鼓楼区人民政府关于印发鼓楼区打赢蓝天保卫战实施方案的通知',
      '鼓楼区人民政府关于加强安全生产工作的意见',
    ],
  },
  {
    category: ['政策文件', '区政府办公室文件'],
    article20Item: 3,
    numbered: '鼓政办',
    titles: [
      '鼓楼区人民政府办公室关于印发2019年政务公开工作要点的通知',
      '鼓楼区人民政府办公室关于做好2019年春节期间有关工作的通知',
      '鼓楼区人民政府办公室关于印发鼓楼区政府信息公开工作考核办法的通知',
      '鼓楼区人民政府办公室关于开展扫黑除恶专项斗争宣传月活动的通知',
      '鼓楼区人民政府办公室关于做好2019年度城乡居民医疗保险征缴工作的通知',
      '鼓楼区人民政府办公室关于进一步加强政务服务“好差评”工作的通知',
      '鼓楼区人民政府办公室关于开展2019年食品安全宣传周活动的通知',
      '鼓楼区人民政府办公室关于印发鼓楼区生活垃圾分类工作实施方案的通知',
      '鼓楼区人民政府办公室关于做好2019年国庆节假期有关工作的通知',
      '鼓楼区人民政府办公室关于开展冬春季安全生产大检查的通知',
    ],
  },
  {
    category: ['政策文件', '政策解读'],
    article20Item: 3,
    titles: [
      '《鼓楼区2019年政府工作要点》解读',
      '图解：鼓楼区进一步做好稳就业工作的实施意见',
      '《鼓楼区优化营商环境三年行动方案》政策解读',
      '老旧小区改造政策问答',
      '一图读懂鼓楼区深化“放管服”改革工作方案',
      '《鼓楼区生活垃圾分类工作实施方案》解读',
    ],
  },
  {
    category: ['规划计划'],
    article20Item: 3,
    titles: [
      '2019年鼓楼区人民政府工作报告',
      '鼓楼区2018年国民经济和社会发展计划执行情况与2019年计划草案的报告',
      '鼓楼区国民经济和社会发展第十三个五年规划纲要中期评估报告',
    ],
  },
  {
    category: ['统计信息'],
    article20Item: 4,
    monthly: true,
    titles: MONTHS.slice(2, 12).map((m) => `2019年1—${m - 1}月鼓楼区主要经济指标`),
  },
  {
    category: ['财政信息', '财政预决算'],
    article20Item: 7,
    titles: [
      '鼓楼区2019年区级部门预算公开说明',
      '鼓楼区2019年一般公共预算收支情况',
      '鼓楼区2018年财政决算报告',
      '鼓楼区2019年“三公”经费预算情况说明',
      '鼓楼区2019年政府债务限额及余额情况',
      '鼓楼区2019年上半年预算执行情况',
    ],
  },
  {
    category: ['财政信息', '行政事业性收费'],
    article20Item: 8,
    titles: ['鼓楼区行政事业性收费项目目录清单（2019年版）', '鼓楼区涉企行政事业性收费目录清单'],
  },
  {
    category: ['财政信息', '政府采购'],
    article20Item: 9,
    titles: [
      '鼓楼区2019年政府集中采购目录及采购限额标准',
      '鼓楼区教育局校园安防设备采购项目中标公告',
      '鼓楼区老旧小区改造（一期）监理服务采购结果公告',
      '鼓楼区政务服务中心办公设备采购项目成交公告',
      '鼓楼区2019年第一季度政府采购意向公开',
      '鼓楼区2019年第三季度政府采购意向公开',
    ],
  },
  {
    category: ['重大建设项目'],
    article20Item: 10,
    titles: [
      '鼓楼区2019年重点建设项目计划',
      '包公湖北片区棚户区改造项目批准情况',
      '鼓楼区老旧小区改造（一期）项目实施情况',
      '鼓楼区2019年重点建设项目上半年进展情况',
      '相国寺周边道路提升工程招标及施工进展情况',
    ],
  },
  {
    category: ['重点领域信息', '就业创业'],
    article20Item: 11,
    tags: ['就业创业'],
    titles: [
      '鼓楼区2019年春风行动专场招聘会公告',
      '鼓楼区创业担保贷款申请指南',
      '鼓楼区2019年第一批就业见习基地名单公示',
      '鼓楼区2019年一次性创业补贴拟发放名单公示',
      '鼓楼区2019年公益性岗位招聘公告',
      '鼓楼区高校毕业生就业创业政策汇编',
      '鼓楼区2019年职业技能提升行动实施方案',
      '鼓楼区2019年第二批创业担保贷款贴息情况公示',
      '鼓楼区2019年上半年城镇新增就业情况',
      '鼓楼区2019年就业困难人员社会保险补贴公示',
    ],
  },
  {
    category: ['重点领域信息', '社会救助'],
    article20Item: 11,
    tags: ['社会救助', '低保发放'],
    monthly: true,
    titles: MONTHS.map((m) => `鼓楼区2019年${m}月城乡最低生活保障金发放情况`),
  },
  {
    category: ['重点领域信息', '社会救助'],
    article20Item: 11,
    tags: ['社会救助'],
    titles: [
      '鼓楼区2019年第一季度临时救助情况公示',
      '鼓楼区特困人员救助供养标准调整情况',
      '鼓楼区2019年城乡低保标准调整的通知',
      '鼓楼区社会救助申请办理指南',
    ],
  },
  {
    category: ['重点领域信息', '涉农补贴'],
    article20Item: 11,
    tags: ['涉农补贴'],
    titles: [
      '鼓楼区2019年耕地地力保护补贴发放情况公示',
      '鼓楼区2019年农机购置补贴实施方案',
      '鼓楼区2019年农机购置补贴资金使用情况公示',
      '鼓楼区2019年农业保险保费补贴情况',
      '鼓楼区2019年惠民惠农财政补贴资金“一卡通”发放情况',
      '鼓楼区2019年种粮大户补贴拟发放名单公示',
    ],
  },
  {
    category: ['重点领域信息', '市场监管执法'],
    article20Item: 13,
    tags: ['市场监管执法'],
    titles: [
      '鼓楼区2019年“双随机、一公开”抽查计划',
      '鼓楼区2019年第一期食品安全监督抽检信息',
      '鼓楼区2019年第二期食品安全监督抽检信息',
      '鼓楼区2019年第三期食品安全监督抽检信息',
      '鼓楼区2019年“双随机、一公开”抽查结果（第一批）',
      '鼓楼区2019年“双随机、一公开”抽查结果（第二批）',
      '鼓楼区2019年产品质量监督抽查结果',
      '鼓楼区校园周边食品安全专项整治情况',
      '鼓楼区2019年特种设备安全监督检查情况',
      '鼓楼区药品零售企业监督检查结果通报',
    ],
  },
  {
    category: ['行政执法', '行政许可'],
    article20Item: 5,
    titles: [
      '鼓楼区行政许可事项目录（2019年版）',
      '鼓楼区政务服务事项办事指南汇编',
      '鼓楼区2019年第一季度行政许可办理结果',
      '鼓楼区2019年第二季度行政许可办理结果',
      '鼓楼区2019年第三季度行政许可办理结果',
      '鼓楼区“最多跑一次”事项清单',
    ],
  },
  {
    category: ['行政执法', '行政处罚'],
    article20Item: 6,
    tags: ['市场监管执法'],
    titles: [
      '鼓楼区行政处罚事项清单（2019年版）',
      '鼓楼区行政执法公示制度实施办法',
      '鼓楼区2019年第一季度行政处罚决定公示',
      '鼓楼区2019年第二季度行政处罚决定公示',
      '鼓楼区2019年第三季度行政处罚决定公示',
      '鼓楼区行政强制事项清单',
    ],
  },
  {
    category: ['应急管理'],
    article20Item: 12,
    titles: [
      '鼓楼区突发事件总体应急预案',
      '鼓楼区2019年防汛应急预案',
      '鼓楼区重污染天气应急预案（2019年修订）',
    ],
  },
  {
    category: ['人事信息'],
    article20Item: 14,
    titles: [
      '鼓楼区2019年公开招聘事业单位工作人员公告',
      '鼓楼区2019年公开招聘事业单位工作人员拟聘用人员公示',
    ],
  },
];

/** The items that are withdrawn again (by their position in the generated list). */
const WITHDRAWN = new Set([7, 41, 77, 103]);

/** The departments' normative documents (规范性文件), one of them repealed in 2019. */
const DEPARTMENT_DOCUMENTS = [
  {
    agency: '鼓楼区民政局',
    title: '鼓楼区最低生活保障审核确认办法',
    documentNumber: '鼓民〔2019〕3号',
    madeOn: '2019-03-12',
    publishedOn: '2019-03-19',
    validity: 'inForce',
    tags: ['社会救助', '低保发放'],
  },
  {
    agency: '鼓楼区民政局',
    title: '鼓楼区临时救助实施细则（试行）',
    documentNumber: '鼓民〔2016〕11号',
    madeOn: '2016-05-20',
    publishedOn: '2016-05-27',
    validity: 'repealed',
    repealedOn: '2019-06-30',
    tags: ['社会救助'],
  },
  {
    agency: '鼓楼区市场监督管理局',
    title: '鼓楼区市场监督管理局行政处罚自由裁量权适用规则',
    documentNumber: '鼓市监〔2019〕7号',
    madeOn: '2019-08-05',
    publishedOn: '2019-08-12',
    validity: 'inForce',
    tags: ['市场监管执法'],
  },
] as const;

/** A small deterministic generator (the demo is the same every time). */
const seeded = (seed: number) => {
  let state = seed >>> 0;
  return (): number => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
};

const demoBody = (title: string, issuer: string, publishedOn: string): string =>
  [
    '<p><strong>【演示数据】</strong>本条信息由系统生成，仅用于演示，不是真实的政府信息。</p>',
    `<h2>${title}</h2>`,
    `<p>根据《中华人民共和国政府信息公开条例》，现将${title}予以公开。</p>`,
    '<table><caption>基本情况（演示）</caption><thead><tr><th>项目</th><th>内容</th></tr></thead>',
    `<tbody><tr><td>发布机构</td><td>${issuer}</td></tr><tr><td>发布日期</td><td>${publishedOn}</td></tr></tbody></table>`,
    `<p>如有疑问，请与${issuer}联系。（演示数据）</p>`,
  ].join('');

export interface DemoItemsResult {
  readonly published: number;
  readonly withdrawn: number;
}

/**
 * Creates the demo catalogue and items (see above). Items go out with `skipReview` — demo
 * data, like items brought over from an old site, do not pass through the publishing
 * workflow — on 2019 working days, each made a few working days before.
 */
export async function seedDemoItems(
  db: Kysely<DB>,
  options: { agencies: ReadonlyMap<string, number>; actor: Actor; now: Date },
): Promise<DemoItemsResult> {
  const agencyId = options.agencies.get(DEMO_ITEMS_AGENCY);
  if (agencyId === undefined) return { published: 0, withdrawn: 0 };
  const { actor, now } = options;
  const calendar = snapshotCalendar();
  const random = seeded(20_191_231);
  const workdays: string[] = [];
  for (let d = new Date(Date.UTC(DEMO_ITEMS_YEAR, 0, 1)); d.getUTCFullYear() === DEMO_ITEMS_YEAR; ) {
    const iso = d.toISOString().slice(0, 10);
    if (calendar.isWorkday(iso)) workdays.push(iso);
    d = new Date(d.getTime() + 86_400_000);
  }
  const workdayIn = (month: number | null): string => {
    const pool =
      month === null
        ? workdays
        : workdays.filter((w) => Number(w.slice(5, 7)) === month && Number(w.slice(8)) >= 10);
    return pool[Math.floor(random() * pool.length)] ?? workdays[0] ?? `${DEMO_ITEMS_YEAR}-01-02`;
  };

  return withTransaction(db, async (trx) => {
    // The category tree, in the order the series name it.
    const categories = new Map<string, number>();
    for (const series of SERIES) {
      for (let depth = 0; depth < series.category.length; depth++) {
        const key = series.category.slice(0, depth + 1).join('/');
        if (categories.has(key)) continue;
        const parentId =
          depth === 0 ? null : (categories.get(series.category.slice(0, depth).join('/')) ?? null);
        const name = series.category[depth] ?? '';
        const category = await createCategory(trx, { agencyId, input: { name, parentId }, actor, now });
        categories.set(key, category.id);
      }
    }

    const planned = SERIES.flatMap((series) =>
      series.titles.map((title, i) => {
        const month = series.monthly
          ? series.article20Item === 4
            ? i + 3 // 1—2月 goes out in March, and so on.
            : i + 1
          : null;
        return { series, title, publishedOn: workdayIn(month) };
      }),
    ).sort((a, b) => a.publishedOn.localeCompare(b.publishedOn));

    const numbers = new Map<string, number>();
    let published = 0;
    let withdrawn = 0;
    for (const [index, plan] of planned.entries()) {
      const { series, title, publishedOn } = plan;
      let documentNumber: string | undefined;
      if (series.numbered !== undefined) {
        const n = (numbers.get(series.numbered) ?? 0) + 1 + Math.floor(random() * 3);
        numbers.set(series.numbered, n);
        documentNumber = `${series.numbered}〔${DEMO_ITEMS_YEAR}〕${n}号`;
      }
      // Made one to six working days before it went out (well within Art. 26's twenty).
      const at = workdays.indexOf(publishedOn);
      const madeOn = workdays[Math.max(0, at - 1 - Math.floor(random() * 6))] ?? publishedOn;
      const item = await createItem(trx, {
        agencyId,
        input: {
          title,
          bodyHtml: demoBody(title, DEMO_ITEMS_AGENCY, publishedOn),
          documentNumber,
          issuingAgency: series.numbered === '鼓政办' ? '鼓楼区人民政府办公室' : DEMO_ITEMS_AGENCY,
          madeOn,
          article20Item: series.article20Item ?? undefined,
          tags: [...(series.tags ?? [])],
          channels: index % 3 === 0 ? ['portal', '鼓楼发布微信公众号'] : ['portal'],
        },
        actor,
        now,
      });
      await fileItem(trx, {
        itemId: item.id,
        categoryId: categories.get(series.category.join('/')) ?? null,
        actor,
        now,
      });
      await publishItem(trx, { itemId: item.id, publishedOn, skipReview: true, actor, now });
      published++;
      if (WITHDRAWN.has(index)) {
        await withdrawItem(trx, { itemId: item.id, reason: '演示：信息有误，撤回更正', actor, now });
        withdrawn++;
      }
    }

    for (const doc of DEPARTMENT_DOCUMENTS) {
      const departmentId = options.agencies.get(doc.agency);
      if (departmentId === undefined) continue;
      const item = await createItem(trx, {
        agencyId: departmentId,
        input: {
          title: doc.title,
          bodyHtml: demoBody(doc.title, doc.agency, doc.publishedOn),
          documentNumber: doc.documentNumber,
          issuingAgency: doc.agency,
          madeOn: doc.madeOn,
          article20Item: 1,
          tags: [...doc.tags],
          documentType: 'normative',
          validity: doc.validity,
          repealedOn: 'repealedOn' in doc ? doc.repealedOn : undefined,
        },
        actor,
        now,
      });
      await publishItem(trx, { itemId: item.id, publishedOn: doc.publishedOn, skipReview: true, actor, now });
      published++;
    }
    return { published, withdrawn };
  });
}
