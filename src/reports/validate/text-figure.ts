import type { EditionDef } from '../model/edition.ts';
import { tableById } from '../model/editions.ts';
import { type CellRead, type RuleContext, show } from './context.ts';
import { cellName, rowLabel, sectionName, tableName } from './labels.ts';
import { findNarrativeFigures, type Measure, type NarrativeFigure } from './narrative-figures.ts';
import { type Draft, defineRule, draft } from './rule.ts';

interface Compared {
  readonly cells: readonly string[];
  /** Each value the narrative may rightly give. */
  readonly accepted: readonly number[];
  readonly table: number;
  readonly says: string;
}

const valueOr = (read: CellRead, blank: number | null): number | null =>
  read.kind === 'value' ? read.value : read.kind === 'blank' ? blank : null;

/**
 * The table side of each measure, or null where the cells cannot say (missing, or blank where
 * the cell is the only one). "受理/收到…申请" may count the applications carried over as
 * well, so new + carried is accepted beside new: only a figure neither can explain is reported.
 */
const tableSide = (ctx: RuleContext, edition: EditionDef, measure: Measure): Compared | null => {
  const s4 = tableById(edition, 's4');
  if (measure === 'applications') {
    const fresh = valueOr(ctx.cell('s3.new.total'), null);
    if (fresh === null) return null;
    const carried = valueOr(ctx.cell('s3.carried.total'), 0);
    return {
      cells: ['s3.new.total'],
      accepted: carried === null ? [fresh] : [fresh, fresh + carried],
      table: fresh,
      says: `${cellName(tableById(edition, 's3'), 'new', 'total')}为${show(fresh)}`,
    };
  }
  if (measure === 'reconsideration') {
    const total = valueOr(ctx.cell('s4.reconsideration.total'), null);
    if (total === null) return null;
    return {
      cells: ['s4.reconsideration.total'],
      accepted: [total],
      table: total,
      says: `${tableName(s4)}'${rowLabel(s4, 'reconsideration')}'的'总计'为${show(total)}`,
    };
  }
  const keys = ['s4.litigationDirect.total', 's4.litigationAfterReview.total'] as const;
  const reads = keys.map((k) => ctx.cell(k));
  if (reads.some((r) => r.kind === 'missing') || reads.every((r) => r.kind === 'blank')) return null;
  const total = reads.reduce((sum, r) => sum + (valueOr(r, 0) ?? 0), 0);
  return {
    cells: keys,
    accepted: [total],
    table: total,
    says: `${tableName(s4)}'${rowLabel(s4, 'litigationDirect')}'与'${rowLabel(s4, 'litigationAfterReview')}'的'总计'之和为${show(total)}`,
  };
};

const MEASURES: readonly Measure[] = ['applications', 'reconsideration', 'litigation'];

/**
 * A figure the narrative states against the table it restates. Compared only when the
 * narrative gives one value for the measure (two different values are ambiguous) and the
 * table cell is there. `expected` is the table's value, `actual` the narrative's.
 */
export const textFigure = defineRule('TEXT-FIGURE', 'warning', (ctx) => {
  const { edition } = ctx;
  if (!edition) return [];
  const figures = findNarrativeFigures(ctx.report.narrative, ctx.report.year);
  return MEASURES.flatMap((measure): Draft[] => {
    const stated = figures.filter((f) => f.measure === measure);
    const first: NarrativeFigure | undefined = stated[0];
    if (!first || stated.some((f) => f.value !== first.value)) return [];
    const compared = tableSide(ctx, edition, measure);
    if (!compared || compared.accepted.includes(first.value)) return [];
    const message = `${sectionName(first.section)}正文写明"${first.phrase}"，但${compared.says}，两者不一致`;
    return [draft(compared.cells, message, { expected: compared.table, actual: first.value })];
  });
});
