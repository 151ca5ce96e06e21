import type { Outcome } from './outcomes.ts';

/**
 * Where an application is in its handling. 'awaitingApproval': the handler proposed an outcome
 * and the agency wants the approver (负责人) to approve it before it is made. 'decided': the
 * outcome is made and the reply is to be delivered. 'delivered': the reply reached the applicant
 * (with the proof of delivery); the application is closed.
 */
export const STAGES = ['processing', 'awaitingApproval', 'decided', 'delivered'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  processing: '办理中',
  awaitingApproval: '待负责人审批',
  decided: '已决定待送达',
  delivered: '已送达办结',
};

/** How a reply reached the applicant, and the proof of it that the case file keeps. */
export const DELIVERY_METHODS = ['post', 'email', 'inPerson', 'online', 'fax'] as const;
export type DeliveryMethod = (typeof DELIVERY_METHODS)[number];

export const DELIVERY_METHOD_LABELS: Record<DeliveryMethod, string> = {
  post: '邮寄（挂号信或EMS）',
  email: '电子邮件',
  inPerson: '当面领取',
  online: '网上送达（门户）',
  fax: '传真',
};

/** What the proof of delivery is, by method: the label of the field the clerk fills in. */
export const DELIVERY_PROOF_LABELS: Record<DeliveryMethod, string> = {
  post: '邮件号码（回执或妥投记录）',
  email: '发送记录或回执（发件时间、收件地址）',
  inPerson: '领取人签收记录',
  online: '门户送达记录',
  fax: '传真发送报告',
};

/** The results of a confidentiality review (保密审查, Art. 17) before information is released. */
export const SECRECY_RESULTS = ['cleared', 'redacted', 'secret'] as const;
export type SecrecyResult = (typeof SECRECY_RESULTS)[number];

export const SECRECY_RESULT_LABELS: Record<SecrecyResult, string> = {
  cleared: '不涉密，可以公开',
  redacted: '部分涉密或涉及敏感内容，须区分处理',
  secret: '属于国家秘密，不得公开',
};

/** The decision as made (or proposed), kept with the application and quoted by the reply letter. */
export interface DecisionDetail {
  readonly outcome: Outcome;
  /** The agency's own particulars, after the outcome's standard reason. */
  readonly reason: string;
  /** Art. 36(5): the agency that holds the information, and how to reach it. */
  readonly referredAgency?: { readonly name: string; readonly contact?: string };
  readonly proposedBy: number | null;
  readonly proposedAt: string;
  readonly approvedBy?: number | null;
  readonly decidedOn?: string;
}
