/**
 * The rules of a resident ID number (GB 11643-1999): 6-digit region code, birth date YYYYMMDD, 3-digit sequence
 * (odd = male, even = female) and an ISO 7064 MOD 11-2 check character. Plain functions, no platform calls:
 * the cloud function checks what WeChat read, the page checks what the user typed.
 */
import { calendarDate } from './dates';
import { PROVINCES } from './regions';

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARACTERS = '10X98765432';

/** The check character for the first 17 digits of a number. */
export function checkCharacter(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`Expected 17 digits for first17 but received ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}

export interface IdNumberFacts {
  /** The number as checked: trimmed, lower-case x made upper-case. */
  id: string;
  /** 18 characters: 17 digits then a digit or X. */
  wellFormed: boolean;
  checksumOk: boolean;
  /** `YYYY-MM-DD` when digits 7–14 are a real calendar date, else ''. */
  birth: string;
  /** Whether digits 7–14 are a real calendar date. */
  birthValid: boolean;
  /** Birth date as a number YYYYMMDD (0 when not valid), for comparisons with today. */
  birthYmd: number;
  /** From the 17th digit. */
  gender: '男' | '女' | '';
  provinceCode: string;
  provinceKnown: boolean;
}

/** Normalises the way people and OCR write a number: spaces dropped, `x` -> `X`. */
export function normaliseIdNumber(raw: string): string {
  return raw.replace(/\s+/g, '').toUpperCase();
}

/** Reads everything a number says about itself. Never throws. */
export function parseIdNumber(raw: string): IdNumberFacts {
  const id = normaliseIdNumber(raw);
  const wellFormed = /^\d{17}[\dX]$/.test(id);
  const birth = wellFormed ? calendarDate(id.slice(6, 14)) : '';
  const provinceCode = wellFormed ? id.slice(0, 2) : '';
  return {
    id,
    wellFormed,
    checksumOk: wellFormed && checkCharacter(id.slice(0, 17)) === id[17],
    birth,
    birthValid: birth !== '',
    birthYmd: birth ? Number(id.slice(6, 14)) : 0,
    gender: wellFormed ? (Number(id[16]) % 2 === 1 ? '男' : '女') : '',
    provinceCode,
    provinceKnown: provinceCode in PROVINCES,
  };
}

/** True when the number follows its own rules: form, check character and a real birth date. */
export function isValidIdNumber(raw: string): boolean {
  const facts = parseIdNumber(raw);
  return facts.wellFormed && facts.checksumOk && facts.birthValid;
}
