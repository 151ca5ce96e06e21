/**
 * Civil dates as day numbers (days since 1970-01-01) and back, by integer arithmetic
 * (Howard Hinnant's days_from_civil / civil_from_days). No `Date`: a `Date` would bring
 * the machine's time zone in, and the machines run UTC while the users are in Asia/Shanghai.
 * A 'YYYY-MM-DD' string names the civil day itself, in no time zone.
 */
export type DayNumber = number;

export const dayFromCivil = (year: number, month: number, day: number): DayNumber => {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * ((month + 9) % 12) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
};

const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

const formatDay = (dayNumber: DayNumber): string => {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${pad2(m)}-${pad2(d)}`;
};

/** Formatted dates of 1970–2149, filled as they are asked for: formatting is the engine's hot spot. */
const CACHED_DAYS = 65_536;
const formatted: (string | undefined)[] = new Array(CACHED_DAYS);

export const isoFromDay = (dayNumber: DayNumber): string => {
  if (dayNumber >= 0 && dayNumber < CACHED_DAYS) {
    const hit = formatted[dayNumber];
    if (hit !== undefined) return hit;
    const text = formatDay(dayNumber);
    formatted[dayNumber] = text;
    return text;
  }
  return formatDay(dayNumber);
};

const digit = (text: string, i: number): number => {
  const c = text.charCodeAt(i) - 48;
  return c >= 0 && c <= 9 ? c : Number.NaN;
};

const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

const daysInMonth = (y: number, m: number): number =>
  m === 2 ? (isLeap(y) ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;

/** The day number of a real calendar date 'YYYY-MM-DD', or null ('2023-02-29' is not one). */
export const parseIsoDate = (text: string): DayNumber | null => {
  if (text.length !== 10 || text[4] !== '-' || text[7] !== '-') return null;
  const y = digit(text, 0) * 1000 + digit(text, 1) * 100 + digit(text, 2) * 10 + digit(text, 3);
  const m = digit(text, 5) * 10 + digit(text, 6);
  const d = digit(text, 8) * 10 + digit(text, 9);
  // NaN fails every comparison, so a non-digit anywhere lands here too.
  if (!(m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m))) return null;
  return dayFromCivil(y, m, d);
};

export const isIsoDate = (text: string): boolean => parseIsoDate(text) !== null;

/** Day number of a date the caller has already validated; throws on anything else. */
export const dayOf = (text: string): DayNumber => {
  const day = parseIsoDate(text);
  if (day === null) throw new RangeError(`不是有效日期（YYYY-MM-DD）："${text}"`);
  return day;
};

/** The civil year of a day number, without formatting it. */
export const yearOfDay = (dayNumber: DayNumber): number => Number(isoFromDay(dayNumber).slice(0, 4));

/** 0 = Monday … 6 = Sunday. 1970-01-01 was a Thursday. */
export const weekdayOf = (dayNumber: DayNumber): number => (((dayNumber + 3) % 7) + 7) % 7;

export const isWeekend = (dayNumber: DayNumber): boolean => weekdayOf(dayNumber) >= 5;
