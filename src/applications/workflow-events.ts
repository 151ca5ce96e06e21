/**
 * Events of an application that do not move the clock: who handles it, the confidentiality
 * review, the decision and its delivery. They share the append-only event log with the clock's
 * events so that the timeline is one list; deadlineEventsOf leaves them out.
 */
export const WORKFLOW_EVENT_TYPES = [
  'assigned',
  'coHandlerAdded',
  'secrecyReviewed',
  'decisionProposed',
  'decisionReturned',
  'decided',
  'delivered',
  'letterIssued',
  // Also a clock event (deadlines/deadline-event.ts): the handling restarts by order of a
  // reconsideration body or a court (src/appeals).
  'reopened',
] as const;
export type WorkflowEventType = (typeof WORKFLOW_EVENT_TYPES)[number];

export const WORKFLOW_EVENT_LABELS: Record<WorkflowEventType, string> = {
  assigned: '分办',
  coHandlerAdded: '会办',
  secrecyReviewed: '保密审查',
  decisionProposed: '拟办意见报负责人审批',
  decisionReturned: '负责人退回拟办意见',
  decided: '作出答复决定',
  delivered: '送达',
  letterIssued: '出具文书',
  reopened: '依复议决定/判决重新办理',
};
