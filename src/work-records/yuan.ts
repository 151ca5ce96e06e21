/**
 * Amounts in yuan as the records keep them: decimal text with at most two decimals ('20000',
 * '1234.5'), summed in fen with BigInt so that no digit is lost on either database.
 */
const PATTERN = /^\d{1,12}(\.\d{1,2})?$/;

/** A typed amount, cleaned ('２０,０００ ' → '20000'); null for blank; undefined when it is not an amount. */
export const normalizeYuan = (raw: string): string | null | undefined => {
  const text = raw
    .normalize('NFKC')
    .replace(/[\s,，]/g, '')
    .replace(/元$/, '');
  if (text === '') return null;
  if (!PATTERN.test(text)) return undefined;
  return formatFen(toFen(text));
};

export const toFen = (yuan: string): bigint => {
  const [whole = '0', decimals = ''] = yuan.split('.');
  return BigInt(whole) * 100n + BigInt(`${decimals}00`.slice(0, 2));
};

/** 2000000n → '20000'; 123450n → '1234.5'. */
export const formatFen = (fen: bigint): string => {
  const whole = fen / 100n;
  const cents = (fen % 100n).toString().padStart(2, '0').replace(/0+$/, '');
  return cents === '' ? whole.toString() : `${whole}.${cents}`;
};

/** As a report writes it: '2万元' for a whole number of hundreds from 10,000 up, else '1234.5元'. */
export const yuanInWords = (fen: bigint): string => {
  if (fen >= 1_000_000n && fen % 10_000n === 0n) {
    const hundreds = fen / 10_000n;
    const wan = hundreds / 100n;
    const rest = (hundreds % 100n).toString().padStart(2, '0').replace(/0+$/, '');
    return `${wan}${rest === '' ? '' : `.${rest}`}万元`;
  }
  return `${formatFen(fen)}元`;
};
