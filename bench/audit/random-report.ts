import { outcomeRowKeys, S3_APPLICANT_COLUMNS } from '../../src/reports/model/applications-table.ts';
import { editionCells } from '../../src/reports/model/cells.ts';
import type { EditionId } from '../../src/reports/model/edition.ts';
import { EDITIONS, tableById } from '../../src/reports/model/editions.ts';
import type { CellValue, Report } from '../../src/reports/model/report.ts';

/** A small seeded generator (mulberry32), so every run audits the same files. */
export const seeded = (seed: number) => {
  let a = seed >>> 0;
  return (): number => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
};

const AGENCIES = [
  '鼓楼区人民政府',
  '龙亭区人民政府',
  '开封市教育局',
  '汉阳区人民政府办公室',
  '东湖街道办事处',
  '龙岗区卫生健康局',
];

/** A report of the given edition whose arithmetic holds, with believable figures. */
export const randomReport = (rand: () => number, edition: EditionId, index: number): Report => {
  const def = EDITIONS[edition];
  const int = (max: number) => Math.floor(rand() * (max + 1));
  const cells: Record<string, CellValue> = {};
  for (const cell of editionCells(def)) {
    if (cell.table.section !== 2) continue;
    cells[cell.key] =
      cell.kind === 'amount'
        ? Math.round(rand() * 1e8) / 1e4
        : cell.kind === 'signed'
          ? int(200) - 100
          : int(3000);
  }
  const s3 = tableById(def, 's3');
  const outcomes = outcomeRowKeys(s3);
  for (const col of S3_APPLICANT_COLUMNS) {
    let decided = 0;
    for (const row of outcomes) {
      const v = rand() < 0.6 ? 0 : int(40);
      cells[`s3.${row}.${col}`] = v;
      decided += v;
    }
    const forward = int(5);
    const carried = int(5);
    cells[`s3.total.${col}`] = decided;
    cells[`s3.forward.${col}`] = forward;
    cells[`s3.carried.${col}`] = carried;
    cells[`s3.new.${col}`] = Math.max(0, decided + forward - carried);
    // Keep new + carried = total + forward even where the difference went below zero.
    cells[`s3.carried.${col}`] = decided + forward - (cells[`s3.new.${col}`] ?? 0);
  }
  for (const row of s3.rows) {
    cells[`s3.${row.key}.total`] = S3_APPLICANT_COLUMNS.reduce(
      (sum, c) => sum + (cells[`s3.${row.key}.${c}`] ?? 0),
      0,
    );
  }
  for (const group of ['reconsideration', 'litigationDirect', 'litigationAfterReview']) {
    const parts = ['upheld', 'corrected', 'other', 'pending'].map((c) => {
      const v = int(6);
      cells[`s4.${group}.${c}`] = v;
      return v;
    });
    cells[`s4.${group}.total`] = parts.reduce((a, b) => a + b, 0);
  }
  const year = edition === '2019' ? 2019 + int(1) : 2021 + int(4);
  const agency = `${AGENCIES[index % AGENCIES.length]}`;
  return {
    edition,
    year,
    agency,
    cells,
    narrative: def.sections.map((s) => ({
      section: s.number,
      heading: s.heading,
      text: `${year}年，${agency}认真贯彻《中华人民共和国政府信息公开条例》，第${s.numeral}部分情况如下。\n全年共收到政府信息公开申请${cells['s3.new.total']}件。`,
    })),
  };
};
