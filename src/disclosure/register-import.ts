import ExcelJS from 'exceljs';
import type { Kysely } from 'kysely';
import { parseCsv } from '../applications/import/csv.ts';
import { MAX_IMPORT_FILE_BYTES, MAX_XLSX_INFLATED_BYTES } from '../applications/import/import-columns.ts';
import { type Actor, actorFields } from '../audit-log/actor.ts';
import { recordAudit } from '../audit-log/record-audit.ts';
import type { DB } from '../db/schema.ts';
import { withTransaction } from '../db/transaction.ts';
import { AppError } from '../errors/app-error.ts';
import { getAgency } from '../orgs/agency.repository.ts';
import type { CellDef } from '../reports/model/cells.ts';
import { EDITIONS, editionForYear } from '../reports/model/editions.ts';
import { decodeText } from '../reports/parse/formats/decode.ts';
import {
  inflateEntry,
  isZip,
  readCentralDirectory,
  ZipEntryError,
  ZipTooLargeError,
} from '../reports/parse/formats/zip.ts';
import type { RegisterImportTable } from './register.table.ts';
import {
  cellLabel,
  enteredCells,
  enteredFigures,
  FigureError,
  isRegisterYear,
  MAX_REGISTER_YEAR,
  MIN_REGISTER_YEAR,
  normalizeFigure,
  writeFigures,
} from './registers.ts';

/**
 * Import of register figures from CSV (UTF-8 or GBK, as Excel and WPS save it) or XLSX (the
 * first sheet): one figure a row, under the header 年度, 项目, 栏目, 数值 — 项目 and 栏目 are
 * the row and column wording of section 二 of the year's edition (行政处罚, 处理决定数量).
 * Upload → check every row (errors by row number) → preview → confirm: one transaction.
 */

export const REGISTER_COLUMNS = ['年度', '项目', '栏目', '数值'] as const;
export const MAX_REGISTER_ROWS = 5000;

export interface RegisterImportRow {
  readonly row: number;
  readonly year: number;
  readonly cell: string;
  readonly label: string;
  readonly value: string;
  /** What the register holds now (null: blank), for the preview. */
  readonly previous: string | null;
}

export interface RegisterRowError {
  readonly row: number;
  readonly message: string;
}

export interface RegisterImportSummary {
  readonly rows: readonly RegisterImportRow[];
  readonly errors: readonly RegisterRowError[];
  readonly years: readonly number[];
}

export interface RegisterImport {
  readonly id: number;
  readonly agencyId: number;
  readonly fileName: string;
  readonly status: RegisterImportTable['status'];
  readonly createdAt: string;
  readonly summary: RegisterImportSummary;
}

type Cell = string | number | Date | null;
interface Record_ {
  readonly row: number;
  readonly cells: readonly Cell[];
}

const fail = (message: string): never => {
  throw new AppError('VALIDATION', message, [{ field: 'file', message }]);
};

/** A label as compared: no spaces, no bracketed unit, full-width folded. */
const normalLabel = (text: string): string =>
  text
    .normalize('NFKC')
    .replace(/\([^)]*\)/g, '')
    .replace(/[\s　]/g, '');

const readCsvRecords = (fileName: string, bytes: Uint8Array): Record_[] => {
  if (bytes.subarray(0, 64 * 1024).includes(0) && !(bytes[0] === 0xff && bytes[1] === 0xfe))
    fail(`文件“${fileName}”不是 CSV 文本文件`);
  return parseCsv(decodeText(bytes).text).map((cells, i) => ({ row: i + 1, cells }));
};

const cellOf = (value: ExcelJS.CellValue): Cell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean' || value instanceof Date) return String(value);
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('formula' in value || 'sharedFormula' in value) return cellOf(value.result ?? null);
  return null;
};

const readXlsxRecords = async (fileName: string, bytes: Uint8Array): Promise<Record_[]> => {
  // Every entry inflated once against one budget before exceljs sees the file: no zip bomb.
  const entries = readCentralDirectory(bytes);
  if (entries === null || !entries.some((e) => e.name === 'xl/workbook.xml'))
    fail(`文件“${fileName}”不是 Excel 工作簿（XLSX）`);
  let budget = MAX_XLSX_INFLATED_BYTES;
  for (const entry of entries ?? []) {
    if (entry.name.endsWith('/')) continue;
    try {
      const { data, complete } = inflateEntry(bytes, entry, budget);
      if (!complete) throw new ZipEntryError('cut off');
      budget -= data.length;
    } catch (error) {
      if (error instanceof ZipTooLargeError) fail(`文件“${fileName}”解压后过大，请分成几个文件导入`);
      if (error instanceof ZipEntryError) fail(`文件“${fileName}”已损坏，无法作为 XLSX 读取`);
      throw error;
    }
  }
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    fail(`文件“${fileName}”无法作为 XLSX 工作簿读取`);
  }
  const sheet = workbook.worksheets[0];
  if (sheet === undefined) return [];
  const records: Record_[] = [];
  const width = Math.min(sheet.columnCount, 20);
  for (let n = 1; n <= Math.min(sheet.rowCount, MAX_REGISTER_ROWS + 10); n++) {
    const row = sheet.findRow(n);
    if (row === undefined) continue;
    const cells: Cell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    records.push({ row: n, cells });
  }
  return records;
};

