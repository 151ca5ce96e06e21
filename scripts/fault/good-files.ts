import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomReport, seeded } from '../../bench/audit/random-report.ts';
import { writeReportText } from '../../bench/audit/text-writer.ts';
import type { Report } from '../../src/reports/model/report.ts';
import { renderReportDocx } from '../../src/reports/render/docx.ts';
import { renderReportHtml } from '../../src/reports/render/html.ts';
import { validateReport } from '../../src/reports/validate/index.ts';

/**
 * The good files of the fault test: reports of bench/audit's generator, as text (most), HTML
 * and DOCX, some with a planted arithmetic error. What the audit must find in each is known
 * beforehand: the cells as written, and the findings the validator gives for those cells.
 */

export type GoodFormat = 'txt' | 'html' | 'docx';

export interface GoodFile {
  readonly path: string;
  readonly format: GoodFormat;
  readonly agency: string;
  readonly year: number;
  readonly cells: Readonly<Record<string, number | null>>;
  /** The findings expected, as 'RULE/severity' sorted. */
  readonly findings: readonly string[];
  /** The rule planted on purpose, if any (it must be among the findings). */
  readonly planted?: string;
}

const DIGITS = '〇一二三四五六七八九';
const KINDS = ['区人民政府', '县人民政府', '市教育局', '街道办事处', '区卫生健康局', '市自然资源局'];

/** An agency of its own for every file: no two reports meet in the cross-year rules. */
const agencyOf = (i: number): string =>
  `测试${[...String(i)].map((d) => DIGITS[Number(d)]).join('')}${KINDS[i % KINDS.length]}`;

export const findingKeys = (findings: readonly { rule: string; severity: string }[]): string[] =>
  findings.map((f) => `${f.rule}/${f.severity}`).sort();

/** One report of the batch: every tenth has its 总计 row off by one (S3-TOTAL-ROW, S3-BALANCE). */
const reportFor = (rand: () => number, i: number): { report: Report; planted?: string } => {
  const base = randomReport(rand, i % 3 === 0 ? '2019' : '2021', i);
  const agency = agencyOf(i);
  const report: Report = {
    ...base,
    agency,
    narrative: base.narrative.map((n) => ({ ...n, text: n.text.replaceAll(base.agency ?? '', agency) })),
  };
  if (i % 10 !== 7) return { report };
  const cells = { ...report.cells, 's3.total.natural': (report.cells['s3.total.natural'] ?? 0) + 1 };
  return { report: { ...report, cells }, planted: 'S3-TOTAL-ROW' };
};

const formatFor = (i: number, withDocx: boolean): GoodFormat =>
  i % 20 === 3 ? 'html' : withDocx && i % 40 === 11 ? 'docx' : 'txt';

/**
 * The name of the good file at position `i` of `count`: NNNNN-good.ext, the subdirectories
 * taking the files in turn by blocks, so that the walk (sorted: digits before the letters of the
 * subdirectories' names) meets them in the order of `i`.
 */
export const goodName = (i: number, count: number, subdirs: readonly string[], ext: string): string =>
  join(
    subdirs[Math.floor((i * Math.max(1, subdirs.length)) / count)] ?? '',
    `${String(i).padStart(5, '0')}-good.${ext}`,
  );

/** Writes `count` good files into `dir` (spread over `subdirs`, which must exist); returns them. */
export const writeGoodFiles = async (
  dir: string,
  count: number,
  subdirs: readonly string[],
): Promise<GoodFile[]> => {
  const rand = seeded(20260507);
  const files: GoodFile[] = [];
  for (let i = 0; i < count; i++) {
    const { report, planted } = reportFor(rand, i);
    const format = formatFor(i, true);
    const path = join(dir, goodName(i, count, subdirs, format));
    if (format === 'txt') writeFileSync(path, writeReportText(report));
    else if (format === 'html') writeFileSync(path, renderReportHtml(report));
    else writeFileSync(path, await renderReportDocx(report));
    files.push({
      path,
      format,
      agency: report.agency ?? '',
      year: report.year ?? 0,
      cells: report.cells,
      findings: findingKeys(validateReport(report)),
      ...(planted ? { planted } : {}),
    });
  }
  return files;
};
