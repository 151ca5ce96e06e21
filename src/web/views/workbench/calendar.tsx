import type { OfficialSchedule } from '../../../calendar/official-schedules.ts';
import {
  ErrorSummary,
  type FieldErrors,
  Notice,
  PostForm,
  SubmitButton,
  TextField,
} from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

export const CALENDAR_FIELD_LABELS: Readonly<Record<string, string>> = {
  year: '年份',
  notices: '通知名称',
  holidays: '放假日期',
  makeUpWorkdays: '调休上班日期',
};

export interface CalendarYearView {
  readonly year: number;
  readonly source: string;
  readonly schedule: OfficialSchedule;
}

/** The working-day calendar: the years loaded, and the form for a new year's schedule. */
export const CalendarPage = ({
  years,
  csrfToken,
  values,
  errors,
  saved,
}: {
  years: readonly CalendarYearView[];
  csrfToken: string;
  values: Readonly<Record<string, string>>;
  errors: FieldErrors;
  saved: string | null;
}) => {
  const field = (name: string) => ({ name, label: CALENDAR_FIELD_LABELS[name] ?? name, error: errors[name] });
  return (
    <>
      <h1>工作日日历</h1>
      <p class="lead">
        所有法定期限按工作日计算：周末和法定节假日休息，调休上班日工作。国务院办公厅每年发布次年的节假日安排后，请在此录入；所有未办结申请的答复期限随即按新日历计算。
      </p>
      {saved ? <Notice>{saved}</Notice> : null}
      <DataTable
        caption="已载入的节假日安排"
        rows={years}
        rowKey={(y) => y.year}
        empty="尚未载入节假日安排。"
        columns={[
          { header: '年份', cell: (y) => `${y.year}年`, nowrap: true },
          { header: '来源', cell: (y) => y.source, nowrap: true },
          { header: '放假', cell: (y) => y.schedule.holidays.join('，') },
          { header: '调休上班', cell: (y) => y.schedule.makeUpWorkdays.join('，') || '—' },
        ]}
      />
      <h2>录入一年的节假日安排</h2>
      <ErrorSummary errors={errors} labels={CALENDAR_FIELD_LABELS} />
      <PostForm action="/workbench/calendar" csrfToken={csrfToken}>
        <TextField {...field('year')} required value={values.year} maxLength={4} hint="例如 2027" />
        <TextField {...field('notices')} required value={values.notices} hint="国务院办公厅通知的名称" />
        <TextField
          {...field('holidays')}
          required
          multiline
          value={values.holidays}
          hint="每行一项：某一天 YYYY-MM-DD，或一段 YYYY-MM-DD/YYYY-MM-DD（含首尾）"
        />
        <TextField
          {...field('makeUpWorkdays')}
          multiline
          value={values.makeUpWorkdays}
          hint="每行一个调休上班的周六或周日 YYYY-MM-DD"
        />
        <SubmitButton>保存</SubmitButton>
      </PostForm>
    </>
  );
};
