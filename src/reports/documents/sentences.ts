import { S3_COLUMNS } from '../model/applications-table.ts';
import type { EditionId } from '../model/edition.ts';
import { EDITIONS } from '../model/editions.ts';
import type { CellValue } from '../model/report.ts';

/** The sentences gongkai writes from the figures, by placeholder name (narrative.ts). */
export const SENTENCE_NAMES = ['applications', 'handled', 'appeals', 'proactive'] as const;
export type SentenceName = (typeof SENTENCE_NAMES)[number];

export const SENTENCE_LABELS: Record<SentenceName, string> = {
  applications: '收到申请的件数（本年新收、申请人类型、上年结转）',
  handled: '办理结果的件数（总计及各类结果、结转下年度）',
  appeals: '行政复议、行政诉讼的件数和结果',
  proactive: '主动公开的规章、规范性文件和处理决定数量（第二十条登记）',
};

type Cells = Readonly<Record<string, CellValue>>;

const n = (cells: Cells, key: string): number => cells[key] ?? 0;

/** The figures of the outcome rows whose key starts with `prefix` (a group such as 'withheld.'), summed. */
const sumRows = (cells: Cells, prefix: string, column: string): number =>
  Object.entries(cells)
    .filter(([key]) => key.startsWith(`s3.${prefix}`) && key.endsWith(`.${column}`))
    .reduce((total, [, value]) => total + (value ?? 0), 0);

const applications = (cells: Cells): string => {
  const organisations = S3_COLUMNS.filter((c) => c.key !== 'natural' && c.key !== 'total');
  const orgTotal = organisations.reduce((t, c) => t + n(cells, `s3.new.${c.key}`), 0);
  const parts = organisations
    .filter((c) => n(cells, `s3.new.${c.key}`) > 0)
    .map((c) => `${c.label}${n(cells, `s3.new.${c.key}`)}件`);
  const detail = parts.length > 0 ? `（${parts.join('、')}）` : '';
  return (
    `全年共收到政府信息公开申请${n(cells, 's3.new.total')}件，其中自然人${n(cells, 's3.new.natural')}件，` +
    `法人或其他组织${orgTotal}件${detail}；上年结转${n(cells, 's3.carried.total')}件。`
  );
};

const handled = (cells: Cells): string => {
  const groups: [string, number][] = [
    ['予以公开', n(cells, 's3.granted.total')],
    ['部分公开', n(cells, 's3.partial.total')],
    ['不予公开', sumRows(cells, 'withheld.', 'total')],
    ['无法提供', sumRows(cells, 'unable.', 'total')],
    ['不予处理', sumRows(cells, 'rejected.', 'total')],
    ['其他处理', sumRows(cells, 'other', 'total')],
  ];
  const parts = groups.filter(([, v]) => v > 0).map(([label, v]) => `${label}${v}件`);
  return (
    `全年办结政府信息公开申请${n(cells, 's3.total.total')}件` +
    `${parts.length > 0 ? `，其中${parts.join('，')}` : ''}；` +
    `结转下年度继续办理${n(cells, 's3.forward.total')}件。`
  );
};

const RESULTS: readonly [string, string][] = [
  ['upheld', '结果维持'],
  ['corrected', '结果纠正'],
  ['other', '其他结果'],
  ['pending', '尚未审结'],
];

const results = (cells: Cells, rows: readonly string[]): string => {
  const parts = RESULTS.map(
    ([key, label]) => [label, rows.reduce((t, r) => t + n(cells, `s4.${r}.${key}`), 0)] as const,
  )
    .filter(([, v]) => v > 0)
    .map(([label, v]) => `${label}${v}件`);
  return parts.length > 0 ? `，其中${parts.join('、')}` : '';
};

const appeals = (cells: Cells): string => {
  const reconsideration = n(cells, 's4.reconsideration.total');
  const direct = n(cells, 's4.litigationDirect.total');
  const afterReview = n(cells, 's4.litigationAfterReview.total');
  if (reconsideration === 0 && direct + afterReview === 0)
    return '全年未发生因政府信息公开引起的行政复议和行政诉讼案件。';
  return (
    `全年因政府信息公开被申请行政复议${reconsideration}件${results(cells, ['reconsideration'])}；` +
    `被提起行政诉讼${direct + afterReview}件（未经复议直接起诉${direct}件、复议后起诉${afterReview}件）` +
    `${results(cells, ['litigationDirect', 'litigationAfterReview'])}。`
  );
};

const figure = (cells: Cells, key: string): number | null => cells[key] ?? null;

const listed = (items: readonly [string, number | null][]): string[] =>
  items.filter((i): i is [string, number] => i[1] !== null).map(([label, v]) => `${label}${v}件`);

const proactive = (edition: EditionId, cells: Cells): string => {
  const sentences: string[] = [];
  if (edition === '2019') {
    const made = listed([
      ['规章', figure(cells, 's2.rules.made')],
      ['规范性文件', figure(cells, 's2.normativeDocs.made')],
    ]);
    if (made.length > 0) sentences.push(`本年新制作${made.join('、')}`);
  } else {
    const issued = listed([
      ['规章', figure(cells, 's2.rules.issued')],
      ['行政规范性文件', figure(cells, 's2.normativeDocs.issued')],
    ]);
    if (issued.length > 0) sentences.push(`本年制发${issued.join('、')}`);
  }
  const decisions = listed([
    ['行政许可', figure(cells, 's2.licensing.decisions')],
    ['行政处罚', figure(cells, 's2.penalty.decisions')],
    ['行政强制', figure(cells, 's2.coercion.decisions')],
  ]);
  if (decisions.length > 0) sentences.push(`作出处理决定：${decisions.join('、')}`);
  return sentences.length === 0 ? '' : `${sentences.join('；')}。`;
};

/** Every generated sentence from the figures of an edition's report. */
export const sentencesFromCells = (edition: EditionId, cells: Cells): Record<SentenceName, string> => {
  if (!EDITIONS[edition]) throw new RangeError(`unknown edition ${edition}`);
  return {
    applications: applications(cells),
    handled: handled(cells),
    appeals: appeals(cells),
    proactive: proactive(edition, cells),
  };
};
