import { expect, it } from 'vitest';
import { isAppError } from '../../src/errors/app-error.ts';
import { summarizeWorkRecords, workRecordSummary } from '../../src/work-records/work-record-summary.ts';
import {
  deleteWorkRecord,
  findWorkRecord,
  listWorkRecords,
  recordWorkRecord,
  updateWorkRecord,
} from '../../src/work-records/work-records.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-03-05T02:00:00Z');
const actor = TEST_ACTOR;

/** The VALIDATION details of a refused write, as field → message. */
const refusal = async (promise: Promise<unknown>): Promise<Record<string, string>> => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error, 'VALIDATION'))
      return Object.fromEntries((error.details ?? []).map((d) => [d.field ?? '', d.message]));
    throw error;
  }
  throw new Error('expected a VALIDATION error');
};

describeEachDatabase('work records', (db) => {
  const record = (agencyId: number, input: Record<string, string>) =>
    recordWorkRecord(db(), { agencyId, input, actor, now: NOW });

  it('records each kind with its own fields, cleans figures and drops the fields a kind does not use', async () => {
    const agency = await makeAgency(db());
    const training = await record(agency.id, {
      kind: 'training',
      date: '2023-05-16',
      title: ' 依申请公开专题培训 ',
      participants: '８６',
      cost: '999',
      items: '5',
    });
    expect(training).toMatchObject({
      kind: 'training',
      date: '2023-05-16',
      title: '依申请公开专题培训',
      participants: 86,
      cost: null,
      items: null,
      account: null,
      note: null,
    });
    const platform = await record(agency.id, {
      kind: 'platform',
      date: '2023-08-30',
      title: '政府网站改版',
      cost: '12,345.50元',
    });
    expect(platform.cost).toBe('12345.5');
    expect(await findWorkRecord(db(), platform.id)).toEqual(platform);
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('entity_type', '=', 'workRecord')
      .where('agency_id', '=', agency.id)
      .orderBy('id')
      .execute();
    expect(audit).toEqual([
      { action: 'workRecord.create', entity_id: String(training.id) },
      { action: 'workRecord.create', entity_id: String(platform.id) },
    ]);
  });

  it('refuses in Chinese, naming each field as its kind labels it', async () => {
    const agency = await makeAgency(db());
    expect(await refusal(record(agency.id, { kind: 'meeting', date: '2023-01-01', title: 'x' }))).toEqual({
      kind: '请选择工作类别',
    });
    expect(
      await refusal(record(agency.id, { kind: 'training', date: '2023-02-30', participants: '-3' })),
    ).toEqual({
      date: '培训日期应为 YYYY-MM-DD 格式的有效日期',
      title: '请填写培训主题',
      participants: '参训人数应为不小于 0 的整数',
    });
    expect(
      await refusal(
        record(agency.id, { kind: 'newMedia', date: '2023-12-31', title: '政务信息', items: '' }),
      ),
    ).toEqual({ account: '请填写账号名称', items: '请填写发布信息条数' });
    expect(
      await refusal(
        record(agency.id, { kind: 'platform', date: '2023-03-01', title: '改版', cost: '1.234' }),
      ),
    ).toEqual({ cost: '投入金额（元）应为不小于 0 的金额，最多两位小数' });
    expect(
      await refusal(record(agency.id, { kind: 'inspection', date: '2024-03-06', title: '年度考核' })),
    ).toEqual({ date: '日期不能晚于今天：工作记录在工作完成后登记' });
    expect(await listWorkRecords(db(), agency.id, 2023)).toEqual([]);
  });

  it('edits and deletes a record, each audited with what it was', async () => {
    const agency = await makeAgency(db());
    const r = await record(agency.id, { kind: 'inspection', date: '2023-06-01', title: '季度检查' });
    const edited = await updateWorkRecord(db(), {
      id: r.id,
      input: { kind: 'training', date: '2023-06-02', title: '季度培训', participants: '30' },
      actor,
      now: NOW,
    });
    expect(edited).toMatchObject({ id: r.id, kind: 'training', participants: 30, date: '2023-06-02' });
    await deleteWorkRecord(db(), { id: r.id, actor, now: NOW });
    expect(await findWorkRecord(db(), r.id)).toBeNull();
    await expect(deleteWorkRecord(db(), { id: r.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'before_json'])
      .where('entity_type', '=', 'workRecord')
      .where('entity_id', '=', String(r.id))
      .orderBy('id')
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'workRecord.create',
      'workRecord.update',
      'workRecord.delete',
    ]);
    expect(JSON.parse(audit[1]?.before_json ?? '{}')).toMatchObject({
      kind: 'inspection',
      title: '季度检查',
    });
    expect(JSON.parse(audit[2]?.before_json ?? '{}')).toMatchObject({ kind: 'training', title: '季度培训' });
  });

  it('sums a year (by the date, 1 January to 31 December) for one agency only, cost to the fen', async () => {
    const agency = await makeAgency(db());
    const other = await makeAgency(db());
    await record(agency.id, { kind: 'training', date: '2022-12-31', title: '上年培训', participants: '40' });
    await record(agency.id, { kind: 'training', date: '2023-01-01', title: '年初培训', participants: '50' });
    await record(agency.id, { kind: 'training', date: '2023-12-31', title: '年末培训', participants: '61' });
    await record(other.id, { kind: 'training', date: '2023-06-01', title: '他机关培训', participants: '99' });
    await record(agency.id, { kind: 'platform', date: '2023-03-01', title: '网站改版', cost: '0.1' });
    await record(agency.id, { kind: 'platform', date: '2023-04-01', title: '网站改版', cost: '19999.9' });
    await record(agency.id, { kind: 'platform', date: '2023-05-01', title: '安全加固' });
    await record(agency.id, {
      kind: 'newMedia',
      date: '2023-12-31',
      account: '甲',
      title: '信息',
      items: '10',
    });
    await record(agency.id, {
      kind: 'newMedia',
      date: '2023-06-30',
      account: '甲',
      title: '信息',
      items: '5',
    });
    await record(agency.id, { kind: 'serviceItems', date: '2023-12-01', title: '事项', items: '7' });
    await record(agency.id, { kind: 'inspection', date: '2023-11-01', title: '年度考核' });
    expect(await workRecordSummary(db(), agency.id, 2023)).toEqual({
      year: 2023,
      trainings: { count: 2, participants: 111 },
      inspections: { count: 1, titles: ['年度考核'] },
      platform: { count: 3, cost: '20000', titles: ['网站改版', '安全加固'] },
      newMedia: { accounts: ['甲'], posts: 15 },
      serviceItems: { count: 1, items: 7 },
    });
    expect((await workRecordSummary(db(), agency.id, 2022)).trainings).toEqual({
      count: 1,
      participants: 40,
    });
    expect(summarizeWorkRecords(2021, [])).toMatchObject({ platform: { count: 0, cost: '0' } });
  });
});
