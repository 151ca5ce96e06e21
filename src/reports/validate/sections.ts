import { SECTION_NUMBERS } from '../model/edition.ts';
import { SECTIONS_2021 } from '../model/section-headings.ts';
import { sectionName } from './labels.ts';
import { type Draft, defineRule, draft } from './rule.ts';

const numerals = (numbers: readonly number[]): string => numbers.map((n) => sectionName(n)).join('、');

/**
 * The six sections must all be there, in order 一 … 六 (the parser maps the headings a report
 * uses onto them). One finding lists the missing sections, another says the order is wrong;
 * a section that appears twice counts as out of order.
 */
export const sections = defineRule('SECTIONS', 'warning', (ctx) => {
  const found = ctx.report.narrative.map((n) => n.section);
  const headings = ctx.edition?.sections ?? SECTIONS_2021;
  const missing = SECTION_NUMBERS.filter((n) => !found.includes(n));
  const drafts: Draft[] = [];
  if (missing.length > 0) {
    const names = missing.map(
      (n) => `${sectionName(n)}'${headings.find((s) => s.number === n)?.heading ?? ''}'`,
    );
    drafts.push(draft([], `报告缺少${names.join('、')}`));
  }
  const inOrder = found.every((n, i) => i === 0 || n > (found[i - 1] ?? 0));
  if (!inOrder) {
    drafts.push(draft([], `报告各部分顺序为${numerals(found)}，应按第一至第六部分依次排列且不重复`));
  }
  return drafts;
});
