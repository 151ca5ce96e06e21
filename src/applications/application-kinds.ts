/**
 * The closed lists of an application, in the Regulations' words (Art. 27, 29, 31, 40) and the
 * annual report's columns, each with the Chinese label a clerk and an applicant read.
 */

/** The applicant types are the columns of section 三 of the annual report. */
export const APPLICANT_TYPES = [
  'natural',
  'commercial',
  'research',
  'nonprofit',
  'legalService',
  'otherOrg',
] as const;
export type ApplicantType = (typeof APPLICANT_TYPES)[number];
export const APPLICANT_TYPE_LABELS: Record<ApplicantType, string> = {
  natural: '自然人',
  commercial: '商业企业',
  research: '科研机构',
  nonprofit: '社会公益组织',
  legalService: '法律服务机构',
  otherOrg: '其他组织',
};

/** How the application came (Art. 31 fixes the receipt day of each). */
export const CHANNELS = ['online', 'inPerson', 'registeredPost', 'letter', 'fax', 'email', 'other'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, string> = {
  online: '互联网渠道',
  inPerson: '当面提交',
  registeredPost: '邮寄（需签收）',
  letter: '平常信函',
  fax: '传真',
  email: '电子邮件',
  other: '其他渠道',
};

export const ID_TYPES = ['residentId', 'passport', 'hkMacaoTaiwanPermit', 'orgCode', 'other'] as const;
export type IdType = (typeof ID_TYPES)[number];
export const ID_TYPE_LABELS: Record<IdType, string> = {
  residentId: '居民身份证',
  passport: '护照',
  hkMacaoTaiwanPermit: '港澳台居民证件',
  orgCode: '统一社会信用代码',
  other: '其他身份证明',
};

/** The form the applicant wants the information in (Art. 29(3)). */
export const FORMS_WANTED = ['paper', 'electronic', 'inspection'] as const;
export type FormWanted = (typeof FORMS_WANTED)[number];
export const FORM_WANTED_LABELS: Record<FormWanted, string> = {
  paper: '纸质',
  electronic: '电子',
  inspection: '当场查阅',
};
