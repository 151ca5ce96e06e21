import { APPEAL_RESULTS } from '../../../appeals/appeal-case.table.ts';
import { APPEAL_RESULT_LABELS } from '../../../appeals/appeal-labels.ts';
import {
  CheckboxGroup,
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { APPEAL_FIELD_LABELS } from './appeal-form.tsx';

export interface AppealDetailView {
  readonly id: number;
  readonly title: string;
  readonly facts: readonly (readonly [string, string])[];
  readonly application: { readonly href: string; readonly number: string } | null;
  readonly prior: { readonly href: string; readonly label: string } | null;
  readonly dutyTitle: string;
  readonly due: string;
  readonly dutyState: string;
  readonly dutyExplanation: string;
  readonly decided: boolean;
  readonly reopened: boolean;
  readonly masked: boolean;
}

interface Props {
  readonly view: AppealDetailView;
  readonly canWrite: boolean;
  readonly csrfToken: string;
  readonly notice?: string | undefined;
  /** Which form the values and errors belong to. */
  readonly form?: 'response' | 'result' | undefined;
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

const RESULT_OPTIONS = [
  { value: '', label: '请选择' },
  ...APPEAL_RESULTS.map((r) => ({ value: r, label: APPEAL_RESULT_LABELS[r] })),
];

/** One case: its particulars, the agency's reply or defence with its clock, the result. */
export const AppealDetailPage = ({ view, canWrite, csrfToken, notice, form, values, errors }: Props) => {
  const mine = (which: 'response' | 'result') => (form === undefined || form === which ? values : {});
  const errorsOf = (which: 'response' | 'result') => (form === undefined || form === which ? errors : {});
  return (
    <>
      <h1>{view.title}</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      <ErrorSummary errors={errors} labels={APPEAL_FIELD_LABELS} />
      {view.masked ? (
        <p class="muted">申请人或原告的姓名已部分隐藏：仅登记员、承办人和管理员可查看。</p>
      ) : null}
      <dl class="facts">
        {view.facts.flatMap(([term, value]) => [
          <dt key={`t-${term}`}>{term}</dt>,
          <dd key={`d-${term}`}>{value}</dd>,
        ])}
        <dt>所涉申请</dt>
        <dd>
          {view.application ? (
            <a href={view.application.href}>{view.application.number}</a>
          ) : (
            '无（主动公开等）'
          )}
        </dd>
        {view.prior ? (
          <>
            <dt>此前的复议案件</dt>
            <dd>
              <a href={view.prior.href}>{view.prior.label}</a>
            </dd>
          </>
        ) : null}
      </dl>
      {canWrite ? (
        <p>
          <a class="button button--quiet" href={`/workbench/appeals/${view.id}/edit`}>
            修改案件信息
          </a>
        </p>
      ) : null}

      <h2>{view.dutyTitle}</h2>
      <dl class="facts">
        <dt>期限</dt>
        <dd>
          <strong>{view.due}</strong>
        </dd>
        <dt>状态</dt>
        <dd>{view.dutyState}</dd>
      </dl>
      {view.dutyExplanation ? <p class="muted">{view.dutyExplanation}</p> : null}
      {canWrite ? (
        <PostForm action={`/workbench/appeals/${view.id}/response`} csrfToken={csrfToken}>
          <TextField
            name="copyReceivedOn"
            label="收到副本的日期"
            required
            value={mine('response').copyReceivedOn}
            error={errorsOf('response').copyReceivedOn}
            hint="格式 YYYY-MM-DD"
            maxLength={10}
          />
          <TextField
            name="respondedOn"
            label="提交答复或答辩的日期"
            value={mine('response').respondedOn}
            error={errorsOf('response').respondedOn}
            hint="尚未提交的留空。格式 YYYY-MM-DD"
            maxLength={10}
          />
          <SubmitButton>保存</SubmitButton>
        </PostForm>
      ) : null}

      <h2>结果</h2>
      {canWrite && !view.reopened ? (
        <PostForm action={`/workbench/appeals/${view.id}/result`} csrfToken={csrfToken}>
          <SelectField
            name="result"
            label="结果"
            required
            options={RESULT_OPTIONS}
            value={mine('result').result}
            error={errorsOf('result').result}
            hint="纠正：撤销、变更、确认违法或责令履行等；其他：驳回起诉、撤诉、终止等"
          />
          <TextField
            name="decidedOn"
            label="结果日期"
            required
            value={mine('result').decidedOn}
            error={errorsOf('result').decidedOn}
            hint="复议决定或判决、裁定作出的日期。格式 YYYY-MM-DD"
            maxLength={10}
          />
          <TextField
            name="resultNote"
            label="结果说明"
            multiline
            value={mine('result').resultNote}
            error={errorsOf('result').resultNote}
            maxLength={1000}
          />
          <CheckboxGroup
            name="reopensApplication"
            label="责令重新答复"
            options={[
              { value: '1', label: '复议决定或判决责令本机关对所涉申请重新作出答复（申请将重新办理）' },
            ]}
            values={mine('result').reopensApplication === '1' ? ['1'] : []}
            error={errorsOf('result').reopensApplication}
          />
          <TextField
            name="reopenedOn"
            label="收到重新办理决定的日期"
            value={mine('result').reopenedOn}
            error={errorsOf('result').reopenedOn}
            hint="重新办理的答复期限自次日起算20个工作日；不填则为结果日期。格式 YYYY-MM-DD"
            maxLength={10}
          />
          <SubmitButton>{view.decided ? '更正结果' : '记录结果'}</SubmitButton>
        </PostForm>
      ) : null}
      <p>
        <a href="/workbench/appeals">返回案件列表</a>
      </p>
    </>
  );
};
