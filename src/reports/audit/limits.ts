/** Per-file limits of an audit: a hostile or broken file fails alone, the batch goes on. */
export const AUDIT_LIMITS = {
  /** Larger files are refused before being read. */
  maxFileBytes: 20 * 1024 * 1024,
  /** A file still being parsed after this long is given up. */
  timeoutMs: 30_000,
  /** Heap of one audit worker; a file that needs more fails alone. */
  workerHeapMb: 768,
  /**
   * A worker whose heap is still larger than this after a file is replaced by a fresh one: V8
   * keeps the memory a big or hostile file made it take, and the batch's memory would not stay flat.
   */
  recycleHeapMb: 192,
} as const;
