import type { AgencyView } from '../../presenters/agency.presenter.ts';
import { DataTable } from '../components/table.tsx';

/** Art. 49: departments publish by 31 January; county-level and higher governments by 31 March. */
const deadline = (kindLabel: string): string =>
  kindLabel === '人民政府'
    ? '县级以上地方人民政府的年度报告由本级政府信息公开工作主管部门于每年 3 月 31 日前向社会公布（《条例》第四十九条）。'
    : '县级以上人民政府部门于每年 1 月 31 日前向本级政府信息公开工作主管部门提交并向社会公布上一年度的年度报告（《条例》第四十九条）。';

/** A published report as the portal lists it. */
export interface PublishedReportRow {
  readonly year: number;
  readonly href: string;
  readonly publishedOn: string;
  /** '逾期发布（法定期限 2020-03-31）' or ''. */
  readonly late: string;
  readonly imported: boolean;
}

export const AnnualReports = ({
  agency,
  reports = [],
}: {
  agency: AgencyView;
  reports?: readonly PublishedReportRow[];
}) => (
  <>
    <h1>{agency.name}政府信息公开年报</h1>
    <p class="lead">
      本栏目发布本机关历年的政府信息公开工作年度报告。报告说明主动公开、收到和处理申请、行政复议和行政诉讼等情况（《条例》第五十条）。
    </p>
    <p>{deadline(agency.kindLabel)}</p>
    <h2>已发布的年度报告</h2>
    {reports.length === 0 ? (
      <div class="empty-state">
        <p class="empty-state__title">暂无已发布的年度报告</p>
        <p>本机关尚未在本平台发布年度报告。报告发布后将按年度列在这里，可在线阅读和下载。</p>
      </div>
    ) : (
      <DataTable
        caption="已发布的年度报告"
        columns={[
          {
            header: '报告',
            cell: (r: PublishedReportRow) => (
              <a href={r.href}>{`${agency.name}${r.year}年政府信息公开工作年度报告`}</a>
            ),
          },
          {
            header: '公布日期',
            cell: (r: PublishedReportRow) => (r.imported ? '往年报告（导入）' : r.publishedOn),
            nowrap: true,
          },
          { header: '说明', cell: (r: PublishedReportRow) => r.late },
        ]}
        rows={reports}
        rowKey={(r) => r.year}
        empty="暂无已发布的年度报告"
      />
    )}
  </>
);
