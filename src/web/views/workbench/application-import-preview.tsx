import type { ApplicationImport } from '../../../applications/import/application-imports.ts';
import type { ImportRowError, ImportSampleRow } from '../../../applications/import/check-import.ts';
import { beijingDateTime } from '../../presenters/dates.ts';
import { Notice, PostForm, SubmitButton } from '../components/form.tsx';
import { DataTable } from '../components/table.tsx';

interface Props {
  readonly view: ApplicationImport;
  readonly agencyName: string;
  readonly csrfToken: string;
  readonly notice?: string | undefined;
  /** Why the last confirmation was refused. */
  readonly error?: string | undefined;
}

const STATUS_LABELS = { pending: '待确认', done: '已导入', discarded: '已放弃' } as const;

type Warning = ApplicationImport['summary']['warnings'][number];

/** The preview of an upload: the counts, the errors (nothing is imported while there are any), the warnings, a masked sample. */
export const ApplicationImportPreview = ({ view, agencyName, csrfToken, notice, error }: Props) => {
  const s = view.summary;
  const base = `/workbench/applications/import/${view.id}`;
  return (
    <>
      <h1>导入预览</h1>
      {notice ? <Notice>{notice}</Notice> : null}
      {error ? (
        <div class="error-summary" role="alert">
          <p>{error}</p>
        </div>
      ) : null}
      <dl class="summary-list">
        <dt>受理机关</dt>
        <dd>{agencyName}</dd>
        <dt>文件</dt>
        <dd>{view.fileName}</dd>
        <dt>上传时间</dt>
        <dd>{beijingDateTime(view.createdAt)}</dd>
        <dt>状态</dt>
        <dd>{STATUS_LABELS[view.status]}</dd>
      </dl>
      <table class="data-table">
        <caption>可导入的数量</caption>
        <tbody>
          <tr>
            <th scope="row">申请</th>
            <td class="numeric">{s.applications}</td>
          </tr>
          <tr>
            <th scope="row">其中未办结（进入办理队列）</th>
            <td class="numeric">{s.open}</td>
          </tr>
          <tr>
            <th scope="row">其中已决定待送达</th>
            <td class="numeric">{s.decidedNotDelivered}</td>
          </tr>
          <tr>
            <th scope="row">其中已办结</th>
            <td class="numeric">{s.closed}</td>
          </tr>
          <tr>
            <th scope="row">{`其中${s.year}年以前收到、${s.year}年1月1日时尚未答复（上年结转）`}</th>
            <td class="numeric">{s.carriedOver}</td>
          </tr>
          <tr>
            <th scope="row">办理事件</th>
            <td class="numeric">{s.events}</td>
          </tr>
        </tbody>
      </table>
      <p class="notice">
        导入的申请会获得新的申请编号，但没有查询码：申请人不能在门户网站上查询这些申请的办理进度。
      </p>
      {s.errorCount > 0 ? (
        <>
          <h2>错误（{s.errorCount} 处）</h2>
          <p>文件中有错误，不能导入。请在文件中改正后重新上传。</p>
          <DataTable<ImportRowError>
            caption={s.errorCount > s.errors.length ? `错误（列出前 ${s.errors.length} 处）` : '错误'}
            columns={[
              { header: '表', cell: (e) => e.sheet ?? '', nowrap: true },
              { header: '行', cell: (e) => e.row ?? '', numeric: true },
              { header: '列', cell: (e) => e.column ?? '', nowrap: true },
              { header: '问题', cell: (e) => e.message },
            ]}
            rows={s.errors}
            rowKey={(e) => `${e.sheet}-${e.row}-${e.column}-${e.message}`}
            empty="没有错误"
          />
        </>
      ) : null}
      {s.warningCount > 0 ? (
        <>
          <h2>提示（{s.warningCount} 件申请）</h2>
          <p>以下情况按原样导入，不影响导入，请核对。</p>
          <DataTable<Warning>
            caption="提示"
            columns={[
              { header: '导入编号', cell: (w) => w.ref, nowrap: true },
              { header: '行', cell: (w) => w.row, numeric: true },
              {
                header: '提示',
                cell: (w) => (
                  <ul>
                    {w.messages.map((m) => (
                      <li key={m}>{m}</li>
                    ))}
                  </ul>
                ),
              },
            ]}
            rows={s.warnings}
            rowKey={(w) => `${w.ref}-${w.row}`}
            empty="没有提示"
          />
        </>
      ) : null}
      <h2>样例</h2>
      <DataTable<ImportSampleRow>
        caption={`前 ${s.sample.length} 件申请（个人信息已脱敏）`}
        wide
        columns={[
          { header: '导入编号', cell: (r) => r.ref, nowrap: true },
          { header: '收到日期', cell: (r) => r.receivedOn, nowrap: true },
          { header: '申请人类型', cell: (r) => r.applicantType },
          { header: '申请人', cell: (r) => r.applicantName },
          { header: '证件号码', cell: (r) => r.idNumber, nowrap: true },
          { header: '联系电话', cell: (r) => r.phone, nowrap: true },
          { header: '办理阶段', cell: (r) => r.stage },
          { header: '答复结果', cell: (r) => r.outcome ?? '—' },
          { header: '答复期限', cell: (r) => r.due ?? '—', nowrap: true },
        ]}
        rows={s.sample}
        rowKey={(r) => r.ref}
        empty="没有可导入的申请"
      />
      {view.status === 'pending' ? (
        <div class="actions">
          {s.errorCount === 0 && s.applications > 0 ? (
            <PostForm action={`${base}/confirm`} csrfToken={csrfToken}>
              <SubmitButton>确认导入 {s.applications} 件申请</SubmitButton>
            </PostForm>
          ) : null}
          <PostForm action={`${base}/discard`} csrfToken={csrfToken}>
            <SubmitButton quiet>放弃本次导入</SubmitButton>
          </PostForm>
          <a href="/workbench/applications/import">重新上传</a>
        </div>
      ) : (
        <div class="actions">
          <a class="button" href="/workbench/applications">
            查看申请列表
          </a>
          <a href="/workbench/applications/import">再导入一个文件</a>
        </div>
      )}
    </>
  );
};
