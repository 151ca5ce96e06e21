import type { AuditResult } from './audit-result.ts';
import { CrossYearIndex } from './cross-year.ts';
import { expandInputs } from './inputs.ts';
import { AuditPool } from './worker-pool.ts';

export interface RunAuditOptions {
  readonly jobs: number;
  readonly publishedOn?: string;
  readonly timeoutMs?: number;
  /** Called once per file, in the order the files were given. */
  readonly onResult: (result: AuditResult, index: number) => void;
  /** Called when the number of files is known (the walk is done) and after each file. */
  readonly onProgress?: (done: number, total: number | null) => void;
}

export interface AuditSummary {
  readonly files: number;
  readonly failed: number;
  readonly withErrors: number;
}

/**
 * Audits files and directories with a pool of workers and hands results on in input order.
 * At most a few files per worker are in flight, so memory stays flat over any batch.
 * Cross-year rules compare each report with the same agency's previous year when that
 * report is already read: an earlier position in the batch, as a sorted directory gives.
 */
export const runAudit = async (paths: readonly string[], options: RunAuditOptions): Promise<AuditSummary> => {
  const jobs = Math.max(1, options.jobs);
  const pool = new AuditPool({
    size: jobs,
    ...(options.publishedOn ? { publishedOn: options.publishedOn } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
  });
  const crossYear = new CrossYearIndex();
  const pending = new Map<number, AuditResult>();
  const window = jobs * 4;
  let next = 0;
  let started = 0;
  let total: number | null = null;
  const summary = { files: 0, failed: 0, withErrors: 0 };
  let wake: (() => void) | null = null;

  const emitReady = () => {
    for (let r = pending.get(next); r !== undefined; r = pending.get(next)) {
      pending.delete(next);
      const extra = crossYear.findingsFor(r);
      const result: AuditResult = extra.length > 0 ? { ...r, findings: [...r.findings, ...extra] } : r;
      summary.files++;
      if (result.status === 'failed') summary.failed++;
      else if (result.findings.some((f) => f.severity === 'error')) summary.withErrors++;
      options.onResult(result, next);
      next++;
      options.onProgress?.(next, total);
    }
  };

  try {
    for await (const file of expandInputs(paths)) {
      while (started - next >= window) {
        await new Promise<void>((resolve) => {
          wake = resolve;
        });
      }
      const id = started++;
      void pool.run({ id, file }).then((result) => {
        crossYear.remember(result);
        pending.set(id, result);
        emitReady();
        const w = wake;
        wake = null;
        w?.();
      });
    }
    total = started;
    options.onProgress?.(next, total);
    while (next < started) {
      await new Promise<void>((resolve) => {
        wake = resolve;
      });
    }
  } finally {
    await pool.close();
  }
  return summary;
};