const textOf = (cell: Cell | undefined): string =>
  cell === null || cell === undefined ? '' : cell instanceof Date ? cell.toISOString() : String(cell).trim();

/** The cells of the year's edition, found by their row and column wording. */
const findCell = (year: number, row: string, column: string): CellDef | undefined => {
  const r = normalLabel(row);
  const c = normalLabel(column);
  return enteredCells(EDITIONS[editionForYear(year)]).find((cell) => {
    const rowDef = cell.table.rows.find((x) => x.key === cell.row);
    const colDef = cell.table.columns.find((x) => x.key === cell.column);
    const rowLabels = [rowDef?.label ?? '', ...(rowDef?.aliases ?? [])].map(normalLabel);
    return rowLabels.includes(r) && normalLabel(colDef?.label ?? '') === c;
  });
};

/** Reads and checks a file; the rows it could read, and an error for each row it could not. */
export async function checkRegisterFile(
  db: Kysely<DB>,
  options: { agencyId: number; fileName: string; bytes: Uint8Array },
): Promise<RegisterImportSummary> {
  const { fileName, bytes } = options;
  if (bytes.length === 0) fail(`文件“${fileName}”是空的`);
  if (bytes.length > MAX_IMPORT_FILE_BYTES)
    fail(`文件“${fileName}”超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB`);
  if (bytes[0] === 0xd0 && bytes[1] === 0xcf)
    fail(`文件“${fileName}”是旧版 Excel（XLS）格式，请在 Excel 中另存为 XLSX 后导入`);
  const records = (
    isZip(bytes) ? await readXlsxRecords(fileName, bytes) : readCsvRecords(fileName, bytes)
  ).filter((r) => r.cells.some((c) => textOf(c) !== ''));
  const [header, ...data] = records;
  if (header === undefined) fail(`文件“${fileName}”中没有数据`);
  const headers = (header?.cells ?? []).map((c) => normalLabel(textOf(c)));
  const at: Record<string, number> = {};
  const missing: string[] = [];
  for (const name of REGISTER_COLUMNS) {
    const index = headers.indexOf(name);
    if (index < 0) missing.push(name);
    at[name] = index;
  }
  if (missing.length > 0)
    fail(
      `第 ${header?.row ?? 1} 行（表头）缺少列：${missing.join('、')}。表头应为：${REGISTER_COLUMNS.join('、')}`,
    );
  if (data.length > MAX_REGISTER_ROWS)
    fail(`文件“${fileName}”超过 ${MAX_REGISTER_ROWS} 行，请分成几个文件导入`);

  const rows: Omit<RegisterImportRow, 'previous'>[] = [];
  const errors: RegisterRowError[] = [];
  const seen = new Map<string, number>();
  for (const record of data) {
    const get = (name: (typeof REGISTER_COLUMNS)[number]) => textOf(record.cells[at[name] ?? -1]);
    const error = (message: string) => errors.push({ row: record.row, message });
    const yearText = get('年度').replace(/年$/, '');
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText) || !isRegisterYear(year)) {
      error(`年度“${get('年度')}”应为 ${MIN_REGISTER_YEAR} 至 ${MAX_REGISTER_YEAR} 之间的四位年份`);
      continue;
    }
    const cell = findCell(year, get('项目'), get('栏目'));
    if (cell === undefined) {
      error(
        `${year} 年度报告（${EDITIONS[editionForYear(year)].source}格式）第二部分没有“${get('项目')}”项目的“${get('栏目')}”栏目（第二十条第（一）项的数据由主动公开信息统计，不能导入）`,
      );
      continue;
    }
    let value: string | null;
    try {
      value = normalizeFigure(cell, get('数值'));
    } catch (e) {
      if (!(e instanceof FigureError)) throw e;
      error(`数值“${get('数值')}”有误：${e.message}`);
      continue;
    }
    if (value === null) {
      error(`“${cellLabel(cell)}”的数值为空`);
      continue;
    }
    const key = `${year}|${cell.key}`;
    const first = seen.get(key);
    if (first !== undefined) {
      error(`${year} 年度“${cellLabel(cell)}”与第 ${first} 行重复`);
      continue;
    }
    seen.set(key, record.row);
    rows.push({ row: record.row, year, cell: cell.key, label: cellLabel(cell), value });
  }
  const years = [...new Set(rows.map((r) => r.year))].sort();
  const current = new Map<number, Record<string, string>>();
  for (const year of years) current.set(year, await enteredFigures(db, options.agencyId, year));
  return {
    rows: rows.map((r) => ({ ...r, previous: current.get(r.year)?.[r.cell] ?? null })),
    errors,
    years,
  };
}

