import type { EditionId } from '../../model/edition.ts';
import { foldLabel } from './normalize.ts';
import type { Token } from './tokens.ts';

/** Wordings found only in one edition's tables. */
const MARKERS: Readonly<Record<EditionId, readonly string[]>> = {
  '2019': [
    '本年新制作数量',
    '本年新公开数量',
    '对外公开总数量',
    '上一年项目数量',
    '本年增/减',
    '政府集中采购',
    '采购项目数量',
  ],
  '2021': [
    '本年制发件数',
    '本年废止件数',
    '现行有效件数',
    '本年处理决定数量',
    '本年收费金额',
    '逾期不补正',
    '逾期未按收费通知',
  ],
};

const folded = Object.fromEntries(
  Object.entries(MARKERS).map(([id, words]) => [id, words.map(foldLabel)]),
) as Record<EditionId, string[]>;

/** The edition whose table wordings the document uses, or null where it has none of either. */
export const detectEdition = (tokens: readonly Token[]): EditionId | null => {
  const score = { '2019': 0, '2021': 0 };
  for (const t of tokens) {
    if (t.folded.length > 80) continue;
    for (const id of ['2019', '2021'] as const) {
      if (folded[id].some((w) => t.folded.includes(w))) score[id]++;
    }
  }
  if (score['2019'] === 0 && score['2021'] === 0) return null;
  return score['2021'] > score['2019'] ? '2021' : '2019';
};
