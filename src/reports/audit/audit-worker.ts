import { parentPort, workerData } from 'node:worker_threads';
import { type AuditFileOptions, auditFile } from './audit-file.ts';

export interface AuditTask {
  readonly id: number;
  readonly file: string;
}

const options = (workerData ?? {}) as AuditFileOptions;

parentPort?.on('message', (task: AuditTask) => {
  void auditFile(task.file, options).then((result) => parentPort?.postMessage({ id: task.id, result }));
});
