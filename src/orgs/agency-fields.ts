/** An agency's fields as a clerk calls them: in its form, its errors and its audit log. */
export const AGENCY_FIELD_LABELS: Readonly<Record<string, string>> = {
  parentId: '上级机关',
  name: '机关名称',
  shortName: '机关简称',
  kind: '机关类型',
  level: '行政层级',
  'contact.officeName': '政府信息公开工作机构名称',
  'contact.address': '办公地址',
  'contact.postcode': '邮政编码',
  'contact.phone': '联系电话',
  'contact.fax': '传真',
  'contact.email': '电子邮箱',
  'contact.officeHours': '办公时间',
  'contact.website': '网站',
  decisionsNeedApproval: '答复决定须负责人审批',
  feePausesClock: '收费期间不计入答复期限',
};
