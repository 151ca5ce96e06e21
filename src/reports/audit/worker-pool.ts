import { Worker } from 'node:worker_threads';
import type { AuditFileOptions } from './audit-file.ts';
import type { AuditResult } from './audit-result.ts';
import type { AuditTask } from './audit-worker.ts';
import { AUDIT_LIMITS } from './limits.ts';

interface Pending {
  readonly task: AuditTask;
  readonly resolve: (r: AuditResult) => void;
}

/**
 * One worker and the files sent to it, in the order it works through them. Several are sent
 * ahead so that the worker never waits for the main thread between files; the time limit runs
 * for the file at the head of the queue, the one the worker is on.
 */
interface Slot {
  worker: Worker;
  readonly queue: Pending[];
  timer: NodeJS.Timeout | null;
}

export interface PoolOptions extends AuditFileOptions {
  readonly size: number;
  readonly timeoutMs?: number;
  /** Heap (MB) over which a worker is replaced after its file; AUDIT_LIMITS.recycleHeapMb. */
  readonly recycleHeapMb?: number;
}

const BOOT = new URL('./worker-boot.mjs', import.meta.url);

/** Files sent ahead to each worker. */
const DEPTH = 4;

/**
 * Audit workers. A worker that runs past the time limit or out of memory is ended and
 * replaced: only the file it was on fails, the files queued behind it go to its successor.
 */
export class AuditPool {
  private readonly slots: Slot[] = [];
  private readonly waiting: (() => void)[] = [];
  private readonly timeoutMs: number;
  private readonly recycleBytes: number;
  /** Workers replaced because their heap stayed large after a file. */
  recycled = 0;

  constructor(private readonly options: PoolOptions) {
    this.timeoutMs = options.timeoutMs ?? AUDIT_LIMITS.timeoutMs;
    this.recycleBytes = (options.recycleHeapMb ?? AUDIT_LIMITS.recycleHeapMb) * 1024 * 1024;
    for (let i = 0; i < Math.max(1, options.size); i++) {
      const slot: Slot = { worker: this.spawn(), queue: [], timer: null };
      this.wire(slot);
      this.slots.push(slot);
    }
  }

  private spawn(): Worker {
    const { size: _size, timeoutMs: _timeout, recycleHeapMb: _recycle, ...fileOptions } = this.options;
    return new Worker(BOOT, {
      workerData: fileOptions,
      resourceLimits: { maxOldGenerationSizeMb: AUDIT_LIMITS.workerHeapMb },
    });
  }

  private wire(slot: Slot): void {
    const worker = slot.worker;
    worker.on('message', (msg: { id: number; result: AuditResult; heapBytes?: number }) => {
      if (slot.worker !== worker || slot.queue[0]?.task.id !== msg.id) return;
      this.finishHead(slot, msg.result);
      if ((msg.heapBytes ?? 0) > this.recycleBytes) {
        this.recycled++;
        this.respawn(slot);
      }
    });
    worker.on('error', (err: Error & { code?: string }) => {
      if (slot.worker !== worker) return;
      const reason =
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? `解析时内存超出上限（${AUDIT_LIMITS.workerHeapMb} MB）`
          : `解析进程出错：${err.message}`;
      this.replace(slot, reason);
    });
  }

  private startTimer(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer =
      slot.queue.length === 0
        ? null
        : setTimeout(
            () =>
              this.replace(slot, `解析超时（超过 ${Math.round(this.timeoutMs / 1000)} 秒），已放弃该文件`),
            this.timeoutMs,
          );
  }

  private finishHead(slot: Slot, result: AuditResult): void {
    const head = slot.queue.shift();
    this.startTimer(slot);
    head?.resolve(result);
    this.waiting.shift()?.();
  }

  /**
   * Ends a slot's worker and starts a new one, sent the files still queued. (Those the old
   * worker had begun are done again; what the old one posts after this is ignored.)
   */
  private respawn(slot: Slot): void {
    void slot.worker.terminate();
    slot.worker = this.spawn();
    this.wire(slot);
    for (const pending of slot.queue) slot.worker.postMessage(pending.task);
  }

  /** Ends a stuck or broken worker: its current file fails, the rest go to a new worker. */
  private replace(slot: Slot, reason: string): void {
    const head = slot.queue[0];
    if (head) {
      this.finishHead(slot, {
        file: head.task.file,
        status: 'failed',
        error: reason,
        findings: [],
        diagnostics: [],
      });
    }
    this.respawn(slot);
  }

  private freeSlot(): Slot | undefined {
    let best: Slot | undefined;
    for (const slot of this.slots) {
      if (slot.queue.length < DEPTH && (!best || slot.queue.length < best.queue.length)) best = slot;
    }
    return best;
  }

  async run(task: AuditTask): Promise<AuditResult> {
    let slot = this.freeSlot();
    while (!slot) {
      await new Promise<void>((resolve) => this.waiting.push(resolve));
      slot = this.freeSlot();
    }
    const target = slot;
    return new Promise((resolve) => {
      target.queue.push({ task, resolve });
      if (target.queue.length === 1) this.startTimer(target);
      target.worker.postMessage(task);
    });
  }

  async close(): Promise<void> {
    for (const slot of this.slots) if (slot.timer) clearTimeout(slot.timer);
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
