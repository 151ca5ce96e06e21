import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, expect, it } from 'vitest';
import { exportCaseFile } from '../../src/applications/case-file-export.ts';
import { MANIFEST_NAME } from '../../src/applications/case-file-zip.ts';
import { decideApplication } from '../../src/applications/decide-application.ts';
import { deliverApplication } from '../../src/applications/deliver-application.ts';
import { recordSecrecyReview } from '../../src/applications/review-secrecy.ts';
import { issueLetter } from '../../src/letters/issue-letter.ts';
import { CHROMIUM_PATH, LetterPdf } from '../../src/letters/letter-pdf.ts';
import { readPdf } from '../../src/reports/parse/formats/pdf.ts';
import { makeApplication, makeLetterAgencies, NOW, recordEvent } from '../letters/support.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { TEST_ACTOR } from '../support/factories.ts';

const hasChromium = existsSync(CHROMIUM_PATH);
const NO_PDF = new LetterPdf('/nonexistent/chromium');
const pdf = new LetterPdf();
afterAll(() => pdf.close());

const textOf = async (bytes: Uint8Array): Promise<string> =>
  (await readPdf(new Uint8Array(bytes))).blocks
    .map((b) => (b.kind === 'paragraph' ? b.text : b.rows.map((r) => r.join('')).join('')))
    .join('')
    .replace(/\s+/g, '');

