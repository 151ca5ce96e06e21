import type { Comparison } from '../../../reports/history/compare.ts';
import { tableCells } from '../../../reports/model/cells.ts';
import { EDITIONS } from '../../../reports/model/editions.ts';
import type { CellValue, Finding, Report } from '../../../reports/model/report.ts';
import { cellName, tableName } from '../../../reports/validate/labels.ts';
import { type Option, SelectField, SubmitButton, TextField } from '../components/form.tsx';
import { ScrollRegion } from '../components/scroll-region.tsx';

const SEVERITY_LABELS: Record<Finding['severity'], string> = { error: '错误', warning: '提示', info: '说明' };

export const showValue = (value: CellValue | undefined): string =>
  value === undefined ? '（缺）' : value === null ? '（空）' : String(value);

export const FindingList = ({ findings }: { findings: readonly Finding[] }) =>
  findings.length === 0 ? (
    <p>校验未发现问题。</p>
  ) : (
    <ul class="error-list">
      {findings.map((f, i) => (
        <li key={i}>
          <span class="tag">{SEVERITY_LABELS[f.severity]}</span> {f.message}（{f.rule}）
        </li>
      ))}
    </ul>
  );

/** Every cell of a report, table by table, as label and value. */
export const ReportFigures = ({ report }: { report: Report }) => {
  if (report.edition === null) return <p>无法确定年报格式，未能列出数据。</p>;
  const edition = EDITIONS[report.edition];
  return (
    <>
      {edition.tables.map((table) => (
        <ScrollRegion key={table.id} label={tableName(table)}>
          <table class="data-table">
            <caption>{tableName(table)}</caption>
            <thead>
              <tr>
                <th scope="col">单元格</th>
                <th scope="col" class="numeric">
                  数值
                </th>
              </tr>
            </thead>
            <tbody>
              {tableCells(edition, table).map((cell) => (
                <tr key={cell.key}>
                  <th scope="row">{cellName(table, cell.row, cell.column)}</th>
                  <td class="numeric">{showValue(report.cells[cell.key])}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
    </>
  );
};

export const CompareChooser = ({
  agencies,
  values,
  action,
  title,
}: {
  agencies: readonly Option[];
  values: Readonly<Record<string, string>>;
  action: string;
  title: string;
}) => (
  <form method="get" action={action} class="form form--inline">
    <SelectField name="agency" label="机关" options={agencies} value={values.agency} required />
    <TextField name="year" label="年度" value={values.year} maxLength={4} required />
    <SubmitButton>{title}</SubmitButton>
  </form>
);

/**
 * The imported report beside the compiled figures, every cell: the differing ones marked in
 * words (不一致) and with the validator's finding on the imported figure.
 */
export const ReportCompare = ({
  comparison,
  agencies,
  notice,
}: {
  comparison: Comparison;
  agencies: readonly Option[];
  notice?: string | undefined;
}) => {
  const { agency, year, imported } = comparison;
  return (
    <>
      <h1>
        {agency.name}
        {year}年度年报对照
      </h1>
      {notice ? (
        <div class="notice" role="status">
          {notice}
        </div>
      ) : null}
      <CompareChooser
        agencies={agencies}
        values={{ agency: String(agency.id), year: String(year) }}
        action="/workbench/reports/compare"
        title="查看"
      />
      {imported === null ? (
        <p>
          该机关没有导入{year}年度已发布的年报，下面只列出系统根据登记记录统计的数据。
          <a href="/workbench/reports/import">导入以往年度的年报</a>
        </p>
      ) : (
        <p class="lead">
          左列为已发布年报（导入文件 {imported.fileName ?? '未知'}
          ）所载数据，右列为系统根据登记的申请、案件和登记簿统计的数据。
          {comparison.differing.length === 0
            ? '两者全部一致。'
            : `有 ${comparison.differing.length} 个单元格不一致，已标出。`}
        </p>
      )}
      {imported !== null && comparison.differing.length > 0 ? (
        <ul class="link-list" aria-label="不一致的单元格">
          {comparison.tables.flatMap(({ cells }) =>
            cells
              .filter((c) => c.differs)
              .map((c) => (
                <li key={c.key}>
                  <a href={`#cell-${c.key.replaceAll('.', '-')}`}>{c.label}</a>：年报 {showValue(c.imported)}
                  ，系统统计 {showValue(c.compiled)}
                </li>
              )),
          )}
        </ul>
      ) : null}
      {comparison.tables.map(({ table, cells }) => (
        <ScrollRegion key={table.id} label={tableName(table)}>
          <table class="data-table data-table--wide">
            <caption>{tableName(table)}</caption>
            <thead>
              <tr>
                <th scope="col">单元格</th>
                <th scope="col" class="numeric">
                  已发布年报
                </th>
                <th scope="col" class="numeric">
                  系统统计
                </th>
                <th scope="col">对照</th>
              </tr>
            </thead>
            <tbody>
              {cells.map((c) => (
                <tr
                  key={c.key}
                  id={`cell-${c.key.replaceAll('.', '-')}`}
                  class={c.differs ? 'differs' : undefined}
                >
                  <th scope="row">{c.label}</th>
                  <td class="numeric">
                    {c.differs ? <mark>{showValue(c.imported)}</mark> : showValue(c.imported)}
                  </td>
                  <td class="numeric">{showValue(c.compiled)}</td>
                  <td>
                    {imported === null ? '—' : c.differs ? <strong>不一致</strong> : '一致'}
                    {c.findings.map((f, i) => (
                      <p key={i} class="field__error">
                        {SEVERITY_LABELS[f.severity]}：{f.message}
                      </p>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      ))}
      {imported !== null ? (
        <>
          <h2>已发布年报的全部校验结果</h2>
          <FindingList findings={comparison.findings} />
        </>
      ) : null}
    </>
  );
};
