import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { AppError } from '../../../src/errors/app-error.ts';
import { registerJobHandlers } from '../../../src/jobs/handlers/index.ts';
import { openJobQueue } from '../../../src/jobs/job-queue.ts';
import { fileFindings } from '../../../src/reports/audit/store.ts';
import {
  AUDIT_BATCH,
  createAuditUpload,
  findAuditUpload,
  listAuditUploads,
  runAuditUpload,
} from '../../../src/reports/audit/upload.ts';
import { AUDIT_UPLOAD_LIMITS } from '../../../src/reports/audit/upload-archive.ts';
import { dropJobSchema, FAST, waitFor } from '../../jobs/support.ts';
import { describeEachDatabase } from '../../support/each-database.ts';
import { makeAgency, makeUser } from '../../support/factories.ts';
import { REAL_REPORTS, zip } from './upload-support.ts';

const root = mkdtempSync(join(tmpdir(), 'gongkai-upload-job-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The real reports, one of them in a folder, and a file that is no report at all. */
const ARCHIVE = zip({
  '鼓楼区/gulou-2019.txt': REAL_REPORTS['gulou-2019.txt'],
  'hanyang-2022-partial.txt': REAL_REPORTS['hanyang-2022-partial.txt'],
  'longgang-department-2024-partial.txt': REAL_REPORTS['longgang-department-2024-partial.txt'],
  'donghu-office-2025-partial.txt': REAL_REPORTS['donghu-office-2025-partial.txt'],
  '鼓楼区/gulou-2019.docx': REAL_REPORTS['gulou-2019.docx-package.docx'],
  '损坏的文件.pdf': '%PDF-1.7 this is not a PDF at all',
});
const PATHS = [
  'donghu-office-2025-partial.txt',
  'hanyang-2022-partial.txt',
  'longgang-department-2024-partial.txt',
  '损坏的文件.pdf',
  '鼓楼区/gulou-2019.docx',
  '鼓楼区/gulou-2019.txt',
];

describeEachDatabase('audit.batch: an uploaded batch audited in the background', (db, database) => {
  afterAll(() => dropJobSchema(database()));

  const queue = () => openJobQueue(database(), { ...FAST, onError: () => {} });

  const upload = async (name: string, bytes = ARCHIVE) => {
    const agency = await makeAgency(db());
    const { user } = await makeUser(db(), { agencyId: agency.id, roles: ['admin'] });
    const uploadRoot = mkdtempSync(join(root, 'u-'));
    const created = await createAuditUpload(db(), queue(), {
      name,
      files: [{ filename: `${name}.zip`, bytes }],
      actor: { userId: user.id, label: user.displayName },
      root: uploadRoot,
    });
    return { ...created, user, uploadRoot };
  };

  const batchesNamed = (name: string) =>
    db().selectFrom('audit_batches').selectAll().where('name', '=', name).execute();

  it('audits the files as `gongkai audit --store` does and stores the batch, then removes the files', async () => {
    const { upload: row, jobId, user } = await upload('2025 年报抽查');
    expect(row.file_count).toBe(6);
    expect(existsSync(row.dir)).toBe(true);
    const job = await queue().get(jobId);
    expect(job).toMatchObject({ name: AUDIT_BATCH, state: 'created', data: { uploadId: row.id } });
    const logged = await db()
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'auditUpload.create')
      .where('entity_id', '=', String(row.id))
      .executeTakeFirstOrThrow();
    expect(logged.actor_user_id).toBe(user.id);
    expect(JSON.parse(logged.after_json ?? '{}')).toMatchObject({ name: '2025 年报抽查', fileCount: 6 });

    const result = await runAuditUpload(db(), row.id, { jobs: 1 });
    expect(result.outcome).toBe('stored');
    const [batch] = await batchesNamed('2025 年报抽查');
    expect(batch).toMatchObject({ file_count: 6, failed_count: 1, created_by: user.id });
    expect(result).toEqual({ outcome: 'stored', batchId: batch?.id });
    const files = await db()
      .selectFrom('audit_batch_files')
      .selectAll()
      .where('batch_id', '=', batch?.id ?? 0)
      .orderBy('position')
      .execute();
    expect(files.map((f) => f.path)).toEqual(PATHS);
    const byPath = new Map(files.map((f) => [f.path, f]));
    expect(byPath.get('损坏的文件.pdf')?.status).toBe('failed');
    // 鼓楼区 2019: parsed from the text and from the DOCX alike, its wrong section 三 totals found.
    for (const path of ['鼓楼区/gulou-2019.txt', '鼓楼区/gulou-2019.docx']) {
      const file = byPath.get(path);
      expect(file).toMatchObject({ status: 'parsed', agency: '鼓楼区人民政府', year: 2019 });
      expect(file?.error_count).toBeGreaterThan(0);
      expect(fileFindings(file as NonNullable<typeof file>).some((f) => f.severity === 'error')).toBe(true);
    }
    expect(byPath.get('hanyang-2022-partial.txt')?.year).toBe(2022);
    expect(batch?.error_count).toBe(files.reduce((n, f) => n + f.error_count, 0));
    expect((await findAuditUpload(db(), row.id))?.batch_id).toBe(batch?.id);
    expect(existsSync(row.dir)).toBe(false);
    const stored = await db()
      .selectFrom('audit_log')
      .select('actor_user_id')
      .where('action', '=', 'auditBatch.store')
      .where('entity_id', '=', String(batch?.id))
      .executeTakeFirstOrThrow();
    expect(stored.actor_user_id).toBe(user.id);
  });

  it('stores nothing twice: a retry after the batch is stored, and two runs at once', async () => {
    const first = await upload('重跑批次');
    expect((await runAuditUpload(db(), first.upload.id, { jobs: 1 })).outcome).toBe('stored');
    // The files are gone; a retry (a crash after the commit) finds the batch and only cleans up.
    const again = await runAuditUpload(db(), first.upload.id, { jobs: 1 });
    expect(again.outcome).toBe('already');
    expect(await batchesNamed('重跑批次')).toHaveLength(1);

    // A run taken for dead and its retry, side by side: one batch.
    const second = await upload('并发批次');
    const both = await Promise.all([
      runAuditUpload(db(), second.upload.id, { jobs: 1 }),
      runAuditUpload(db(), second.upload.id, { jobs: 1 }),
    ]);
    expect(both.map((r) => r.outcome).sort()).toEqual(['already', 'stored']);
    expect(await batchesNamed('并发批次')).toHaveLength(1);
  });

  it('a stopped run stores nothing and keeps the files for its retry', async () => {
    const { upload: row } = await upload('中断批次');
    const controller = new AbortController();
    controller.abort();
    await expect(runAuditUpload(db(), row.id, { jobs: 1, signal: controller.signal })).rejects.toThrow(
      /中断/,
    );
    expect(await batchesNamed('中断批次')).toHaveLength(0);
    expect(existsSync(row.dir)).toBe(true);
    expect((await runAuditUpload(db(), row.id, { jobs: 1 })).outcome).toBe('stored');
    expect((await batchesNamed('中断批次'))[0]?.file_count).toBe(6);
  });

  it('runs as a job on the queue, and a second job for the same upload stores no second batch', async () => {
    const q = queue();
    await registerJobHandlers(q, db());
    const { upload: row, jobId } = await upload('队列批次');
    expect((await listAuditUploads(db(), q)).find((v) => v.upload.id === row.id)?.status).toBe('queued');
    await q.start();
    try {
      await waitFor(
        async () => ((await q.get(jobId))?.state === 'completed' ? true : undefined),
        'the audit.batch job',
        60_000,
      );
      expect((await listAuditUploads(db(), q)).find((v) => v.upload.id === row.id)?.status).toBe('done');
      const again = (await q.send(AUDIT_BATCH, { uploadId: row.id })) ?? '';
      await waitFor(
        async () => ((await q.get(again))?.state === 'completed' ? true : undefined),
        'the second job',
        60_000,
      );
    } finally {
      await q.stop();
    }
    const batches = await batchesNamed('队列批次');
    expect(batches).toHaveLength(1);
    expect(batches[0]?.file_count).toBe(6);
    expect(existsSync(row.dir)).toBe(false);
  });

  it('refuses a hostile or over-limit upload whole: no row, no job, no directory left', async () => {
    const agency = await makeAgency(db());
    const { user } = await makeUser(db(), { agencyId: agency.id, roles: ['admin'] });
    const uploadRoot = mkdtempSync(join(root, 'refused-'));
    const before = await db().selectFrom('audit_uploads').select('id').execute();
    const attempt = (bytes: Uint8Array, limits = AUDIT_UPLOAD_LIMITS) =>
      createAuditUpload(db(), queue(), {
        name: '被拒的批次',
        files: [{ filename: 'evil.zip', bytes }],
        actor: { userId: user.id, label: user.displayName },
        root: uploadRoot,
        limits,
      }).then(
        () => null,
        (error: unknown) => error,
      );
    for (const error of [
      await attempt(zip({ 'ok.txt': 'x', '../evil.txt': 'pwned' })),
      await attempt(zip({ '/tmp/evil.txt': 'pwned' })),
      await attempt(zip({ 'a.txt': new Uint8Array(4096), 'b.txt': new Uint8Array(4096) }), {
        ...AUDIT_UPLOAD_LIMITS,
        maxTotalBytes: 5000,
      }),
    ]) {
      expect(error).toBeInstanceOf(AppError);
      expect((error as AppError).details?.[0]?.field).toBe('files');
    }
    const nameless = await createAuditUpload(db(), queue(), {
      name: '  ',
      files: [{ filename: 'a.zip', bytes: ARCHIVE }],
      actor: { userId: user.id, label: user.displayName },
      root: uploadRoot,
    }).catch((error: unknown) => error);
    expect((nameless as AppError).details?.[0]?.field).toBe('name');
    expect(readdirSync(uploadRoot)).toEqual([]);
    expect(await db().selectFrom('audit_uploads').select('id').execute()).toEqual(before);
    expect(existsSync(join(uploadRoot, '..', 'evil.txt'))).toBe(false);
  });
});
