const MB = 1024 * 1024;

/**
 * What the format adapters accept before giving up on a file: a hostile or broken file
 * (a zip bomb, a PDF of thousands of pages) fails alone and fast, the batch goes on.
 */
export const LIMITS = {
  /** Larger inputs are refused before being read (the audit checks it first, too). */
  maxFileBytes: 20 * MB,
  /** A DOCX whose entries together claim more than this, unpacked, is refused. */
  maxUnzippedBytes: 50 * MB,
  /** word/document.xml may not inflate to more than this, whatever its header claims. */
  maxDocumentXmlBytes: 20 * MB,
  /** A zip with more entries than this is not a Word document. */
  maxZipEntries: 5000,
  /** Pages of a PDF read; the rest are left out with a warning. */
  maxPdfPages: 200,
  /** Reading a PDF stops after this long, with a warning, keeping the pages read so far. */
  maxPdfMillis: 20_000,
  /** Bytes looked at to tell text from HTML from binary. */
  sniffBytes: 8 * 1024,
} as const;
