import type { ComponentChildren } from 'preact';
import {
  DELIVERY_METHOD_LABELS,
  DELIVERY_METHODS,
  DELIVERY_PROOF_LABELS,
  SECRECY_RESULT_LABELS,
  SECRECY_RESULTS,
} from '../../../applications/decision.ts';
import { OUTCOME_DEFINITIONS, OUTCOMES } from '../../../applications/outcomes.ts';
import {
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';

/** The things done to an application after intake, each on a page of its own. */
export const APPLICATION_ACTIONS = [
  'assign',
  'co-handlers',
  'secrecy-review',
  'decision',
  'approval',
  'delivery',
] as const;
export type ApplicationAction = (typeof APPLICATION_ACTIONS)[number];

export const ACTION_TITLES: Record<ApplicationAction, string> = {
  assign: '分办',
  'co-handlers': '安排会办',
  'secrecy-review': '记录保密审查',
  decision: '作出答复决定',
  approval: '审批拟办意见',
  delivery: '记录送达',
};

export const ACTION_FIELD_LABELS: Readonly<Record<string, string>> = {
  handlingAgencyId: '承办单位',
  handlerUserId: '承办人',
  agencyId: '会办单位',
  result: '审查结论',
  reviewer: '审查人',
  outcome: '办理结果',
  date: '日期',
  reason: '具体理由',
  referredAgencyName: '负责公开该信息的机关',
  referredAgencyContact: '该机关的联系方式',
  verdict: '审批意见',
  method: '送达方式',
  proof: '送达凭证',
  note: '备注',
};

export interface ActionContext {
  readonly agencies: readonly Option[];
  readonly handlers: readonly Option[];
  /** The proposal awaiting approval, in words. */
  readonly proposal?: string | undefined;
}

interface Props {
  readonly action: ApplicationAction;
  readonly applicationId: number;
  readonly trackingNumber: string;
  readonly status: string;
  readonly deadline: string;
  readonly csrfToken: string;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
  readonly context: ActionContext;
}

const outcomeOptions: Option[] = [
  { value: '', label: '请选择' },
  ...OUTCOMES.map((o) => ({
    value: o,
    label: `${OUTCOME_DEFINITIONS[o].label}（${OUTCOME_DEFINITIONS[o].basis}）`,
  })),
];

const Fields = ({ action, values, errors, context }: Props): ComponentChildren => {
  const v = (name: string) => values[name];
  const e = (name: string) => errors[name];
  const date = (label: string) => (
    <TextField
      name="date"
      label={label}
      required
      value={v('date')}
      error={e('date')}
      hint="格式 YYYY-MM-DD"
      maxLength={10}
    />
  );
  const note = (label = '备注', required = false) => (
    <TextField
      name="note"
      label={label}
      required={required}
      multiline
      value={v('note')}
      error={e('note')}
      maxLength={1000}
    />
  );
  switch (action) {
    case 'assign':
      return (
        <>
          <SelectField
            name="handlingAgencyId"
            label="承办单位"
            required
            options={context.agencies}
            value={v('handlingAgencyId')}
            error={e('handlingAgencyId')}
          />
          <SelectField
            name="handlerUserId"
            label="承办人"
            options={[{ value: '', label: '暂不指定' }, ...context.handlers]}
            value={v('handlerUserId')}
            error={e('handlerUserId')}
            hint="须为承办单位的承办人员"
          />
          {note()}
        </>
      );
    case 'co-handlers':
      return (
        <>
          <SelectField
            name="agencyId"
            label="会办单位"
            required
            options={context.agencies}
            value={v('agencyId')}
            error={e('agencyId')}
          />
          {note()}
        </>
      );
    case 'secrecy-review':
      return (
        <>
          <SelectField
            name="result"
            label="审查结论"
            required
            options={[
              { value: '', label: '请选择' },
              ...SECRECY_RESULTS.map((r) => ({ value: r, label: SECRECY_RESULT_LABELS[r] })),
            ]}
            value={v('result')}
            error={e('result')}
          />
          {date('审查日期')}
          <TextField
            name="reviewer"
            label="审查人"
            required
            value={v('reviewer')}
            error={e('reviewer')}
            maxLength={100}
          />
          {note('审查意见')}
        </>
      );
    case 'decision':
      return (
        <>
          <SelectField
            name="outcome"
            label="办理结果"
            required
            options={outcomeOptions}
            value={v('outcome')}
            error={e('outcome')}
            hint="每件申请只有一个办理结果；予以公开和部分公开须先完成保密审查。"
          />
          {date('决定日期')}
          <TextField
            name="reason"
            label="具体理由"
            multiline
            value={v('reason')}
            error={e('reason')}
            hint="写入答复告知书；不予公开和部分公开必须填写。"
            maxLength={2000}
          />
          <TextField
            name="referredAgencyName"
            label="负责公开该信息的机关"
            value={v('referredAgencyName')}
            error={e('referredAgencyName')}
            hint="本机关不掌握、能够确定负责公开的机关时填写（条例第三十六条第（五）项）"
            maxLength={100}
          />
          <TextField
            name="referredAgencyContact"
            label="该机关的联系方式"
            value={v('referredAgencyContact')}
            error={e('referredAgencyContact')}
            maxLength={200}
          />
        </>
      );
    case 'approval':
      return (
        <>
          <p>
            拟办意见：<strong>{context.proposal ?? '—'}</strong>
          </p>
          <SelectField
            name="verdict"
            label="审批意见"
            required
            options={[
              { value: 'approve', label: '同意，作出答复决定' },
              { value: 'return', label: '不同意，退回承办人' },
            ]}
            value={v('verdict')}
            error={e('verdict')}
          />
          {note('意见说明', false)}
        </>
      );
    case 'delivery':
      return (
        <>
          <SelectField
            name="method"
            label="送达方式"
            required
            options={[
              { value: '', label: '请选择' },
              ...DELIVERY_METHODS.map((m) => ({ value: m, label: DELIVERY_METHOD_LABELS[m] })),
            ]}
            value={v('method')}
            error={e('method')}
          />
          {date('送达日期')}
          <TextField
            name="proof"
            label="送达凭证"
            value={v('proof')}
            error={e('proof')}
            hint={`如：${DELIVERY_METHODS.filter((m) => m !== 'online')
              .map((m) => DELIVERY_PROOF_LABELS[m])
              .join('；')}`}
            maxLength={500}
          />
          {note()}
        </>
      );
  }
};

/** One action on one application: what it is about, then its form. */
export const ApplicationActionPage = (props: Props) => (
  <>
    <h1>
      {ACTION_TITLES[props.action]}：申请 {props.trackingNumber}
    </h1>
    <dl class="facts">
      <dt>状态</dt>
      <dd>{props.status}</dd>
      <dt>答复期限</dt>
      <dd>{props.deadline}</dd>
    </dl>
    <ErrorSummary errors={props.errors} labels={ACTION_FIELD_LABELS} />
    <PostForm
      action={`/workbench/applications/${props.applicationId}/${props.action}`}
      csrfToken={props.csrfToken}
    >
      {Fields(props)}
      <SubmitButton>{ACTION_TITLES[props.action]}</SubmitButton>
    </PostForm>
    <p>
      <a href={`/workbench/applications/${props.applicationId}`}>返回申请详情</a>
    </p>
  </>
);
