import type { Diagnostic } from '../../model/report.ts';
import { type SourceDocument, UnreadableDocumentError } from '../document.ts';
import { readDocumentXml } from './docx-xml.ts';
import { flowToBlocks } from './flow.ts';
import { LIMITS } from './limits.ts';
import { findPublicationDate } from './publication-date.ts';
import {
  type InflatedEntry,
  inflateEntry,
  readCentralDirectory,
  scanLocalHeaders,
  type ZipEntry,
  ZipTooLargeError,
} from './zip.ts';

/**
 * A report saved as a Word document. Only word/document.xml is inflated, after its size has
 * been checked and with its output capped, so a zip bomb is refused in milliseconds.
 */

const BOMB = 'DOCX 解压后过大，疑似压缩炸弹';
const MAIN_PART = 'word/document.xml';

const mainPart = (entries: readonly ZipEntry[]): ZipEntry | undefined =>
  entries.find((e) => e.name === MAIN_PART) ??
  // Some generators name the main part differently; it is still the one document*.xml in word/.
  entries.find((e) => /^word\/document\d*\.xml$/i.test(e.name));

const decodeXml = (data: Uint8Array): string => {
  if (data[0] === 0xff && data[1] === 0xfe) return new TextDecoder('utf-16le').decode(data);
  if (data[0] === 0xfe && data[1] === 0xff) return new TextDecoder('utf-16be').decode(data);
  return new TextDecoder('utf-8').decode(data);
};

export const readDocx = (bytes: Uint8Array): SourceDocument => {
  if (bytes.length > LIMITS.maxFileBytes) throw new UnreadableDocumentError('DOCX 文件过大');
  const diagnostics: Diagnostic[] = [];
  let entries = readCentralDirectory(bytes);
  if (entries === null) {
    entries = scanLocalHeaders(bytes, LIMITS.maxZipEntries + 1);
    if (entries.length === 0) throw new UnreadableDocumentError('DOCX 文件已损坏：不是有效的压缩包');
    diagnostics.push({ level: 'warning', message: 'DOCX 文件不完整（缺少文件目录），已尽量读取正文' });
  }
  if (entries.length > LIMITS.maxZipEntries)
    throw new UnreadableDocumentError('DOCX 文件含过多部件，不是正常的 Word 文档');
  const claimed = entries.reduce((sum, e) => sum + e.size, 0);
  if (claimed > LIMITS.maxUnzippedBytes) throw new UnreadableDocumentError(BOMB);

  const part = mainPart(entries);
  if (!part) throw new UnreadableDocumentError('不是 DOCX 文件：压缩包里没有 word/document.xml');
  if (part.size > LIMITS.maxDocumentXmlBytes) throw new UnreadableDocumentError(BOMB);

  let inflated: InflatedEntry;
  try {
    inflated = inflateEntry(bytes, part, LIMITS.maxDocumentXmlBytes);
  } catch (e) {
    if (e instanceof ZipTooLargeError) throw new UnreadableDocumentError(BOMB);
    throw new UnreadableDocumentError(`DOCX 文件已损坏：${e instanceof Error ? e.message : String(e)}`);
  }
  if (inflated.data.length === 0) throw new UnreadableDocumentError('DOCX 文件已损坏：正文无法解压');
  const complete = inflated.complete && (part.size === 0 || inflated.data.length === part.size);
  if (!complete) diagnostics.push({ level: 'warning', message: 'DOCX 文件不完整：正文在此截断' });

  const read = readDocumentXml(decodeXml(inflated.data));
  const blocks = flowToBlocks(read.items);
  if (read.altChunks > 0) {
    diagnostics.push({
      level: 'warning',
      message: 'DOCX 内嵌了其他格式的文档（altChunk），其中的内容未能读取',
    });
  }
  if (read.images > 0 && !blocks.some((b) => b.kind === 'table')) {
    diagnostics.push({ level: 'info', message: '文档含图片，表格可能为图片' });
  }
  const publishedOn = blocks
    .flatMap((b) => (b.kind === 'paragraph' ? [b.text] : b.rows.map((r) => r.join(' '))))
    .map(findPublicationDate)
    .find((d) => d !== undefined);
  return { format: 'docx', blocks, ...(publishedOn ? { publishedOn } : {}), diagnostics };
};