describeEachDatabase('the case file (案卷)', (db) => {
  /** Received, corrected, decided, delivered by post: a receipt (with its PDF), a notice and the reply. */
  const closedCase = async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id, { applicantName: '李四', phone: '13912345678' });
    const issue = (kind: string, printer: LetterPdf) =>
      issueLetter(db(), { applicationId: a.id, input: { kind }, actor: TEST_ACTOR, now: NOW, pdf: printer });
    await issue('receipt', hasChromium ? pdf : NO_PDF);
    await recordEvent(db(), a.id, {
      type: 'correctionAsked',
      date: '2024-09-29',
      until: '2024-10-15',
      note: '请补充所需信息的时间范围',
    });
    await issue('correction', NO_PDF);
    await recordEvent(db(), a.id, { type: 'correctionReceived', date: '2024-10-08' });
    await recordSecrecyReview(db(), {
      applicationId: a.id,
      input: { result: 'cleared', date: '2024-10-28', reviewer: '王五' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    await decideApplication(db(), {
      applicationId: a.id,
      input: { date: '2024-10-29', outcome: 'granted' },
      actorIsApprover: true,
      actor: TEST_ACTOR,
      now: NOW,
    });
    await issue('reply', NO_PDF);
    await deliverApplication(db(), {
      applicationId: a.id,
      input: { method: 'post', date: '2024-10-30', proof: 'EMS1234567890CN' },
      actor: TEST_ACTOR,
      now: NOW,
    });
    const titles = (
      await db()
        .selectFrom('application_letters')
        .select('title')
        .where('application_id', '=', a.id)
        .orderBy('id')
        .execute()
    ).map((l) => l.title);
    return { a, titles };
  };

  it('zips every letter file, the timeline, the deliveries and the PDF, with a manifest whose hashes match', async () => {
    const { a, titles } = await closedCase();
    expect(titles).toHaveLength(3);
    const zip = await exportCaseFile(db(), {
      applicationId: a.id,
      format: 'zip',
      pdf: hasChromium ? pdf : NO_PDF,
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(zip.fileName).toBe(`案卷-${a.trackingNumber}.zip`);
    expect(zip.contentType).toBe('application/zip');
    const files = unzipSync(zip.body);
    const names = Object.keys(files).sort();
    const letterFiles = names.filter((n) => n.startsWith('letters/'));
    // The receipt was printed when issued (where Chromium is at hand); the others keep HTML and DOCX.
    expect(letterFiles).toHaveLength(hasChromium ? 7 : 6);
    expect(letterFiles[0]).toMatch(new RegExp(`^letters/01-受理回执-${a.trackingNumber}-\\d+\\.docx$`));
    expect(names).toContain('timeline.csv');
    expect(names).toContain('deliveries.csv');
    expect(names).toContain('application.json');
    expect(names.includes(`案卷-${a.trackingNumber}.pdf`)).toBe(hasChromium);

    const manifest = strFromU8(files[MANIFEST_NAME] ?? new Uint8Array());
    const lines = manifest.trimEnd().split('\n');
    expect(lines).toHaveLength(names.length - 1);
    for (const line of lines) {
      const [hash, name] = line.split('  ');
      const bytes = files[name ?? ''];
      expect(bytes, name).toBeDefined();
      expect(
        createHash('sha256')
          .update(bytes ?? new Uint8Array())
          .digest('hex'),
      ).toBe(hash);
    }

    const timeline = strFromU8(files['timeline.csv'] ?? new Uint8Array());
    // UTF-8 with a BOM for Excel (the decoder drops the BOM).
    expect([...(files['timeline.csv'] ?? new Uint8Array()).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(timeline.startsWith('"日期","事件","详情","备注","记录人","记录时间"\r\n')).toBe(true);
    expect(timeline).toContain('"2024-09-29","告知补正"');
    expect(timeline).toContain('请补充所需信息的时间范围');
    expect(timeline).toContain('出具《答复告知书（予以公开）》');
    expect(timeline).toContain('EMS1234567890CN');
    expect(strFromU8(files['deliveries.csv'] ?? new Uint8Array())).toContain(
      '"2024-10-30","邮寄（挂号信或EMS）","EMS1234567890CN","否"',
    );
    // The applicant's data in clear: the case file is for a reconsideration body or a court.
    expect(JSON.parse(strFromU8(files['application.json'] ?? new Uint8Array()))).toMatchObject({
      申请编号: a.trackingNumber,
      姓名或名称: '李四',
      联系电话: '13912345678',
      证件号码: '11010519491231002X',
    });
    const receiptHtml = letterFiles.find((n) => n.endsWith('.html'));
    expect(strFromU8(files[receiptHtml ?? ''] ?? new Uint8Array())).toContain(titles[0]);

    const audit = await db()
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'application')
      .where('entity_id', '=', String(a.id))
      .where('action', '=', 'application.caseFileExported')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]?.after_json ?? '{}')).toEqual({
      format: 'zip',
      letters: 3,
      sha256: createHash('sha256').update(zip.body).digest('hex'),
    });
  });

  it.skipIf(!hasChromium)(
    'prints one PDF that parses back with the tracking number, each letter and the timeline',
    async () => {
      const { a, titles } = await closedCase();
      const file = await exportCaseFile(db(), {
        applicationId: a.id,
        format: 'pdf',
        pdf,
        actor: TEST_ACTOR,
        now: NOW,
      });
      expect(file.fileName).toBe(`案卷-${a.trackingNumber}.pdf`);
      expect(file.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const text = await textOf(file.body);
      expect(text).toContain(a.trackingNumber);
      expect(text).toContain('政府信息公开申请案卷');
      for (const title of titles) expect(text).toContain(title.replace(/\s+/g, ''));
      expect(text).toContain('李四');
      expect(text).toContain('EMS1234567890CN');
      expect(text).toContain('告知补正');
    },
  );

  it('refuses a PDF where no Chromium is at hand, and still zips the originals without it', async () => {
    const { a } = await closedCase();
    await expect(
      exportCaseFile(db(), { applicationId: a.id, format: 'pdf', pdf: NO_PDF, actor: TEST_ACTOR, now: NOW }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    const zip = await exportCaseFile(db(), {
      applicationId: a.id,
      format: 'zip',
      pdf: NO_PDF,
      actor: TEST_ACTOR,
      now: NOW,
    });
    const names = Object.keys(unzipSync(zip.body));
    expect(names.some((n) => n.startsWith('案卷-'))).toBe(false);
    expect(names.filter((n) => n.startsWith('letters/'))).toHaveLength(hasChromium ? 7 : 6);
    await expect(
      exportCaseFile(db(), {
        applicationId: 999_999,
        format: 'zip',
        pdf: NO_PDF,
        actor: TEST_ACTOR,
        now: NOW,
      }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});
