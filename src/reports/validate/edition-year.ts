import type { EditionDef } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import { defineRule, draft } from './rule.ts';

const fits = (edition: EditionDef, year: number): boolean =>
  year >= edition.years.from && (edition.years.to === null || year <= edition.years.to);

const name = (edition: EditionDef): string => `${edition.id}年版格式（${edition.source}）`;

/**
 * The edition must be the one prescribed for the report year (the editions' `years`). A year
 * before 2019 is warned about too: neither format existed then, so the year or the edition
 * was probably read wrong.
 */
export const editionYear = defineRule('EDITION-YEAR', 'warning', (ctx) => {
  const { edition } = ctx;
  const { year } = ctx.report;
  if (!edition || year === null || fits(edition, year)) return [];
  const first = Math.min(...Object.values(EDITIONS).map((e) => e.years.from));
  const message =
    year < first
      ? `报告年度为${year}年，但本报告使用${name(edition)}；年度报告格式自${first}年度起才使用，请核对年度或格式`
      : `报告年度为${year}年，应使用${name(EDITIONS[editionForYear(year)])}，但本报告使用${name(edition)}`;
  return [draft([], message)];
});
