import type { EditionDef, EditionId } from '../../model/edition.ts';
import { EDITIONS, editionForYear, tableById } from '../../model/editions.ts';
import type { Diagnostic, Report } from '../../model/report.ts';
import type { SourceDocument } from '../document.ts';
import { readAppealsTable } from './appeals-table.ts';
import { CellWriter } from './cell-writer.ts';
import { detectEdition } from './edition.ts';
import { findApplicationsTable, findItemTitle, readFormTable } from './form-tables.ts';
import { buildNarrative } from './narrative.ts';
import { findHeadings, type Heading } from './sections.ts';
import { findTitle } from './title.ts';
import { type Token, tokenize } from './tokens.ts';
import { truncationNote } from './truncation.ts';

export type Extraction =
  | { readonly ok: true; readonly report: Report; readonly diagnostics: readonly Diagnostic[] }
  | { readonly ok: false; readonly error: string; readonly diagnostics: readonly Diagnostic[] };

interface TablesRead {
  readonly out: CellWriter;
  readonly spans: (readonly [number, number])[];
}

const headingIndex = (headings: readonly Heading[], section: number, after = -1): number =>
  headings.find((h) => h.section === section && h.index > after)?.index ?? -1;

const readTables = (
  tokens: readonly Token[],
  edition: EditionDef,
  headings: readonly Heading[],
): TablesRead => {
  const out = new CellWriter();
  const spans: (readonly [number, number])[] = [];
  const s2From = Math.max(0, headingIndex(headings, 2));
  const s3Anchor = findApplicationsTable(tokens, s2From);
  const s3Heading = headingIndex(headings, 3, s2From);
  const s3Start = s3Anchor >= 0 ? s3Anchor : s3Heading >= 0 ? s3Heading : tokens.length;

  let cursor = s2From;
  const s2Tables = edition.tables.filter((t) => t.section === 2);
  s2Tables.forEach((table, n) => {
    const item = table.id.replace('s2.item', '');
    const title = findItemTitle(tokens, item, cursor, s3Start);
    const from = title >= 0 ? title : cursor;
    const nextItem = s2Tables[n + 1]?.id.replace('s2.item', '');
    const nextTitle = nextItem ? findItemTitle(tokens, nextItem, from + 1, s3Start) : -1;
    const read = readFormTable(tokens, edition, table, from, nextTitle >= 0 ? nextTitle : s3Start, out);
    if (read.span) spans.push([from, read.span[1]]);
    cursor = Math.max(cursor, read.end);
  });

  const s4Heading = headingIndex(headings, 4, s3Start);
  const s3 = readFormTable(
    tokens,
    edition,
    tableById(edition, 's3'),
    s3Start,
    s4Heading >= 0 ? s4Heading : tokens.length,
    out,
  );
  const s4 = readAppealsTable(tokens, Math.max(s3.end, s4Heading), out);
  if (s4.span) spans.push(s4.span);
  if (s3Anchor >= 0) {
    // A table that did not come to its last row runs on to the next part: what follows its
    // anchor there is the rest of the table (header words, a cut-off label), not narrative.
    const complete =
      s3.span !== null && tableById(edition, 's3').rows.every((r) => `s3.${r.key}.total` in out.cells);
    const next = s4Heading >= 0 ? s4Heading : (s4.span?.[0] ?? tokens.length);
    spans.push([s3Start, complete && s3.span ? s3.span[1] : next]);
  }
  return { out, spans };
};

const hasAnyCell = (t: TablesRead): boolean => Object.keys(t.out.cells).length > 0;

/** Turns a document of any format into the report it holds, with notes on what could not be read. */
export const extractReport = (doc: SourceDocument): Extraction => {
  const tokens = tokenize(doc.blocks);
  const diagnostics: Diagnostic[] = [...doc.diagnostics];
  const title = findTitle(tokens);
  const headings = findHeadings(tokens);

  let edition: EditionId | null = detectEdition(tokens);
  let tables: TablesRead | null = edition ? readTables(tokens, EDITIONS[edition], headings) : null;
  if (!edition) {
    // No wording of either edition's section 二: try sections 三 and 四 in the edition of the year.
    const guess = editionForYear(title.year ?? 2021);
    const tried = readTables(tokens, EDITIONS[guess], headings);
    if (hasAnyCell(tried)) {
      edition = guess;
      tables = tried;
      diagnostics.push({
        level: 'info',
        message: `未找到可判断版本的表格措辞，按报告年度推定为${guess}年版格式`,
      });
    }
  }

  const looksLikeReport = edition !== null || title.titleIndex >= 0 || headings.length >= 3;
  if (!looksLikeReport) {
    return {
      ok: false,
      error: '不是政府信息公开工作年度报告：未找到报告标题、章节或统计表格',
      diagnostics,
    };
  }
  if (!edition) {
    diagnostics.push({ level: 'warning', message: '未找到统计表格（表格可能为图片，或未随正文发布）' });
  }
  if (headings.some((h, i) => h.section === headings[i - 1]?.section)) {
    diagnostics.push({ level: 'info', message: '报告含第六部分之后的章节，已并入第六部分' });
  }
  if (tables) diagnostics.push(...tables.out.diagnostics);
  if (edition && tables) {
    const cut = truncationNote(EDITIONS[edition], tables.out.cells, headings, diagnostics);
    if (cut) diagnostics.push(cut);
  }

  const report: Report = {
    edition,
    year: title.year,
    agency: title.agency,
    cells: tables?.out.cells ?? {},
    narrative: buildNarrative(tokens, headings, tables?.spans ?? []),
  };
  return { ok: true, report, diagnostics };
};
