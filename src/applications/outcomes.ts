import type { EditionId } from '../reports/model/edition.ts';

/**
 * How an application ends: exactly one outcome each, from the official list — the rows of
 * section 三 of the annual report (2021 edition), with the article it rests on and the reason
 * the reply letter gives. 区分处理 (Art. 37) counts only as 部分公开, never also as a refusal.
 * The 2019 edition has one row for the three 其他处理 outcomes.
 */
export const OUTCOMES = [
  'granted',
  'partial',
  'withheld.stateSecret',
  'withheld.lawForbids',
  'withheld.safetyStability',
  'withheld.thirdParty',
  'withheld.internal',
  'withheld.process',
  'withheld.enforcementFile',
  'withheld.query',
  'unable.notHeld',
  'unable.needsCreation',
  'unable.stillUnclear',
  'rejected.petition',
  'rejected.repeated',
  'rejected.publication',
  'rejected.massRepeated',
  'rejected.confirmation',
  'other.noCorrection',
  'other.noFee',
  'other.other',
] as const;

export type Outcome = (typeof OUTCOMES)[number];

export type OutcomeFamily = 'granted' | 'partial' | 'withheld' | 'unable' | 'rejected' | 'other';

export interface OutcomeDefinition {
  /** The report row's wording, without its number. */
  readonly label: string;
  /** The article of the Regulations (or the fee measures) it rests on. */
  readonly basis: string;
  /** What the reply letter says, before the agency's own particulars. */
  readonly reason: string;
}

export const OUTCOME_DEFINITIONS: Readonly<Record<Outcome, OutcomeDefinition>> = {
  granted: {
    label: '予以公开',
    basis: '《条例》第三十六条第（一）项、第（二）项',
    reason: '您申请获取的政府信息属于公开范围，本机关予以公开（已主动公开的，告知获取的方式和途径）。',
  },
  partial: {
    label: '部分公开',
    basis: '《条例》第三十七条',
    reason:
      '您申请获取的政府信息中含有不应当公开的内容，本机关作区分处理，向您提供可以公开的部分，并说明不予公开部分的理由。',
  },
  'withheld.stateSecret': {
    label: '属于国家秘密',
    basis: '《条例》第十四条',
    reason: '您申请获取的政府信息属于国家秘密，依法不予公开。',
  },
  'withheld.lawForbids': {
    label: '其他法律行政法规禁止公开',
    basis: '《条例》第十四条',
    reason: '您申请获取的政府信息属于法律、行政法规禁止公开的信息，依法不予公开。',
  },
  'withheld.safetyStability': {
    label: '危及“三安全一稳定”',
    basis: '《条例》第十四条',
    reason: '您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定，依法不予公开。',
  },
  'withheld.thirdParty': {
    label: '保护第三方合法权益',
    basis: '《条例》第十五条、第三十二条',
    reason: '您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害，依法不予公开。',
  },
  'withheld.internal': {
    label: '属于三类内部事务信息',
    basis: '《条例》第十六条第一款',
    reason: '您申请获取的信息属于人事管理、后勤管理、内部工作流程等内部事务信息，可以不予公开。',
  },
  'withheld.process': {
    label: '属于四类过程性信息',
    basis: '《条例》第十六条第二款',
    reason: '您申请获取的信息属于讨论记录、过程稿、磋商信函、请示报告等过程性信息，可以不予公开。',
  },
  'withheld.enforcementFile': {
    label: '属于行政执法案卷',
    basis: '《条例》第十六条第二款',
    reason: '您申请获取的信息属于行政执法案卷信息，可以不予公开。',
  },
  'withheld.query': {
    label: '属于行政查询事项',
    basis: '《条例》第三十六条第（七）项',
    reason: '您申请获取的信息，法律、行政法规对其获取有特别规定，请按照有关规定办理。',
  },
  'unable.notHeld': {
    label: '本机关不掌握相关政府信息',
    basis: '《条例》第三十六条第（四）项、第（五）项',
    reason: '经检索，本机关未制作或者获取您申请的政府信息；能够确定负责公开的机关的，告知其名称和联系方式。',
  },
  'unable.needsCreation': {
    label: '没有现成信息需要另行制作',
    basis: '《条例》第三十八条',
    reason: '您申请的信息需要本机关对现有政府信息进行加工、分析，本机关可以不予提供。',
  },
  'unable.stillUnclear': {
    label: '补正后申请内容仍不明确',
    basis: '《条例》第三十条',
    reason: '经补正后，您的申请内容仍不明确，本机关无法确定您所需的政府信息。',
  },
  'rejected.petition': {
    label: '信访举报投诉类申请',
    basis: '《条例》第三十九条第一款',
    reason: '您以政府信息公开申请的形式进行信访、投诉、举报等活动，本机关告知您通过相应渠道提出。',
  },
  'rejected.repeated': {
    label: '重复申请',
    basis: '《条例》第三十六条第（六）项',
    reason: '本机关已就您申请的政府信息作出答复，您重复申请获取同一政府信息，本机关不予重复处理。',
  },
  'rejected.publication': {
    label: '要求提供公开出版物',
    basis: '《条例》第三十九条第二款',
    reason: '您申请获取的是政府公报、报刊、书籍等公开出版物，本机关告知获取的途径。',
  },
  'rejected.massRepeated': {
    label: '无正当理由大量反复申请',
    basis: '《条例》第三十五条',
    reason: '您的申请数量、频次明显超过合理范围，且说明的理由不合理，本机关不予处理。',
  },
  'rejected.confirmation': {
    label: '要求行政机关确认或重新出具已获取信息',
    basis: '《条例》第三十九条',
    reason: '您要求本机关确认或者重新出具已经获取的信息，不属于政府信息公开申请，本机关不予处理。',
  },
  'other.noCorrection': {
    label: '申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请',
    basis: '《条例》第三十条',
    reason: '您无正当理由逾期未补正，视为放弃申请，本机关不再处理该政府信息公开申请。',
  },
  'other.noFee': {
    label: '申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请',
    basis: '《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）',
    reason: '您逾期未按收费通知要求缴纳信息处理费，本机关不再处理该政府信息公开申请。',
  },
  'other.other': {
    label: '其他',
    basis: '《条例》',
    reason: '本申请以其他方式办结（如申请人撤回申请）。',
  },
};

export const outcomeFamily = (outcome: Outcome): OutcomeFamily => {
  const head = outcome.split('.')[0];
  return head === 'granted' ||
    head === 'partial' ||
    head === 'withheld' ||
    head === 'unable' ||
    head === 'rejected'
    ? head
    : 'other';
};

/** The section 三 row an outcome is counted in, in the given edition of the report. */
export const reportRowOf = (outcome: Outcome, edition: EditionId): string =>
  edition === '2019' && outcome.startsWith('other.') ? 'other' : outcome;
