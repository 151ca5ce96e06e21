import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unzipSync, zipSync } from 'fflate';
import iconv from 'iconv-lite';
import { deflated, deflatedZeros, pdfDocument, sparseFile, zipParts } from './builders.ts';

/**
 * The bad files of the fault test, each with what the audit must say of it. A bad file is
 * "reported" when its line is `failed` with an error matching `error`, or — for a file that is
 * damaged but still partly readable — `parsed` with a diagnostic matching `diagnostic`. A file
 * with hostile markup or a hostile name around a good report must be read as that report
 * (`good`: the good file whose content it carries).
 */

export type Category = 'corrupt' | 'huge' | 'slow' | 'hostile';

export interface BadFile {
  readonly path: string;
  readonly category: Category;
  readonly what: string;
  readonly error?: RegExp;
  readonly diagnostic?: RegExp;
  /** Content of this good file (its expectations are checked instead). */
  readonly good?: string;
}

const NOT_A_REPORT = /不是政府信息公开工作年度报告/;
const TIMEOUT = /解析超时/;
const TOO_BIG = /文件过大/;
const BOMB = /压缩炸弹|过大/;
const MB = 1024 * 1024;

/** Bytes from a seeded generator: random but the same every run. */
const noise = (length: number, seed: number): Buffer => {
  const out = Buffer.alloc(length);
  let a = seed >>> 0;
  for (let i = 0; i < length; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    out[i] = a >>> 24;
  }
  return out;
};

/** A DOCX of generated report `source` with its document.xml changed by `edit`. */
const editDocx = (source: string, edit: (xml: string) => string): Uint8Array => {
  const parts = unzipSync(readFileSync(source));
  const xml = new TextDecoder().decode(parts['word/document.xml']);
  return zipSync({ ...parts, 'word/document.xml': new TextEncoder().encode(edit(xml)) });
};

