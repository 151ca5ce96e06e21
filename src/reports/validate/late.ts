import { defineRule, draft } from './rule.ts';

/**
 * 《中华人民共和国政府信息公开条例》第四十九条: departments publish their report for the
 * previous year by 31 January; the people's government of county level or above has its
 * report published by 31 March. "By" (前) is read as "on or before".
 *
 * Which agency is which is read from its name: one ending in 人民政府 is a people's government,
 * except a 乡/镇 (or 苏木) government, which the form treats like any other agency. Offices
 * ("…人民政府办公室"), departments and 街道办事处 do not end in 人民政府, so they get 31 January.
 */
export const isCountyOrAboveGovernment = (agency: string): boolean => {
  const name = agency.replace(/[\s\u3000]+/g, '');
  return name.endsWith('人民政府') && !/(?:乡|镇|苏木)人民政府$/.test(name);
};

export const reportDeadline = (agency: string, year: number): string =>
  `${year + 1}-${isCountyOrAboveGovernment(agency) ? '03-31' : '01-31'}`;

const isDate = (s: string): boolean => {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return d.toISOString().slice(0, 10) === s;
};

/** Not evaluated without a valid publication date, a year and an agency name. */
export const late = defineRule('LATE', 'warning', (ctx) => {
  const { publishedOn } = ctx;
  const { agency, year } = ctx.report;
  if (publishedOn === null || !isDate(publishedOn) || agency === null || year === null) return [];
  const deadline = reportDeadline(agency, year);
  if (publishedOn <= deadline) return [];
  const who = isCountyOrAboveGovernment(agency) ? '县级以上人民政府' : '政府部门及其他机关';
  return [
    draft(
      [],
      `报告于${publishedOn}公布，晚于法定期限${deadline}（《政府信息公开条例》第四十九条：${who}的${year}年度报告应于${deadline}前公布）`,
    ),
  ];
});
