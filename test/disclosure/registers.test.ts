import ExcelJS from 'exceljs';
import { expect, it } from 'vitest';
import { submitApplication } from '../../src/applications/submit-application.ts';
import { createItem } from '../../src/disclosure/disclosure-items.ts';
import {
  checkRegisterFile,
  confirmRegisterImport,
  findRegisterImport,
  stageRegisterImport,
} from '../../src/disclosure/register-import.ts';
import {
  derivedFigures,
  enteredFigures,
  registerFigures,
  saveRegister,
} from '../../src/disclosure/registers.ts';
import {
  informationAskedBySeveral,
  itemsReleasedFrom,
  releaseToAll,
  sourceApplicationOf,
} from '../../src/disclosure/release-to-all.ts';
import { isAppError } from '../../src/errors/app-error.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-03-05T02:00:00Z');
const actor = TEST_ACTOR;
const utf8 = (text: string) => new TextEncoder().encode(text);

const detailsOf = async (promise: Promise<unknown>) => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error, 'VALIDATION')) return (error.details ?? []).map((d) => d.field ?? d.message);
    throw error;
  }
  throw new Error('expected a VALIDATION error');
};

describeEachDatabase('Article 20 registers', (db) => {
  /** An item of a rule or normative document, straight into the table (the dates are the point). */
  const document = async (
    agencyId: number,
    fields: {
      type: 'rule' | 'normative';
      made?: string;
      published?: string;
      repealed?: string;
      status?: 'draft' | 'published' | 'withdrawn';
    },
  ) =>
    db()
      .insertInto('disclosure_items')
      .values({
        agency_id: agencyId,
        title: '文件',
        body_html: '<p>正文</p>',
        body_text: '正文',
        document_number: null,
        issuing_agency: null,
        made_on: fields.made ?? null,
        published_on: fields.published ?? null,
        changed_on: null,
        article20_item: 1,
        category: null,
        category_id: null,
        tags: '[]',
        status: fields.status ?? (fields.published ? 'published' : 'draft'),
        document_type: fields.type,
        validity: fields.repealed ? 'repealed' : 'inForce',
        repealed_on: fields.repealed ?? null,
        source_application_id: null,
        created_at: NOW.toISOString(),
        updated_at: NOW.toISOString(),
      })
      .execute();

  it('counts rules and normative documents made, published, repealed and in force on the year boundaries', async () => {
    const agency = await makeAgency(db());
    const id = agency.id;
    // Made on the last day of 2019, published on the first of 2020.
    await document(id, { type: 'normative', made: '2019-12-31', published: '2020-01-01' });
    // Made and published in 2020, repealed on the last day of 2021.
    await document(id, {
      type: 'normative',
      made: '2020-01-01',
      published: '2020-01-02',
      repealed: '2021-12-31',
    });
    // An old rule repealed on the first day of 2021.
    await document(id, { type: 'rule', made: '2018-05-01', published: '2018-05-02', repealed: '2021-01-01' });
    // A rule made in 2020 and still a draft; a normative document published in 2020, later withdrawn.
    await document(id, { type: 'rule', made: '2020-06-01' });
    await document(id, {
      type: 'normative',
      made: '2020-03-01',
      published: '2020-03-02',
      status: 'withdrawn',
    });
    // Another agency's rule does not count.
    await document((await makeAgency(db())).id, {
      type: 'rule',
      made: '2020-01-01',
      published: '2020-01-01',
    });

    expect(await derivedFigures(db(), id, 2019, '2019')).toEqual({
      's2.rules.made': 0,
      's2.rules.published': 0,
      's2.rules.total': 1,
      's2.normativeDocs.made': 1,
      's2.normativeDocs.published': 0,
      's2.normativeDocs.total': 0,
    });
    expect(await derivedFigures(db(), id, 2020, '2019')).toEqual({
      's2.rules.made': 1,
      's2.rules.published': 0,
      's2.rules.total': 1,
      's2.normativeDocs.made': 2,
      's2.normativeDocs.published': 3,
      's2.normativeDocs.total': 2,
    });
    expect(await derivedFigures(db(), id, 2021, '2021')).toEqual({
      's2.rules.issued': 0,
      's2.rules.repealed': 1,
      's2.rules.inForce': 0,
      's2.normativeDocs.issued': 0,
      's2.normativeDocs.repealed': 1,
      // Repealed on 2021-12-31: no longer in force at the year's end. The withdrawn one still is.
      's2.normativeDocs.inForce': 2,
    });
    expect((await derivedFigures(db(), id, 2020, '2021'))['s2.normativeDocs.inForce']).toBe(3);
  });

  it('keeps entered figures per year, checks each by its kind, and gives the edition its cells', async () => {
    const agency = await makeAgency(db());
    const save = (year: number, editionId: '2019' | '2021', values: Record<string, string>) =>
      saveRegister(db(), { agencyId: agency.id, year, editionId, values, actor, now: NOW });
    expect(
      await save(2020, '2019', {
        's2.penalty.prevItems': '1,066',
        's2.penalty.change': '-8',
        's2.procurement.amountWan': '６３５６.８０００',
        's2.fees.prevItems': '',
      }),
    ).toEqual({ changed: 3 });
    expect(await enteredFigures(db(), agency.id, 2020)).toEqual({
      's2.penalty.prevItems': '1066',
      's2.penalty.change': '-8',
      's2.procurement.amountWan': '6356.8',
    });
    expect(
      await detailsOf(save(2020, '2019', { 's2.penalty.prevItems': '-1', 's2.penalty.change': '1.5' })),
    ).toEqual(['s2.penalty.prevItems', 's2.penalty.change']);
    // Blank clears; the 2021 edition's form leaves the 2019 cells alone.
    await save(2020, '2019', { 's2.penalty.prevItems': '1066', 's2.procurement.amountWan': '6356.8' });
    await save(2020, '2021', { 's2.penalty.decisions': '12', 's2.fees.amountWan': '3.25' });
    expect(await registerFigures(db(), agency.id, 2020, '2021')).toMatchObject({
      's2.penalty.decisions': 12,
      's2.fees.amountWan': 3.25,
      's2.rules.inForce': 0,
    });
    const in2019Edition = await registerFigures(db(), agency.id, 2020, '2019');
    expect(in2019Edition['s2.penalty.prevItems']).toBe(1066);
    expect(in2019Edition['s2.penalty.change']).toBeUndefined();
    expect(in2019Edition['s2.fees.amountWan']).toBeUndefined();
    expect(await enteredFigures(db(), agency.id, 2021)).toEqual({});
    const audits = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('agency_id', '=', agency.id)
      .where('action', '=', 'register.update')
      .execute();
    expect(audits).toHaveLength(3);
  });

  it('imports a CSV with a preview, names every bad row, and refuses it until it is right', async () => {
    const agency = await makeAgency(db());
    await saveRegister(db(), {
      agencyId: agency.id,
      year: 2019,
      editionId: '2019',
      values: { 's2.penalty.decisions': '1' },
      actor,
      now: NOW,
    });
    const bad = utf8(
      [
        '年度,项目,栏目,数值',
        '2019,行政处罚,处理决定数量,"2,816"',
        '2019,行政处罚,处理决定数量,3',
        '2019,行政许可,本年增/减,abc',
        '20x9,行政许可,本年增/减,1',
        '2019,规章,本年新制作数量,1',
        '2021,行政事业性收费,本年收费金额（单位：万元）,12.5',
      ].join('\n'),
    );
    const checked = await checkRegisterFile(db(), { agencyId: agency.id, fileName: 'r.csv', bytes: bad });
    expect(checked.errors.map((e) => e.row)).toEqual([3, 4, 5, 6]);
    expect(checked.errors[0]?.message).toContain('与第 2 行重复');
    expect(checked.errors[1]?.message).toContain('本年增/减');
    expect(checked.rows.map((r) => [r.year, r.cell, r.value, r.previous])).toEqual([
      [2019, 's2.penalty.decisions', '2816', '1'],
      [2021, 's2.fees.amountWan', '12.5', null],
    ]);
    const badId = await stageRegisterImport(db(), {
      agencyId: agency.id,
      userId: null,
      fileName: 'r.csv',
      bytes: bad,
      now: NOW,
    });
    await expect(confirmRegisterImport(db(), { importId: badId, actor, now: NOW })).rejects.toThrow(
      '文件中有错误',
    );
    expect(await enteredFigures(db(), agency.id, 2019)).toEqual({ 's2.penalty.decisions': '1' });

    const good = utf8(
      '年度,项目,栏目,数值\n2019,行政处罚,处理决定数量,2816\n2021年,行政强制,本年处理决定数量,60\n',
    );
    const id = await stageRegisterImport(db(), {
      agencyId: agency.id,
      userId: null,
      fileName: 'r.csv',
      bytes: good,
      now: NOW,
    });
    expect((await findRegisterImport(db(), id))?.summary.years).toEqual([2019, 2021]);
    expect(await confirmRegisterImport(db(), { importId: id, actor, now: NOW })).toEqual({
      imported: true,
      figures: 2,
    });
    expect(await confirmRegisterImport(db(), { importId: id, actor, now: NOW })).toEqual({
      imported: false,
      figures: 2,
    });
    expect(await enteredFigures(db(), agency.id, 2019)).toEqual({ 's2.penalty.decisions': '2816' });
    expect(await enteredFigures(db(), agency.id, 2021)).toEqual({ 's2.coercion.decisions': '60' });
  });

  it('imports an XLSX in one transaction: a failure part-way leaves nothing written', async () => {
    const agency = await makeAgency(db());
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('登记');
    sheet.addRow(['年度', '项目', '栏目', '数值']);
    sheet.addRow([2019, '政府集中采购', '采购项目数量', 95]);
    sheet.addRow([2019, '政府集中采购', '采购总金额', 6356.8]);
    sheet.addRow([2020, '其他对外管理服务事项', '上一年项目数量', 117]);
    const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
    const id = await stageRegisterImport(db(), {
      agencyId: agency.id,
      userId: null,
      fileName: 'r.xlsx',
      bytes,
      now: NOW,
    });
    expect((await findRegisterImport(db(), id))?.summary.errors).toEqual([]);
    // The agency disappears from under the import's last year: the write fails in the middle.
    await db()
      .updateTable('register_imports')
      .set({
        summary_json: JSON.stringify({
          ...(await findRegisterImport(db(), id))?.summary,
          rows: [
            ...((await findRegisterImport(db(), id))?.summary.rows ?? []),
            { row: 9, year: 1999, cell: 's2.fees.change', label: '', value: '1', previous: null },
          ],
          years: [2019, 2020, 1999],
        }),
      })
      .where('id', '=', id)
      .execute();
    await expect(confirmRegisterImport(db(), { importId: id, actor, now: NOW })).rejects.toThrow();
    expect(await enteredFigures(db(), agency.id, 2019)).toEqual({});
    expect((await findRegisterImport(db(), id))?.status).toBe('pending');
    // As staged, it goes in whole.
    const again = await stageRegisterImport(db(), {
      agencyId: agency.id,
      userId: null,
      fileName: 'r.xlsx',
      bytes,
      now: NOW,
    });
    await confirmRegisterImport(db(), { importId: again, actor, now: NOW });
    expect(await registerFigures(db(), agency.id, 2019, '2019')).toMatchObject({
      's2.procurement.projects': 95,
      's2.procurement.amountWan': 6356.8,
    });
    expect(await enteredFigures(db(), agency.id, 2020)).toEqual({ 's2.otherServices.prevItems': '117' });
  });

  it('refuses a file without the columns, naming them', async () => {
    const agency = await makeAgency(db());
    await expect(
      checkRegisterFile(db(), { agencyId: agency.id, fileName: 'x.csv', bytes: utf8('年份,数值\n2019,1\n') }),
    ).rejects.toThrow('缺少列：年度、项目、栏目');
  });

  // -------------------------------------------------------------------------------------------

  let applicant = 0;
  const submit = async (
    agencyId: number,
    description: string,
    idNumber = `E${String(++applicant).padStart(7, '0')}`,
  ) =>
    (
      await submitApplication(db(), {
        agencyId,
        input: {
          channel: 'letter',
          arrivedOn: '2024-03-01',
          receivedOn: '2024-03-01',
          applicantType: 'natural',
          applicantName: '张三',
          idType: 'passport',
          idNumber,
          phone: '13812345678',
          description,
          formWanted: 'paper',
        },
        actor,
        now: NOW,
      })
    ).id;
  const decided = (id: number, outcome: string) =>
    db()
      .updateTable('applications')
      .set({ outcome: outcome as 'granted', decided_on: '2024-03-04', stage: 'decided' })
      .where('id', '=', id)
      .execute();

  it('releases the information of a granted application to all, as a draft linked both ways', async () => {
    const agency = await makeAgency(db());
    const granted = await submit(agency.id, '2023年度最低生活保障资金发放情况');
    const withheld = await submit(agency.id, '某企业的商业秘密');
    const open = await submit(agency.id, '尚未答复的申请');
    await decided(granted, 'granted');
    await decided(withheld, 'withheld.thirdParty');
    const input = {
      title: '2023年度最低生活保障资金发放情况',
      bodyHtml: '<p>全年发放低保金 120 万元。</p><script>x</script>',
    };

    const item = await releaseToAll(db(), { applicationId: granted, input, actor, now: NOW });
    expect([item.status, item.agencyId, item.title, item.bodyHtml]).toEqual([
      'draft',
      agency.id,
      input.title,
      '<p>全年发放低保金 120 万元。</p>',
    ]);
    expect((await itemsReleasedFrom(db(), granted)).map((i) => i.id)).toEqual([item.id]);
    expect((await sourceApplicationOf(db(), item.id))?.id).toBe(granted);
    const audit = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'disclosureItem')
      .where('entity_id', '=', String(item.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual(['disclosure.create', 'disclosure.releaseToAll']);

    for (const id of [withheld, open])
      expect(await detailsOf(releaseToAll(db(), { applicationId: id, input, actor, now: NOW }))).toEqual([
        'applicationId',
      ]);
    expect(
      await detailsOf(releaseToAll(db(), { applicationId: granted, input: { title: '' }, actor, now: NOW })),
    ).toEqual(['title']);
    await expect(releaseToAll(db(), { applicationId: 987654321, input, actor, now: NOW })).rejects.toThrow(
      '未找到申请',
    );
    expect(await itemsReleasedFrom(db(), withheld)).toEqual([]);
    // createItem's own check still applies inside, and nothing is left behind.
    const before = (
      await db().selectFrom('disclosure_items').select('id').where('agency_id', '=', agency.id).execute()
    ).length;
    await expect(
      releaseToAll(db(), {
        applicationId: granted,
        input: { ...input, madeOn: '2024-13-01' },
        actor,
        now: NOW,
      }),
    ).rejects.toThrow();
    expect(
      (await db().selectFrom('disclosure_items').select('id').where('agency_id', '=', agency.id).execute())
        .length,
    ).toBe(before);
  });

  it('groups information asked for by several applicants, not the same applicant twice', async () => {
    const agency = await makeAgency(db());
    const other = await makeAgency(db());
    const a = await submit(agency.id, '申请公开2023年度鼓楼区最低生活保障资金发放情况');
    const b = await submit(agency.id, '2023年度鼓楼区最低生活保障资金发放明细');
    const c = await submit(agency.id, '请提供2023年度鼓楼区最低生活保障资金的发放情况');
    // One person asking twice about a road is not "several applicants".
    await submit(agency.id, '鼓楼区中山路道路改造工程的立项批复', 'E9999999');
    await submit(agency.id, '鼓楼区中山路道路改造工程立项批复文件', 'E9999999');
    // The same request to another agency is that agency's group.
    await submit(other.id, '2023年度鼓楼区最低生活保障资金发放明细');
    await decided(b, 'granted');
    await releaseToAll(db(), {
      applicationId: b,
      input: { title: '2023年度低保资金发放明细', bodyHtml: '<p>明细</p>' },
      actor,
      now: NOW,
    });

    const groups = await informationAskedBySeveral(db(), [agency.id, other.id], { now: NOW });
    expect(groups).toHaveLength(1);
    const [group] = groups;
    expect(group?.agencyId).toBe(agency.id);
    expect(group?.applicants).toBe(3);
    expect(group?.applications.map((x) => x.id).sort()).toEqual([a, b, c].sort());
    expect([group?.releasable, group?.released]).toEqual([true, true]);
    expect(group?.applications.find((x) => x.id === b)?.releasedItems).toBe(1);
    expect(await informationAskedBySeveral(db(), [agency.id], { now: NOW, minApplicants: 4 })).toEqual([]);
  });

  it('leaves an item made without an application unlinked', async () => {
    const agency = await makeAgency(db());
    const item = await createItem(db(), {
      agencyId: agency.id,
      input: { title: '通知', bodyHtml: '<p>内容</p>' },
      actor,
      now: NOW,
    });
    expect(await sourceApplicationOf(db(), item.id)).toBeNull();
  });
});
