import { appealsTable } from './appeals-table.ts';
import { applicationsTable, S3_OTHER_ROWS_2019, S3_OTHER_ROWS_2021 } from './applications-table.ts';
import type { ColumnDef, EditionDef, EditionId, TableDef } from './edition.ts';
import { SECTIONS_2019, SECTIONS_2021 } from './section-headings.ts';

const col = (key: string, label: string, kind: ColumnDef['kind'] = 'count'): ColumnDef => ({
  key,
  label,
  kind,
});

const items2019 = {
  made: col('made', '本年新制作数量'),
  published: col('published', '本年新公开数量'),
  total: col('total', '对外公开总数量'),
  prevItems: col('prevItems', '上一年项目数量'),
  change: col('change', '本年增/减', 'signed'),
  decisions: col('decisions', '处理决定数量'),
};

/** 国办公开办函〔2019〕60号: reports for 2019 and 2020. */
export const EDITION_2019: EditionDef = {
  id: '2019',
  source: '国办公开办函〔2019〕60号',
  years: { from: 2019, to: 2020 },
  sections: SECTIONS_2019,
  tables: [
    {
      id: 's2.item1',
      section: 2,
      title: '第二十条第（一）项',
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normativeDocs', label: '规范性文件', aliases: ['行政规范性文件'] },
      ],
      columns: [items2019.made, items2019.published, items2019.total],
    },
    {
      id: 's2.item5',
      section: 2,
      title: '第二十条第（五）项',
      rows: [
        { key: 'licensing', label: '行政许可' },
        { key: 'otherServices', label: '其他对外管理服务事项' },
      ],
      columns: [items2019.prevItems, items2019.change, items2019.decisions],
    },
    {
      id: 's2.item6',
      section: 2,
      title: '第二十条第（六）项',
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
      columns: [items2019.prevItems, items2019.change, items2019.decisions],
    },
    {
      id: 's2.item8',
      section: 2,
      title: '第二十条第（八）项',
      rows: [{ key: 'fees', label: '行政事业性收费' }],
      columns: [items2019.prevItems, items2019.change],
    },
    {
      id: 's2.item9',
      section: 2,
      title: '第二十条第（九）项',
      rows: [{ key: 'procurement', label: '政府集中采购' }],
      columns: [col('projects', '采购项目数量'), col('amountWan', '采购总金额', 'amount')],
    },
    applicationsTable(S3_OTHER_ROWS_2019),
    appealsTable,
  ],
};

const decisions2021 = col('decisions', '本年处理决定数量');

/** 国办公开办函〔2021〕30号: reports for 2021 onward. */
export const EDITION_2021: EditionDef = {
  id: '2021',
  source: '国办公开办函〔2021〕30号',
  years: { from: 2021, to: null },
  sections: SECTIONS_2021,
  tables: [
    {
      id: 's2.item1',
      section: 2,
      title: '第二十条第（一）项',
      rows: [
        { key: 'rules', label: '规章' },
        { key: 'normativeDocs', label: '行政规范性文件', aliases: ['规范性文件'] },
      ],
      columns: [
        col('issued', '本年制发件数'),
        col('repealed', '本年废止件数'),
        col('inForce', '现行有效件数'),
      ],
    },
    {
      id: 's2.item5',
      section: 2,
      title: '第二十条第（五）项',
      rows: [{ key: 'licensing', label: '行政许可' }],
      columns: [decisions2021],
    },
    {
      id: 's2.item6',
      section: 2,
      title: '第二十条第（六）项',
      rows: [
        { key: 'penalty', label: '行政处罚' },
        { key: 'coercion', label: '行政强制' },
      ],
      columns: [decisions2021],
    },
    {
      id: 's2.item8',
      section: 2,
      title: '第二十条第（八）项',
      rows: [{ key: 'fees', label: '行政事业性收费' }],
      columns: [col('amountWan', '本年收费金额（单位：万元）', 'amount')],
    },
    applicationsTable(S3_OTHER_ROWS_2021),
    appealsTable,
  ],
};

export const EDITIONS: Readonly<Record<EditionId, EditionDef>> = {
  '2019': EDITION_2019,
  '2021': EDITION_2021,
};

/** The edition the national format prescribes for a report year. */
export const editionForYear = (year: number): EditionId => (year >= 2021 ? '2021' : '2019');

export const tableById = (edition: EditionDef, id: string): TableDef => {
  const table = edition.tables.find((t) => t.id === id);
  if (!table) throw new Error(`edition ${edition.id} has no table ${id}`);
  return table;
};
