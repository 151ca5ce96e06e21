import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { findApplication } from '../../src/applications/application.repository.ts';
import type { Outcome } from '../../src/applications/outcomes.ts';
import { isAppError } from '../../src/errors/app-error.ts';
import { composeLetter } from '../../src/letters/compose-letter.ts';
import { DEFAULT_TEMPLATES } from '../../src/letters/default-templates.ts';
import { issueLetter } from '../../src/letters/issue-letter.ts';
import { renderLetterDocx } from '../../src/letters/letter-docx.ts';
import { letterFile } from '../../src/letters/letter-file.ts';
import { renderLetterHtml } from '../../src/letters/letter-html.ts';
import { LETTER_KINDS, type LetterKind } from '../../src/letters/letter-kind.ts';
import { CHROMIUM_PATH, LetterPdf } from '../../src/letters/letter-pdf.ts';
import { PLACEHOLDERS, placeholdersFor } from '../../src/letters/letter-placeholders.ts';
import { previewLetter } from '../../src/letters/letter-sample.ts';
import { effectiveTemplate } from '../../src/letters/letter-template.repository.ts';
import { listLetters } from '../../src/letters/list-letters.ts';
import { resetLetterTemplate, saveLetterTemplate } from '../../src/letters/save-letter-template.ts';
import { describeEachDatabase } from '../support/each-database.ts';
import { TEST_ACTOR } from '../support/factories.ts';
import { decide, makeApplication, makeLetterAgencies, NOW, recordEvent } from './support.ts';

/** No Chromium: letters are stored with HTML and DOCX only. */
const NO_PDF = new LetterPdf('/nonexistent/chromium');
const hasChromium = existsSync(CHROMIUM_PATH);

const documentXml = (docx: Uint8Array): string => {
  const file = unzipSync(docx)['word/document.xml'];
  if (file === undefined) throw new Error('no word/document.xml');
  return strFromU8(file);
};

/** The text of a letter's HTML with the tags taken out. */
const textOf = (html: string): string => html.replace(/<[^>]+>/g, '');

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  try {
    await promise;
  } catch (error) {
    if (isAppError(error)) return `${error.code}: ${error.message}`;
    throw error;
  }
  throw new Error('expected a refusal');
};

