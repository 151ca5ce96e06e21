import { describe, expect, it } from 'vitest';
import { loadPrincipal } from '../../../src/orgs/load-principal.ts';
import type { Role } from '../../../src/orgs/role.ts';
import {
  type ActingAs,
  acknowledgeFinding,
  approveReport,
  createAnnualReport,
  differencesSinceLock,
  findAnnualReport,
  listPublishedReports,
  loadReportDocument,
  publishReport,
  reportReminder,
  resolveSegments,
  returnReport,
  saveNarrative,
  statutoryDay,
  submissionBlockers,
  submitReport,
} from '../../../src/reports/documents/index.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency, makeUser } from '../../support/factories.ts';
import { insertApplication } from '../compile/records.ts';

const load = async (database: Parameters<typeof findAnnualReport>[0], id: number) => {
  const report = await findAnnualReport(database, id);
  if (report === null) throw new Error(`no report ${id}`);
  return report;
};

describeEachDatabase('annual report documents: the lifecycle', (db) => {
  const setup = async (kind: 'government' | 'department' = 'government') => {
    const agency = await makeAgency(db(), { kind });
    const as = async (role: Role, now: Date): Promise<ActingAs> => {
      const { user } = await makeUser(db(), { agencyId: agency.id, roles: [role] });
      return { principal: await loadPrincipal(db(), user.id), actor: { userId: user.id, label: role }, now };
    };
    return { agency, as };
  };
  const NOW = new Date('2020-02-10T02:00:00Z');

  it('goes draft → submitted (locked) → approved → published, each step by its role, with audit rows', async () => {
    const { agency, as } = await setup();
    const clerk = await as('publisher', NOW);
    const approver = await as('approver', NOW);
    await insertApplication(db(), {
      agencyId: agency.id,
      receivedOn: '2019-03-01',
      history: [{ type: 'decided', date: '2019-03-20', outcome: 'granted' }],
    });
    await expect(createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, approver)).rejects.toThrow(
      /发布员/,
    );
    const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
    await expect(createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk)).rejects.toThrow(
      /已经建立/,
    );
    let report = await findAnnualReport(db(), id);
    expect(report?.status).toBe('draft');
    expect(report?.edition).toBe('2019');
    expect(report?.cells).toBeNull();
    // A draft shows the live figures, and the generated sentences made from them.
    let doc = await loadReportDocument(db(), await load(db(), id));
    expect(doc.value.cells['s3.new.total']).toBe(1);
    expect(doc.value.narrative.find((n) => n.section === 3)?.text).toContain('全年共收到政府信息公开申请1件');

    await expect(approveReport(db(), id, approver)).rejects.toThrow(/草稿/);
    await expect(submitReport(db(), id, approver)).rejects.toThrow(/发布员/);
    await submitReport(db(), id, clerk);
    report = await findAnnualReport(db(), id);
    expect(report?.status).toBe('submitted');
    expect(report?.cells?.['s3.new.total']).toBe(1);
    await expect(saveNarrative(db(), id, { section1: 'x' }, clerk)).rejects.toThrow(/已提交待审核/);
    await expect(approveReport(db(), id, clerk)).rejects.toThrow(/负责人/);
    await approveReport(db(), id, approver);
    await expect(publishReport(db(), id, approver)).rejects.toThrow(/发布员/);
    const { late } = await publishReport(db(), id, clerk);
    expect(late).toBe(false);
    report = await findAnnualReport(db(), id);
    expect(report?.status).toBe('published');
    expect(report?.publishedOn).toBe('2020-02-10');
    expect((await listPublishedReports(db(), agency.id)).map((r) => r.id)).toEqual([id]);
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'annualReport')
      .where('entity_id', '=', String(id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual([
      'annualReport.create',
      'annualReport.submit',
      'annualReport.approve',
      'annualReport.publish',
    ]);
    doc = await loadReportDocument(db(), await load(db(), id));
    expect(doc.footnotes[0]).toContain('本报告表格数据由系统根据登记的记录自动统计');
  });

  it('locks the figures at submission: a later record shows as a difference, the report is unchanged; a return unlocks', async () => {
    const { agency, as } = await setup();
    const clerk = await as('publisher', NOW);
    const approver = await as('approver', NOW);
    await insertApplication(db(), { agencyId: agency.id, receivedOn: '2019-05-01' });
    const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
    await submitReport(db(), id, clerk);
    await insertApplication(db(), { agencyId: agency.id, receivedOn: '2019-06-01', type: 'research' });
    const report = await load(db(), id);
    const doc = await loadReportDocument(db(), report);
    expect(doc.value.cells['s3.new.total']).toBe(1);
    expect(doc.value.narrative.find((n) => n.section === 3)?.text).toContain('申请1件');
    const differences = await differencesSinceLock(db(), report);
    expect(differences.map((d) => [d.key, d.locked, d.current])).toEqual(
      expect.arrayContaining([
        ['s3.new.total', 1, 2],
        ['s3.new.research', 0, 1],
      ]),
    );
    expect(differences.find((d) => d.key === 's3.new.total')?.label).toContain('总计');

    await expect(returnReport(db(), id, { reason: '  ' }, approver)).rejects.toThrow(/退回理由/);
    await returnReport(db(), id, { reason: '请补充第五部分' }, approver);
    const returned = await load(db(), id);
    expect(returned.status).toBe('draft');
    expect(returned.cells).toBeNull();
    expect(returned.returnedReason).toBe('请补充第五部分');
    expect((await loadReportDocument(db(), returned)).value.cells['s3.new.total']).toBe(2);
    expect(await differencesSinceLock(db(), returned)).toEqual([]);
  });

  it('keeps the clerk’s text around the generated sentences when the figures change, and refuses unknown placeholders', async () => {
    const { agency, as } = await setup();
    const clerk = await as('publisher', NOW);
    const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
    await saveNarrative(
      db(),
      id,
      { section3: '本机关高度重视依申请公开工作。{{applications}}新收{{s3.new.total}}件均已登记。' },
      clerk,
    );
    const text = async () =>
      (await loadReportDocument(db(), await load(db(), id))).value.narrative.find((n) => n.section === 3)
        ?.text;
    expect(await text()).toBe(
      '本机关高度重视依申请公开工作。全年共收到政府信息公开申请0件，其中自然人0件，法人或其他组织0件；上年结转0件。新收0件均已登记。',
    );
    await insertApplication(db(), { agencyId: agency.id, receivedOn: '2019-07-01', type: 'commercial' });
    expect(await text()).toBe(
      '本机关高度重视依申请公开工作。全年共收到政府信息公开申请1件，其中自然人0件，法人或其他组织1件（商业企业1件）；上年结转0件。新收1件均已登记。',
    );
    await expect(saveNarrative(db(), id, { section5: '{{nonsense}}' }, clerk)).rejects.toThrow(
      '第五部分的正文有无法识别的占位符：{{nonsense}}',
    );
  });

  it('stores an acknowledgement of a finding, prints it as a footnote, and lets an error block submission only without one', async () => {
    const { agency, as } = await setup();
    const clerk = await as('publisher', NOW);
    const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
    // A figure in the clerk's text that the table contradicts: TEXT-FIGURE.
    await saveNarrative(db(), id, { section4: '全年行政复议5件。' }, clerk);
    let doc = await loadReportDocument(db(), await load(db(), id));
    const finding = doc.findings.find((f) => f.finding.rule === 'TEXT-FIGURE');
    expect(finding).toBeDefined();
    await expect(acknowledgeFinding(db(), id, { key: 'NOPE|x', explanation: '说明' }, clerk)).rejects.toThrow(
      /已不存在/,
    );
    await acknowledgeFinding(
      db(),
      id,
      { key: finding?.key ?? '', explanation: '含上年度转来的复议案件' },
      clerk,
    );
    doc = await loadReportDocument(db(), await load(db(), id));
    expect(doc.findings.find((f) => f.key === (finding?.key ?? ''))?.explanation).toBe(
      '含上年度转来的复议案件',
    );
    expect(doc.footnotes.at(-1)).toContain('的说明：含上年度转来的复议案件');
    // Blank withdraws it.
    await acknowledgeFinding(db(), id, { key: finding?.key ?? '', explanation: '' }, clerk);
    doc = await loadReportDocument(db(), await load(db(), id));
    expect(doc.findings.find((f) => f.key === (finding?.key ?? ''))?.explanation).toBeNull();

    const error = {
      finding: { rule: 'S3-BALANCE', severity: 'error' as const, cells: ['s3.new.total'], message: 'x' },
      key: 'S3-BALANCE|s3.new.total',
    };
    expect(submissionBlockers([{ ...error, explanation: null }])).toHaveLength(1);
    expect(submissionBlockers([{ ...error, explanation: '已核实' }])).toHaveLength(0);
    expect(submissionBlockers(doc.findings)).toHaveLength(0);
  });

  it('records late publication after 31 March for a government and after 31 January for a department', async () => {
    const run = async (kind: 'government' | 'department', publishOn: string) => {
      const { agency, as } = await setup(kind);
      const now = new Date(`${publishOn}T04:00:00Z`);
      const clerk = await as('publisher', now);
      const approver = await as('approver', now);
      const id = await createAnnualReport(db(), { agencyId: agency.id, year: 2019 }, clerk);
      await submitReport(db(), id, clerk);
      await approveReport(db(), id, approver);
      await publishReport(db(), id, clerk);
      const r = await load(db(), id);
      return [r.deadline, r.publishedLate];
    };
    expect(await run('government', '2020-03-31')).toEqual(['2020-03-31', false]);
    expect(await run('government', '2020-04-01')).toEqual(['2020-03-31', true]);
    expect(await run('department', '2020-01-31')).toEqual(['2020-01-31', false]);
    expect(await run('department', '2020-02-01')).toEqual(['2020-01-31', true]);
  });
});

