import { type Outcome, type OutcomeFamily, outcomeFamily } from '../applications/outcomes.ts';

/**
 * The letters (文书) of an application: the receipt, the notices that go with the clock's
 * events, and one reply letter (答复告知书) per outcome family, each with its own template.
 */
export const LETTER_KINDS = [
  'receipt',
  'correction',
  'extension',
  'consultation',
  'feeNotice',
  'reply-granted',
  'reply-partial',
  'reply-withheld',
  'reply-unable',
  'reply-rejected',
  'reply-other',
] as const;
export type LetterKind = (typeof LETTER_KINDS)[number];

export const LETTER_KIND_LABELS: Record<LetterKind, string> = {
  receipt: '受理回执',
  correction: '补正告知书',
  extension: '延期答复告知书',
  consultation: '征求第三方意见书',
  feeNotice: '收费通知',
  'reply-granted': '答复告知书（予以公开）',
  'reply-partial': '答复告知书（部分公开）',
  'reply-withheld': '答复告知书（不予公开）',
  'reply-unable': '答复告知书（无法提供）',
  'reply-rejected': '答复告知书（不予处理）',
  'reply-other': '答复告知书（其他处理）',
};

/** The words of each outcome family in a reply: 本机关决定…… */
export const FAMILY_LABELS: Record<OutcomeFamily, string> = {
  granted: '予以公开',
  partial: '部分公开',
  withheld: '不予公开',
  unable: '无法提供',
  rejected: '不予处理',
  other: '其他处理',
};

export const isLetterKind = (value: string): value is LetterKind =>
  (LETTER_KINDS as readonly string[]).includes(value);

export const isReplyKind = (kind: LetterKind): boolean => kind.startsWith('reply-');

/** The reply letter's kind for an outcome. */
export const replyKindOf = (outcome: Outcome): LetterKind => `reply-${outcomeFamily(outcome)}`;

/**
 * Letters addressed to the applicant, which the portal offers them. The consultation letter
 * goes to the third party (Art. 32) and stays in the case file.
 */
export const isApplicantLetter = (kind: string): boolean => isLetterKind(kind) && kind !== 'consultation';
