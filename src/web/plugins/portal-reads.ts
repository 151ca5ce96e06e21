/**
 * Results of the portal's reads that many different pages share (the agency list, an
 * agency's count of items under a filter, its years), kept as long as the rendered pages are
 * (PORTAL_CACHE_SECONDS) and emptied with them at every write (clearPageCacheOnWrites). A
 * page the page cache does not hold yet — page 7 of a catalogue sorted by title, a search
 * with a new word — then reuses what the other pages already read, instead of counting
 * 18,000 items again. The values are shared between requests: callers must not change them.
 */
export class PortalReads {
  private readonly entries = new Map<string, { value: Promise<unknown>; at: number }>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The kept value of `key`, or what `read` gives (kept unless it fails; off when the time to live is 0). */
  get<T>(key: string, read: () => Promise<T>): Promise<T> {
    if (this.ttlMs <= 0) return read();
    const entry = this.entries.get(key);
    if (entry !== undefined && this.now() - entry.at < this.ttlMs) return entry.value as Promise<T>;
    // The promise is kept, not its value: readers asking at the same moment share one read.
    const value = read();
    if (this.entries.size >= this.maxEntries) this.entries.clear();
    this.entries.set(key, { value, at: this.now() });
    value.catch(() => {
      if (this.entries.get(key)?.value === value) this.entries.delete(key);
    });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
