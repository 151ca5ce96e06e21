import type { CellRead } from './context.ts';

export interface SumOutcome {
  /** What the parts add up to. */
  readonly expected: number;
  /** What the report states. */
  readonly actual: number;
  readonly ok: boolean;
  /** Some cell counted as 0 because it was blank: the message says so. */
  readonly countedBlanks: boolean;
}

/** Counts are whole numbers; the tolerance only keeps float noise in amounts from mattering. */
const EPSILON = 1e-9;

const add = (reads: readonly CellRead[]): number =>
  reads.reduce((sum, r) => sum + (r.kind === 'value' ? r.value : 0), 0);

/**
 * Checks `sum(stated) = sum(parts)` as the spec counts: any missing cell means the rule is not
 * evaluated (null); a blank counts as 0, except that when every stated cell is blank there is
 * nothing to check against (null) — CELL-BLANK reports the blanks either way.
 *
 * A blank is never an arithmetic error by itself (spec: provincial reports leave most 总计
 * cells of the outcome rows blank). A blank cell could hold any count, so a side with a blank
 * is only known to be at least its sum: the rule fails only where that is certain — the side
 * with blanks already exceeds the other — and is not evaluated when both sides have blanks.
 */
export const checkSum = (
  read: (key: string) => CellRead,
  stated: readonly string[],
  parts: readonly string[],
): SumOutcome | null => {
  const statedReads = stated.map(read);
  const partReads = parts.map(read);
  const all = [...statedReads, ...partReads];
  if (all.some((r) => r.kind === 'missing')) return null;
  if (statedReads.every((r) => r.kind === 'blank')) return null;
  const partsBlank = partReads.some((r) => r.kind === 'blank');
  const statedBlank = statedReads.some((r) => r.kind === 'blank');
  if (partsBlank && statedBlank) return null;
  const expected = add(partReads);
  const actual = add(statedReads);
  const equal = Math.abs(expected - actual) < EPSILON;
  return {
    expected,
    actual,
    ok: equal || (partsBlank && expected < actual) || (statedBlank && actual < expected),
    countedBlanks: all.some((r) => r.kind === 'blank'),
  };
};

export const blankNote = (outcome: SumOutcome): string =>
  outcome.countedBlanks ? '（空白单元格按0计）' : '';
