import ExcelJS from 'exceljs';
import { decodeText } from '../../reports/parse/formats/decode.ts';
import {
  inflateEntry,
  isZip,
  readCentralDirectory,
  ZipEntryError,
  ZipTooLargeError,
} from '../../reports/parse/formats/zip.ts';
import { parseCsv } from './csv.ts';
import {
  APPLICATION_SHEET,
  EVENT_SHEET,
  MAX_IMPORT_APPLICATIONS,
  MAX_IMPORT_EVENTS,
  MAX_IMPORT_FILE_BYTES,
  MAX_XLSX_INFLATED_BYTES,
  normalHeader,
  type SheetName,
} from './import-columns.ts';

/** A cell as read: text (CSV, or a text cell), a number or a real date (XLSX), or blank. */
export type RawCell = string | number | Date | null;

export interface RawRow {
  /** The row number a spreadsheet program shows (the header row is 1 when it is the first). */
  readonly row: number;
  readonly cells: readonly RawCell[];
}

export interface RawSheet {
  readonly name: SheetName;
  /** The header row's row number. */
  readonly headerRow: number;
  readonly headers: readonly string[];
  readonly rows: readonly RawRow[];
  /** More data rows than the limit: reading stopped one row after it. */
  readonly tooMany: boolean;
}

export interface RawImport {
  readonly format: 'xlsx' | 'csv';
  /** Null when the workbook has no sheet 「申请」. */
  readonly applications: RawSheet | null;
  readonly events: RawSheet | null;
}

export interface ImportSource {
  readonly fileName: string;
  readonly bytes: Uint8Array;
}

/** The file cannot be read as a table at all (the CLI's exit 2; the web form's error). */
export class ImportFileError extends Error {
  override readonly name = 'ImportFileError';
}

const MAX_ZIP_ENTRIES = 5000;
const LIMIT_OF: Record<SheetName, number> = {
  [APPLICATION_SHEET]: MAX_IMPORT_APPLICATIONS,
  [EVENT_SHEET]: MAX_IMPORT_EVENTS,
};

const startsWith = (bytes: Uint8Array, prefix: readonly number[]): boolean =>
  prefix.every((b, i) => bytes[i] === b);

const isBlank = (cells: readonly RawCell[]): boolean =>
  cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''));

/** Header row, then data rows (blank ones left out), up to the sheet's limit plus one. */
const toSheet = (name: SheetName, records: Iterable<{ row: number; cells: RawCell[] }>): RawSheet => {
  let header: { row: number; cells: RawCell[] } | undefined;
  const rows: RawRow[] = [];
  let tooMany = false;
  for (const record of records) {
    if (isBlank(record.cells)) continue;
    if (header === undefined) {
      header = record;
      continue;
    }
    if (rows.length >= LIMIT_OF[name]) {
      tooMany = true;
      break;
    }
    rows.push(record);
  }
  return {
    name,
    headerRow: header?.row ?? 1,
    headers: (header?.cells ?? []).map((c) => normalHeader(c === null ? '' : String(c))),
    rows,
    tooMany,
  };
};

const checkSize = (source: ImportSource) => {
  if (source.bytes.length === 0) throw new ImportFileError(`文件“${source.fileName}”是空的`);
  if (source.bytes.length > MAX_IMPORT_FILE_BYTES)
    throw new ImportFileError(
      `文件“${source.fileName}”超过 ${MAX_IMPORT_FILE_BYTES / 1024 / 1024} MB，请分成几个文件导入`,
    );
};

const readCsv = (name: SheetName, source: ImportSource): RawSheet => {
  checkSize(source);
  if (source.bytes.subarray(0, 64 * 1024).includes(0) && !startsWith(source.bytes, [0xff, 0xfe]))
    throw new ImportFileError(`文件“${source.fileName}”不是 CSV 文本文件`);
  const { text } = decodeText(source.bytes);
  const records = parseCsv(text).map((cells, i) => ({ row: i + 1, cells: cells as RawCell[] }));
  return toSheet(name, records);
};

/**
 * Every entry of the zip inflated once, against one byte budget for them all, before exceljs
 * (which inflates the whole file into memory) sees it: a zip bomb stops here, whatever its
 * headers claim.
 */
