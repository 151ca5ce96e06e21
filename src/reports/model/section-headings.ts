import type { SectionDef } from './edition.ts';

export const SECTION_NUMERALS = ['一', '二', '三', '四', '五', '六'] as const;

const section = (number: SectionDef['number'], heading: string): SectionDef => ({
  number,
  numeral: SECTION_NUMERALS[number - 1] ?? '',
  heading,
});

export const SECTIONS_2019: readonly SectionDef[] = [
  section(1, '总体情况'),
  section(2, '主动公开政府信息情况'),
  section(3, '收到和处理政府信息公开申请情况'),
  section(4, '政府信息公开行政复议、行政诉讼情况'),
  section(5, '政府信息公开工作存在的主要问题及改进情况'),
  section(6, '其他需要报告的事项'),
];

export const SECTIONS_2021: readonly SectionDef[] = [
  section(1, '总体情况'),
  section(2, '主动公开政府信息情况'),
  section(3, '收到和处理政府信息公开申请情况'),
  section(4, '政府信息公开行政复议、行政诉讼情况'),
  section(5, '存在的主要问题及改进情况'),
  section(6, '其他需要报告的事项'),
];
