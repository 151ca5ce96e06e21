import type { ErrorDetail } from '../errors/app-error.ts';
import { LETTER_KIND_LABELS, LETTER_KINDS, type LetterKind } from './letter-kind.ts';

const REPLY_KINDS = LETTER_KINDS.filter((k) => k.startsWith('reply-'));

export interface PlaceholderDefinition {
  /** As written in a template, between double braces: {{申请人}}. */
  readonly name: string;
  readonly description: string;
  /** The letters it may be used in; every letter when absent. */
  readonly kinds?: readonly LetterKind[];
}

/**
 * Every placeholder a template may use. Values are plain text, escaped wherever a letter is
 * rendered; dates are written as 2024年9月27日. A line whose placeholders all come out empty
 * (an optional particular that this case does not have) is left out of the letter.
 */
export const PLACEHOLDERS: readonly PlaceholderDefinition[] = [
  { name: '机关名称', description: '出具文书的机关（收到申请的机关）' },
  { name: '办公机构', description: '政府信息公开工作机构的名称' },
  { name: '机关地址', description: '政府信息公开工作机构的地址' },
  { name: '邮政编码', description: '政府信息公开工作机构的邮政编码' },
  { name: '联系电话', description: '政府信息公开工作机构的电话' },
  { name: '传真号码', description: '政府信息公开工作机构的传真' },
  { name: '电子邮箱', description: '政府信息公开工作机构的电子邮箱' },
  { name: '办公时间', description: '政府信息公开工作机构的办公时间' },
  { name: '联系方式', description: '以上联系信息中已公布的各项，合为一句' },
  { name: '申请编号', description: '申请的编号（申请人凭此查询）' },
  { name: '申请人', description: '申请人的姓名或者名称' },
  { name: '到达日期', description: '申请到达本机关的日期' },
  { name: '收到日期', description: '依条例第三十一条确定的收到申请的日期' },
  { name: '申请方式', description: '申请提交的渠道（互联网渠道、平常信函等）' },
  { name: '申请内容', description: '申请人对所需政府信息的描述' },
  { name: '获取方式', description: '申请人要求的信息提供形式（纸质、电子、当场查阅）' },
  { name: '答复期限', description: '当前的答复期限；暂停计算的，写明等待的事项和日期' },
  { name: '出具日期', description: '出具本文书的日期' },
  {
    name: '落款日期',
    description:
      '文书的落款日期：补正、延期、征求意见和收费通知为该事件的日期，答复告知书为决定日期，受理回执为出具日期',
  },
  { name: '补充说明', description: '出具时填写的补充说明（可不填；不填时该行不出现）' },
  { name: '告知补正日期', description: '告知补正的日期', kinds: ['correction'] },
  { name: '补正期限', description: '补正告知书给申请人的补正期限', kinds: ['correction'] },
  { name: '延期决定日期', description: '决定延长答复期限的日期', kinds: ['extension'] },
  { name: '延长工作日数', description: '延长的工作日数（不超过20个）', kinds: ['extension'] },
  { name: '原答复期限', description: '延长前的答复期限', kinds: ['extension'] },
  { name: '延长后答复期限', description: '延长后的答复期限', kinds: ['extension'] },
  {
    name: '第三方',
    description: '被征求意见的第三方（出具时填写，未填写的写“相关权利人”）',
    kinds: ['consultation'],
  },
  { name: '征求意见日期', description: '书面征求意见的日期', kinds: ['consultation'] },
  {
    name: '意见期限',
    description: '第三方提出意见的期限（15个工作日，条例第三十二条）',
    kinds: ['consultation'],
  },
  { name: '收费金额', description: '信息处理费金额（元，不含“元”字）', kinds: ['feeNotice'] },
  { name: '计费方式', description: '按件计收或按量计收', kinds: ['feeNotice'] },
  { name: '计费说明', description: '金额的计算过程', kinds: ['feeNotice'] },
  { name: '收费通知日期', description: '申请人收到收费通知的日期', kinds: ['feeNotice'] },
  { name: '缴费期限', description: '缴费的最后一日（收到通知后20个工作日）', kinds: ['feeNotice'] },
  { name: '办理结果', description: '办理结果，如“不予公开（属于国家秘密）”', kinds: REPLY_KINDS },
  { name: '法律依据', description: '办理结果所依据的条款', kinds: REPLY_KINDS },
  { name: '标准理由', description: '该办理结果的规范理由', kinds: REPLY_KINDS },
  { name: '具体理由', description: '本机关就本申请写明的具体理由（没有的，该行不出现）', kinds: REPLY_KINDS },
  {
    name: '告知机关',
    description: '条例第三十六条第（五）项：负责公开该信息的机关及其联系方式（没有的，该行不出现）',
    kinds: REPLY_KINDS,
  },
  { name: '决定日期', description: '作出答复决定的日期', kinds: REPLY_KINDS },
  { name: '复议机关', description: '受理行政复议申请的机关', kinds: REPLY_KINDS },
  { name: '救济途径', description: '申请行政复议和提起行政诉讼的权利和期限', kinds: REPLY_KINDS },
];

