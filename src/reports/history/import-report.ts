import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Actor } from '../../audit-log/actor.ts';
import { recordAudit } from '../../audit-log/record-audit.ts';
import type { DB } from '../../db/schema.ts';
import { withTransaction } from '../../db/transaction.ts';
import { AppError } from '../../errors/app-error.ts';
import { parseInput } from '../../errors/parse-input.ts';
import { getAgency } from '../../orgs/agency.repository.ts';
import { editionCells } from '../model/cells.ts';
import { EDITION_IDS, type EditionId, SECTION_NUMBERS } from '../model/edition.ts';
import { EDITIONS, editionForYear } from '../model/editions.ts';
import type { CellValue, Diagnostic, Finding, NarrativeSection, Report } from '../model/report.ts';
import type { SourceFormat } from '../parse/document.ts';
import { parseReport } from '../parse/index.ts';
import { reportDeadline } from '../rollup/report-deadline.ts';
import { validateReport } from '../validate/index.ts';
import { findImportedReport, previousYearReport, type StoredReport } from './stored-report.ts';

/** What the clerk confirms: the parsed figures as the preview showed them, for the chosen agency and year. */
export interface ImportPayload {
  readonly edition: EditionId;
  readonly year: number;
  readonly cells: Readonly<Record<string, CellValue>>;
  readonly narrative: readonly NarrativeSection[];
  readonly diagnostics: readonly Diagnostic[];
  readonly publishedOn: string | null;
  readonly fileName: string;
  readonly format: SourceFormat;
  /** What the document says of itself (title, heading), before the clerk's choice. */
  readonly detected: { readonly agency: string | null; readonly year: number | null };
}

export type ImportPreview =
  | {
      readonly ok: true;
      readonly agency: { readonly id: number; readonly name: string };
      readonly format: SourceFormat;
      /** What the document says of itself (title, heading), before the clerk's choice. */
      readonly detected: { readonly agency: string | null; readonly year: number | null };
      /** Differences between the document and the chosen agency/year, in Chinese. */
      readonly mismatches: readonly string[];
      readonly report: Report;
      readonly diagnostics: readonly Diagnostic[];
      /** The validator's findings, cross-year rules against the year before when it is on record. */
      readonly findings: readonly Finding[];
      readonly previous: StoredReport | null;
      /** The import it would replace. */
      readonly existing: StoredReport | null;
      readonly payload: ImportPayload;
    }
  | { readonly ok: false; readonly error: string; readonly diagnostics: readonly Diagnostic[] };

const yearField = (year: unknown, field = 'year'): number => {
  if (typeof year !== 'number' || !Number.isSafeInteger(year) || year < 2008 || year > 2100)
    throw new AppError('VALIDATION', '报告年度：请填写2008年至2100年之间的年份', [
      { field, message: '报告年度：请填写2008年至2100年之间的年份' },
    ]);
  return year;
};

/**
 * Reads an uploaded report (any format the parser reads) for the agency and shows what would be
 * stored: the figures, the parser's notes, the validator's findings, and where the document's own
 * agency or year differ from the chosen ones. `year` null takes the year the document states.
 * Stores nothing.
 */
export async function previewReportImport(
  db: Kysely<DB>,
  input: { agencyId: number; year: number | null; fileName: string; bytes: Uint8Array },
): Promise<ImportPreview> {
  const agency = await getAgency(db, input.agencyId);
  const parsed = await parseReport(input.bytes);
  if (!parsed.ok) return { ok: false, error: parsed.error, diagnostics: parsed.diagnostics };
  const detected = { agency: parsed.report.agency, year: parsed.report.year };
  if (input.year === null && detected.year === null)
    throw new AppError('VALIDATION', '报告年度：文件中未写明年度，请选择报告年度', [
      { field: 'year', message: '报告年度：文件中未写明年度，请选择报告年度' },
    ]);
  const year = yearField(input.year ?? detected.year);
  return previewOfPayload(db, agency.id, {
    edition: parsed.report.edition ?? editionForYear(year),
    year,
    cells: parsed.report.cells,
    narrative: parsed.report.narrative,
    diagnostics: parsed.diagnostics,
    publishedOn: parsed.publishedOn ?? null,
    fileName: input.fileName,
    format: parsed.format,
    detected,
  });
}

/** The preview of figures already read (a payload the preview form carried back). */
export async function previewOfPayload(
  db: Kysely<DB>,
  agencyId: number,
  payload: ImportPayload,
): Promise<Extract<ImportPreview, { ok: true }>> {
  const agency = await getAgency(db, agencyId);
  const { year, edition, detected } = payload;
  const mismatches: string[] = [];
  if (detected.year !== null && detected.year !== year)
    mismatches.push(`文件写明的年度是${detected.year}年，所选年度是${year}年`);
  if (detected.agency !== null && detected.agency !== agency.name)
    mismatches.push(`文件写明的机关是“${detected.agency}”，所选机关是“${agency.name}”`);
  if (edition !== editionForYear(year))
    mismatches.push(
      `文件使用${EDITIONS[edition].source}的格式，${year}年度应使用${EDITIONS[editionForYear(year)].source}的格式`,
    );
  const report: Report = {
    edition,
    year,
    agency: agency.name,
    cells: payload.cells,
    narrative: payload.narrative,
  };
  const [previous, existing] = await Promise.all([
    previousYearReport(db, agency.id, year),
    findImportedReport(db, agency.id, year),
  ]);
  const findings = validateReport(report, {
    ...(previous ? { previous: previous.report } : {}),
    ...(payload.publishedOn ? { publishedOn: payload.publishedOn } : {}),
  });
  return {
    ok: true,
    agency: { id: agency.id, name: agency.name },
    format: payload.format,
    detected,
    mismatches,
    report,
    diagnostics: payload.diagnostics,
    findings,
    previous,
    existing,
    payload,
  };
}

