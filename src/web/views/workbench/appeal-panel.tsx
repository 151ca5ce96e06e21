/** The cases about one application, on its page, with the link to record another. */
export interface AppealPanelRow {
  readonly href: string;
  readonly label: string;
}

export const AppealPanel = ({
  rows,
  newHref,
}: {
  rows: readonly AppealPanelRow[];
  /** Null when the user may not record cases. */
  newHref: string | null;
}) => (
  <section aria-labelledby="appeals-heading">
    <h2 id="appeals-heading">行政复议和行政诉讼</h2>
    {rows.length === 0 ? (
      <p class="muted">没有针对本申请的复议或诉讼案件。</p>
    ) : (
      <ul class="link-list">
        {rows.map((r) => (
          <li key={r.href}>
            <a href={r.href}>{r.label}</a>
          </li>
        ))}
      </ul>
    )}
    {newHref ? (
      <p>
        <a class="button button--quiet" href={newHref}>
          登记复议/诉讼
        </a>
      </p>
    ) : null}
  </section>
);
