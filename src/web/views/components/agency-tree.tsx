import type { TreeNodeView } from '../../presenters/agency-tree.presenter.ts';

const Branch = ({ nodes, href }: { nodes: readonly TreeNodeView[]; href: (id: number) => string }) => (
  <ul>
    {nodes.map((node) => (
      <li key={node.id}>
        <a href={href(node.id)}>{node.name}</a>
        <span class="tree__meta">{node.kindLabel}</span>
        {node.children.length > 0 ? <Branch nodes={node.children} href={href} /> : null}
      </li>
    ))}
  </ul>
);

/** The agency hierarchy as nested lists of links: readable without styles and by screen readers. */
export const AgencyTree = ({
  nodes,
  label,
  href = (id) => `/agencies/${id}`,
}: {
  nodes: readonly TreeNodeView[];
  label: string;
  href?: (id: number) => string;
}) =>
  nodes.length === 0 ? (
    <div class="empty-state">
      <p class="empty-state__title">暂无机关</p>
      <p>系统中还没有登记任何机关。管理员登录工作台后可以新建机关。</p>
    </div>
  ) : (
    <nav class="tree" aria-label={label}>
      <Branch nodes={nodes} href={href} />
    </nav>
  );
