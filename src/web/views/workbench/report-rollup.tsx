import { cellKey } from '../../../reports/model/edition.ts';
import { EDITIONS } from '../../../reports/model/editions.ts';
import {
  type AgencyRollup,
  type FiguresSource,
  ROLLUP_STATUS_LABELS,
  ROLLUP_STATUSES,
  type Rollup,
  VERY_OVERDUE_WORKING_DAYS,
  type YearFigures,
} from '../../../reports/rollup/index.ts';
import { tableName } from '../../../reports/validate/labels.ts';
import type { Option } from '../components/form.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';
import { CompareChooser } from './report-compare.tsx';

const SOURCE_LABELS: Record<FiguresSource, string> = {
  locked: '提交时锁定的数据',
  imported: '导入的已发布年报',
  live: '按登记记录实时统计',
};

const percent = (rate: number | null): string => (rate === null ? '—' : `${(rate * 100).toFixed(1)}%`);

const corrections = (c: { decided: number; corrected: number; rate: number | null }): string =>
  c.decided === 0 ? '—' : `${c.corrected}/${c.decided}（${percent(c.rate)}）`;

/** An SVG chart rendered on the server, named for screen readers, with its text table after it. */
const Chart = ({ svg, label, tableId }: { svg: string; label: string; tableId: string }) => (
  <figure class="chart">
    {/* ECharts escapes the text it draws; the SVG is made on the server from our own figures. */}
    <div
      role="img"
      aria-label={`${label}（数据见下表）`}
      aria-describedby={tableId}
      dangerouslySetInnerHTML={{ __html: svg }}
    />
    <figcaption>{label}</figcaption>
  </figure>
);

const AgencyRow = ({ row, year }: { row: AgencyRollup; year: number }) => {
  const i = row.inspector;
  return (
    <tr>
      <th scope="row">
        {'　'.repeat(row.depth)}
        {row.agency.name}
      </th>
      <td>
        <span class="tag">{ROLLUP_STATUS_LABELS[row.status]}</span>
      </td>
      <td class="nowrap">{row.deadline}</td>
      <td>
        {SOURCE_LABELS[row.figuresSource]}
        {row.report?.source === 'imported' ? (
          <>
            {' '}
            <a href={`/workbench/reports/compare?agency=${row.agency.id}&year=${year}`}>对照</a>
          </>
        ) : null}
      </td>
      <td class="numeric">{row.report === null ? '—' : row.errors}</td>
      <td class="numeric">{row.report === null ? '—' : row.warnings}</td>
      <td class="numeric">{i.received}</td>
      <td class="numeric">{i.replied}</td>
      <td class="numeric">{percent(i.onTimeRate)}</td>
      <td class="numeric">{i.overdue}</td>
      <td class="numeric">{i.veryOverdue}</td>
      <td class="numeric">{corrections(i.reconsideration)}</td>
      <td class="numeric">{corrections(i.litigation)}</td>
    </tr>
  );
};

/**
 * A supervisor's roll-up of a government and the agencies under it for a year: statuses,
 * findings, inspector figures per agency, two charts with their tables, and the summed form.
 */