describeEachDatabase('letters', (db) => {
  const issue = (applicationId: number, input: Record<string, string>, pdf: LetterPdf = NO_PDF) =>
    issueLetter(db(), { applicationId, input, actor: TEST_ACTOR, now: NOW, pdf });

  const storedHtml = async (letterId: number, applicationId: number) => {
    const file = await letterFile(db(), { applicationId, letterId, format: 'html', pdf: NO_PDF });
    if (file === null) throw new Error('no letter');
    return file.body.toString('utf8');
  };

  it('issues a receipt with the agency, the applicant, the dates and the deadline, in HTML and DOCX', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    const issued = await issue(a.id, { kind: 'receipt' });
    expect(issued).toMatchObject({ kind: 'receipt', title: '政府信息公开申请受理回执', pdf: false });
    const text = textOf(await storedHtml(issued.letterId, a.id));
    expect(text).toContain('张三：');
    expect(text).toContain(`申请编号：${a.trackingNumber}`);
    expect(text).toContain('本机关于2024年9月27日收到您通过平常信函提出的政府信息公开申请');
    expect(text).toContain('本申请的答复期限为：2024年10月30日');
    expect(text).toContain('联系机构：鼓楼区人民政府办公室；地址：河南省开封市鼓楼区包公湖北路39号');
    expect(text).toContain('鼓楼区人民政府');

    const file = await letterFile(db(), {
      applicationId: a.id,
      letterId: issued.letterId,
      format: 'docx',
      pdf: NO_PDF,
    });
    const xml = documentXml(file?.body ?? new Uint8Array());
    expect(xml).toContain('政府信息公开申请受理回执');
    expect(xml).toContain('本申请的答复期限为：2024年10月30日');
    expect(xml).toContain('仿宋_GB2312');
  });

  it('states the correction period of the correction notice, dated the day it was asked', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    expect(await refusal(issue(a.id, { kind: 'correction' }))).toBe(
      'VALIDATION: 本申请没有告知补正的记录，不能出具《补正告知书》',
    );
    await recordEvent(db(), a.id, { type: 'correctionAsked', date: '2024-10-09', until: '2024-10-23' });
    const issued = await issue(a.id, {
      kind: 'correction',
      particulars: '请写明所需资金发放情况的年度和街道。',
    });
    const text = textOf(await storedHtml(issued.letterId, a.id));
    expect(text).toContain('《中华人民共和国政府信息公开条例》第三十条');
    expect(text).toContain('请于2024年10月23日前向本机关提交补正后的申请');
    expect(text).toContain('请写明所需资金发放情况的年度和街道。');
    expect(text).toMatch(/2024年10月9日<\/p>|2024年10月9日\s*$/m);
  });

  it('states the working days and the new due date of an extension, from the deadline engine', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    await recordEvent(db(), a.id, { type: 'extended', date: '2024-10-28', workingDays: 20 });
    const text = textOf(await storedHtml((await issue(a.id, { kind: 'extension' })).letterId, a.id));
    expect(text).toContain('答复期限延长20个工作日（原答复期限为2024年10月30日）');
    expect(text).toContain('本机关将于2024年11月27日前作出答复');
    expect(text).toContain('第三十三条第二款');
  });

  it('gives the third party 15 working days in the consultation letter, which the portal does not offer', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    await recordEvent(db(), a.id, { type: 'consultationStarted', date: '2024-10-10' });
    const issued = await issue(a.id, { kind: 'consultation', thirdParty: '某某科技有限公司' });
    const text = textOf(await storedHtml(issued.letterId, a.id));
    expect(text).toContain('某某科技有限公司：');
    // 15 working days after 2024-10-10, the make-up Saturday 10-12 among them.
    expect(text).toContain('15个工作日内（即2024年10月30日前）');
    expect(text).toContain('第三十二条');
    expect(text).not.toContain('张三');
    const [letter] = await listLetters(db(), a.id);
    expect(letter?.toApplicant).toBe(false);
  });

  it('states the amount, method and explanation of a fee notice, and refuses one whose amount was not recorded', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    await recordEvent(db(), a.id, {
      type: 'feeNoticed',
      date: '2024-10-14',
      feeMethod: 'perApplication',
      nth: 31,
    });
    const text = textOf(await storedHtml((await issue(a.id, { kind: 'feeNotice' })).letterId, a.id));
    expect(text).toContain('本次采用按件计收，应缴纳信息处理费人民币200元');
    expect(text).toContain(
      '计算依据：本申请为该申请人当月向本机关提出的第31件申请：当月第31至40件，每件200元',
    );
    expect(text).toContain('20个工作日内（即2024年11月11日前）');

    const b = await makeApplication(db(), gulou.id);
    // A fee notice carried over from elsewhere, without its amount.
    await db()
      .insertInto('application_events')
      .values({
        application_id: b.id,
        type: 'feeNoticed',
        date: '2024-10-14',
        working_days: null,
        until: null,
        note: null,
        actor_user_id: null,
        recorded_at: NOW.toISOString(),
        detail_json: null,
      })
      .execute();
    expect(await refusal(issue(b.id, { kind: 'feeNotice' }))).toMatch(
      /^VALIDATION: 该收费通知事件没有记录信息处理费金额.*请先记录收费金额/,
    );
  });

  it('refuses a reply letter before the decision, and the reply of another outcome family', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    expect(await refusal(issue(a.id, { kind: 'reply' }))).toBe(
      'VALIDATION: 本申请尚未作出答复决定，作出决定后才能出具答复告知书',
    );
    expect(await refusal(issue(a.id, { kind: 'reply-granted' }))).toContain('尚未作出答复决定');
    await decide(db(), a.id, { outcome: 'unable.needsCreation' });
    expect(await refusal(issue(a.id, { kind: 'reply-granted' }))).toContain(
      '应出具《答复告知书（无法提供）》',
    );
    expect(await refusal(issue(a.id, { kind: 'nonsense' }))).toBe('VALIDATION: 请选择要出具的文书');
  });

  it('names the agency that holds the information (Art. 36(5)) and the rights of reconsideration and suit', async () => {
    const { city, gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    await decide(db(), a.id, {
      outcome: 'unable.notHeld',
      referredAgencyName: '开封市民政局',
      referredAgencyContact: '0371-22222222',
    });
    const issued = await issue(a.id, { kind: 'reply' });
    expect(issued.kind).toBe('reply-unable');
    const text = textOf(await storedHtml(issued.letterId, a.id));
    expect(text).toContain('根据《条例》第三十六条第（四）项、第（五）项的规定');
    expect(text).toContain('本机关无法提供（本机关不掌握相关政府信息）');
    expect(text).toContain('经检索，本机关未制作或者获取您申请的政府信息');
    expect(text).toContain('由开封市民政局负责公开，请向该机关提出申请（联系方式：0371-22222222）');
    expect(text).toContain(
      `自收到本告知书之日起六十日内，依照《中华人民共和国行政复议法》向${city.name}申请行政复议`,
    );
    expect(text).toContain(
      '自收到本告知书之日起六个月内，依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼',
    );
    expect(text).toContain('2024年10月29日');
  });

  it('writes the reconsideration-first rule into a refusal, with the reason the agency gave', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    await decide(db(), a.id, {
      outcome: 'withheld.thirdParty',
      reason: '第三方书面表示不同意公开，理由合理。',
    });
    const text = textOf(await storedHtml((await issue(a.id, { kind: 'reply' })).letterId, a.id));
    expect(text).toContain(
      '根据《条例》第十五条、第三十二条的规定，本机关决定不予公开（保护第三方合法权益）',
    );
    expect(text).toContain('具体理由：第三方书面表示不同意公开，理由合理。');
    expect(text).toContain('应当先申请行政复议');
    expect(text).toContain('六十日内');
    expect(text).toContain('依照《中华人民共和国行政诉讼法》向人民法院提起行政诉讼');
  });

  it.each([
    ['granted', 'reply-granted', '本机关决定予以公开', '《条例》第三十六条第（一）项、第（二）项'],
    ['partial', 'reply-partial', '本机关决定部分公开', '《条例》第三十七条'],
    ['withheld.stateSecret', 'reply-withheld', '本机关决定不予公开（属于国家秘密）', '《条例》第十四条'],
    ['unable.stillUnclear', 'reply-unable', '本机关无法提供（补正后申请内容仍不明确）', '《条例》第三十条'],
    ['rejected.repeated', 'reply-rejected', '本机关决定不予处理（重复申请）', '《条例》第三十六条第（六）项'],
    ['other.noFee', 'reply-other', '本申请作其他处理', '《政府信息公开信息处理费管理办法》'],
  ] as const)(
    'issues the reply letter of %s with its basis and the rights',
    async (outcome, kind, words, basis) => {
      const { gulou } = await makeLetterAgencies(db());
      const a = await makeApplication(db(), gulou.id);
      // The decided state as the workflow leaves it (the workflow's own rules are tested with it).
      await db()
        .updateTable('applications')
        .set({
          stage: 'decided',
          outcome,
          decided_on: '2024-10-29',
          decision_json: JSON.stringify({
            outcome: outcome as Outcome,
            reason: '本机关的具体理由。',
            proposedBy: null,
            proposedAt: NOW.toISOString(),
            decidedOn: '2024-10-29',
          }),
        })
        .where('id', '=', a.id)
        .execute();
      const issued = await issue(a.id, { kind: 'reply' });
      expect(issued.kind).toBe(kind);
      expect(issued.title).toBe('政府信息公开申请答复告知书');
      const text = textOf(await storedHtml(issued.letterId, a.id));
      expect(text).toContain(words);
      expect(text).toContain(basis);
      expect(text).toContain('本机关的具体理由。');
      expect(text).toContain('《中华人民共和国行政复议法》');
      expect(text).toContain('《中华人民共和国行政诉讼法》');
      expect(text).toContain('六十日内');
    },
  );

  it('stores the letter, its letterIssued event and its audit record together, and versions a second one', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    const first = await issue(a.id, { kind: 'receipt' });
    const second = await issue(a.id, { kind: 'receipt' });
    expect(second.letterId).not.toBe(first.letterId);
    const letters = await listLetters(db(), a.id);
    expect(letters.map((l) => [l.kind, l.version, l.hasPdf])).toEqual([
      ['receipt', 1, false],
      ['receipt', 2, false],
    ]);
    const events = await db()
      .selectFrom('application_events')
      .select(['type', 'detail_json'])
      .where('application_id', '=', a.id)
      .where('type', '=', 'letterIssued')
      .orderBy('id')
      .execute();
    expect(events.map((e) => JSON.parse(e.detail_json ?? '{}'))).toEqual([
      { letterId: first.letterId, kind: 'receipt', summary: '出具《受理回执》' },
      { letterId: second.letterId, kind: 'receipt', summary: '出具《受理回执》' },
    ]);
    const audits = await db()
      .selectFrom('audit_log')
      .select(['action', 'after_json'])
      .where('entity_type', '=', 'application')
      .where('entity_id', '=', String(a.id))
      .where('action', '=', 'letter.issue')
      .execute();
    expect(audits).toHaveLength(2);
    expect(JSON.parse(audits[0]?.after_json ?? '{}')).toMatchObject({
      letterId: first.letterId,
      kind: 'receipt',
    });
    // The clock ignores the letters: the stored deadline is unchanged.
    expect((await findApplication(db(), a.id))?.deadline.due).toBe('2024-10-30');

    // When the audit record cannot be written, neither the letter nor its event stays.
    const broken = { userId: null, label: null as unknown as string };
    await expect(
      issueLetter(db(), {
        applicationId: a.id,
        input: { kind: 'receipt' },
        actor: broken,
        now: NOW,
        pdf: NO_PDF,
      }),
    ).rejects.toThrow();
    expect(await listLetters(db(), a.id)).toHaveLength(2);
    const count = await db()
      .selectFrom('application_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('application_id', '=', a.id)
      .where('type', '=', 'letterIssued')
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(2);
  });

  it('escapes placeholder values and template text in HTML and DOCX', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id, {
      applicantName: '<script>alert(1)</script>',
      description: '资金 & "发放" <b>情况</b>',
    });
    const issued = await issue(a.id, { kind: 'receipt', particulars: '<img src=x onerror=alert(2)>' });
    const html = await storedHtml(issued.letterId, a.id);
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).not.toContain('<b>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;：');
    expect(html).toContain('资金 &amp; &quot;发放&quot; &lt;b&gt;情况&lt;/b&gt;');
    expect(html).toContain('&lt;img src=x onerror=alert(2)&gt;');
    const file = await letterFile(db(), {
      applicationId: a.id,
      letterId: issued.letterId,
      format: 'docx',
      pdf: NO_PDF,
    });
    const xml = documentXml(file?.body ?? new Uint8Array());
    expect(xml).not.toContain('<script>');
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  it('uses an agency template over the default, and the default again once it is removed', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    const body =
      '< {{申请人}}：\n<em>本局</em>已于{{收到日期}}收到您的申请（编号{{申请编号}}）。\n> {{机关名称}}';
    await saveLetterTemplate(db(), {
      agencyId: gulou.id,
      kind: 'receipt',
      input: { title: '{{机关名称}}受理通知', body },
      actor: TEST_ACTOR,
      now: NOW,
    });
    expect(await effectiveTemplate(db(), gulou.id, 'receipt')).toMatchObject({ custom: true, body });
    const issued = await issue(a.id, { kind: 'receipt' });
    expect(issued.title).toBe('鼓楼区人民政府受理通知');
    const html = await storedHtml(issued.letterId, a.id);
    expect(html).toContain(
      `&lt;em&gt;本局&lt;/em&gt;已于2024年9月27日收到您的申请（编号${a.trackingNumber}）。`,
    );
    expect(html).not.toContain('答复期限');

    await resetLetterTemplate(db(), { agencyId: gulou.id, kind: 'receipt', actor: TEST_ACTOR, now: NOW });
    expect((await issue(a.id, { kind: 'receipt' })).title).toBe('政府信息公开申请受理回执');
    const actions = await db()
      .selectFrom('audit_log')
      .select('action')
      .where('entity_type', '=', 'letterTemplate')
      .where('entity_id', '=', `${gulou.id}:receipt`)
      .orderBy('id')
      .execute();
    expect(actions.map((r) => r.action)).toEqual(['letterTemplate.save', 'letterTemplate.reset']);
  });

  it('refuses a template with an unknown placeholder, naming it, and stores nothing', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const save = (kind: LetterKind, title: string, body: string) =>
      refusal(
        saveLetterTemplate(db(), {
          agencyId: gulou.id,
          kind,
          input: { title, body },
          actor: TEST_ACTOR,
          now: NOW,
        }),
      );
    expect(await save('receipt', '回执', '{{申请编号}}{{收到日期}}{{申请人姓名}}')).toBe(
      'VALIDATION: 未知的占位符 {{申请人姓名}}：请从可用占位符列表中选择',
    );
    expect(await save('receipt', '回执{{文号}}', '{{申请编号}}{{收到日期}}')).toContain(
      '未知的占位符 {{文号}}',
    );
    expect(await save('receipt', '回执', '{{申请编号}}{{收到日期}}{{收费金额}}')).toBe(
      'VALIDATION: 占位符 {{收费金额}} 不适用于《受理回执》',
    );
    expect(await save('reply-withheld', '答复', '{{办理结果}}{{法律依据}}')).toBe(
      'VALIDATION: 《答复告知书（不予公开）》的正文须包含 {{救济途径}}',
    );
    expect(await save('receipt', '回执', '{{申请编号}}{{收到日期}}{{申请人')).toContain('占位符格式不正确');
    expect((await effectiveTemplate(db(), gulou.id, 'receipt')).custom).toBe(false);
  });

  it('previews every default template against the sample application', async () => {
    const { gulou } = await makeLetterAgencies(db());
    for (const kind of LETTER_KINDS) {
      const doc = await previewLetter(db(), gulou, kind, DEFAULT_TEMPLATES[kind], '2024-11-01');
      const text = doc.paragraphs.map((p) => p.text).join('\n');
      expect(text, kind).not.toMatch(/\{\{|\}\}/);
      expect(text, kind).toContain('GK2024092700000001');
    }
  });

  it('stores no PDF where Chromium is missing, and says so in Chinese when one is asked for', async () => {
    const { gulou } = await makeLetterAgencies(db());
    const a = await makeApplication(db(), gulou.id);
    const issued = await issue(a.id, { kind: 'receipt' }, NO_PDF);
    expect(issued.pdf).toBe(false);
    expect(
      await refusal(
        letterFile(db(), { applicationId: a.id, letterId: issued.letterId, format: 'pdf', pdf: NO_PDF }),
      ),
    ).toMatch(/^CONFLICT: 本服务器未安装 Chromium，暂时无法生成 PDF 版本/);
    // A letter of another application is not found through this one.
    const b = await makeApplication(db(), gulou.id);
    expect(
      await letterFile(db(), { applicationId: b.id, letterId: issued.letterId, format: 'html', pdf: NO_PDF }),
    ).toBeNull();
  });
});

