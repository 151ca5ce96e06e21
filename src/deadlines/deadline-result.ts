import type { DeadlineEventType } from './deadline-event.ts';

/** What a clock without a due date is waiting for (regulations.md, "The clock"). */
export const WAITING_FOR = ['correction', 'consultation', 'feePayment'] as const;
export type WaitingFor = (typeof WAITING_FOR)[number];

export const WAITING_FOR_LABELS: Record<WaitingFor, string> = {
  correction: '申请人补正',
  consultation: '第三方或其他机关答复',
  feePayment: '申请人缴费',
};

export interface DeadlineStep {
  readonly date: string;
  readonly event: DeadlineEventType;
  /** The due date once this event is taken into account; null while the clock waits. */
  readonly due: string | null;
  readonly text: string;
}

export interface DeadlineResult {
  readonly due: string | null;
  readonly waitingFor?: { readonly what: WaitingFor; readonly by: string };
  /** Some counted day lies in a year whose schedule is not loaded: weekends-only was assumed. */
  readonly provisional: boolean;
  readonly steps: readonly DeadlineStep[];
  readonly warnings: readonly string[];
}

/** What the queues need of a deadline, as stored beside the application. */
export type DeadlineSummary = Pick<DeadlineResult, 'due' | 'waitingFor' | 'provisional'>;