const checkInflatedSize = (source: ImportSource): void => {
  const entries = readCentralDirectory(source.bytes);
  if (entries === null || entries.length === 0)
    throw new ImportFileError(`文件“${source.fileName}”已损坏，无法作为 XLSX 读取`);
  if (entries.length > MAX_ZIP_ENTRIES)
    throw new ImportFileError(`文件“${source.fileName}”包含的部件过多，不是可导入的 XLSX 工作簿`);
  if (!entries.some((e) => e.name === 'xl/workbook.xml'))
    throw new ImportFileError(`文件“${source.fileName}”不是 Excel 工作簿（XLSX）`);
  let budget = MAX_XLSX_INFLATED_BYTES;
  for (const entry of entries) {
    if (entry.name.endsWith('/')) continue;
    try {
      const { data, complete } = inflateEntry(source.bytes, entry, budget);
      if (!complete) throw new ZipEntryError('cut off');
      budget -= data.length;
    } catch (error) {
      if (error instanceof ZipTooLargeError)
        throw new ImportFileError(
          `文件“${source.fileName}”解压后超过 ${MAX_XLSX_INFLATED_BYTES / 1024 / 1024} MB，请分成几个文件导入`,
        );
      if (error instanceof ZipEntryError)
        throw new ImportFileError(`文件“${source.fileName}”已损坏，无法作为 XLSX 读取`);
      throw error;
    }
  }
};

/** An exceljs cell value as text, number or date: rich text joined, a formula's result, errors blank. */
const cellOf = (value: ExcelJS.CellValue): RawCell => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) return value;
  if ('richText' in value) return value.richText.map((r) => r.text).join('');
  if ('hyperlink' in value) return typeof value.text === 'string' ? value.text : cellOf(value.text);
  if ('formula' in value || 'sharedFormula' in value) return cellOf(value.result ?? null);
  return null;
};

function* worksheetRecords(sheet: ExcelJS.Worksheet): Generator<{ row: number; cells: RawCell[] }> {
  const width = Math.min(sheet.columnCount, 200);
  for (let n = 1; n <= sheet.rowCount; n++) {
    const row = sheet.findRow(n);
    if (row === undefined) continue;
    const cells: RawCell[] = [];
    for (let c = 1; c <= width; c++) cells.push(cellOf(row.getCell(c).value));
    yield { row: n, cells };
  }
}

const readXlsx = async (source: ImportSource): Promise<RawImport> => {
  checkSize(source);
  checkInflatedSize(source);
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(source.bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new ImportFileError(`文件“${source.fileName}”无法作为 XLSX 工作簿读取`);
  }
  const sheetNamed = (name: SheetName) => workbook.worksheets.find((ws) => normalHeader(ws.name) === name);
  const applications = sheetNamed(APPLICATION_SHEET);
  const events = sheetNamed(EVENT_SHEET);
  return {
    format: 'xlsx',
    applications: applications ? toSheet(APPLICATION_SHEET, worksheetRecords(applications)) : null,
    events: events ? toSheet(EVENT_SHEET, worksheetRecords(events)) : null,
  };
};

const isXlsxBytes = (bytes: Uint8Array): boolean => isZip(bytes);
const isOldExcel = (bytes: Uint8Array): boolean => startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0]);

/**
 * Reads an import: an XLSX workbook (sheets 「申请」 and 「事件」), or a CSV of applications with
 * an optional second CSV of events. Told by content, not by name. Throws ImportFileError for a
 * file that is not one of these, too large, or damaged.
 */
export async function readImportFiles(main: ImportSource, eventsCsv?: ImportSource): Promise<RawImport> {
  if (isOldExcel(main.bytes))
    throw new ImportFileError(
      `文件“${main.fileName}”是旧版 Excel（XLS）格式，请在 Excel 中另存为 XLSX 后导入`,
    );
  if (isXlsxBytes(main.bytes)) {
    if (eventsCsv !== undefined)
      throw new ImportFileError('XLSX 工作簿的事件请填在其「事件」表中，不需另附事件 CSV 文件');
    return readXlsx(main);
  }
  if (eventsCsv !== undefined && (isXlsxBytes(eventsCsv.bytes) || isOldExcel(eventsCsv.bytes)))
    throw new ImportFileError(`事件文件“${eventsCsv.fileName}”须为 CSV 文件`);
  return {
    format: 'csv',
    applications: readCsv(APPLICATION_SHEET, main),
    events: eventsCsv === undefined ? null : readCsv(EVENT_SHEET, eventsCsv),
  };
}
