import { createHash } from 'node:crypto';
import { createReadStream, existsSync } from 'node:fs';
import { type FileHandle, open, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { AuditResult } from './audit-result.ts';
import { AUDIT_LIMITS } from './limits.ts';

/**
 * The state file of a resumable audit (`gongkai audit --state FILE`): one JSON line per
 * audited file, appended as each worker result comes back, so a run that is killed keeps
 * everything finished before it stopped. A line holds the file's absolute path, size, mtime
 * and SHA-256, the options that shape a result, and the worker's result (without cross-year
 * findings: those depend on the rest of the batch and are worked out again on every run).
 *
 * A later line for the same path wins; a torn last line (the process killed mid-write) is
 * ignored. Only an index (path → fingerprint and byte range) is kept in memory; a stored
 * result is read back from the file when it is reused, so a batch of any size stays small.
 */
export const STATE_VERSION = 1;

/** What, besides the file's content, shapes a stored result; a result is reused only when these match. */
export interface StateOptions {
  readonly publishedOn?: string;
  readonly timeoutMs: number;
}

interface Fingerprint {
  readonly size: number;
  readonly mtimeMs: number;
  readonly sha256: string;
}

interface StateLine extends Fingerprint {
  readonly v: number;
  readonly path: string;
  readonly options: string;
  readonly result: AuditResult;
}

interface IndexEntry extends Fingerprint {
  readonly options: string;
  readonly offset: number;
  readonly length: number;
}

const optionsKey = (o: StateOptions): string =>
  JSON.stringify({ publishedOn: o.publishedOn ?? null, timeoutMs: o.timeoutMs });

const NL = 0x0a;

/** The fingerprint's hash of a file too large to audit (not read). */
const OVERSIZE = 'oversize';

/** Reads the state file line by line, calling back with each line and its byte offset. */
const scanLines = async (file: string, onLine: (line: Buffer, offset: number) => void): Promise<number> => {
  let carry: Buffer[] = [];
  let carryLength = 0;
  let lineStart = 0;
  let position = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let i = chunk.indexOf(NL); i !== -1; i = chunk.indexOf(NL, from)) {
      const part = chunk.subarray(from, i);
      const line = carryLength > 0 ? Buffer.concat([...carry, part]) : part;
      onLine(line, lineStart);
      lineStart = position + i + 1;
      carry = [];
      carryLength = 0;
      from = i + 1;
    }
    if (from < chunk.length) {
      carry.push(chunk.subarray(from));
      carryLength += chunk.length - from;
    }
    position += chunk.length;
  }
  // A last line without its newline was torn by a kill: ignored, and cut off by the next append.
  return lineStart;
};

const hashFile = (file: string): Promise<string> =>
  new Promise((done, fail) => {
    const hash = createHash('sha256');
    createReadStream(file)
      .on('data', (d) => hash.update(d))
      .on('error', fail)
      .on('end', () => done(hash.digest('hex')));
  });

export class AuditState {
  private readonly index = new Map<string, IndexEntry>();
  /** Fingerprints taken before a file went to a worker, by the path as given. */
  private readonly taken = new Map<string, Fingerprint>();
  private readonly optionsKey: string;
  private end = 0;
  /** Files whose stored result was reused in this run. */
  skipped = 0;
  /** Files audited (again) in this run and written to the state file. */
  audited = 0;

  private constructor(
    readonly path: string,
    private readonly handle: FileHandle,
    options: StateOptions,
  ) {
    this.optionsKey = optionsKey(options);
  }

  /** Opens (or creates) a state file and indexes what it holds. */
  static async open(path: string, options: StateOptions): Promise<AuditState> {
    const exists = existsSync(path);
    const handle = await open(path, exists ? 'r+' : 'w+');
    const state = new AuditState(path, handle, options);
    if (exists) await state.load();
    return state;
  }

  private async load(): Promise<void> {
    this.end = await scanLines(this.path, (line, offset) => {
      let parsed: StateLine;
      try {
        parsed = JSON.parse(line.toString('utf8')) as StateLine;
      } catch {
        return;
      }
      if (parsed?.v !== STATE_VERSION || typeof parsed.path !== 'string' || !parsed.result) return;
      this.index.set(parsed.path, {
        size: parsed.size,
        mtimeMs: parsed.mtimeMs,
        sha256: parsed.sha256,
        options: parsed.options,
        offset,
        length: line.length,
      });
    });
    // Cut off a torn last line, so that the next line starts on a line of its own.
    await this.handle.truncate(this.end);
  }

  /** How many files the state file knows. */
  get size(): number {
    return this.index.size;
  }

  /**
   * The stored result of a file when it is unchanged (same size and SHA-256; mtime is kept
   * but content decides) and was audited with the same options; else undefined, and the
   * file's fingerprint is kept for when its fresh result comes back.
   */
  known = async (file: string): Promise<AuditResult | undefined> => {
    const info = await stat(file).catch(() => null);
    if (!info?.isFile()) return undefined;
    // A file over the size limit fails by its size alone, unread: its content is not hashed either
    // (a sparse file of many gigabytes took as long to hash on every resumed run).
    const sha256 = info.size > AUDIT_LIMITS.maxFileBytes ? OVERSIZE : await hashFile(file).catch(() => null);
    if (sha256 === null) return undefined;
    const key = resolve(file);
    const entry = this.index.get(key);
    if (entry && entry.size === info.size && entry.sha256 === sha256 && entry.options === this.optionsKey) {
      const buffer = Buffer.alloc(entry.length);
      await this.handle.read(buffer, 0, entry.length, entry.offset);
      const stored = (JSON.parse(buffer.toString('utf8')) as StateLine).result;
      this.skipped++;
      return { ...stored, file };
    }
    this.taken.set(file, { size: info.size, mtimeMs: info.mtimeMs, sha256 });
    return undefined;
  };

  /** Appends a fresh result; one write of one whole line, in the order results come back. */
  onAudited = (result: AuditResult): void => {
    const print = this.taken.get(result.file);
    if (!print) return;
    this.taken.delete(result.file);
    const line: StateLine = {
      v: STATE_VERSION,
      path: resolve(result.file),
      ...print,
      options: this.optionsKey,
      result,
    };
    const bytes = Buffer.from(`${JSON.stringify(line)}\n`, 'utf8');
    const offset = this.end;
    this.end += bytes.length;
    this.index.set(line.path, { ...print, options: this.optionsKey, offset, length: bytes.length - 1 });
    this.audited++;
    this.writes = this.writes.then(() => this.handle.write(bytes, 0, bytes.length, offset).then(() => {}));
  };

  private writes: Promise<void> = Promise.resolve();

  /** Waits for the appended lines to be written and closes the file. */
  async close(): Promise<void> {
    await this.writes;
    await this.handle.close();
  }
}
