import { expect, it } from 'vitest';
import { snapshotCalendar } from '../../src/calendar/calendar-source.ts';
import { categoryCounts, listCatalogueItems } from '../../src/disclosure/catalogue-items.ts';
import { listAgencies } from '../../src/orgs/agency.repository.ts';
import { seedDemo } from '../../src/orgs/demo.ts';
import { describeEachDatabase } from '../support/each-database.ts';

const NOW = new Date('2026-11-27T03:00:00.000Z');

// The demo needs an empty database: this file has its own.
describeEachDatabase('demo catalogue and items', (db) => {
  it('gives 鼓楼区人民政府 a 2019 catalogue of 120 demo items, 4 withdrawn, with the focus areas', async () => {
    const started = performance.now();
    expect((await seedDemo(db(), { now: NOW })).created).toBe(true);
    const seconds = (performance.now() - started) / 1000;
    expect(seconds).toBeLessThan(30);

    const agencies = new Map((await listAgencies(db())).map((a) => [a.name, a.id]));
    const gulou = agencies.get('鼓楼区人民政府') ?? 0;
    const rows = await db()
      .selectFrom('disclosure_items')
      .select([
        'status',
        'published_on',
        'made_on',
        'body_text',
        'tags',
        'category_id',
        'document_type',
        'title',
      ])
      .where('agency_id', '=', gulou)
      .execute();
    expect(rows).toHaveLength(120);
    expect(rows.filter((r) => r.status === 'withdrawn')).toHaveLength(4);
    expect(rows.filter((r) => r.status === 'published')).toHaveLength(116);
    for (const r of rows) {
      expect(r.body_text).toContain('演示数据');
      expect(r.published_on?.startsWith('2019-')).toBe(true);
      expect(r.made_on !== null && r.made_on <= (r.published_on ?? '')).toBe(true);
      expect(r.category_id).not.toBeNull();
      // The sample reports no rule or normative document of the district itself.
      expect(r.document_type).toBeNull();
    }
    // Published on working days only (2019's schedule: weekends, holidays and make-up days).
    const calendar = snapshotCalendar();
    expect(rows.filter((r) => !calendar.isWorkday(r.published_on ?? ''))).toEqual([]);
    for (const tag of ['就业创业', '社会救助', '低保发放', '涉农补贴', '市场监管执法'])
      expect((await listCatalogueItems(db(), { agencyId: gulou, tag })).total).toBeGreaterThan(0);
    expect(rows.filter((r) => r.title.includes('最低生活保障金发放情况'))).toHaveLength(12);

    const tree = await categoryCounts(db(), gulou);
    expect(tree.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        '政策文件',
        '区政府文件',
        '重点领域信息',
        '就业创业',
        '社会救助',
        '涉农补贴',
        '市场监管执法',
      ]),
    );
    expect(tree.filter((c) => c.depth === 0).reduce((sum, c) => sum + c.count, 0)).toBe(116);

    // A few normative documents, of the departments, one of them repealed in 2019.
    const documents = await db()
      .selectFrom('disclosure_items')
      .select(['agency_id', 'validity', 'repealed_on', 'status'])
      .where('document_type', '=', 'normative')
      .execute();
    expect(documents).toHaveLength(3);
    expect(documents.every((d) => d.status === 'published')).toBe(true);
    expect(documents.filter((d) => d.validity === 'repealed').map((d) => d.repealed_on)).toEqual([
      '2019-06-30',
    ]);
  });
});
