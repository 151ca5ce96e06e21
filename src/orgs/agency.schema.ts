import { z } from 'zod';
import { AGENCY_KINDS, AGENCY_LEVELS } from './agency-kind.ts';

/**
 * An optional text field: trimmed; '' (an empty form field) or null clears it (null);
 * undefined means "not given", which an update leaves as it is.
 */
const optionalText = (label: string, max: number) =>
  z
    .string({ invalid_type_error: `${label}应为文字` })
    .trim()
    .max(max, `${label}不能超过 ${max} 个字`)
    .nullish()
    .transform((v) => (v === undefined ? undefined : v === null || v === '' ? null : v));

const optionalMatching = (label: string, max: number, pattern: RegExp, hint: string) =>
  optionalText(label, max).refine((v) => v == null || pattern.test(v), `${label}格式不正确，${hint}`);

export const agencyContactSchema = z.object({
  officeName: optionalText('办公机构名称', 100),
  address: optionalText('办公地址', 200),
  postcode: optionalMatching('邮政编码', 6, /^\d{6}$/, '应为 6 位数字'),
  phone: optionalMatching('联系电话', 40, /^[\d\-+()（）\s,，、转]+$/, '例如 0371-23798902'),
  fax: optionalMatching('传真', 40, /^[\d\-+()（）\s,，、转]+$/, '例如 0371-25995876'),
  email: optionalMatching('电子邮箱', 120, /^[^\s@]+@[^\s@]+\.[^\s@]+$/, '例如 gkb@example.gov.cn'),
  officeHours: optionalText('办公时间', 200),
  website: optionalMatching('网站', 200, /^https?:\/\/\S+$/, '应以 http:// 或 https:// 开头'),
});

const name = z
  .string({ required_error: '机关名称不能为空', invalid_type_error: '机关名称应为文字' })
  .trim()
  .min(1, '机关名称不能为空')
  .max(100, '机关名称不能超过 100 个字');

const parentId = z
  .number({ invalid_type_error: '上级机关应为机关编号' })
  .int('上级机关应为机关编号')
  .positive('上级机关应为机关编号')
  .nullable();

const kind = z.enum(AGENCY_KINDS, {
  errorMap: () => ({ message: '机关类型不正确，应为人民政府、政府部门、办事机构、乡镇、街道或其他' }),
});
const level = z.enum(AGENCY_LEVELS, {
  errorMap: () => ({ message: '行政层级不正确，应为省级、市级、县级或乡级' }),
});

/** How the agency works its applications (see agency.table.ts). */
const settings = {
  decisionsNeedApproval: z.boolean({ invalid_type_error: '请选择答复决定是否须负责人审批' }).optional(),
  feePausesClock: z.boolean({ invalid_type_error: '请选择收费期间是否计入答复期限' }).optional(),
};

export const createAgencySchema = z.object({
  parentId: parentId.default(null),
  name,
  shortName: optionalText('机关简称', 40),
  kind,
  level,
  contact: agencyContactSchema.partial().default({}),
  ...settings,
});

export const updateAgencySchema = z.object({
  parentId: parentId.optional(),
  name: name.optional(),
  shortName: optionalText('机关简称', 40),
  kind: kind.optional(),
  level: level.optional(),
  contact: agencyContactSchema.partial().optional(),
  ...settings,
});

export type CreateAgencyInput = z.input<typeof createAgencySchema>;
export type UpdateAgencyInput = z.input<typeof updateAgencySchema>;