const cellValue = z.union([z.number().finite(), z.null()]);
const payloadSchema = z.object({
  edition: z.enum(EDITION_IDS),
  year: z.number().int().min(2008).max(2100),
  cells: z.record(z.string(), cellValue),
  narrative: z
    .array(
      z.object({
        section: z.union(SECTION_NUMBERS.map((n) => z.literal(n)) as never),
        heading: z.string().max(200),
        text: z.string().max(200_000),
      }),
    )
    .max(20),
  diagnostics: z
    .array(
      z.object({
        level: z.enum(['error', 'warning', 'info']),
        message: z.string().max(2000),
        cell: z.string().max(200).optional(),
      }),
    )
    .max(2000),
  publishedOn: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .nullable(),
  fileName: z.string().min(1).max(255),
  format: z.enum(['text', 'html', 'docx', 'pdf']),
  detected: z.object({
    agency: z.string().max(200).nullable(),
    year: z.number().int().nullable(),
  }),
});

/** The payload as the preview form carries it (JSON), checked: the edition's cells only, numbers or blanks. */
export const readImportPayload = (json: string): ImportPayload => {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    raw = null;
  }
  if (raw === null || typeof raw !== 'object')
    throw new AppError('VALIDATION', '导入内容：请重新上传文件并预览', [
      { field: 'payload', message: '导入内容：请重新上传文件并预览' },
    ]);
  const payload = parseInput(payloadSchema, raw) as ImportPayload;
  const known = new Set(editionCells(EDITIONS[payload.edition]).map((c) => c.key));
  const unknown = Object.keys(payload.cells).filter((key) => !known.has(key));
  if (unknown.length > 0)
    throw new AppError(
      'VALIDATION',
      `导入内容：表格中有该格式没有的单元格（${unknown.slice(0, 3).join('、')}）`,
      [
        {
          field: 'payload',
          message: `导入内容：表格中有该格式没有的单元格（${unknown.slice(0, 3).join('、')}）`,
        },
      ],
    );
  return payload;
};

export interface ConfirmImportInput {
  readonly agencyId: number;
  readonly payload: ImportPayload;
  /** Must be true when the agency already has an imported report for the year. */
  readonly replace: boolean;
  readonly actor: Actor;
  readonly now: Date;
}

/**
 * Stores the report as the agency's imported (published) report of the year, in one transaction
 * with its audit row. An earlier import of the same year is replaced only when `replace` says so;
 * otherwise the clerk is asked (VALIDATION on the field `replace`).
 */
export async function confirmReportImport(
  db: Kysely<DB>,
  input: ConfirmImportInput,
): Promise<{ id: number; replaced: boolean }> {
  const { payload, actor, now } = input;
  yearField(payload.year);
  return withTransaction(db, async (trx) => {
    const agency = await getAgency(trx, input.agencyId);
    const existing = await trx
      .selectFrom('annual_reports')
      .selectAll()
      .where('agency_id', '=', agency.id)
      .where('year', '=', payload.year)
      .where('source', '=', 'imported')
      .executeTakeFirst();
    if (existing !== undefined && !input.replace)
      throw new AppError(
        'VALIDATION',
        `${agency.name}${payload.year}年度的年报此前已经导入，请勾选“替换此前导入的年报”后再确认`,
        [
          {
            field: 'replace',
            message: `${agency.name}${payload.year}年度的年报此前已经导入，请勾选“替换此前导入的年报”后再确认`,
          },
        ],
      );
    const at = now.toISOString();
    const values = {
      edition: payload.edition,
      status: 'published' as const,
      cells_json: JSON.stringify(payload.cells),
      narrative_json: JSON.stringify(payload.narrative),
      file_name: payload.fileName,
      diagnostics_json: JSON.stringify(payload.diagnostics),
      published_on: payload.publishedOn,
      published_late:
        payload.publishedOn !== null && payload.publishedOn > reportDeadline(agency.kind, payload.year)
          ? 1
          : 0,
      updated_at: at,
    };
    let id: number;
    if (existing === undefined) {
      const row = await trx
        .insertInto('annual_reports')
        .values({ agency_id: agency.id, year: payload.year, source: 'imported', created_at: at, ...values })
        .returning('id')
        .executeTakeFirstOrThrow();
      id = Number(row.id);
    } else {
      await trx.updateTable('annual_reports').set(values).where('id', '=', existing.id).execute();
      id = existing.id;
    }
    const summary = (fileName: string | null, cells: string | null) => ({
      year: payload.year,
      fileName,
      cells: cells === null ? 0 : Object.keys(JSON.parse(cells) as object).length,
    });
    await recordAudit(trx, {
      at: now,
      actorUserId: actor.userId,
      actorLabel: actor.label,
      action: existing === undefined ? 'annualReport.import' : 'annualReport.importReplace',
      entityType: 'annualReport',
      entityId: id,
      agencyId: agency.id,
      before: existing === undefined ? null : summary(existing.file_name, existing.cells_json),
      after: { ...summary(payload.fileName, values.cells_json), publishedOn: payload.publishedOn },
    });
    return { id, replaced: existing !== undefined };
  });
}
