import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Diagnostic } from '../../model/report.ts';
import { type SourceDocument, UnreadableDocumentError } from '../document.ts';
import { LIMITS } from './limits.ts';
import { layoutPages } from './pdf-layout.ts';
import { type PageContent, readPageContent } from './pdf-page.ts';
import { findPublicationDate } from './publication-date.ts';

/**
 * A report published as a PDF, read with pdfjs (its legacy build, for Node): the text layer
 * with positions, and the lines the page draws, from which pdf-layout.ts rebuilds paragraphs
 * and tables. A PDF without a text layer (a scan) cannot be read.
 */

type Pdfjs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');

let loading: Promise<Pdfjs> | null = null;

/** pdfjs is large: loaded on the first PDF only. */
const loadPdfjs = (): Promise<Pdfjs> => {
  loading ??= import('pdfjs-dist/legacy/build/pdf.mjs').then((pdfjs) => {
    if (!pdfjs.GlobalWorkerOptions.workerSrc) {
      pdfjs.GlobalWorkerOptions.workerSrc = pathToFileURL(
        join(PDFJS_ROOT, 'legacy/build/pdf.worker.mjs'),
      ).href;
    }
    return pdfjs;
  });
  return loading;
};

const PDFJS_ROOT = dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json'));

const errorName = (e: unknown): string => (e instanceof Error ? e.name : '');

const openError = (e: unknown): UnreadableDocumentError => {
  const name = errorName(e);
  if (name === 'PasswordException') return new UnreadableDocumentError('PDF 已加密，需要密码才能打开');
  return new UnreadableDocumentError('PDF 文件已损坏或不完整，无法读取');
};

export const readPdf = async (bytes: Uint8Array): Promise<SourceDocument> => {
  if (bytes.length > LIMITS.maxFileBytes) throw new UnreadableDocumentError('PDF 文件过大');
  const pdfjs = await loadPdfjs();
  const task = pdfjs.getDocument({
    // pdfjs may take the buffer over: give it a copy.
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    disableFontFace: true,
    isOffscreenCanvasSupported: false,
    standardFontDataUrl: `${join(PDFJS_ROOT, 'standard_fonts')}/`,
    cMapUrl: `${join(PDFJS_ROOT, 'cmaps')}/`,
    cMapPacked: true,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  const diagnostics: Diagnostic[] = [];
  try {
    const doc = await task.promise.catch((e: unknown) => {
      throw openError(e);
    });
    const started = Date.now();
    const pageCount = Math.min(doc.numPages, LIMITS.maxPdfPages);
    if (doc.numPages > pageCount) {
      diagnostics.push({
        level: 'warning',
        message: `PDF 共 ${doc.numPages} 页，只读取了前 ${pageCount} 页`,
      });
    }
    const pages: PageContent[] = [];
    const imageOnly: number[] = [];
    for (let n = 1; n <= pageCount; n++) {
      if (Date.now() - started > LIMITS.maxPdfMillis) {
        diagnostics.push({ level: 'warning', message: `PDF 读取超时，只读取了前 ${n - 1} 页` });
        break;
      }
      const page = await doc.getPage(n);
      try {
        const content = await readPageContent(page, pdfjs.OPS);
        if (content.texts.length === 0 && content.images > 0) imageOnly.push(n);
        pages.push(content);
      } catch {
        diagnostics.push({ level: 'warning', message: `PDF 第 ${n} 页已损坏，未能读取` });
      } finally {
        page.cleanup();
      }
    }
    if (pages.every((p) => p.texts.length === 0)) {
      throw new UnreadableDocumentError(
        imageOnly.length > 0
          ? 'PDF 无文字层：内容是图片（扫描件），无法读取其中的文字'
          : 'PDF 无文字层：没有可读取的文字',
      );
    }
    if (imageOnly.length > 0) {
      diagnostics.push({
        level: 'warning',
        message: `PDF 第 ${imageOnly.join('、')} 页无文字层（内容是图片），其中的文字和表格未能读取`,
      });
    }
    const layout = layoutPages(pages);
    diagnostics.push(...layout.diagnostics);
    const images = pages.reduce((n, p) => n + p.images, 0);
    if (images > 0 && !layout.blocks.some((b) => b.kind === 'table')) {
      diagnostics.push({ level: 'info', message: '文档含图片，表格可能为图片' });
    }
    const publishedOn = layout.blocks
      .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((r) => r.join(' '))))
      .map(findPublicationDate)
      .find((d) => d !== undefined);
    return { format: 'pdf', blocks: layout.blocks, ...(publishedOn ? { publishedOn } : {}), diagnostics };
  } catch (e) {
    if (e instanceof UnreadableDocumentError) throw e;
    throw new UnreadableDocumentError(`PDF 无法读取：${e instanceof Error ? e.message : String(e)}`);
  } finally {
    await task.destroy();
  }
};
