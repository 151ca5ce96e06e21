import { z } from 'zod';
import { APPLICANT_TYPES, CHANNELS, FORMS_WANTED, ID_TYPES } from './application-kinds.ts';
import { ID_NUMBER_PROBLEM_MESSAGES, idNumberProblem } from './identity-number.ts';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

const isoDate = (label: string) =>
  z
    .string({ required_error: `请填写${label}` })
    .regex(DATE, `${label}应为 YYYY-MM-DD 格式的日期`)
    .refine((s) => new Date(`${s}T00:00:00Z`).toISOString().startsWith(s), `${label}不是有效的日期`);

const text = (label: string, max: number) =>
  z
    .string({ required_error: `请填写${label}` })
    .trim()
    .min(1, `请填写${label}`)
    .max(max, `${label}不能超过 ${max} 个字`);

/**
 * An application as the portal form, the staff registration form and an import row give it
 * (Art. 29): who applies and how to reach them, what information, in what form; and when it
 * arrived and counts as received (Art. 31). `today` bounds the dates and the ID's birth date.
 */
export const submitApplicationSchema = (today: string) =>
  z
    .object({
      channel: z.enum(CHANNELS, { errorMap: () => ({ message: '请选择申请渠道' }) }),
      arrivedOn: isoDate('收到申请的日期'),
      receivedOn: isoDate('申请受理日期'),
      applicantType: z.enum(APPLICANT_TYPES, { errorMap: () => ({ message: '请选择申请人类型' }) }),
      applicantName: text('申请人姓名或名称', 100),
      idType: z.enum(ID_TYPES, { errorMap: () => ({ message: '请选择身份证明类型' }) }),
      idNumber: text('身份证明号码', 40),
      phone: z
        .string({ required_error: '请填写联系电话' })
        .trim()
        .regex(/^[\d\-+() ]{7,20}$/, '联系电话应为 7 至 20 位数字，可含 - + ( ) 和空格'),
      address: z.string().trim().max(200, '通信地址不能超过 200 个字').optional(),
      email: z.string().trim().email('电子邮箱格式不正确').optional().or(z.literal('')),
      description: text('所需政府信息的名称、文号或者便于查询的其他特征性描述', 4000),
      formWanted: z.enum(FORMS_WANTED, { errorMap: () => ({ message: '请选择获取信息的方式' }) }),
    })
    .superRefine((v, ctx) => {
      if (v.idType === 'residentId') {
        const problem = idNumberProblem(v.idNumber, today);
        if (problem)
          ctx.addIssue({ code: 'custom', path: ['idNumber'], message: ID_NUMBER_PROBLEM_MESSAGES[problem] });
      }
      if (v.receivedOn < v.arrivedOn) {
        ctx.addIssue({ code: 'custom', path: ['receivedOn'], message: '申请受理日期不能早于收到申请的日期' });
      }
      for (const field of ['arrivedOn', 'receivedOn'] as const) {
        if (v[field] > today) ctx.addIssue({ code: 'custom', path: [field], message: '日期不能晚于今天' });
      }
      if (v.applicantType !== 'natural' && v.idType === 'residentId') {
        ctx.addIssue({
          code: 'custom',
          path: ['idType'],
          message: '法人或其他组织请填写统一社会信用代码等组织身份证明',
        });
      }
    });

export type SubmitApplicationInput = z.infer<ReturnType<typeof submitApplicationSchema>>;
