import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  confirmImport,
  discardImport,
  findImport,
  saveImport,
} from '../../../src/applications/import/application-imports.ts';
import { checkImport, importKey } from '../../../src/applications/import/check-import.ts';
import { importTemplate } from '../../../src/applications/import/import-template.ts';
import { ImportFileError, readImportFiles } from '../../../src/applications/import/read-import-file.ts';
import { listApplications } from '../../../src/applications/list-applications.ts';
import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import { computeDeadline } from '../../../src/deadlines/compute-deadline.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency, makeUser, TEST_ACTOR } from '../../support/factories.ts';
import {
  APPLICATION_HEADERS,
  applicationRow,
  BAD_CHECK_ID,
  csvBytes,
  csvText,
  EVENT_HEADERS,
  type SheetRow,
  xlsxOf,
} from './import-files.ts';

/** A fixed "now": 27 November 2026, 10:00 in Beijing. */
const NOW = new Date('2026-11-27T02:00:00Z');

/** Five applications: closed, in flight, carried over from 2025, decided awaiting delivery, closed. */
const MIXED_APPLICATIONS: SheetRow[] = [
  applicationRow('A001', '2025-09-01', {
    答复结果: '予以公开',
    答复日期: '2025-09-20',
    送达日期: '2025/9/22',
    送达方式: '邮寄',
    送达凭证: 'EMS1234567890',
  }),
  applicationRow('A002', '2026-11-02', { 姓名或名称: '李四' }),
  applicationRow('A003', '2025-12-15', { 到达日期: '2025-12-12' }),
  applicationRow('A004', '2026-10-09', {
    到达日期: new Date(Date.UTC(2026, 9, 9)),
    收到日期: new Date(Date.UTC(2026, 9, 9)),
    答复结果: 'partial',
    答复日期: '2026-10-20',
  }),
  applicationRow('A005', '2026年10月12日', {
    到达日期: '2026年10月12日',
    申请渠道: 'inPerson',
    申请人类型: '商业企业',
    证件类型: '统一社会信用代码',
    证件号码: '91410100MA0000000X',
    答复结果: '本机关不掌握相关政府信息',
    答复日期: '2026-10-15',
    送达日期: '2026-10-15',
    送达方式: '当面领取',
  }),
];

const MIXED_EVENTS: SheetRow[] = [
  { 导入编号: 'A002', 事件类型: '征求第三方或其他机关意见', 日期: '2026-11-05' },
  { 导入编号: 'A002', 事件类型: 'consultationEnded', 日期: '2026-11-10' },
  // Asked 11 working days after receipt: late (Art. 30), but a fact of the past.
  { 导入编号: 'A003', 事件类型: '告知补正', 日期: '2025-12-30', 期限: '2026-01-15' },
  { 导入编号: 'A003', 事件类型: '收到补正后的申请', 日期: '2026-01-10', 备注: '申请人补充了文号' },
];

