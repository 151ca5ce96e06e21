import cluster, { type Worker } from 'node:cluster';

/**
 * Several app processes on one port (Node's cluster: the primary accepts the connections and
 * hands them round-robin to the workers). What a process keeps in memory is its own: the page
 * cache (kept in step by the relay below on SQLite, by NOTIFY on PostgreSQL), the rate-limit
 * counts (added up in the database, plugins/rate-limit-store.ts) and the Chromium that prints
 * PDFs. Sessions, CSRF keys and everything else live in the database.
 */

/** The message a worker sends when a write may have changed what the portal shows. */
export const PAGE_CACHE_CLEAR = 'gongkai:page-cache-clear';

/** True in a worker process started by `runWorkers`. */
export const isWorkerProcess = (): boolean => cluster.isWorker;

/** A worker that dies is started again after this long (a crash loop does not spin). */
const RESTART_DELAY_MS = 1000;

/**
 * In the primary: starts `count` workers (each runs this same program and sees
 * `isWorkerProcess()`), relays page-cache clears between them, starts a dead worker again,
 * and on SIGINT or SIGTERM stops them all and resolves once they have exited.
 */
export const runWorkers = (
  count: number,
  log: (line: string) => void,
  /** Once every worker listens: the site answers from then on. */
  onReady: () => void = () => {},
): Promise<void> =>
  new Promise((resolve) => {
    let stopping = false;
    let listening = 0;
    cluster.on('listening', () => {
      listening++;
      if (listening === count) onReady();
    });
    const fork = (): Worker => {
      const worker = cluster.fork();
      worker.on('message', (message: unknown) => {
        if (message !== PAGE_CACHE_CLEAR) return;
        for (const other of Object.values(cluster.workers ?? {}))
          if (other !== undefined && other !== worker && other.isConnected()) other.send(PAGE_CACHE_CLEAR);
      });
      return worker;
    };
    cluster.on('exit', (worker, code, signal) => {
      if (stopping) {
        if (Object.keys(cluster.workers ?? {}).length === 0) resolve();
        return;
      }
      log(
        `工作进程 ${worker.process.pid} 已退出（${signal ?? code}），${RESTART_DELAY_MS / 1000} 秒后重新启动`,
      );
      // Not unref'd: when every worker has died at once, this timer is what keeps the primary alive.
      setTimeout(() => {
        if (!stopping) fork();
      }, RESTART_DELAY_MS);
    });
    const stop = () => {
      if (stopping) return;
      stopping = true;
      const workers = Object.values(cluster.workers ?? {}).filter((w) => w !== undefined);
      if (workers.length === 0) resolve();
      // Each worker closes gracefully on SIGTERM (web/shutdown.ts): requests in flight finish.
      for (const worker of workers) worker.process.kill('SIGTERM');
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    for (let i = 0; i < count; i++) fork();
  });

/**
 * In a worker: `clear` runs when another worker reports a write; `report` tells the others
 * that this one saw a write. Outside a cluster both do nothing.
 */
export const pageCacheRelay = (clear: () => void): { report: () => void } => {
  if (!cluster.isWorker || process.send === undefined) return { report: () => {} };
  process.on('message', (message: unknown) => {
    if (message === PAGE_CACHE_CLEAR) clear();
  });
  return { report: () => process.send?.(PAGE_CACHE_CLEAR) };
};
