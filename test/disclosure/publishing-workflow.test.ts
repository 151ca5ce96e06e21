import { createHash } from 'node:crypto';
import { expect, it } from 'vitest';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import {
  addAttachment,
  findPublishedAttachment,
  listAttachments,
  MAX_ATTACHMENT_BYTES,
  sniffAttachmentType,
} from '../../src/disclosure/attachments.ts';
import type { DisclosureItem } from '../../src/disclosure/disclosure-item.table.ts';
import {
  createItem,
  getItem,
  publishItem,
  updateItem,
  withdrawItem,
} from '../../src/disclosure/disclosure-items.ts';
import { isLate, publicationDeadline } from '../../src/disclosure/publication-deadline.ts';
import {
  approveItem,
  recordItemReview,
  requestReview,
  setValidity,
  stageOf,
} from '../../src/disclosure/publishing-workflow.ts';
import { searchItems } from '../../src/disclosure/search-items.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { makeAgency, TEST_ACTOR } from '../support/factories.ts';

const NOW = new Date('2024-11-05T02:00:00Z');
const actor = TEST_ACTOR;

const ITEM = {
  title: '鼓楼区2024年城乡居民最低生活保障标准调整的通知',
  bodyHtml: '<p>自2024年10月1日起，城市低保标准调整为每人每月720元。</p>',
  documentNumber: '鼓政〔2024〕31号',
  madeOn: '2024-09-27',
  tags: '低保发放',
};

export const PDF = new Uint8Array(Buffer.from('%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n', 'latin1'));
const EXE = new Uint8Array(
  Buffer.concat([Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), Buffer.alloc(200, 1)]),
);
const DOCX = new Uint8Array(
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('word/document.xml')]),
);
const OFD = new Uint8Array(
  Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from('OFD.xml')]),
);

