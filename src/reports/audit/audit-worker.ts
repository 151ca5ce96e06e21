import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { type AuditFileOptions, auditFile } from './audit-file.ts';

export interface AuditTask {
  readonly id: number;
  readonly file: string;
}

const options = (workerData ?? {}) as AuditFileOptions;

// One file at a time, in the order sent: the pool times the file at the head of its queue.
let chain: Promise<void> = Promise.resolve();

parentPort?.on('message', (task: AuditTask) => {
  chain = chain.then(async () => {
    const result = await auditFile(task.file, options);
    // The worker's heap after the file, for the pool to recycle a worker a big file left large.
    const heap = getHeapStatistics();
    parentPort?.postMessage({ id: task.id, result, heapBytes: heap.total_heap_size + heap.external_memory });
  });
});
