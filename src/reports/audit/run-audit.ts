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
  /**
   * A result already known for a file (a resumed batch, see state.ts): the file is then not
   * audited again. The result is the worker's, without cross-year findings, which are added here.
   */
  readonly known?: (file: string) => Promise<AuditResult | undefined>;
  /** Each freshly audited result as a worker returns it, before cross-year findings are added. */
  readonly onAudited?: (result: AuditResult) => void;
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
      // Remembered in input order, so only earlier positions count: the same output for any
      // --jobs and for a resumed run (state.ts), whatever order the workers finish in.
      crossYear.remember(r);
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
      const known = options.known ? await options.known(file) : undefined;
      const audited = known
        ? Promise.resolve(known)
        : pool.run({ id, file }).then((result) => {
            options.onAudited?.(result);
            return result;
          });
      void audited.then((result) => {
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