describe('report deadlines and reminders', () => {
  const gov = { kind: 'government', level: 'county' } as const;
  const dept = { kind: 'department', level: 'county' } as const;
  it('gives the statutory day by the agency’s kind', () => {
    expect(statutoryDay(gov, 2023)).toBe('2024-03-31');
    expect(statutoryDay(dept, 2023)).toBe('2024-01-31');
    expect(statutoryDay({ kind: 'government', level: 'township' }, 2023)).toBe('2024-01-31');
  });
  it('reminds from 1 December until published, and says overdue after the day', () => {
    expect(reportReminder(dept, 2023, '2023-11-30', false)).toBeNull();
    expect(reportReminder(dept, 2023, '2023-12-01', false)).toEqual({
      year: 2023,
      deadline: '2024-01-31',
      daysLeft: 61,
      overdue: false,
    });
    expect(reportReminder(dept, 2023, '2024-02-03', false)?.overdue).toBe(true);
    expect(reportReminder(dept, 2023, '2024-02-03', false)?.daysLeft).toBe(-3);
    expect(reportReminder(dept, 2023, '2024-01-10', true)).toBeNull();
  });
  it('marks generated spans apart from the clerk’s text', () => {
    const segments = resolveSegments('前言{{s3.new.total}}后记', {
      edition: '2019',
      cells: { 's3.new.total': 7 },
      workSentences: [],
    });
    expect(segments).toEqual([
      { text: '前言', placeholder: null },
      { text: '7', placeholder: 's3.new.total' },
      { text: '后记', placeholder: null },
    ]);
  });
});