/** Upload → check → keep for the preview; returns the import's id. */
export async function stageRegisterImport(
  db: Kysely<DB>,
  options: { agencyId: number; userId: number | null; fileName: string; bytes: Uint8Array; now: Date },
): Promise<number> {
  await getAgency(db, options.agencyId);
  const summary = await checkRegisterFile(db, options);
  const { id } = await db
    .insertInto('register_imports')
    .values({
      agency_id: options.agencyId,
      user_id: options.userId,
      file_name: options.fileName.slice(0, 255),
      rows_json: JSON.stringify(summary.rows),
      summary_json: JSON.stringify(summary),
      status: 'pending',
      created_at: options.now.toISOString(),
      done_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

export async function findRegisterImport(db: Kysely<DB>, id: number): Promise<RegisterImport | null> {
  const row = await db.selectFrom('register_imports').selectAll().where('id', '=', id).executeTakeFirst();
  if (row === undefined) return null;
  return {
    id: row.id,
    agencyId: row.agency_id,
    fileName: row.file_name,
    status: row.status,
    createdAt: row.created_at,
    summary: JSON.parse(row.summary_json) as RegisterImportSummary,
  };
}

/**
 * Writes every figure of a pending import in one transaction, all or nothing, with one audit
 * record. A file with row errors is refused; confirming again does nothing.
 */
export async function confirmRegisterImport(
  db: Kysely<DB>,
  options: { importId: number; actor: Actor; now: Date },
): Promise<{ imported: boolean; figures: number }> {
  const found = await findRegisterImport(db, options.importId);
  if (found === null) throw new AppError('NOT_FOUND', '未找到该导入');
  if (found.status === 'done') return { imported: false, figures: found.summary.rows.length };
  if (found.status === 'discarded')
    throw new AppError('CONFLICT', '该导入已放弃，请重新上传文件', [
      { message: '该导入已放弃，请重新上传文件' },
    ]);
  if (found.summary.errors.length > 0)
    throw new AppError('VALIDATION', '文件中有错误，改正后重新上传才能导入', [
      { message: `文件中有 ${found.summary.errors.length} 行错误，改正后重新上传才能导入` },
    ]);
  return withTransaction(db, async (trx) => {
    const claimed = await trx
      .updateTable('register_imports')
      .set({ status: 'done', done_at: options.now.toISOString() })
      .where('id', '=', found.id)
      .where('status', '=', 'pending')
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) === 0) return { imported: false, figures: found.summary.rows.length };
    const changed: Record<string, string> = {};
    for (const year of found.summary.years) {
      const values = Object.fromEntries(
        found.summary.rows.filter((r) => r.year === year).map((r) => [r.cell, r.value] as const),
      );
      const changes = await writeFigures(trx, {
        agencyId: found.agencyId,
        year,
        values,
        userId: options.actor.userId,
        now: options.now,
      });
      for (const [cell, c] of Object.entries(changes)) changed[`${year}.${cell}`] = c.after ?? '';
    }
    await recordAudit(trx, {
      at: options.now,
      ...actorFields(options.actor),
      action: 'register.import',
      entityType: 'register_import',
      entityId: found.id,
      agencyId: found.agencyId,
      after: { fileName: found.fileName, figures: found.summary.rows.length, changed },
    });
    return { imported: true, figures: found.summary.rows.length };
  });
}

/** Drops a pending import. */
export async function discardRegisterImport(db: Kysely<DB>, id: number, now: Date): Promise<void> {
  const found = await findRegisterImport(db, id);
  if (found === null) throw new AppError('NOT_FOUND', '未找到该导入');
  if (found.status === 'done')
    throw new AppError('CONFLICT', '该导入已完成，不能放弃', [{ message: '该导入已完成，不能放弃' }]);
  await db
    .updateTable('register_imports')
    .set({ status: 'discarded', done_at: now.toISOString() })
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .execute();
}