const BY_NAME = new Map(PLACEHOLDERS.map((p) => [p.name, p]));

/** What a template of each kind must contain, so that no letter leaves out what the law requires. */
export const REQUIRED_PLACEHOLDERS: Record<LetterKind, readonly string[]> = {
  receipt: ['申请编号', '收到日期'],
  correction: ['补正期限'],
  extension: ['延长后答复期限'],
  consultation: ['意见期限'],
  feeNotice: ['收费金额', '缴费期限'],
  'reply-granted': ['办理结果', '法律依据', '救济途径'],
  'reply-partial': ['办理结果', '法律依据', '救济途径'],
  'reply-withheld': ['办理结果', '法律依据', '救济途径'],
  'reply-unable': ['办理结果', '法律依据', '救济途径'],
  'reply-rejected': ['办理结果', '法律依据', '救济途径'],
  'reply-other': ['办理结果', '法律依据', '救济途径'],
};

/** The placeholders a template of this kind may use. */
export const placeholdersFor = (kind: LetterKind): PlaceholderDefinition[] =>
  PLACEHOLDERS.filter((p) => p.kinds === undefined || p.kinds.includes(kind));

export const PLACEHOLDER_PATTERN = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The placeholder names a text uses, in order, each once. */
export const placeholdersIn = (text: string): string[] => [
  ...new Set([...text.matchAll(PLACEHOLDER_PATTERN)].map((m) => m[1] ?? '')),
];

/**
 * What is wrong with a template's title or body, field by field, in words an admin can act
 * on: an unknown placeholder (named), one that this letter cannot fill, a stray brace, and
 * (in the body) a placeholder the letter must contain.
 */
export const templateProblems = (
  kind: LetterKind,
  template: { title: string; body: string },
): ErrorDetail[] => {
  const details: ErrorDetail[] = [];
  const letter = `《${LETTER_KIND_LABELS[kind]}》`;
  for (const field of ['title', 'body'] as const) {
    const text = template[field];
    for (const name of placeholdersIn(text)) {
      const known = BY_NAME.get(name);
      if (known === undefined)
        details.push({ field, message: `未知的占位符 {{${name}}}：请从可用占位符列表中选择` });
      else if (known.kinds !== undefined && !known.kinds.includes(kind))
        details.push({ field, message: `占位符 {{${name}}} 不适用于${letter}` });
    }
    if (/\{\{|\}\}/.test(text.replace(PLACEHOLDER_PATTERN, '')))
      details.push({ field, message: '占位符格式不正确：每个占位符须写成 {{名称}}，两侧各两个花括号' });
  }
  const used = new Set(placeholdersIn(template.body));
  const missing = REQUIRED_PLACEHOLDERS[kind].filter((name) => !used.has(name));
  if (missing.length > 0)
    details.push({
      field: 'body',
      message: `${letter}的正文须包含 ${missing.map((n) => `{{${n}}}`).join('、')}`,
    });
  return details;
};
