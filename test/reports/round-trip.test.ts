import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editionCells } from '../../src/reports/model/cells.ts';
import type { EditionId } from '../../src/reports/model/edition.ts';
import { EDITIONS } from '../../src/reports/model/editions.ts';
import type { CellValue, Report } from '../../src/reports/model/report.ts';
import { parseReport } from '../../src/reports/parse/index.ts';
import { renderReportDocx } from '../../src/reports/render/docx.ts';
import { renderReportHtml } from '../../src/reports/render/html.ts';

/** Narrative text as reports write it: Chinese prose with figures, brackets, quotes, Latin. */
const line = fc
  .array(
    fc.constantFrom(
      '本年度',
      '政府信息公开',
      '工作',
      '（一）主动公开',
      '，',
      '。',
      '“公开为常态，不公开为例外”',
      '27件',
      'http://www.gulou.gov.cn/',
      '<script>alert(1)</script>',
      'A&B',
      '《条例》',
    ),
    { minLength: 1, maxLength: 12 },
  )
  .map((parts) => parts.join(''));

const cellValue = (kind: 'count' | 'signed' | 'amount'): fc.Arbitrary<CellValue> =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constant(null) },
    {
      weight: 8,
      arbitrary:
        kind === 'count'
          ? fc.nat({ max: 2_000_000 })
          : kind === 'signed'
            ? fc.integer({ min: -5000, max: 5000 })
            : fc.nat({ max: 99_999_999 }).map((n) => n / 1e4),
    },
  );

const report = (edition: EditionId): fc.Arbitrary<Report> => {
  const def = EDITIONS[edition];
  const cells = Object.fromEntries(editionCells(def).map((c) => [c.key, cellValue(c.kind)]));
  const years = edition === '2019' ? { min: 2019, max: 2020 } : { min: 2021, max: 2030 };
  return fc.record({
    edition: fc.constant(edition),
    year: fc.integer(years),
    agency: fc.constantFrom(
      '鼓楼区人民政府',
      '开封市鼓楼区教育局',
      '武汉市东湖生态旅游风景区城乡工作办事处',
      '某某局（A&B<办>）',
    ),
    cells: fc.record(cells) as fc.Arbitrary<Record<string, CellValue>>,
    narrative: fc.tuple(...def.sections.map(() => fc.array(line, { maxLength: 3 }))).map((texts) =>
      def.sections.map((s, i) => ({
        section: s.number,
        heading: s.heading,
        text: (texts[i] ?? []).join('\n'),
      })),
    ),
  });
};

const roundTrips = async (original: Report, bytes: Uint8Array) => {
  const parsed = await parseReport(bytes);
  if (!parsed.ok) throw new Error(parsed.error);
  expect(parsed.report).toEqual(original);
};

describe('rendering then parsing gives back the same report', () => {
  for (const edition of ['2019', '2021'] as const) {
    it(`as HTML, ${edition} edition`, async () => {
      await fc.assert(
        fc.asyncProperty(report(edition), (r) =>
          roundTrips(r, new TextEncoder().encode(renderReportHtml(r))),
        ),
        { numRuns: 40 },
      );
    });

    it(`as DOCX, ${edition} edition`, async () => {
      await fc.assert(
        fc.asyncProperty(report(edition), async (r) =>
          roundTrips(r, new Uint8Array(await renderReportDocx(r))),
        ),
        { numRuns: 15 },
      );
    });
  }
});
