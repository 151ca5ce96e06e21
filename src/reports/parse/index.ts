import type { Diagnostic, Report } from '../model/report.ts';
import { type SourceDocument, type SourceFormat, UnreadableDocumentError } from './document.ts';
import { extractReport } from './extract/index.ts';
import { decodeText } from './formats/decode.ts';
import { readDocx } from './formats/docx.ts';
import { readHtml } from './formats/html.ts';
import { readPdf } from './formats/pdf.ts';
import { findPublicationDate } from './formats/publication-date.ts';
import { sniffFormat } from './formats/sniff.ts';
import { readText } from './formats/text.ts';

export type ParseOutcome =
  | {
      readonly ok: true;
      readonly report: Report;
      readonly diagnostics: readonly Diagnostic[];
      readonly format: SourceFormat;
      /** Publication date printed in the document, as YYYY-MM-DD. */
      readonly publishedOn?: string;
    }
  | { readonly ok: false; readonly error: string; readonly diagnostics: readonly Diagnostic[] };

const readDocument = async (bytes: Uint8Array): Promise<SourceDocument> => {
  const format = sniffFormat(bytes);
  switch (format) {
    case 'pdf':
      return readPdf(bytes);
    case 'docx':
      return readDocx(bytes);
    case 'binary':
      throw new UnreadableDocumentError('无法识别的文件格式：既不是文本、HTML，也不是 DOCX 或 PDF');
    case 'html': {
      const { text, encoding } = decodeText(bytes);
      return readHtml(text, encoding);
    }
    case 'text': {
      const { text, encoding } = decodeText(bytes);
      return readText(text, encoding);
    }
  }
};

const publicationDate = (doc: SourceDocument): string | undefined => {
  if (doc.publishedOn) return doc.publishedOn;
  for (const block of doc.blocks.slice(0, 12)) {
    if (block.kind !== 'paragraph') continue;
    const date = findPublicationDate(block.text);
    if (date) return date;
  }
  return undefined;
};

/**
 * Reads a published annual report in any of the shapes agencies publish it, whatever its
 * name says: never throws for bad input, returns the reason instead.
 */
export const parseReport = async (bytes: Uint8Array): Promise<ParseOutcome> => {
  if (bytes.length === 0) return { ok: false, error: '文件为空', diagnostics: [] };
  let doc: SourceDocument;
  try {
    doc = await readDocument(bytes);
  } catch (e) {
    if (e instanceof UnreadableDocumentError) return { ok: false, error: e.message, diagnostics: [] };
    throw e;
  }
  const extraction = extractReport(doc);
  if (!extraction.ok) return extraction;
  const publishedOn = publicationDate(doc);
  return {
    ok: true,
    report: extraction.report,
    diagnostics: extraction.diagnostics,
    format: doc.format,
    ...(publishedOn ? { publishedOn } : {}),
  };
};
