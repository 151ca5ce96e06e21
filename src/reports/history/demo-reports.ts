import { readFileSync } from 'node:fs';
import type { Kysely } from 'kysely';
import type { Actor } from '../../audit-log/actor.ts';
import type { DB } from '../../db/schema.ts';
import { confirmReportImport, previewReportImport } from './import-report.ts';

/** The demo agency whose published 2019 report is imported, and the file it published. */
export const DEMO_IMPORTED_REPORT = {
  agency: '鼓楼区人民政府',
  year: 2019,
  /**
   * The real report as 鼓楼区人民政府 published it (text dumped from its Word original), kept in
   * the repository byte for byte: its section 三 totals row says 17 where its rows add up to 27.
   */
  file: new URL('./demo/gulou-2019.txt', import.meta.url),
  fileName: 'gulou-2019.txt',
} as const;

/**
 * Imports the district's published 2019 report (demo data), as a clerk would through
 * /workbench/reports/import: parsed, then stored as its imported report of that year.
 */
export async function seedDemoReports(
  db: Kysely<DB>,
  options: { agencies: ReadonlyMap<string, number>; actor: Actor; now: Date },
): Promise<void> {
  const agencyId = options.agencies.get(DEMO_IMPORTED_REPORT.agency);
  if (agencyId === undefined) return;
  const preview = await previewReportImport(db, {
    agencyId,
    year: DEMO_IMPORTED_REPORT.year,
    fileName: DEMO_IMPORTED_REPORT.fileName,
    bytes: new Uint8Array(readFileSync(DEMO_IMPORTED_REPORT.file)),
  });
  if (!preview.ok) throw new Error(`the demo report does not parse: ${preview.error}`);
  await confirmReportImport(db, {
    agencyId,
    payload: preview.payload,
    replace: false,
    actor: options.actor,
    now: options.now,
  });
}
