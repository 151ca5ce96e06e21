import type { Finding, Severity } from '../model/report.ts';
import type { RuleContext } from './context.ts';

/** A finding before its rule stamps the id and severity on it. */
export type Draft = Omit<Finding, 'rule' | 'severity'>;

export interface Rule {
  readonly id: string;
  readonly severity: Severity;
  /** Pure: reads the context, does no I/O, returns its findings in form order. */
  check(ctx: RuleContext): Finding[];
}

export const defineRule = (
  id: string,
  severity: Severity,
  check: (ctx: RuleContext) => readonly Draft[],
): Rule => ({
  id,
  severity,
  check: (ctx) => check(ctx).map((d) => ({ rule: id, severity, ...d })),
});

/** Keeps the keys in the order the interchange format prints them, and leaves out absent values. */
export const draft = (
  cells: readonly string[],
  message: string,
  values: { readonly expected?: number; readonly actual?: number } = {},
): Draft => ({
  cells,
  ...(values.expected === undefined ? {} : { expected: values.expected }),
  ...(values.actual === undefined ? {} : { actual: values.actual }),
  message,
});
