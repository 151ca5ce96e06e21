import type { Finding, Severity } from '../model/report.ts';
import { escapeHtml } from './escape.ts';
import { formatCellValue } from './format-value.ts';

/** Cells a finding names in the list; the table marks them all. */
const SHOWN_CELLS = 8;

/** A finding with the number its footnote markers show (1-based, in the caller's order). */
export interface NumberedFinding {
  readonly n: number;
  readonly finding: Finding;
}

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  error: '错误',
  warning: '警告',
  info: '提示',
};

const SEVERITY_RANK: Readonly<Record<Severity, number>> = { error: 0, warning: 1, info: 2 };

export const numberFindings = (findings: readonly Finding[]): NumberedFinding[] =>
  findings.map((finding, i) => ({ n: i + 1, finding }));

/**
 * A finding as one cell sees it. An arithmetic finding (one with `expected`) states its first
 * cell wrong and checks it against the others: the first is marked, the others outlined.
 */
export interface CellFinding extends NumberedFinding {
  readonly stated: boolean;
}

/** Which findings mention each cell. */
export const findingsByCell = (numbered: readonly NumberedFinding[]): Map<string, CellFinding[]> => {
  const byCell = new Map<string, CellFinding[]>();
  for (const entry of numbered) {
    const arithmetic = entry.finding.expected !== undefined;
    [...new Set(entry.finding.cells)].forEach((key, i) => {
      const list = byCell.get(key) ?? [];
      list.push({ ...entry, stated: !arithmetic || i === 0 });
      byCell.set(key, list);
    });
  }
  return byCell;
};

/** The class of a cell several findings mention: the gravest severity wins. */
export const findingClass = (entries: readonly CellFinding[]): string | null => {
  const worst = entries
    .filter((e) => e.stated)
    .sort((a, b) => SEVERITY_RANK[a.finding.severity] - SEVERITY_RANK[b.finding.severity])[0];
  if (worst) return `finding-${worst.finding.severity}`;
  return entries.length > 0 ? 'finding-related' : null;
};

export const findingAnchor = (idPrefix: string, n: number): string => `${idPrefix}finding-${n}`;

/** Footnote markers that link a cell to the findings about it. */
export const findingMarkers = (entries: readonly CellFinding[], idPrefix: string): string =>
  entries
    .filter((e) => e.stated)
    .map(
      ({ n, finding }) =>
        `<sup class="finding-ref finding-ref-${finding.severity}"><a href="#${escapeHtml(findingAnchor(idPrefix, n))}" aria-label="${SEVERITY_LABELS[finding.severity]} ${n}">${n}</a></sup>`,
    )
    .join('');

const figures = (f: Finding): string => {
  const parts = [
    f.expected === undefined ? null : `应为 ${formatCellValue(f.expected)}`,
    f.actual === undefined ? null : `实为 ${formatCellValue(f.actual)}`,
  ].filter((p): p is string => p !== null);
  return parts.length > 0 ? `（${parts.join('，')}）` : '';
};

const findingItem = ({ n, finding }: NumberedFinding, idPrefix: string | null): string => {
  const id = idPrefix === null ? '' : ` id="${escapeHtml(findingAnchor(idPrefix, n))}"`;
  // A run of missing cells can be a whole table: name its first few, the table shows the rest.
  const shown = finding.cells.slice(0, SHOWN_CELLS).map((c) => `<code>${escapeHtml(c)}</code>`);
  const more = finding.cells.length > SHOWN_CELLS ? `等${finding.cells.length}个单元格` : '';
  const cells =
    finding.cells.length > 0 ? ` <span class="finding-cells">单元格：${shown.join('、')}${more}</span>` : '';
  return (
    `<li${id} value="${n}" class="finding finding-${finding.severity}">` +
    `<span class="severity">${SEVERITY_LABELS[finding.severity]}</span> ` +
    `<code class="rule">${escapeHtml(finding.rule)}</code> ` +
    `${escapeHtml(finding.message)}${escapeHtml(figures(finding))}${cells}</li>`
  );
};

/**
 * A numbered list of findings. With an id prefix the items are the targets of the cells'
 * markers; a second list of the same findings on a page passes null to keep ids unique.
 */
export const findingsList = (entries: readonly NumberedFinding[], idPrefix: string | null): string =>
  entries.length === 0
    ? ''
    : `<ol class="findings">${entries.map((e) => findingItem(e, idPrefix)).join('')}</ol>`;
