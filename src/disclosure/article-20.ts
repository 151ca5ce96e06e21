/**
 * Article 20 of the 2019 Regulations: the fifteen kinds of information every agency publishes
 * of its own accord. An item names the one it falls under by its number (1–15), or none (other).
 */
export const ARTICLE_20 = [
  '行政法规、规章和规范性文件',
  '机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名',
  '国民经济和社会发展规划、专项规划、区域规划及相关政策',
  '国民经济和社会发展统计信息',
  '办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果',
  '实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定',
  '财政预算、决算信息',
  '行政事业性收费项目及其依据、标准',
  '政府集中采购项目的目录、标准及实施情况',
  '重大建设项目的批准和实施情况',
  '扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况',
  '突发公共事件的应急预案、预警信息及应对情况',
  '环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况',
  '公务员招考的职位、名额、报考条件等事项以及录用结果',
  '法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息',
] as const;

export const ARTICLE_20_ITEM_COUNT = ARTICLE_20.length;

/** '（七）财政预算、决算信息' for 7; '其他' for null. */
export const article20Label = (item: number | null): string => {
  if (item === null) return '其他';
  const text = ARTICLE_20[item - 1];
  return text === undefined ? '其他' : `（${CHINESE_NUMERALS[item - 1]}）${text}`;
};

const CHINESE_NUMERALS = [
  '一',
  '二',
  '三',
  '四',
  '五',
  '六',
  '七',
  '八',
  '九',
  '十',
  '十一',
  '十二',
  '十三',
  '十四',
  '十五',
] as const;
