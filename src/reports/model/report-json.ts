import { z } from 'zod';
import { editionCells } from './cells.ts';
import { EDITION_IDS, SECTION_NUMBERS, type SectionNumber } from './edition.ts';
import { EDITIONS } from './editions.ts';
import { REPORT_SCHEMA, type Report } from './report.ts';

/** The interchange object of spec/annual-report.md, checked field by field. */
export const reportJsonSchema = z
  .object({
    schema: z.literal(REPORT_SCHEMA, { errorMap: () => ({ message: `schema 须为"${REPORT_SCHEMA}"` }) }),
    edition: z.enum(EDITION_IDS).nullable(),
    year: z.number().int().min(2008).max(2100).nullable(),
    agency: z.string().min(1).max(200).nullable(),
    cells: z.record(z.string(), z.number().finite().nullable()),
    narrative: z.array(
      z.object({
        section: z
          .number()
          .int()
          .refine(
            (n): n is SectionNumber => (SECTION_NUMBERS as readonly number[]).includes(n),
            '部分编号须为 1 到 6',
          ),
        heading: z.string(),
        text: z.string(),
      }),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.edition === null) {
      if (Object.keys(value.cells).length > 0) {
        ctx.addIssue({
          code: 'custom',
          path: ['cells'],
          message: '未指明版本（edition 为 null）时不能有单元格',
        });
      }
      return;
    }
    const known = new Set(editionCells(EDITIONS[value.edition]).map((c) => c.key));
    for (const key of Object.keys(value.cells)) {
      if (!known.has(key)) {
        ctx.addIssue({
          code: 'custom',
          path: ['cells', key],
          message: `${value.edition}年版没有单元格"${key}"`,
        });
      }
    }
  });

export type ReadReportJson = { ok: true; report: Report } | { ok: false; error: string };

/** Reads a report from its interchange JSON, with a message that names the bad field. */
export const readReportJson = (text: string): ReadReportJson => {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `不是有效的 JSON：${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = reportJsonSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 5)
      .map((i) => `${i.path.join('.') || '（根）'}：${i.message}`);
    return { ok: false, error: `报告 JSON 不符合格式：${issues.join('；')}` };
  }
  const { edition, year, agency, cells, narrative } = parsed.data;
  return { ok: true, report: { edition, year, agency, cells, narrative } };
};
