import type { LetterKind } from './letter-kind.ts';

export interface LetterTemplate {
  readonly title: string;
  /**
   * One paragraph a line, indented two characters. A line that starts with '< ' (with the space) is set flush
   * left (the addressee), '> ' flush right (the number, the signature and the date), '# '
   * centred. Blank lines are ignored.
   */
  readonly body: string;
}

const lines = (...text: string[]): string => text.join('\n');

const HEAD = ['> 申请编号：{{申请编号}}', '< {{申请人}}：'];
const RECEIVED = '本机关于{{收到日期}}收到您提出的政府信息公开申请，所需信息内容描述为：“{{申请内容}}”。';
const TAIL = ['{{补充说明}}', '{{联系方式}}', '> {{机关名称}}', '> {{落款日期}}'];
const REPLY_TITLE = '政府信息公开申请答复告知书';
const REPLY_TAIL = ['{{补充说明}}', '{{救济途径}}', '{{联系方式}}', '> {{机关名称}}', '> {{落款日期}}'];
const REPLY_OPENING = `${RECEIVED}现答复如下：`;

/** The templates shipped with the system; an agency's own template replaces one (letter_templates). */
export const DEFAULT_TEMPLATES: Record<LetterKind, LetterTemplate> = {
  receipt: {
    title: '政府信息公开申请受理回执',
    body: lines(
      ...HEAD,
      '本机关于{{收到日期}}收到您通过{{申请方式}}提出的政府信息公开申请，所需信息内容描述为：“{{申请内容}}”，要求的信息提供形式为：{{获取方式}}。',
      '根据《中华人民共和国政府信息公开条例》第三十三条的规定，本机关将自收到申请之日起20个工作日内作出答复；需要延长答复期限的，将另行书面告知。申请人补正申请、本机关依法征求第三方或者其他机关意见以及申请人缴纳信息处理费所需时间，不计算在答复期限内。按现有记录，本申请的答复期限为：{{答复期限}}。',
      '您可以凭申请编号和查询码在本机关政府信息公开门户查询办理进度和下载有关文书。',
      ...TAIL,
    ),
  },
  correction: {
    title: '政府信息公开申请补正告知书',
    body: lines(
      ...HEAD,
      `${RECEIVED}经审查，您的申请内容不够明确，本机关无法据此确定您所需要的政府信息。`,
      '根据《中华人民共和国政府信息公开条例》第三十条的规定，请您对申请作出补正：写明所需政府信息的名称、文号、制作机关、形成时间，或者便于本机关查询的其他特征性描述。',
      '请于{{补正期限}}前向本机关提交补正后的申请。答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，本机关不再处理该政府信息公开申请。',
      ...TAIL,
    ),
  },
  extension: {
    title: '政府信息公开申请延期答复告知书',
    body: lines(
      ...HEAD,
      `${RECEIVED}因所申请信息需要检索、调取和审查的内容较多，本机关不能在规定期限内作出答复。`,
      '根据《中华人民共和国政府信息公开条例》第三十三条第二款的规定，经政府信息公开工作机构负责人同意，答复期限延长{{延长工作日数}}个工作日（原答复期限为{{原答复期限}}）。本机关将于{{延长后答复期限}}前作出答复。',
      ...TAIL,
    ),
  },
  consultation: {
    title: '政府信息公开征求第三方意见书',
    body: lines(
      '> 申请编号：{{申请编号}}',
      '< {{第三方}}：',
      '本机关于{{收到日期}}收到一份政府信息公开申请，所申请的政府信息内容描述为：“{{申请内容}}”。经审查，该信息可能涉及您（单位）的商业秘密、个人隐私等合法权益，公开后可能损害您（单位）的合法权益。',
      '根据《中华人民共和国政府信息公开条例》第三十二条的规定，现书面征求您（单位）的意见。请于收到本意见书之日起15个工作日内（即{{意见期限}}前）以书面形式提出是否同意公开的意见；不同意公开的，请说明理由。逾期未提出意见的，由本机关依照《中华人民共和国政府信息公开条例》的规定决定是否公开。',
      '第三方不同意公开且有合理理由的，本机关不予公开；本机关认为不公开可能对公共利益造成重大影响的，可以决定予以公开，并将决定公开的政府信息内容和理由书面告知第三方。',
      ...TAIL,
    ),
  },
  feeNotice: {
    title: '政府信息公开信息处理费收费通知',
    body: lines(
      ...HEAD,
      RECEIVED,
      '根据《中华人民共和国政府信息公开条例》第四十二条和《政府信息公开信息处理费管理办法》（国办函〔2020〕109号）的规定，您申请公开政府信息的数量、频次明显超过合理范围，本机关依法收取信息处理费。本次采用{{计费方式}}，应缴纳信息处理费人民币{{收费金额}}元。计算依据：{{计费说明}}。',
      '请您自收到本通知之日起20个工作日内（即{{缴费期限}}前）缴纳上述费用。自您收到本通知至缴纳费用期间，不计算在答复期限内。逾期未缴纳的，视为放弃申请，本机关不再处理该政府信息公开申请。信息处理费按规定全额上缴国库，缴费方式请与本机关联系。',
      ...TAIL,
    ),
  },
  'reply-granted': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '经审查，根据{{法律依据}}的规定，本机关决定{{办理结果}}。{{标准理由}}',
      '{{具体理由}}',
      '本机关将按照您要求的{{获取方式}}形式提供所申请的政府信息。',
      ...REPLY_TAIL,
    ),
  },
  'reply-partial': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '经审查，根据{{法律依据}}的规定，本机关决定{{办理结果}}。{{标准理由}}',
      '不予公开部分的理由：{{具体理由}}',
      '本机关将按照您要求的{{获取方式}}形式提供可以公开的部分。',
      ...REPLY_TAIL,
    ),
  },
  'reply-withheld': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '经审查，根据{{法律依据}}的规定，本机关决定{{办理结果}}。{{标准理由}}',
      '具体理由：{{具体理由}}',
      ...REPLY_TAIL,
    ),
  },
  'reply-unable': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '经审查，根据{{法律依据}}的规定，本机关{{办理结果}}。{{标准理由}}',
      '{{具体理由}}',
      '{{告知机关}}',
      ...REPLY_TAIL,
    ),
  },
  'reply-rejected': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '经审查，根据{{法律依据}}的规定，本机关决定{{办理结果}}。{{标准理由}}',
      '{{具体理由}}',
      ...REPLY_TAIL,
    ),
  },
  'reply-other': {
    title: REPLY_TITLE,
    body: lines(
      ...HEAD,
      REPLY_OPENING,
      '根据{{法律依据}}的规定，本申请作{{办理结果}}。{{标准理由}}',
      '{{具体理由}}',
      ...REPLY_TAIL,
    ),
  },
};
