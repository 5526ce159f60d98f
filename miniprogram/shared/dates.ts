/**
 * The dates of an ID card: calendar dates in `YYYYMMDD`, the validity period of the emblem side, and today in
 * China Standard Time. One module for the function's checks and the page's form, so both read a period alike.
 */

const CST_OFFSET_MS = 8 * 60 * 60 * 1000;

/** Today's date in China Standard Time (UTC+8, no daylight saving), `YYYY-MM-DD`. */
export function chinaDate(now: number): string {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** `YYYYMMDD` -> `YYYY-MM-DD` when it is a real calendar date (from 1800 on), else ''. */
export function calendarDate(ymd: string): string {
  if (!/^\d{8}$/.test(ymd)) return '';
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(4, 6));
  const day = Number(ymd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return '';
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return '';
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}

export const LONG_TERM = '长期';

export interface ValidityPeriod {
  /** Normalised as WeChat writes it: `20070105-20270105` or `20100301-长期`. */
  validDate: string;
  validFrom: string;
  /** null for a long-term (长期) card. */
  validTo: string | null;
}

/**
 * Reads `20070105-20270105`, `20100301-长期`, and the dotted form printed on cards (`2007.01.05-2027.01.05`).
 * Undefined when an end is not a real date or the period ends before it starts.
 */
export function parseValidDate(raw: string): ValidityPeriod | undefined {
  const match = /^(\d{8})[-－—–~至](\d{8}|长期)$/.exec(raw.replace(/[\s.]/g, ''));
  if (!match) return undefined;
  const validFrom = calendarDate(match[1]);
  const validTo = match[2] === LONG_TERM ? null : calendarDate(match[2]);
  if (!validFrom || validTo === '' || (validTo !== null && validTo <= validFrom)) return undefined;
  return { validDate: `${match[1]}-${match[2]}`, validFrom, validTo };
}