describeEachDatabase('publishing workflow of proactive disclosure', (db) => {
  const draft = async (input: object = ITEM): Promise<DisclosureItem> => {
    const agency = await makeAgency(db());
    return createItem(db(), { agencyId: agency.id, input, actor, now: NOW });
  };
  const auditActions = async (id: number) =>
    (
      await db()
        .selectFrom('audit_log')
        .select('action')
        .where('entity_type', '=', 'disclosureItem')
        .where('entity_id', '=', String(id))
        .orderBy('id')
        .execute()
    ).map((r) => r.action);
  const auditCount = async () =>
    Number(
      (
        await db()
          .selectFrom('audit_log')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const cleared = { result: 'cleared', reviewer: '王审查', note: '不涉及国家秘密' };

  it('takes an item through review and approval to publication, each step audited', async () => {
    const item = await draft();
    expect(stageOf(item)).toBe('draft');
    const inReview = await requestReview(db(), {
      itemId: item.id,
      input: { note: '请审查' },
      actor,
      now: NOW,
    });
    expect([inReview.reviewStatus, stageOf(inReview)]).toEqual(['inReview', 'inReview']);
    const reviewed = await recordItemReview(db(), { itemId: item.id, input: cleared, actor, now: NOW });
    expect(stageOf(reviewed)).toBe('reviewed');
    const approved = await approveItem(db(), {
      itemId: item.id,
      input: { verdict: 'approve' },
      actor,
      now: NOW,
    });
    expect(stageOf(approved)).toBe('approved');
    const published = await publishItem(db(), { itemId: item.id, actor, now: NOW });
    expect(stageOf(published)).toBe('published');
    const withdrawn = await withdrawItem(db(), {
      itemId: item.id,
      actor,
      now: NOW,
      reason: '已被新文件替代',
    });
    expect(stageOf(withdrawn)).toBe('withdrawn');
    expect(await auditActions(item.id)).toEqual([
      'disclosure.create',
      'disclosure.reviewRequest',
      'disclosure.review',
      'disclosure.approve',
      'disclosure.publish',
      'disclosure.withdraw',
    ]);
    const review = await db()
      .selectFrom('audit_log')
      .select('after_json')
      .where('action', '=', 'disclosure.review')
      .where('entity_id', '=', String(item.id))
      .executeTakeFirstOrThrow();
    expect(JSON.parse(review.after_json ?? '{}')).toMatchObject({
      result: 'cleared',
      reviewer: '王审查',
      note: '不涉及国家秘密',
      reviewStatus: 'reviewed',
    });
  });

  it('enforces the order: each step out of turn is refused in Chinese and writes nothing', async () => {
    const item = await draft();
    const before = await auditCount();
    const refusedAs = async (step: Promise<unknown>, message: string | RegExp) => {
      await expect(step).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringMatching(message) });
    };
    await refusedAs(publishItem(db(), { itemId: item.id, actor, now: NOW }), '尚未经过保密审查和审批');
    await refusedAs(recordItemReview(db(), { itemId: item.id, input: cleared, actor, now: NOW }), '还是草稿');
    await refusedAs(
      approveItem(db(), { itemId: item.id, input: { verdict: 'approve' }, actor, now: NOW }),
      '还是草稿',
    );
    await requestReview(db(), { itemId: item.id, actor, now: NOW });
    await refusedAs(requestReview(db(), { itemId: item.id, actor, now: NOW }), '正在保密审查中');
    await refusedAs(publishItem(db(), { itemId: item.id, actor, now: NOW }), '尚未经过保密审查和审批');
    await refusedAs(
      approveItem(db(), { itemId: item.id, input: { verdict: 'approve' }, actor, now: NOW }),
      '正在保密审查中',
    );
    await recordItemReview(db(), { itemId: item.id, input: cleared, actor, now: NOW });
    await refusedAs(publishItem(db(), { itemId: item.id, actor, now: NOW }), '尚未经过保密审查和审批');
    expect(await auditCount()).toBe(before + 2);
    const after = await getItem(db(), item.id);
    expect([after.status, after.reviewStatus, after.publishedOn]).toEqual(['draft', 'reviewed', null]);
    expect((await searchItems(db(), { query: '低保', agencyIds: [item.agencyId] })).total).toBe(0);
  });

  it('sends a refused review or a returned approval back to the draft, with the reason required', async () => {
    const item = await draft();
    await requestReview(db(), { itemId: item.id, actor, now: NOW });
    await expect(
      recordItemReview(db(), {
        itemId: item.id,
        input: { result: 'refused', reviewer: '王审查' },
        actor,
        now: NOW,
      }),
    ).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'note', message: '审查不通过时请写明审查意见' }],
    });
    await expect(
      recordItemReview(db(), { itemId: item.id, input: { result: '', reviewer: '' }, actor, now: NOW }),
    ).rejects.toMatchObject({
      details: [
        { field: 'result', message: '请选择保密审查结果' },
        { field: 'reviewer', message: '请填写审查人' },
      ],
    });
    const refused = await recordItemReview(db(), {
      itemId: item.id,
      input: { result: 'refused', reviewer: '王审查', note: '第三段涉及个人信息' },
      actor,
      now: NOW,
    });
    expect(refused.reviewStatus).toBe('draft');

    await requestReview(db(), { itemId: item.id, actor, now: NOW });
    await recordItemReview(db(), { itemId: item.id, input: cleared, actor, now: NOW });
    await expect(
      approveItem(db(), { itemId: item.id, input: { verdict: 'return' }, actor, now: NOW }),
    ).rejects.toMatchObject({ details: [{ field: 'note', message: '退回时请写明审批意见' }] });
    const returned = await approveItem(db(), {
      itemId: item.id,
      input: { verdict: 'return', note: '请补充文号' },
      actor,
      now: NOW,
    });
    expect(returned.reviewStatus).toBe('draft');
    expect((await auditActions(item.id)).slice(-2)).toEqual(['disclosure.review', 'disclosure.return']);
  });

  it('undoes the review when an item in review is edited', async () => {
    const item = await draft();
    await requestReview(db(), { itemId: item.id, actor, now: NOW });
    await recordItemReview(db(), { itemId: item.id, input: cleared, actor, now: NOW });
    await approveItem(db(), { itemId: item.id, input: { verdict: 'approve' }, actor, now: NOW });
    const edited = await updateItem(db(), {
      itemId: item.id,
      input: { ...ITEM, bodyHtml: '<p>另一段文字</p>' },
      actor,
      now: NOW,
    });
    expect(edited.reviewStatus).toBe('draft');
    await expect(publishItem(db(), { itemId: item.id, actor, now: NOW })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('records document type, channels and validity, and repeals with a date', async () => {
    const item = await draft({
      ...ITEM,
      documentType: 'normative',
      channels: ['portal', '鼓楼发布微信公众号', '鼓楼发布微信公众号'],
    });
    expect(item).toMatchObject({
      documentType: 'normative',
      validity: 'inForce',
      repealedOn: null,
      channels: ['portal', '鼓楼发布微信公众号'],
    });
    const plain = await draft({ title: '会议通知' });
    expect(plain).toMatchObject({ documentType: null, validity: null, channels: ['portal'] });
    await expect(
      setValidity(db(), {
        itemId: plain.id,
        input: { validity: 'repealed', repealedOn: '2024-10-01' },
        actor,
        now: NOW,
      }),
    ).rejects.toMatchObject({
      details: [{ field: 'validity', message: '效力状态只适用于规章和规范性文件' }],
    });
    await expect(
      setValidity(db(), { itemId: item.id, input: { validity: 'repealed' }, actor, now: NOW }),
    ).rejects.toMatchObject({ details: [{ field: 'repealedOn', message: '已废止的文件请填写废止日期' }] });
    await expect(
      setValidity(db(), {
        itemId: item.id,
        input: { validity: 'repealed', repealedOn: '2024-09-01' },
        actor,
        now: NOW,
      }),
    ).rejects.toMatchObject({ details: [{ field: 'repealedOn', message: '废止日期不能早于成文日期' }] });
    const repealed = await setValidity(db(), {
      itemId: item.id,
      input: { validity: 'repealed', repealedOn: '2024-11-01' },
      actor,
      now: NOW,
    });
    expect(repealed).toMatchObject({ validity: 'repealed', repealedOn: '2024-11-01' });
    expect((await auditActions(item.id)).at(-1)).toBe('disclosure.validity');
    await expect(
      createItem(db(), { agencyId: item.agencyId, input: { validity: 'inForce' }, actor, now: NOW }),
    ).rejects.toMatchObject({ details: [{ field: 'validity' }] });
  });

  it('tells attachment types by their content and refuses a forged type or an oversize file', async () => {
    expect(sniffAttachmentType(PDF)).toBe('pdf');
    expect(sniffAttachmentType(DOCX)).toBe('docx');
    expect(sniffAttachmentType(OFD)).toBe('ofd');
    expect(sniffAttachmentType(EXE)).toBeNull();
    const item = await draft();
    const add = (fileName: string, bytes: Uint8Array) =>
      addAttachment(db(), { itemId: item.id, fileName, bytes, actor, now: NOW });
    await expect(add('低保标准.pdf', EXE)).rejects.toMatchObject({
      code: 'VALIDATION',
      details: [{ field: 'file', message: expect.stringContaining('可执行程序') }],
    });
    await expect(add('低保标准.docx', PDF)).rejects.toMatchObject({
      details: [{ field: 'file', message: '附件“低保标准.docx”的内容是 PDF，与扩展名“.docx”不符' }],
    });
    const big = new Uint8Array(MAX_ATTACHMENT_BYTES + 1);
    big.set(PDF);
    await expect(add('大文件.pdf', big)).rejects.toMatchObject({
      details: [{ field: 'file', message: expect.stringContaining('超过 10 MB') }],
    });
    expect(await listAttachments(db(), item.id)).toEqual([]);

    const ok = await add('../../etc/低保标准.pdf', PDF);
    expect(ok).toMatchObject({ fileName: '低保标准.pdf', mediaType: 'application/pdf', size: PDF.length });
    expect(await auditActions(item.id)).toEqual(['disclosure.create', 'disclosure.attachment']);
  });

  it('stores the same file once, whatever items it is attached to, and serves it only when published', async () => {
    const bytes = new Uint8Array(Buffer.from(`%PDF-1.4\n${Math.random()}\n%%EOF\n`, 'latin1'));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const first = await draft();
    const second = await draft();
    const a = await addAttachment(db(), { itemId: first.id, fileName: '甲.pdf', bytes, actor, now: NOW });
    await addAttachment(db(), { itemId: second.id, fileName: '乙.pdf', bytes, actor, now: NOW });
    await expect(
      addAttachment(db(), { itemId: first.id, fileName: '丙.pdf', bytes, actor, now: NOW }),
    ).rejects.toMatchObject({ details: [{ message: '该文件已作为附件“甲.pdf”上传过' }] });
    const blobs = await db()
      .selectFrom('disclosure_blobs')
      .select('size')
      .where('sha256', '=', sha256)
      .execute();
    expect(blobs).toEqual([{ size: bytes.length }]);
    expect(a.sha256).toBe(sha256);

    const where = { agencyId: first.agencyId, itemId: first.id, attachmentId: a.id };
    expect(await findPublishedAttachment(db(), where)).toBeNull();
    await requestReview(db(), { itemId: first.id, actor, now: NOW });
    await expect(
      addAttachment(db(), { itemId: first.id, fileName: '丁.pdf', bytes: PDF, actor, now: NOW }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await recordItemReview(db(), { itemId: first.id, input: cleared, actor, now: NOW });
    await approveItem(db(), { itemId: first.id, input: { verdict: 'approve' }, actor, now: NOW });
    await publishItem(db(), { itemId: first.id, actor, now: NOW });
    const served = await findPublishedAttachment(db(), where);
    expect(Buffer.from(served?.bytes ?? []).equals(Buffer.from(bytes))).toBe(true);
    expect(await findPublishedAttachment(db(), { ...where, agencyId: second.agencyId })).toBeNull();
    await withdrawItem(db(), { itemId: first.id, actor, now: NOW });
    expect(await findPublishedAttachment(db(), where)).toBeNull();
  });

  it('flags Art. 26 lateness on the right day with the official calendar', async () => {
    const calendar = await loadCalendar(db());
    const made = { madeOn: '2024-09-27', changedOn: null };
    // National Day 2024: 29 Sep and 12 Oct are make-up working days, 1–7 Oct a holiday.
    expect(publicationDeadline(made, calendar)).toBe('2024-10-30');
    expect(publicationDeadline({ madeOn: '2024-09-27', changedOn: '2024-10-08' }, calendar)).toBe(
      calendar.addWorkingDays('2024-10-08', 20),
    );
    expect(publicationDeadline({ madeOn: null, changedOn: null }, calendar)).toBeNull();
    const unpublished = { ...made, status: 'draft' as const, publishedOn: null };
    expect(isLate(unpublished, '2024-10-30', calendar)).toBe(false);
    expect(isLate(unpublished, '2024-10-31', calendar)).toBe(true);
    const published = (publishedOn: string) => ({ ...made, status: 'published' as const, publishedOn });
    expect(isLate(published('2024-10-30'), '2025-01-01', calendar)).toBe(false);
    expect(isLate(published('2024-10-31'), '2025-01-01', calendar)).toBe(true);
    // A stored item, read back: the same answer.
    const item = await draft();
    expect(publicationDeadline(item, calendar)).toBe('2024-10-30');
    expect(isLate(item, '2024-10-31', calendar)).toBe(true);
  });
});
