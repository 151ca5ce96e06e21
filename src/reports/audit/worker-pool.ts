import { Worker } from 'node:worker_threads';
import type { AuditFileOptions } from './audit-file.ts';
import type { AuditResult } from './audit-result.ts';
import type { AuditTask } from './audit-worker.ts';
import { AUDIT_LIMITS } from './limits.ts';

interface Slot {
  worker: Worker;
  task: AuditTask | null;
  timer: NodeJS.Timeout | null;
  resolve: ((r: AuditResult) => void) | null;
}

export interface PoolOptions extends AuditFileOptions {
  readonly size: number;
  readonly timeoutMs?: number;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/**
 * Audit workers, one file at a time each. A worker that runs past the time limit or out of
 * memory is ended and replaced, and only its file fails.
 */
export class AuditPool {
  private readonly slots: Slot[] = [];
  private readonly idle: Slot[] = [];
  private readonly waiting: ((slot: Slot) => void)[] = [];
  private readonly timeoutMs: number;

  constructor(private readonly options: PoolOptions) {
    this.timeoutMs = options.timeoutMs ?? AUDIT_LIMITS.timeoutMs;
    for (let i = 0; i < Math.max(1, options.size); i++) this.addSlot();
  }

  private spawn(): Worker {
    const { size: _size, timeoutMs: _timeout, ...fileOptions } = this.options;
    return new Worker(BOOT, {
      workerData: fileOptions,
      resourceLimits: { maxOldGenerationSizeMb: AUDIT_LIMITS.workerHeapMb },
    });
  }

  private addSlot(): void {
    const slot: Slot = { worker: this.spawn(), task: null, timer: null, resolve: null };
    this.wire(slot);
    this.slots.push(slot);
    this.release(slot);
  }

  private wire(slot: Slot): void {
    slot.worker.on('message', (msg: { id: number; result: AuditResult }) => {
      if (slot.task?.id === msg.id) this.finish(slot, msg.result);
    });
    slot.worker.on('error', (err: Error & { code?: string }) => {
      const reason =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `解析时内存超出上限（${AUDIT_LIMITS.workerHeapMb} MB）`
          : `解析进程出错：${err.message}`;
      this.fail(slot, reason);
    });
  }

  private fail(slot: Slot, reason: string): void {
    const task = slot.task;
    void slot.worker.terminate();
    slot.worker = this.spawn();
    this.wire(slot);
    if (task)
      this.finish(slot, { file: task.file, status: 'failed', error: reason, findings: [], diagnostics: [] });
  }

  private finish(slot: Slot, result: AuditResult): void {
    if (slot.timer) clearTimeout(slot.timer);
    const resolve = slot.resolve;
    slot.task = null;
    slot.timer = null;
    slot.resolve = null;
    this.release(slot);
    resolve?.(result);
  }

  private release(slot: Slot): void {
    const next = this.waiting.shift();
    if (next) next(slot);
    else this.idle.push(slot);
  }

  private acquire(): Promise<Slot> {
    const slot = this.idle.pop();
    return slot ? Promise.resolve(slot) : new Promise((resolve) => this.waiting.push(resolve));
  }

  async run(task: AuditTask): Promise<AuditResult> {
    const slot = await this.acquire();
    return new Promise((resolve) => {
      slot.task = task;
      slot.resolve = resolve;
      slot.timer = setTimeout(
        () => this.fail(slot, `解析超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已放弃该文件`),
        this.timeoutMs,
      );
      slot.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
