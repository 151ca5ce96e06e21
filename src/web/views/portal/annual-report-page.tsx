/** GET /agencies/:id/reports/:year: the published report in the official layout, with its downloads. */
export const AnnualReportPage = ({
  title,
  publishedOn,
  late,
  downloads,
  articleHtml,
  back,
}: {
  title: string;
  publishedOn: string | null;
  late: string | null;
  downloads: readonly { href: string; label: string }[];
  /** The report's <article>, rendered and escaped by src/reports/render. */
  articleHtml: string;
  back: string;
}) => (
  <>
    <link rel="stylesheet" href="/report-sheet.css" />
    <p>
      <a href={back}>返回政府信息公开年报列表</a>
    </p>
    <dl class="summary-list">
      <dt>报告</dt>
      <dd>{title}</dd>
      <dt>公布日期</dt>
      <dd>{publishedOn ?? '往年报告（导入）'}</dd>
      {late ? (
        <>
          <dt>公布情况</dt>
          <dd>{late}</dd>
        </>
      ) : null}
    </dl>
    <nav aria-label="下载年度报告">
      <ul class="inline-list">
        {downloads.map((d) => (
          <li key={d.href}>
            <a href={d.href} download>
              {d.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
    <div class="report-sheet" dangerouslySetInnerHTML={{ __html: articleHtml }} />
  </>
);
