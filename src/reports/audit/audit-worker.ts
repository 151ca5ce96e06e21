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
    parentPort?.postMessage({ id: task.id, result });
  });
});