describe('the letter templates shipped with the system', () => {
  it('use only known placeholders, each allowed for its letter, and contain what the law requires', async () => {
    const { templateProblems } = await import('../../src/letters/letter-placeholders.ts');
    for (const kind of LETTER_KINDS)
      expect(templateProblems(kind, DEFAULT_TEMPLATES[kind]), kind).toEqual([]);
    expect(new Set(PLACEHOLDERS.map((p) => p.name)).size).toBe(PLACEHOLDERS.length);
    expect(placeholdersFor('receipt').map((p) => p.name)).not.toContain('收费金额');
  });

  it('leaves out a line whose placeholders are all empty, and keeps one with text of its own', () => {
    const doc = composeLetter(
      { title: '标题', body: '< {{申请人}}：\n{{补充说明}}\n具体理由：{{具体理由}}\n> {{机关名称}}' },
      { 申请人: '张三', 补充说明: '', 具体理由: '', 机关名称: '鼓楼区人民政府' },
    );
    expect(doc.paragraphs).toEqual([
      { align: 'left', text: '张三：' },
      { align: 'right', text: '鼓楼区人民政府' },
    ]);
  });
});

if (!hasChromium) it.skip(`letters to PDF: ${CHROMIUM_PATH} is not installed`, () => {});

describe.runIf(hasChromium)('letters to PDF (Chromium)', () => {
  it('prints an A4 PDF that holds the letter text, with one browser for many letters', async () => {
    const pdf = new LetterPdf();
    try {
      const doc = composeLetter(DEFAULT_TEMPLATES.receipt, {
        申请人: '张三',
        申请编号: 'GK2024092700000001',
        收到日期: '2024年9月27日',
        答复期限: '2024年10月30日',
        机关名称: '鼓楼区人民政府',
      });
      const first = await pdf.render(renderLetterHtml(doc));
      const second = await pdf.render(renderLetterHtml(doc));
      expect(first.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(second.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      const docx = await renderLetterDocx(doc);
      expect(documentXml(docx)).toContain('GK2024092700000001');
      let text: string | null = null;
      try {
        text = execFileSync('pdftotext', ['-layout', '-', '-'], { input: first }).toString('utf8');
      } catch {
        text = null; // pdftotext (poppler-utils) not installed: the header check stands
      }
      if (text !== null) {
        const flat = text.replace(/\s+/g, '');
        expect(flat).toContain('政府信息公开申请受理回执');
        expect(flat).toContain('GK2024092700000001');
        expect(flat).toContain('2024年10月30日');
      }
    } finally {
      await pdf.close();
    }
  });
});
