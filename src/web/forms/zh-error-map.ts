import { type ZodErrorMap, ZodIssueCode } from 'zod';

/**
 * zod's messages in Chinese, for the fields of the workbench's forms. A schema's own message
 * (`.min(1, '请填写机关名称')`, or its errorMap's when that is Chinese) wins over these.
 */
export const zhErrorMap: ZodErrorMap = (issue, ctx) => {
  // A message a schema already gave in Chinese (its own errorMap) is kept: it names the field.
  if (/\p{Script=Han}/u.test(ctx.defaultError)) return { message: ctx.defaultError };
  switch (issue.code) {
    case ZodIssueCode.invalid_type:
      return {
        message: issue.received === 'undefined' || issue.received === 'null' ? '请填写此项' : '格式不正确',
      };
    case ZodIssueCode.too_small:
      if (issue.type === 'string') {
        return { message: Number(issue.minimum) <= 1 ? '请填写此项' : `至少需要 ${issue.minimum} 个字符` };
      }
      if (issue.type === 'array') return { message: `请至少选择 ${issue.minimum} 项` };
      return { message: `不能小于 ${issue.minimum}` };
    case ZodIssueCode.too_big:
      if (issue.type === 'string') return { message: `不能超过 ${issue.maximum} 个字符` };
      if (issue.type === 'array') return { message: `最多选择 ${issue.maximum} 项` };
      return { message: `不能大于 ${issue.maximum}` };
    case ZodIssueCode.invalid_string:
      if (issue.validation === 'email') return { message: '请填写有效的电子邮箱地址，如 gk@example.gov.cn' };
      if (issue.validation === 'url') return { message: '请填写以 http:// 或 https:// 开头的网址' };
      return { message: '格式不正确' };
    case ZodIssueCode.invalid_enum_value:
    case ZodIssueCode.invalid_literal:
      return { message: '请从给出的选项中选择' };
    case ZodIssueCode.unrecognized_keys:
      return { message: `不认识的字段：${issue.keys.join('、')}` };
    default:
      return { message: ctx.defaultError };
  }
};
