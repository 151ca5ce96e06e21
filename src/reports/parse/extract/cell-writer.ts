import type { ColumnDef } from '../../model/edition.ts';
import type { CellValue, Diagnostic } from '../../model/report.ts';
import { readCell } from './number.ts';

/** Collects cell values and the parser's notes about them. */
export class CellWriter {
  readonly cells: Record<string, CellValue> = {};
  readonly diagnostics: Diagnostic[] = [];

  write(key: string, raw: string, column: ColumnDef, columnUnitYuan = false): void {
    const reading = readCell(raw, column.kind, columnUnitYuan);
    switch (reading.kind) {
      case 'number':
        this.cells[key] = reading.value;
        if (reading.note) this.diagnostics.push({ level: 'info', message: reading.note, cell: key });
        return;
      case 'blank':
        this.cells[key] = null;
        return;
      case 'mark':
        this.cells[key] = null;
        this.diagnostics.push({
          level: 'info',
          message:
            reading.mark === '/'
              ? '单元格为"/"（通常表示不适用），按空白处理'
              : `单元格为"${reading.mark}"而非数字，按空白处理`,
          cell: key,
        });
        return;
      case 'text':
        this.cells[key] = null;
        this.diagnostics.push({
          level: 'warning',
          message: `无法识别的数值"${reading.text}"，按空白处理`,
          cell: key,
        });
        return;
    }
  }

  blank(key: string): void {
    this.cells[key] = null;
  }

  note(diagnostic: Diagnostic): void {
    this.diagnostics.push(diagnostic);
  }
}
