import type { CellKind } from '../../model/edition.ts';

/** What a table cell holds, read as the form means it. */
export type CellReading =
  | { readonly kind: 'number'; readonly value: number; readonly note?: string }
  | { readonly kind: 'blank' }
  | { readonly kind: 'mark'; readonly mark: string }
  | { readonly kind: 'text'; readonly text: string };

/** Marks that stand for "nothing to report" instead of a number; '/' usually means not applicable. */
const MARKS = new Set(['/', '\\', '-', '--', '—', '——', '–', '―', '无', '空', '×', '*', 'N/A']);

const NUMBER = /^([+-])?((?:\d{1,3}(?:,\d{3})+)|\d+)(?:\.(\d+))?(万元|元|万|件|个|项|条|份)?$/;

/**
 * Reads a cell as written in published reports: '1,066', '　58', '+112', '-8', '6,356.8000',
 * '251000元' (an amount in yuan, converted to 万元, the unit the form uses).
 */
export const readCell = (raw: string, kind: CellKind, columnUnitYuan = false): CellReading => {
  const text = raw.normalize('NFKC').replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, '');
  if (text === '') return { kind: 'blank' };
  if (MARKS.has(text)) return { kind: 'mark', mark: text };
  const m = NUMBER.exec(text);
  if (!m) return { kind: 'text', text: raw.trim() };
  const [, sign, whole = '0', decimals, unit] = m;
  let value = Number(`${whole.replace(/,/g, '')}${decimals ? `.${decimals}` : ''}`);
  if (sign === '-') value = -value;
  if (kind === 'amount') {
    const inYuan = unit === '元' || (unit === undefined && columnUnitYuan);
    if (inYuan) {
      // 4 decimals of 万元 is one yuan, the precision the form asks for.
      const wan = Math.round(value) / 10_000;
      return { kind: 'number', value: wan, note: `金额"${raw.trim()}"以元为单位，已换算为${wan}万元` };
    }
  }
  return { kind: 'number', value };
};

/** Whether a token can stand in a value cell (a number, a mark, or nothing). */
export const isValueLike = (raw: string): boolean => readCell(raw, 'amount').kind !== 'text';
