import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectUploadType, readUploadedFiles } from '../../src/web/forms/uploads.ts';
import { testDatabases } from '../support/databases.ts';
import { makeAgency, makeUser } from '../support/factories.ts';
import { type Browser, openTestApp, sessionFor, type TestApp } from './support/web-app.ts';

const BOUNDARY = '----gongkai-upload';
const field = (name: string, value: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
const file = (name: string, content: string, filename = `${name}.txt`) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${filename}"\r\nContent-Type: text/plain\r\n\r\n${content}\r\n`;

describe('upload limits (sqlite)', () => {
  let t: TestApp;
  let browser: Browser;
  beforeAll(async () => {
    const sqlite = testDatabases()[0];
    if (sqlite === undefined) throw new Error('no test database');
    t = await openTestApp(sqlite, {}, (app) => {
      app.post('/workbench/test-upload', async () => ({ uploaded: true }));
      app.post('/workbench/test-attachment', async (request) => {
        const files = await readUploadedFiles(request.body, 'attachment', '附件', ['pdf', 'text']);
        return { files: files.map((f) => [f.filename, f.type, f.bytes.length]) };
      });
    });
    const agency = await makeAgency(t.database.db);
    browser = await sessionFor(t.database, (await makeUser(t.database.db, { agencyId: agency.id })).user.id);
  });
  afterAll(() => t.close());

  const upload = (parts: string[], url = '/workbench/test-upload') =>
    t.app.inject({
      method: 'POST',
      url,
      cookies: browser.cookies,
      headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
      payload: `${field('_csrf', browser.csrfToken)}${parts.join('')}--${BOUNDARY}--\r\n`,
    });

  it('takes up to five files', async () => {
    const res = await upload(['a', 'b', 'c', 'd', 'e'].map((n) => file(n, 'hello')));
    expect(res.statusCode).toBe(200);
  });

  it('refuses a sixth file with 413 and a Chinese page', async () => {
    const res = await upload(['a', 'b', 'c', 'd', 'e', 'f'].map((n) => file(n, 'hello')));
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('提交的内容过大');
    expect(res.body).toContain('每个不超过 10 MB，每次最多 5 个');
  });

  it('refuses a file over 10 MB with 413', async () => {
    const res = await upload([file('big', 'x'.repeat(10 * 1024 * 1024 + 1))]);
    expect(res.statusCode).toBe(413);
  });

  it('takes an allowed kind whose content and name agree', async () => {
    const res = await upload(
      [file('attachment', '%PDF-1.7\n…', '答复告知书.pdf')],
      '/workbench/test-attachment',
    );
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ files: [['答复告知书.pdf', 'pdf', 12]] });
  });

  it('refuses a program named .pdf, and a file whose name lies about its kind, naming the field', async () => {
    const exe = await upload(
      [file('attachment', 'MZ\u0000\u0000program', 'letter.pdf')],
      '/workbench/test-attachment',
    );
    expect(exe.statusCode).toBe(400);
    expect(exe.body).toContain('附件');
    expect(exe.body).toContain('类型不允许，只接受 PDF、文本（TXT、CSV）');
    const lying = await upload(
      [file('attachment', 'plain words', 'letter.pdf')],
      '/workbench/test-attachment',
    );
    expect(lying.statusCode).toBe(400);
    expect(lying.body).toMatch(/与扩展名("|&quot;).pdf("|&quot;)不符/);
  });
});

describe('detectUploadType', () => {
  it('tells files by their content', () => {
    const bytes = (...b: number[]) => new Uint8Array(b);
    expect(detectUploadType(new TextEncoder().encode('%PDF-1.4'))).toBe('pdf');
    expect(detectUploadType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0))).toBe('png');
    expect(detectUploadType(bytes(0xff, 0xd8, 0xff, 0xe0))).toBe('jpeg');
    expect(detectUploadType(new TextEncoder().encode('PK\u0003\u0004....word/document.xml'))).toBe('docx');
    expect(detectUploadType(new TextEncoder().encode('PK\u0003\u0004....xl/workbook.xml'))).toBe('xlsx');
    expect(detectUploadType(new TextEncoder().encode('PK\u0003\u0004....evil.exe'))).toBeNull();
    expect(detectUploadType(bytes(0x4d, 0x5a, 0x90, 0x00))).toBeNull();
    expect(detectUploadType(new TextEncoder().encode('申请人,日期\n张三,2024-09-27\n'))).toBe('text');
  });
});
