/**
 * The 18-digit 公民身份号码 of the 居民身份证 (GB 11643-1999): six digits of region, eight of
 * birth date, three of sequence, and a check character computed with ISO 7064 MOD 11-2.
 * Other identity documents (passports, 港澳台 permits) are accepted as typed.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2] as const;
const CHECK_CHARACTERS = '10X98765432';

export type IdNumberProblem = 'length' | 'characters' | 'region' | 'birthDate' | 'checkDigit';

export const ID_NUMBER_PROBLEM_MESSAGES: Readonly<Record<IdNumberProblem, string>> = {
  length: '居民身份证号码应为 18 位',
  characters: '居民身份证号码前 17 位应为数字，最后一位为数字或 X',
  region: '居民身份证号码的前 6 位不是有效的地区代码',
  birthDate: '居民身份证号码中的出生日期无效',
  checkDigit: '居民身份证号码的校验码不正确，请核对是否有数字输错',
};

/** The check character the first 17 digits call for. */
export const idCheckCharacter = (first17: string): string => {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARACTERS[sum % 11] ?? '';
};

const validBirthDate = (yyyymmdd: string, today: string): boolean => {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  const date = new Date(Date.UTC(y, m - 1, d));
  const iso = `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
  return y >= 1900 && date.getUTCMonth() === m - 1 && date.getUTCDate() === d && iso <= today;
};

/**
 * What is wrong with a 居民身份证 number, or null if nothing. `today` ('YYYY-MM-DD') bounds the
 * birth date. A lower-case x is accepted for the check character, as people type it.
 */
export const idNumberProblem = (raw: string, today: string): IdNumberProblem | null => {
  const id = raw.trim().toUpperCase();
  if (id.length !== 18) return 'length';
  if (!/^\d{17}[\dX]$/.test(id)) return 'characters';
  if (!/^[1-9]\d{5}/.test(id) || !'1234568'.includes(id[0] ?? '')) return 'region';
  if (!validBirthDate(id.slice(6, 14), today)) return 'birthDate';
  if (idCheckCharacter(id.slice(0, 17)) !== id[17]) return 'checkDigit';
  return null;
};