describeEachDatabase('import of past and in-flight applications', (db) => {
  const stage = async (agencyId: number, bytes: Uint8Array, events?: Uint8Array) => {
    const raw = await readImportFiles(
      { fileName: 'applications', bytes },
      events === undefined ? undefined : { fileName: 'events.csv', bytes: events },
    );
    const checked = await checkImport(db(), { agencyId, raw, now: NOW });
    const id = await saveImport(db(), { agencyId, userId: null, fileName: 'test.xlsx', checked, now: NOW });
    return { checked, id };
  };
  const storedOf = (agencyId: number) =>
    db().selectFrom('applications').selectAll().where('agency_id', '=', agencyId).orderBy('id').execute();

  it('checks an XLSX of open and closed applications with events, and shows the counts and warnings', async () => {
    const agency = await makeAgency(db());
    const { checked } = await stage(agency.id, await xlsxOf(MIXED_APPLICATIONS, MIXED_EVENTS));
    const { summary } = checked;
    expect(summary.errors).toEqual([]);
    expect(summary).toMatchObject({
      applications: 5,
      open: 3,
      closed: 2,
      decidedNotDelivered: 1,
      events: 4,
      carriedOver: 1,
      year: 2026,
      errorCount: 0,
    });
    const warned = Object.fromEntries(summary.warnings.map((w) => [w.ref, w.messages]));
    expect(warned.A003?.join()).toContain('告知补正晚于收到申请后7个工作日');
    expect(warned.A005).toEqual(['未填写送达凭证，导入时记为“导入时未提供”']);
    expect(warned.A001).toBeUndefined();
    // The sample masks personal data.
    const a002 = summary.sample.find((s) => s.ref === 'A002');
    expect(a002).toMatchObject({
      applicantName: '李*',
      idNumber: '1101**********002X',
      phone: '138****5678',
    });
    expect(JSON.stringify(summary)).not.toContain('11010519491231002X');
  });

  it('stores everything in one go on confirm, with the stored deadlines, and a second confirm does nothing', async () => {
    const agency = await makeAgency(db());
    const user = await makeUser(db(), { agencyId: agency.id, roles: ['registrar'] });
    const { id } = await stage(agency.id, await xlsxOf(MIXED_APPLICATIONS, MIXED_EVENTS));
    const actor = { userId: user.user.id, label: user.username };
    expect(await confirmImport(db(), { importId: id, actor, now: NOW })).toEqual({
      imported: true,
      applications: 5,
      events: 4,
    });

    const stored = await storedOf(agency.id);
    const byRef = new Map(stored.map((a) => [a.idempotency_key, a]));
    expect(stored).toHaveLength(5);
    expect(stored.filter((a) => a.status === 'open')).toHaveLength(3);
    expect(stored.filter((a) => a.status === 'closed')).toHaveLength(2);

    // Received Monday 2025-09-01: 20 working days from the 2nd, and Sunday 28 September 2025
    // was a make-up working day before the National Day holiday — the 20th.
    const a001 = byRef.get(importKey('A001'));
    expect(a001).toMatchObject({
      status: 'closed',
      stage: 'delivered',
      outcome: 'granted',
      decided_on: '2025-09-20',
      delivered_on: '2025-09-22',
      due_on: '2025-09-28',
      received_on: '2025-09-01',
      channel: 'letter',
    });
    expect(a001?.tracking_number).toMatch(/^GK20250901\d{8}$/);
    expect(a001?.secret_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.parse(a001?.decision_json ?? '{}')).toEqual({
      outcome: 'granted',
      reason: '',
      proposedBy: null,
      proposedAt: NOW.toISOString(),
      decidedOn: '2025-09-20',
    });

    // The carried-over one: its stored deadline is the engine's over its events.
    const a003 = byRef.get(importKey('A003'));
    const expected = computeDeadline(
      [
        { type: 'received', date: '2025-12-15' },
        { type: 'correctionAsked', date: '2025-12-30', until: '2026-01-15' },
        { type: 'correctionReceived', date: '2026-01-10' },
      ],
      await loadCalendar(db()),
    );
    expect(expected.due).not.toBeNull();
    expect(a003).toMatchObject({
      status: 'open',
      stage: 'processing',
      due_on: expected.due,
      waiting_for: null,
    });
    const a004 = byRef.get(importKey('A004'));
    expect(a004).toMatchObject({ status: 'open', stage: 'decided', outcome: 'partial', delivered_on: null });
    expect(byRef.get(importKey('A005'))).toMatchObject({ channel: 'inPerson', applicant_type: 'commercial' });

    const events = await db()
      .selectFrom('application_events')
      .select(['application_id', 'type', 'date', 'until', 'note', 'detail_json', 'actor_user_id'])
      .where(
        'application_id',
        'in',
        stored.map((a) => a.id),
      )
      .orderBy('id')
      .execute();
    const of = (appId: number | undefined) => events.filter((e) => e.application_id === appId);
    expect(of(a001?.id).map((e) => [e.type, e.date])).toEqual([
      ['received', '2025-09-01'],
      ['decided', '2025-09-20'],
      ['delivered', '2025-09-22'],
    ]);
    expect(JSON.parse(of(a001?.id)[1]?.detail_json ?? '{}')).toEqual({
      outcome: 'granted',
      summary: '作出答复决定：予以公开（导入）',
    });
    expect(JSON.parse(of(a001?.id)[2]?.detail_json ?? '{}')).toEqual({
      method: 'post',
      proof: 'EMS1234567890',
      summary: '送达：邮寄（挂号信或EMS）（导入）',
    });
    expect(of(a003?.id).map((e) => [e.type, e.date, e.until])).toEqual([
      ['received', '2025-12-15', null],
      ['correctionAsked', '2025-12-30', '2026-01-15'],
      ['correctionReceived', '2026-01-10', null],
    ]);
    expect(of(a003?.id)[2]?.note).toBe('申请人补充了文号');
    expect(events.every((e) => e.actor_user_id === user.user.id)).toBe(true);

    // The queues: the carried-over application from December 2025 is open; A004 waits for delivery.
    const day = '2026-11-27';
    const open = await listApplications(db(), {
      agencyIds: [agency.id],
      queue: 'all',
      today: day,
      pageSize: 100,
    });
    expect(
      open.rows
        .filter((a) => a.status === 'open')
        .map((a) => a.receivedOn)
        .sort(),
    ).toEqual(['2025-12-15', '2026-10-09', '2026-11-02']);
    const toDeliver = await listApplications(db(), {
      agencyIds: [agency.id],
      queue: 'toDeliver',
      today: day,
    });
    expect(toDeliver.rows.map((a) => a.id)).toEqual([a004?.id]);
    const closed = await listApplications(db(), { agencyIds: [agency.id], queue: 'closed', today: day });
    expect(closed.total).toBe(2);

    const audit = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'application.import')
      .where('agency_id', '=', agency.id)
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toMatchObject({
      applications: 5,
      open: 3,
      closed: 2,
      events: 4,
    });
    expect((await findImport(db(), id))?.status).toBe('done');
    const rows = await db()
      .selectFrom('application_imports')
      .select('rows_json')
      .where('id', '=', id)
      .executeTakeFirst();
    expect(rows?.rows_json).toBe('[]');

    // Again: nothing more.
    expect(await confirmImport(db(), { importId: id, actor, now: NOW })).toMatchObject({ imported: false });
    expect(await storedOf(agency.id)).toHaveLength(5);

    // The same references in a later file are refused, row by row.
    const again = await stage(agency.id, await xlsxOf([MIXED_APPLICATIONS[1] ?? {}]));
    expect(again.checked.summary.errors).toEqual([
      expect.objectContaining({
        sheet: '申请',
        row: 2,
        column: '导入编号',
        message: expect.stringContaining('已在此前导入'),
      }),
    ]);
  });

  it('names each error by sheet, row and column, and stores nothing while there are errors', async () => {
    const agency = await makeAgency(db());
    const bytes = await xlsxOf(
      [
        applicationRow('E001', '2026-03-02'),
        applicationRow('E002', '2026-03-02', { 证件号码: BAD_CHECK_ID }),
        applicationRow('E003', '2026-03-04', { 到达日期: '2026-03-05' }),
        applicationRow('E004', '2026-02-30', { 到达日期: '2026-02-01' }),
        applicationRow('E005', '2026-03-02', {
          答复结果: '予以公开',
          答复日期: '2026-03-10',
          送达日期: '2026-03-09',
          送达方式: '电子邮件',
          送达凭证: '回执',
        }),
        applicationRow('E006', '2026-03-02', { 申请渠道: '飞鸽传书' }),
      ],
      [
        { 导入编号: 'X999', 事件类型: '告知补正', 日期: '2026-03-03', 期限: '2026-03-20' },
        { 导入编号: 'E001', 事件类型: '收到申请', 日期: '2026-03-02' },
        { 导入编号: 'E001', 事件类型: '征求意见结束', 日期: '昨天' },
        { 导入编号: 'E001', 事件类型: '延长答复期限', 日期: '2026-03-20', 工作日数: 30 },
        { 导入编号: 'E001', 事件类型: '征求第三方或其他机关意见', 日期: '2026-03-01' },
      ],
    );
    const { checked, id } = await stage(agency.id, bytes);
    const where = checked.summary.errors.map((e) => [e.sheet, e.row, e.column]);
    expect(where).toEqual([
      ['申请', 3, '证件号码'],
      ['申请', 4, '收到日期'],
      ['申请', 5, '收到日期'],
      ['申请', 6, '送达日期'],
      ['申请', 7, '申请渠道'],
      ['事件', 2, '导入编号'],
      ['事件', 3, '事件类型'],
      ['事件', 4, '日期'],
      ['事件', 5, '工作日数'],
      ['事件', 6, '日期'],
    ]);
    const messages = checked.summary.errors.map((e) => e.message);
    expect(messages[0]).toContain('校验码不正确');
    expect(messages[1]).toBe('申请受理日期不能早于收到申请的日期');
    expect(messages[2]).toContain('不是有效的日期');
    expect(messages[3]).toBe('送达日期不能早于答复日期（2026-03-10）');
    expect(messages[4]).toContain('「飞鸽传书」不是可选的申请渠道');
    expect(messages[5]).toBe('导入编号「X999」在「申请」表中不存在');
    expect(messages[7]).toContain('不是可识别的日期');
    expect(messages[8]).toContain('20个工作日');
    expect(messages[9]).toContain('不能早于该申请的收到日期');

    await expect(confirmImport(db(), { importId: id, actor: TEST_ACTOR, now: NOW })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    expect(await storedOf(agency.id)).toEqual([]);
    expect((await findImport(db(), id))?.status).toBe('pending');
  });

  it('names missing and unknown columns once, on the header row', async () => {
    const agency = await makeAgency(db());
    const headers = APPLICATION_HEADERS.filter((h) => h !== '联系电话');
    const { checked } = await stage(
      agency.id,
      await xlsxOf([applicationRow('H001', '2026-03-02')], [], {
        applicationHeaders: [...headers, '申请人电话'],
      }),
    );
    expect(checked.summary.errors.map((e) => [e.sheet, e.row, e.column])).toEqual([
      ['申请', 1, '申请人电话'],
      ['申请', 1, '联系电话'],
    ]);
  });

  it('reads a UTF-8 CSV with a BOM and an events CSV in GBK, quoted commas and line breaks included', async () => {
    const agency = await makeAgency(db());
    const apps = csvText(APPLICATION_HEADERS, [
      applicationRow('C001', '2026-09-01', {
        所需信息: '关于"老旧小区改造"的资金,\r\n第二行',
        联系电话: '0371-23798902',
      }),
      applicationRow('C002', '2026-09-03', {
        答复结果: '予以公开',
        答复日期: '2026-09-10',
        送达日期: '2026-09-11',
        送达方式: '电子邮件',
        送达凭证: '发送记录',
      }),
    ]);
    const events = csvText(EVENT_HEADERS, [
      {
        导入编号: 'C001',
        事件类型: '延长答复期限',
        日期: '2026-09-25',
        工作日数: '10',
        备注: '经负责人批准',
      },
    ]);
    const { checked, id } = await stage(agency.id, csvBytes(apps, 'utf-8-bom'), csvBytes(events, 'gbk'));
    expect(checked.summary.errors).toEqual([]);
    expect(checked.summary).toMatchObject({ applications: 2, open: 1, closed: 1, events: 1 });
    await confirmImport(db(), { importId: id, actor: TEST_ACTOR, now: NOW });
    const c001 = (await storedOf(agency.id)).find((a) => a.idempotency_key === importKey('C001'));
    expect(c001?.description).toBe('关于"老旧小区改造"的资金,\r\n第二行');
    expect(c001?.phone).toBe('0371-23798902');
    const extended = await db()
      .selectFrom('application_events')
      .selectAll()
      .where('application_id', '=', c001?.id ?? 0)
      .where('type', '=', 'extended')
      .executeTakeFirst();
    expect(extended).toMatchObject({ working_days: 10, note: '经负责人批准' });
  });

  it('reads a CSV saved in GBK', async () => {
    const agency = await makeAgency(db());
    const apps = csvText(APPLICATION_HEADERS, [applicationRow('G001', '2026-09-01', { 姓名或名称: '王五' })]);
    const { checked } = await stage(agency.id, csvBytes(apps, 'gbk'));
    expect(checked.summary.errors).toEqual([]);
    expect(checked.applications[0]?.input).toMatchObject({ applicantName: '王五', channel: 'letter' });
  });

  it('discards a pending import and forgets its rows', async () => {
    const agency = await makeAgency(db());
    const { id } = await stage(agency.id, await xlsxOf([applicationRow('D001', '2026-09-01')]));
    await discardImport(db(), id, NOW);
    expect((await findImport(db(), id))?.status).toBe('discarded');
    await expect(confirmImport(db(), { importId: id, actor: TEST_ACTOR, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    expect(await storedOf(agency.id)).toEqual([]);
  });
});

describe('reading an import file', () => {
  it('refuses what is not a table, naming the file', async () => {
    const read = (bytes: Uint8Array) => readImportFiles({ fileName: 'x.bin', bytes });
    await expect(read(new Uint8Array([0x4d, 0x5a, 0, 0, 1, 2]))).rejects.toThrow(ImportFileError);
    await expect(read(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0]))).rejects.toThrow('另存为 XLSX');
    await expect(read(new Uint8Array(0))).rejects.toThrow('是空的');
    await expect(read(zipSync({ 'word/document.xml': new Uint8Array(10) }))).rejects.toThrow(
      '不是 Excel 工作簿',
    );
  });

  it('refuses a zip bomb before exceljs inflates it', async () => {
    const bomb = zipSync({
      '[Content_Types].xml': new Uint8Array(10),
      'xl/workbook.xml': new Uint8Array(151 * 1024 * 1024),
    });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expect(readImportFiles({ fileName: 'bomb.xlsx', bytes: bomb })).rejects.toThrow(
      '解压后超过 150 MB',
    );
  });

  it('stops reading after 20,000 applications', async () => {
    const line = 'A,平常信函,2026-01-05,2026-01-05,自然人,张三,护照,E1,13812345678,,,x,纸质';
    const text = ['导入编号,申请渠道', ...Array.from({ length: 20_001 }, () => line)].join('\n');
    const raw = await readImportFiles({ fileName: 'many.csv', bytes: csvBytes(text, 'utf-8') });
    expect(raw.applications?.rows).toHaveLength(20_000);
    expect(raw.applications?.tooMany).toBe(true);
  });

  it('reads its own template back with no rows and every header known', async () => {
    const raw = await readImportFiles({
      fileName: 'template.xlsx',
      bytes: new Uint8Array(await importTemplate()),
    });
    expect(raw.applications?.headers).toEqual(APPLICATION_HEADERS);
    expect(raw.events?.headers).toEqual(EVENT_HEADERS);
    expect(raw.applications?.rows).toEqual([]);
  });
});
