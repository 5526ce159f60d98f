/**
 * The editable form of the 人像面 (front): what the function read, what the user corrected, and the notes shown
 * beside each field. The ID number is re-checked on the phone after every edit with the same rules the
 * function uses (shared/id-number.ts).
 */
import { calendarDate } from '../shared/dates';
import type { IdcardFront, Warning } from '../shared/idcard';
import { parseIdNumber } from '../shared/id-number';
import { maskIdNumber } from '../shared/mask';

export type FrontField = 'name' | 'gender' | 'nationality' | 'birth' | 'addr' | 'id';
const FRONT_FIELDS: readonly FrontField[] = ['name', 'gender', 'nationality', 'birth', 'addr', 'id'];

/** The fields a host receives on confirm. */
export interface ConfirmedFront {
  name: string;
  gender: string;
  nationality: string;
  /** `YYYY-MM-DD`; must agree with the date inside the ID number. */
  birth: string;
  addr: string;
  /** Normalised: no spaces, upper-case X. */
  id: string;
}

export interface FrontForm extends ConfirmedFront {
  /** The number as shown while hidden, e.g. `4401**********123X`. */
  idMasked: string;
  /** The number follows its own rules (form, check character, birth date). */
  idValid: boolean;
  /** Messages to show beside each field. */
  notes: Record<FrontField, string[]>;
  /** Messages about the card as a whole. */
  general: string[];
}

/** What the phone says about an edited number; the function has its own wording for what it read. */
export const ID_NOTES = {
  FORMAT: '身份证号应为 18 位：17 位数字加最后一位数字或 X',
  CHECKSUM: '身份证号校验位不符，请逐位核对',
  BIRTH: '身份证号中的出生日期无效，请核对',
  GENDER: '性别与身份证号不符，请核对',
  BIRTH_MISMATCH: '出生日期与身份证号中的日期不符，请核对',
} as const;

/** The form as the function read the card, with each warning placed beside its field. */
export function frontForm(result: IdcardFront): FrontForm {
  const notes = emptyNotes();
  const general: string[] = [];
  for (const warning of result.warnings) placeWarning(warning, notes, general);
  return {
    name: result.name,
    gender: result.gender,
    nationality: result.nationality,
    birth: result.birth,
    addr: result.addr,
    id: result.id,
    idMasked: maskIdNumber(result.id),
    idValid: result.idValid,
    notes,
    general,
  };
}

/**
 * The form after the user typed `value` into `field`. The function's notes on that field are dropped (the user
 * has looked at it); the ID number, gender and birth are checked against each other. An edited number sets the
 * birth date to the one it holds; an edited birth date is flagged while it disagrees with the number.
 */
export function editFront(form: FrontForm, field: FrontField, value: string): FrontForm {
  const next: FrontForm = { ...form, notes: { ...form.notes }, [field]: value };
  if (field === 'birth') {
    next.birth = readBirth(value);
    next.notes.birth = birthAgrees(next) ? [] : [ID_NOTES.BIRTH_MISMATCH];
    return next;
  }
  if (field !== 'id' && field !== 'gender') {
    next.notes[field] = [];
    return next;
  }
  const facts = parseIdNumber(next.id);
  next.id = facts.id;
  next.idMasked = maskIdNumber(facts.id);
  next.idValid = facts.wellFormed && facts.checksumOk && facts.birthValid;
  if (field === 'id') {
    next.birth = facts.birth;
    next.notes.birth = [];
  }
  next.notes.id = !facts.wellFormed ? [ID_NOTES.FORMAT] : [
    ...(facts.checksumOk ? [] : [ID_NOTES.CHECKSUM]),
    ...(facts.birthValid ? [] : [ID_NOTES.BIRTH]),
  ];
  next.notes.gender = facts.gender && next.gender.trim() && facts.gender !== next.gender.trim() ? [ID_NOTES.GENDER] : [];
  return next;
}

/** A typed birth date as `YYYY-MM-DD` (`1990-3-7`, `19900307`, `1990年3月7日` all read); otherwise as typed. */
function readBirth(value: string): string {
  const parts = /^\s*(\d{4})\D{0,2}(\d{1,2})\D{0,2}(\d{1,2})\D?\s*$/.exec(value);
  if (!parts) return value.trim();
  return calendarDate(parts[1] + parts[2].padStart(2, '0') + parts[3].padStart(2, '0')) || value.trim();
}

/** The birth date says what the number says (a number with no valid date is flagged on its own field). */
function birthAgrees(form: FrontForm): boolean {
  const facts = parseIdNumber(form.id);
  return !facts.birthValid || form.birth === facts.birth;
}

/** The fields to hand over, trimmed. */
export function confirmedFront(form: FrontForm): ConfirmedFront {
  return {
    name: form.name.trim(),
    gender: form.gender.trim(),
    nationality: form.nationality.trim(),
    birth: form.birth,
    addr: form.addr.trim(),
    id: form.id,
  };
}

/** Why the front cannot be confirmed yet, or '' when it can. */
export function frontProblem(form: FrontForm): string {
  if (!form.name.trim()) return '请填写姓名';
  if (!form.idValid) return '请核对身份证号';
  if (!birthAgrees(form)) return '请核对出生日期';
  return '';
}

function emptyNotes(): Record<FrontField, string[]> {
  const notes = {} as Record<FrontField, string[]>;
  for (const field of FRONT_FIELDS) notes[field] = [];
  return notes;
}

function placeWarning(warning: Warning, notes: Record<FrontField, string[]>, general: string[]): void {
  const field = warning.field;
  if (field && (FRONT_FIELDS as readonly string[]).includes(field)) notes[field as FrontField].push(warning.message);
  else general.push(warning.message);
}
