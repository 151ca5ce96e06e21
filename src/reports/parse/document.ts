import type { Diagnostic } from '../model/report.ts';

/**
 * What every format adapter (text, HTML, DOCX, PDF) turns its input into, and all the
 * extractor reads. A table keeps its rows as the document has them: each cell once, in
 * reading order, a merged cell only where it starts, a blank cell as ''.
 */
export type Block =
  | { readonly kind: 'paragraph'; readonly text: string }
  | {
      readonly kind: 'table';
      readonly rows: readonly (readonly string[])[];
      /**
       * False where the adapter only saw a stream of cells (one cell per line): it then
       * gives them as one row, and the extractor cannot tell where a row of the form ends.
       */
      readonly rowsKnown: boolean;
    };

export type SourceFormat = 'text' | 'html' | 'docx' | 'pdf';

export interface SourceDocument {
  readonly format: SourceFormat;
  /** The character encoding the bytes were decoded from, where the format has one. */
  readonly encoding?: string;
  readonly blocks: readonly Block[];
  /** Publication date printed by the page (e.g. '发布时间：2026-01-15'), as YYYY-MM-DD. */
  readonly publishedOn?: string;
  readonly diagnostics: readonly Diagnostic[];
}

/** Thrown by an adapter for input it cannot read at all; the audit reports it as failed. */
export class UnreadableDocumentError extends Error {
  override readonly name = 'UnreadableDocumentError';
}
