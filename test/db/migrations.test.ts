import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.ts';
import { migrateDown, migrateToLatest } from '../../src/db/migrate.ts';
import { migrations } from '../../src/db/migrations/index.ts';
import { testDatabases } from '../support/databases.ts';
import { skipIfNoPostgres } from '../support/pg-skip.ts';

const TABLES = [
  'agencies',
  'agency_guides',
  'annual_reports',
  'app_secrets',
  'appeal_cases',
  'applicant_accounts',
  'applicant_sessions',
  'application_co_handlers',
  'application_events',
  'application_imports',
  'application_letters',
  'applications',
  'audit_batch_files',
  'audit_batches',
  'audit_log',
  'audit_uploads',
  'disclosure_attachments',
  'disclosure_blobs',
  'disclosure_categories',
  'disclosure_items',
  'disclosure_registers',
  'disclosure_search',
  'job_schedules',
  'jobs',
  'letter_templates',
  'rate_limit_counts',
  'register_imports',
  'reminders',
  'report_pdfs',
  'role_assignments',
  'search_index_state',
  'search_synonyms',
  'sessions',
  'users',
  'work_records',
];

skipIfNoPostgres();

describe.each(testDatabases())('migrations on $name', ({ open }) => {
  it('create every table, revert to nothing and apply again', async () => {
    const database = await open();
    try {
      // Other test files' PostgreSQL schemas hold the same tables: only this database's own count.
      const own =
        database.dialect === 'postgres'
          ? (await sql<{ s: string }>`select current_schema() as s`.execute(database.db)).rows[0]?.s
          : undefined;
      const tables = async () =>
        (await database.db.introspection.getTables())
          .filter((t) => t.schema === own)
          .map((t) => t.name)
          .filter((name) => TABLES.includes(name))
          .sort();
      expect(await tables()).toEqual(TABLES);
      expect(await migrateToLatest(database.db)).toEqual([]);

      expect(await migrateDown(database.db)).toEqual(['2026112724_search_index_state']);
      expect(await migrateDown(database.db, { all: true })).toEqual([
        '2026112723_report_pdfs',
        '2026112722_audit_uploads',
        '2026112721_shared_state',
        '2026112720_jobs',
        '2026112719_audit_batches',
        '2026112718_catalogue_indexes',
        '2026112717_annual_reports',
        '2026112716_search_facets',
        '2026112715_work_records',
        '2026112714_appeals',
        '2026112713_disclosure_registers',
        '2026112712_disclosure_catalogue',
        '2026112711_disclosure_publishing',
        '2026112710_applicant_accounts',
        '2026112709_disclosure_items',
        '2026112708_imports',
        '2026112707_letters',
        '2026112706_application_workflow',
        '2026112705_calendar',
        '2026112704_applications',
        '2026112703_audit_log',
        '2026112702_sessions',
        '2026112701_orgs',
      ]);
      expect(await tables()).toEqual([]);

      expect(await migrateToLatest(database.db)).toEqual(Object.keys(migrations));
      expect(await tables()).toEqual(TABLES);
    } finally {
      await database.close();
    }
  });

  it('has the type conventions the code relies on', async () => {
    const database = await open();
    try {
      const { rows } = await sql<{ n: number }>`select count(*) as n from agencies`.execute(database.db);
      expect(rows[0]?.n).toBe(0);
      if (database.dialect === 'postgres') {
        const dates = await sql<{ d: string }>`select date '2026-01-01' as d`.execute(database.db);
        expect(dates.rows[0]?.d).toBe('2026-01-01');
      }
    } finally {
      await database.close();
    }
  });
});

describe('the SQLite connection', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gongkai-sqlite-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the folder and sets WAL, foreign keys, busy timeout and synchronous', async () => {
    const database = openDatabase(`file:${join(dir, 'nested', 'folder', 'x.db')}`);
    try {
      expect(database.dialect).toBe('sqlite');
      const pragma = async (name: string) =>
        Object.values(
          (await sql.raw<Record<string, unknown>>(`pragma ${name}`).execute(database.db)).rows[0] ?? {},
        )[0];
      expect(await pragma('journal_mode')).toBe('wal');
      expect(await pragma('foreign_keys')).toBe(1);
      expect(await pragma('busy_timeout')).toBe(5000);
      expect(await pragma('synchronous')).toBe(2);
    } finally {
      await database.close();
    }
  });

  it('throws a message naming DATABASE_URL for a bad URL', () => {
    expect(() => openDatabase('mysql://x@y/z')).toThrow(/DATABASE_URL/);
  });
});
