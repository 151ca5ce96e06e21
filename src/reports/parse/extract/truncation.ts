import { editionCells } from '../../model/cells.ts';
import type { EditionDef } from '../../model/edition.ts';
import type { CellValue, Diagnostic } from '../../model/report.ts';
import type { Heading } from './sections.ts';

/**
 * A document that stops inside its tables (a page captured part way): says where, once, so
 * that the missing cells are read as cut off rather than as zeros or blanks.
 */
export const truncationNote = (
  edition: EditionDef,
  cells: Readonly<Record<string, CellValue>>,
  headings: readonly Heading[],
  notes: readonly Diagnostic[],
): Diagnostic | null => {
  const all = editionCells(edition);
  let tail = all.length;
  while (tail > 0 && !((all[tail - 1]?.key ?? '') in cells)) tail--;
  const first = all[tail];
  if (!first || tail === 0) return null;
  // Parts 五 and 六 after the tables mean the tables were left out, not cut off.
  if (headings.some((h) => h.section >= 5)) return null;
  if (notes.some((d) => d.cell === first.key)) return null;
  return { level: 'warning', message: '文本在此截断，其后的表格和单元格缺失', cell: first.key };
};
