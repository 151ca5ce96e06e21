import { z } from 'zod';
import {
  beijingToday,
  blankToUndefined,
  dateField,
  idField,
  optionalText,
} from '../applications/workflow-input.ts';
import { APPEAL_KINDS, APPEAL_RESULTS } from './appeal-case.table.ts';

const optionalDate = (label: string) => z.preprocess(blankToUndefined, dateField(label).optional());

const requiredText = (label: string, max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ required_error: `请填写${label}` })
      .trim()
      .min(1, `请填写${label}`)
      .max(max, `${label}不能超过 ${max} 个字`),
  );

/** The case as the clerk records and edits it (the respondent agency is chosen apart). */
export const appealCaseSchema = z.object({
  kind: z.enum(APPEAL_KINDS, { errorMap: () => ({ message: '请选择案件类型' }) }),
  applicationNumber: optionalText('申请编号', 40),
  priorCaseId: z.preprocess(blankToUndefined, idField('请选择复议案件').optional()),
  caseNumber: optionalText('案号', 100),
  body: requiredText('复议机关或人民法院', 100),
  claimantName: optionalText('申请人或原告', 100),
  subject: optionalText('案由', 500),
  filedOn: dateField('申请复议或起诉的日期'),
  copyReceivedOn: optionalDate('收到副本的日期'),
  respondedOn: optionalDate('提交答复或答辩的日期'),
});
export type AppealCaseInput = z.infer<typeof appealCaseSchema>;

export const appealResponseSchema = z.object({
  copyReceivedOn: dateField('收到副本的日期'),
  respondedOn: optionalDate('提交答复或答辩的日期'),
});

const checkbox = z.preprocess((v) => v === '1' || v === 'on' || v === true, z.boolean());

export const appealResultSchema = z.object({
  result: z.enum(APPEAL_RESULTS, { errorMap: () => ({ message: '请选择结果' }) }),
  decidedOn: dateField('结果日期'),
  resultNote: optionalText('结果说明', 1000),
  reopensApplication: checkbox,
  reopenedOn: optionalDate('收到重新办理决定的日期'),
});

export type DatedCase = {
  readonly filedOn: string;
  readonly copyReceivedOn?: string | null | undefined;
  readonly respondedOn?: string | null | undefined;
  readonly decidedOn?: string | null | undefined;
};

/** The dates of a case in their order: filed ≤ copy received ≤ responded; decided ≥ filed; none after today. */
export const dateOrderProblems = (c: DatedCase, now: Date): { field: string; message: string }[] => {
  const today = beijingToday(now);
  const problems: { field: string; message: string }[] = [];
  const future = (field: string, label: string, date: string | null | undefined) => {
    if (date != null && date > today) problems.push({ field, message: `${label}不能晚于今天` });
  };
  future('filedOn', '申请复议或起诉的日期', c.filedOn);
  future('copyReceivedOn', '收到副本的日期', c.copyReceivedOn);
  future('respondedOn', '提交答复或答辩的日期', c.respondedOn);
  future('decidedOn', '结果日期', c.decidedOn);
  if (c.copyReceivedOn != null && c.copyReceivedOn < c.filedOn)
    problems.push({
      field: 'copyReceivedOn',
      message: `收到副本的日期不能早于申请复议或起诉的日期（${c.filedOn}）`,
    });
  if (c.respondedOn != null && c.copyReceivedOn == null)
    problems.push({ field: 'copyReceivedOn', message: '记录答复或答辩日期前，请先填写收到副本的日期' });
  if (c.respondedOn != null && c.copyReceivedOn != null && c.respondedOn < c.copyReceivedOn)
    problems.push({
      field: 'respondedOn',
      message: `提交答复或答辩的日期不能早于收到副本的日期（${c.copyReceivedOn}）`,
    });
  if (c.decidedOn != null && c.decidedOn < c.filedOn)
    problems.push({ field: 'decidedOn', message: `结果日期不能早于申请复议或起诉的日期（${c.filedOn}）` });
  return problems;
};
