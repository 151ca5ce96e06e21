export interface Crumb {
  readonly label: string;
  /** Absent for the current page. */
  readonly href?: string | undefined;
}

export const Breadcrumbs = ({ items }: { items: readonly Crumb[] }) => (
  <nav class="breadcrumbs" aria-label="当前位置">
    <ol class="wrap">
      {items.map((crumb, i) => (
        <li key={`${i}:${crumb.label}`}>
          {crumb.href && i < items.length - 1 ? (
            <a href={crumb.href}>{crumb.label}</a>
          ) : (
            <span aria-current="page">{crumb.label}</span>
          )}
        </li>
      ))}
    </ol>
  </nav>
);
