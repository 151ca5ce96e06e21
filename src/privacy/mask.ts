/**
 * Masking of applicants' personal data wherever it is not needed (lists, exports, logs).
 * Each mask keeps just enough to tell records apart: the region code and last digits of an
 * ID number, the carrier prefix and last four of a phone, the district of an address.
 */

const stars = (n: number): string => '*'.repeat(Math.max(n, 0));

/** '410102199001011234' → '4101**********1234' (region and last four kept). */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 8) return stars(v.length - 1) + v.slice(-1);
  return v.slice(0, 4) + stars(v.length - 8) + v.slice(-4);
}

/** '13812345678' → '138****5678'; a landline keeps its first three and last four characters. */
export function maskPhone(value: string): string {
  const v = value.trim();
  if (v.length <= 7) return stars(v.length - 2) + v.slice(-2);
  return v.slice(0, 3) + stars(v.length - 7) + v.slice(-4);
}

/** Where an administrative division ends: 省, 市, 区, 县, 州, 旗, 盟 (自治区 and 自治州 end in one). */
const DIVISION_END = /[省市区县州旗盟]/g;

/** '河南省开封市鼓楼区包公湖北路39号' → '河南省开封市鼓楼区****': the divisions stay, the street goes. */
export function maskAddress(value: string): string {
  const v = value.trim();
  if (v === '') return v;
  let keep = 0;
  for (const match of v.matchAll(DIVISION_END)) {
    const end = (match.index ?? 0) + 1;
    if (end < v.length && end <= 12) keep = end;
  }
  if (keep === 0) keep = Math.min(6, Math.floor(v.length / 3));
  return `${v.slice(0, keep)}****`;
}

/** '张三丰' → '张**', '张三' → '张*'. */
export function maskName(value: string): string {
  const chars = [...value.trim()];
  if (chars.length <= 1) return stars(chars.length);
  return (chars[0] ?? '') + stars(chars.length - 1);
}

/** Keys whose values are secrets: removed, not masked. */
/** 'zhangsan@example.cn' → 'z***@example.cn': the domain stays, which says little of the person. */
export function maskEmail(value: string): string {
  const at = value.lastIndexOf('@');
  if (at <= 0) return stars(Math.min(value.length, 6));
  return `${value.slice(0, 1)}***${value.slice(at)}`;
}

const SECRET_KEYS = new Set([
  'password',
  'passwordHash',
  'password_hash',
  'currentPassword',
  'newPassword',
  'token',
  'csrfToken',
  'csrf_token',
]);

/** Keys that hold personal data, with the mask for each. */
const MASKS: Record<string, (value: string) => string> = {
  idNumber: maskIdNumber,
  id_number: maskIdNumber,
  phone: maskPhone,
  mobile: maskPhone,
  address: maskAddress,
  personName: maskName,
  person_name: maskName,
  applicantName: maskName,
  applicant_name: maskName,
  claimantName: maskName,
  claimant_name: maskName,
  email: maskEmail,
};

/**
 * A copy of `value` with personal data masked and secrets removed, at any depth (arrays and
 * nested objects included), for the audit log and exports.
 */
export function maskPersonalFields<T>(value: T): T {
  return maskValue(value) as T;
}

function maskValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskValue);
  if (value === null || typeof value !== 'object' || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    if (SECRET_KEYS.has(key)) continue;
    const mask = MASKS[key];
    out[key] = mask !== undefined && typeof v === 'string' && v !== '' ? mask(v) : maskValue(v);
  }
  return out;
}
