import { AGENCY_KIND_LABELS } from '../../orgs/agency-kind.ts';
import type { AgencyNode } from '../../orgs/agency-tree.ts';

export interface TreeNodeView {
  readonly id: number;
  readonly name: string;
  readonly kindLabel: string;
  readonly children: readonly TreeNodeView[];
}

export const presentTree = (nodes: readonly AgencyNode[]): TreeNodeView[] =>
  nodes.map((node) => ({
    id: node.id,
    name: node.name,
    kindLabel: AGENCY_KIND_LABELS[node.kind],
    children: presentTree(node.children),
  }));
