import { CHANNEL_LABELS, CHANNELS } from '../../../applications/application-kinds.ts';
import { APPLICANT_FIELD_LABELS, ApplicantFields, optionsOf } from '../components/applicant-fields.tsx';
import {
  ErrorSummary,
  type FieldErrors,
  type Option,
  PostForm,
  SelectField,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { TrackingCredentials } from '../components/tracking-credentials.tsx';

export const REGISTER_FIELD_LABELS: Readonly<Record<string, string>> = {
  agencyId: '受理机关',
  channel: '申请渠道',
  arrivedOn: '申请到达日期',
  receivedOn: '收到申请日期',
  ...APPLICANT_FIELD_LABELS,
};

/** Staff register what came by letter, post, in person, fax, e-mail or otherwise. */
const STAFF_CHANNELS = CHANNELS.filter((c) => c !== 'online');

interface Props {
  readonly csrfToken: string;
  readonly submissionKey: string;
  readonly agencies: readonly Option[];
  readonly values: Readonly<Record<string, string>>;
  readonly errors: FieldErrors;
}

export const NewApplicationForm = ({ csrfToken, submissionKey, agencies, values, errors }: Props) => {
  const field = (name: string) => ({ name, label: REGISTER_FIELD_LABELS[name] ?? name, error: errors[name] });
  return (
    <>
      <h1>登记申请</h1>
      <p class="lead">
        登记以信函、邮寄、当面、传真、电子邮件等方式收到的申请。依条例第三十一条，到达日期与收到申请日期分别记录，答复期限自收到申请日期的次日起算。
      </p>
      <ErrorSummary errors={errors} labels={REGISTER_FIELD_LABELS} />
      <PostForm action="/workbench/applications" csrfToken={csrfToken}>
        <input type="hidden" name="submissionKey" value={submissionKey} />
        <SelectField {...field('agencyId')} required options={agencies} value={values.agencyId} />
        <SelectField
          {...field('channel')}
          required
          options={optionsOf(STAFF_CHANNELS, CHANNEL_LABELS)}
          value={values.channel}
        />
        <TextField
          {...field('arrivedOn')}
          required
          value={values.arrivedOn}
          hint="申请送达本机关的日期，格式 YYYY-MM-DD"
          maxLength={10}
        />
        <TextField
          {...field('receivedOn')}
          required
          value={values.receivedOn}
          hint="当面提交为提交当日；邮寄为签收之日；平常信函为与申请人确认之日；传真、电子邮件为双方确认之日（条例第三十一条）"
          maxLength={10}
        />
        <ApplicantFields values={values} errors={errors} personal={false} />
        <div class="actions">
          <SubmitButton>登记申请</SubmitButton>
          <a href="/workbench/applications">返回申请列表</a>
        </div>
      </PostForm>
    </>
  );
};

/** Shown once after registration: the secret code exists nowhere else. */
export const ApplicationRegistered = ({
  id,
  trackingNumber,
  secretCode,
}: {
  id: number;
  trackingNumber: string;
  secretCode: string | null;
}) => (
  <>
    <h1>申请已登记</h1>
    <TrackingCredentials trackingNumber={trackingNumber} secretCode={secretCode} />
    {secretCode ? (
      <p class="notice">
        请将申请编号和查询码告知申请人（例如写入受理回执）：查询码只显示这一次，系统只保存其摘要，无法再次查看。
      </p>
    ) : (
      <p class="notice">这份申请此前已经登记过，未重复登记。查询码已在首次登记时显示。</p>
    )}
    <div class="actions">
      <a class="button" href={`/workbench/applications/${id}`}>
        查看申请
      </a>
      <a href="/workbench/applications/new">继续登记</a>
    </div>
  </>
);