const LAUGHS = `<!DOCTYPE w:document [<!ENTITY lol "lol">${Array.from(
  { length: 9 },
  (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`,
).join('')}]>`;

const withDoctype = (xml: string, doctype: string, entity: string): string =>
  xml
    .replace(/^(<\?xml[^>]*\?>)?/, (decl) => `${decl}${doctype}`)
    .replace(/(<w:body>)/, `$1<w:p><w:r><w:t>${entity}</w:t></w:r></w:p>`);

export interface BadContext {
  readonly dir: string;
  /** Good files to borrow content from: a text, an HTML and a DOCX report. */
  readonly text: string;
  readonly html: string;
  readonly docx: string;
  /** Names a bad file `NNNNN-…` so that it sorts among the good files. */
  readonly place: (n: number, name: string) => string;
  readonly smoke: boolean;
}

/** Writes every bad file; returns them in no particular order. */
export const writeBadFiles = async (ctx: BadContext): Promise<BadFile[]> => {
  const files: BadFile[] = [];
  let n = 0;
  const at = (name: string): string => ctx.place(n++, name);
  const add = (f: Omit<BadFile, 'path'> & { name: string }, bytes?: Uint8Array | string): void => {
    const path = at(f.name);
    if (bytes !== undefined) writeFileSync(path, bytes);
    const { name: _name, ...rest } = f;
    files.push({ path, ...rest });
  };
  const docx = readFileSync(ctx.docx);
  const html = readFileSync(ctx.html, 'utf8');
  const text = readFileSync(ctx.text, 'utf8');
  const pdf = pdfDocument(3, 40);

  // — corrupt —
  add(
    {
      name: 'cut-40.docx',
      category: 'corrupt',
      what: 'DOCX cut at 40%',
      error: /DOCX|不是政府信息公开/,
      diagnostic: /不完整|截断/,
    },
    docx.subarray(0, Math.floor(docx.length * 0.4)),
  );
  add(
    {
      name: 'cut-90.docx',
      category: 'corrupt',
      what: 'DOCX cut at 90%',
      error: /DOCX|不是政府信息公开/,
      diagnostic: /不完整|截断/,
    },
    docx.subarray(0, Math.floor(docx.length * 0.9)),
  );
  add(
    {
      name: 'cut-header.docx',
      category: 'corrupt',
      what: 'DOCX cut after 100 bytes',
      error: /DOCX|无法识别/,
    },
    docx.subarray(0, 100),
  );
  add(
    { name: 'cut.pdf', category: 'corrupt', what: 'PDF cut at 60%', error: /PDF/ },
    pdf.subarray(0, Math.floor(pdf.length * 0.6)),
  );
  add(
    {
      name: 'cut-zip.zip',
      category: 'corrupt',
      what: 'a zip (not DOCX) cut in half',
      error: /无法识别|DOCX/,
    },
    zipSync({ 'a.txt': noise(4000, 9), 'b.csv': noise(4000, 10) }).subarray(0, 3000),
  );
  for (const ext of ['docx', 'pdf', 'html', 'txt']) {
    add(
      {
        name: `random.${ext}`,
        category: 'corrupt',
        what: `random bytes named .${ext}`,
        error: /无法识别的文件格式/,
      },
      noise(50_000, ext.length * 31),
    );
  }
  add(
    {
      name: 'pdf-header-garbage.pdf',
      category: 'corrupt',
      what: '%PDF- header then random bytes',
      error: /PDF/,
    },
    Buffer.concat([Buffer.from('%PDF-1.7\n'), noise(30_000, 77)]),
  );
  add({ name: 'empty.txt', category: 'corrupt', what: 'empty file', error: /文件为空/ }, '');
  add({ name: 'empty.docx', category: 'corrupt', what: 'empty file named .docx', error: /文件为空/ }, '');
  add({ name: 'empty.pdf', category: 'corrupt', what: 'empty file named .pdf', error: /文件为空/ }, '');
  add(
    { name: 'shift-jis.txt', category: 'corrupt', what: 'Japanese text in Shift_JIS', error: NOT_A_REPORT },
    iconv.encode('政府情報公開年次報告書の本文です。'.repeat(200), 'shift_jis'),
  );
  add(
    {
      name: 'utf16-odd.txt',
      category: 'corrupt',
      what: 'UTF-16LE with BOM, cut to an odd length',
      error: NOT_A_REPORT,
    },
    Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('报告'.repeat(500), 'utf16le').subarray(0, 999)]),
  );
  // Wrong encodings of a good report: must still read as the report.
  add(
    { name: 'gb18030.txt', category: 'corrupt', what: 'good report in GB18030', good: ctx.text },
    iconv.encode(text, 'gb18030'),
  );
  add(
    {
      name: 'utf16le-nobom.txt',
      category: 'corrupt',
      what: 'good report in UTF-16LE without BOM',
      good: ctx.text,
    },
    iconv.encode(text, 'utf16le'),
  );
  add(
    {
      name: 'meta-utf8-but-gbk.html',
      category: 'corrupt',
      what: 'HTML declaring UTF-8, saved as GBK',
      good: ctx.html,
    },
    iconv.encode(html.replace(/<meta charset="[^"]*">/i, '<meta charset="utf-8">'), 'gbk'),
  );

  // — huge —
  const sparse = (name: string, bytes: number, what: string) => {
    const path = at(name);
    sparseFile(path, bytes);
    files.push({ path, category: 'huge', what, error: TOO_BIG });
  };
  sparse('sparse-21mb.txt', 21 * MB, 'sparse file of 21 MB');
  sparse('sparse-4gb.pdf', 4 * 1024 * MB, 'sparse file of 4 GB');
  const bombSize = ctx.smoke ? 256 * MB : 2 * 1024 * MB;
  const bombData = await deflatedZeros(bombSize, '<w:document><w:body><w:p><w:r><w:t>');
  add(
    {
      name: 'bomb-honest.docx',
      category: 'huge',
      what: `zip bomb: document.xml inflates to ${bombSize / MB} MB (sizes stated)`,
      error: BOMB,
    },
    zipParts([
      deflated('[Content_Types].xml', '<Types/>'),
      { name: 'word/document.xml', data: bombData, method: 8, claimedSize: Math.min(bombSize, 0xffffffff) },
    ]),
  );
  add(
    {
      name: 'bomb-lying.docx',
      category: 'huge',
      what: `zip bomb: document.xml inflates to ${bombSize / MB} MB, headers claim 4 KB`,
      error: BOMB,
    },
    zipParts([
      deflated('[Content_Types].xml', '<Types/>'),
      { name: 'word/document.xml', data: bombData, method: 8, claimedSize: 4096 },
    ]),
  );
  add(
    { name: 'bomb-entries.docx', category: 'huge', what: 'zip with 6,000 entries', error: /过多部件/ },
    zipParts([
      deflated('word/document.xml', '<w:document/>'),
      ...Array.from({ length: 6000 }, (_, i) => deflated(`x/${i}.xml`, '<a/>')),
    ]),
  );
  add(
    {
      name: 'line-15mb-spaces.txt',
      category: 'huge',
      what: 'one 15 MB line of spaces and a letter',
      error: NOT_A_REPORT,
    },
    `${' '.repeat(15 * MB)}x\n`,
  );
  add(
    {
      name: 'line-15mb-stops.txt',
      category: 'huge',
      what: 'one 15 MB line of 。 and a letter',
      error: NOT_A_REPORT,
    },
    `${'。'.repeat(5 * MB)}x\n`,
  );
  add(
    {
      name: 'line-15mb-digits.txt',
      category: 'huge',
      what: 'one 15 MB line of figures',
      error: NOT_A_REPORT,
    },
    `${'12 '.repeat(5 * MB)}\n`,
  );

  // — slow —
  add(
    {
      name: 'unclosed-300k.html',
      category: 'slow',
      what: '300,000 unclosed <span>s (htmlparser2 is quadratic in depth)',
      error: TIMEOUT,
    },
    `<html><body>${'<span>'.repeat(300_000)}x</body></html>`,
  );
  add(
    {
      name: 'heavy-200-pages.pdf',
      category: 'slow',
      what: 'PDF of 200 pages, 20,000 text runs each',
      error: /解析超时|内存超出上限/,
    },
    pdfDocument(200, 20_000),
  );
  add(
    {
      name: 'many-pages.pdf',
      category: 'slow',
      what: 'PDF of 100,000 pages',
      error: /解析超时|内存超出上限|不是政府信息公开/,
    },
    pdfDocument(100_000, 3),
  );

  // — hostile —
  add(
    {
      name: 'billion-laughs.docx',
      category: 'hostile',
      what: 'good DOCX report with a billion-laughs DTD',
      good: ctx.docx,
    },
    editDocx(ctx.docx, (x) => withDoctype(x, LAUGHS, '&lol9;')),
  );
  add(
    {
      name: 'xxe.docx',
      category: 'hostile',
      what: 'good DOCX report with an external entity (/etc/passwd)',
      good: ctx.docx,
    },
    editDocx(ctx.docx, (x) =>
      withDoctype(x, '<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>', '&xxe;'),
    ),
  );
  add(
    {
      name: 'scripts.html',
      category: 'hostile',
      what: 'good HTML report with scripts, handlers and a fake table in a script',
      good: ctx.html,
    },
    html.replace(
      '<body>',
      '<body><script>while(true){}</script><script>document.write("<table><tr><td>总计</td><td>999</td></tr></table>")</script><img src=x onerror="alert(1)"><iframe src="javascript:alert(1)"></iframe>',
    ),
  );
  add(
    {
      name: 'nested-100k.html',
      category: 'hostile',
      what: '100,000 nested <div>s',
      error: /不是政府信息公开|解析超时/,
    },
    `<html><body>${'<div>'.repeat(100_000)}x${'</div>'.repeat(100_000)}</body></html>`,
  );
  add(
    {
      name: 'nested-tables.html',
      category: 'hostile',
      what: '20,000 nested tables',
      error: /不是政府信息公开|解析超时/,
    },
    `<html><body>${'<table><tr><td>'.repeat(20_000)}x</body></html>`,
  );
  add(
    {
      name: 'nested-100k.docx',
      category: 'hostile',
      what: 'DOCX with tables nested 100,000 deep',
      error: NOT_A_REPORT,
    },
    zipSync({
      '[Content_Types].xml': new TextEncoder().encode('<Types/>'),
      'word/document.xml': new TextEncoder().encode(
        `<w:document><w:body>${'<w:tbl><w:tr><w:tc>'.repeat(100_000)}<w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>`,
      ),
    }),
  );
  add(
    {
      name: 'unclosed-tags.docx',
      category: 'hostile',
      what: 'DOCX whose document.xml is 2 MB of "<a" without ">"',
      error: NOT_A_REPORT,
    },
    zipSync({
      'word/document.xml': new TextEncoder().encode(`<w:document><w:body><w:p><w:r><w:t>${'<a'.repeat(MB)}`),
    }),
  );
  // Hostile names around good content.
  const named = (name: string, source: string, what: string) => {
    const path = join(ctx.dir, name);
    writeFileSync(path, readFileSync(source));
    files.push({ path, category: 'hostile', what, good: source });
  };
  named('-rf --json.txt', ctx.text, 'name with a leading dash and spaces');
  named('line\nbreak\r\n.txt', ctx.text, 'name with a newline and CR');
  named('鼓楼区 2019年 年度报告（终稿）.html', ctx.html, 'Chinese name with spaces');
  named('tab\tand "quotes" & <lt>.docx', ctx.docx, 'name with a tab, quotes and markup');
  const link = (name: string, target: string, what: string, error: RegExp) => {
    const path = at(name);
    symlinkSync(target, path);
    files.push({ path, category: 'hostile', what, error });
  };
  const loopA = at('loop-a.txt');
  const loopB = at('loop-b.txt');
  symlinkSync(loopB, loopA);
  symlinkSync(loopA, loopB);
  files.push({ path: loopA, category: 'hostile', what: 'symlink loop (a → b)', error: /符号链接循环/ });
  files.push({ path: loopB, category: 'hostile', what: 'symlink loop (b → a)', error: /符号链接循环/ });
  link('dev-zero.docx', '/dev/zero', 'symlink to /dev/zero', /设备文件/);
  link(
    'proc-mem.txt',
    '/proc/self/mem',
    'symlink to /proc/self/mem (read fails with EIO)',
    /输入输出错误|读取文件出错/,
  );
  link('dangling.html', join(ctx.dir, 'no-such-file.html'), 'dangling symlink', /文件不存在/);
  link('link-to-dir.txt', ctx.dir, 'symlink to a directory (the tree itself)', /目录/);
  const fifo = at('fifo.txt');
  mkfifoSync(fifo);
  files.push({ path: fifo, category: 'hostile', what: 'FIFO with no writer', error: /命名管道/ });
  const locked = at('chmod-000.txt');
  writeFileSync(locked, text);
  chmodSync(locked, 0);
  const root = process.getuid?.() === 0;
  files.push(
    root
      ? {
          path: locked,
          category: 'hostile',
          what: 'chmod 000 (root reads it anyway: must read as the report)',
          good: ctx.text,
        }
      : { path: locked, category: 'hostile', what: 'chmod 000', error: /没有读取该文件的权限/ },
  );
  // A directory named like a file, holding a good report.
  const dirLikeFile = at('report.docx');
  mkdirSync(dirLikeFile);
  named(
    join(`${dirLikeFile.slice(ctx.dir.length + 1)}`, 'inside.txt'),
    ctx.text,
    'good report inside a directory named report.docx',
  );
  // Hidden files are skipped by the walk: this one must not appear in the output at all.
  writeFileSync(join(ctx.dir, '.hidden-bad.txt'), noise(1000, 5));
  return files;
};

/** mkfifo(2) through the mkfifo tool: Node has no binding for it. */
function mkfifoSync(path: string): void {
  execFileSync('mkfifo', [path]);
}