export const ReportRollup = ({
  rollup,
  trend,
  agencies,
  charts,
}: {
  rollup: Rollup;
  trend: readonly YearFigures[];
  agencies: readonly Option[];
  charts: { perAgency: string; trend: string };
}) => {
  const { government, year } = rollup;
  const edition = EDITIONS[rollup.edition];
  return (
    <>
      <h1>
        {government.name}及所属机关{year}年度年报汇总
      </h1>
      <CompareChooser
        agencies={agencies}
        values={{ agency: String(government.id), year: String(year) }}
        action="/workbench/reports/rollup"
        title="汇总"
      />
      <p class="lead">
        共 {rollup.agencies.length} 个机关：
        {ROLLUP_STATUSES.map((s) => `${ROLLUP_STATUS_LABELS[s]} ${rollup.statusCounts[s]} 个`).join('，')}。
      </p>
      <ScrollRegion label="各机关年报情况">
        <table class="data-table data-table--wide">
          <caption>各机关年报情况与办理指标</caption>
          <thead>
            <tr>
              <th scope="col">机关</th>
              <th scope="col">年报状态</th>
              <th scope="col">发布期限</th>
              <th scope="col">数据来源</th>
              <th scope="col" class="numeric">
                校验错误
              </th>
              <th scope="col" class="numeric">
                校验提示
              </th>
              <th scope="col" class="numeric">
                收到申请
              </th>
              <th scope="col" class="numeric">
                作出答复
              </th>
              <th scope="col" class="numeric">
                按期答复率
              </th>
              <th scope="col" class="numeric">
                逾期
              </th>
              <th scope="col" class="numeric">
                严重逾期
              </th>
              <th scope="col" class="numeric">
                行政复议纠正
              </th>
              <th scope="col" class="numeric">
                行政诉讼纠正
              </th>
            </tr>
          </thead>
          <tbody>
            {rollup.agencies.map((row) => (
              <AgencyRow key={row.agency.id} row={row} year={year} />
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <p class="muted">
        年报状态：“逾期”为超过法定期限（政府为次年3月31日，部门等为次年1月31日）才发布或至今尚未发布；“未编制”为既没有系统编制的年报，也没有导入的年报。
        答复以送达日期为准（导入的申请没有送达记录的，以决定日期为准）；按期答复率 =
        本年在答复期限内答复的件数 ÷ 本年答复的件数；逾期 = 本年超过期限答复的件数 +
        年末（本年度为今天）仍未答复且已过期限的件数；严重逾期为其中超过期限 {VERY_OVERDUE_WORKING_DAYS}{' '}
        个工作日以上的。纠正率 = 本年作出决定或判决中“纠正”的件数 ÷ 本年作出决定或判决的件数。
      </p>

      <h2>各机关申请数量</h2>
      <Chart
        svg={charts.perAgency}
        label={`${year}年各机关收到和答复的申请数量`}
        tableId="rollup-per-agency"
      />
      <ScrollRegion label="各机关申请数量">
        <table class="data-table" id="rollup-per-agency">
          <caption>{year}年各机关收到和答复的申请数量</caption>
          <thead>
            <tr>
              <th scope="col">机关</th>
              <th scope="col" class="numeric">
                收到申请
              </th>
              <th scope="col" class="numeric">
                作出答复
              </th>
            </tr>
          </thead>
          <tbody>
            {rollup.agencies.map((row) => (
              <tr key={row.agency.id}>
                <th scope="row">{row.agency.name}</th>
                <td class="numeric">{row.inspector.received}</td>
                <td class="numeric">{row.inspector.replied}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>历年主要数据</h2>
      <Chart svg={charts.trend} label={`${government.name}及所属机关历年主要数据`} tableId="rollup-trend" />
      <ScrollRegion label="历年主要数据">
        <table class="data-table" id="rollup-trend">
          <caption>{government.name}及所属机关历年主要数据（各年按该年汇总的数据来源合计）</caption>
          <thead>
            <tr>
              <th scope="col">年度</th>
              <th scope="col" class="numeric">
                本年新收申请
              </th>
              <th scope="col" class="numeric">
                办理结果总计
              </th>
              <th scope="col" class="numeric">
                行政复议
              </th>
              <th scope="col" class="numeric">
                行政诉讼
              </th>
            </tr>
          </thead>
          <tbody>
            {trend.map((y) => (
              <tr key={y.year}>
                <th scope="row">{y.year}</th>
                <td class="numeric">{y.newApplications}</td>
                <td class="numeric">{y.decided}</td>
                <td class="numeric">{y.reconsiderations}</td>
                <td class="numeric">{y.lawsuits}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>

      <h2>汇总表格</h2>
      <p class="muted">
        各单元格为所列机关数据之和：已提交（及审核、发布）的年报取提交时锁定的数据，导入的年报取其所载数据（含其错误），草稿和未编制的按登记记录实时统计；空白或缺少的单元格按0计。
      </p>
      {edition.tables.map((table) => (
        <ScrollRegion key={table.id} label={`汇总：${tableName(table)}`}>
          <table class="data-table data-table--wide">
            <caption>汇总：{tableName(table)}</caption>
            <thead>
              <tr>
                <th scope="col">项目</th>
                {table.columns.map((c) => (
                  <th key={c.key} scope="col" class="numeric">
                    {c.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r) => (
                <tr key={r.key}>
                  <th scope="row">{r.label}</th>
                  {table.columns.map((c) => (
                    <td key={c.key} class="numeric">
                      {rollup.sums[cellKey(table, r.key, c.key)] ?? 0}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </>
  );
};
