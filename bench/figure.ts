/** One measured figure of a benchmark, as the report prints it. */
export interface BenchFigure {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** The target in words, e.g. '≥ 300 /s'. */
  readonly target?: string;
  readonly met?: boolean;
  readonly baseline?: { readonly name: string; readonly value: number; readonly unit: string };
  /** value ÷ baseline, rounded. */
  readonly ratio?: number;
  /** The benchmark it comes from (bench/run.ts sets it), for `--only`. */
  readonly group?: string;
}

export const round = (n: number, digits = 1): number => Math.round(n * 10 ** digits) / 10 ** digits;
