/**
 * The editable form of the 国徽面 (back): the validity period, its reading, and the expired mark.
 * An edit is read again on the phone so the mark follows what the user typed.
 */
import type { IdcardBack, Warning } from '../shared/idcard';

/** The fields a host receives on confirm. */
export interface ConfirmedBack {
  /** As printed, normalised: `20070105-20270105` or `20100301-长期`. */
  validDate: string;
  /** `YYYY-MM-DD`. */
  validFrom: string;
  /** `YYYY-MM-DD`, or null for a long-term (长期) card. */
  validTo: string | null;
  expired: boolean;
}

export interface BackForm extends ConfirmedBack {
  /** validTo as shown: the date or 长期. */
  validToText: string;
  /** Messages to show beside the validity field. */
  notes: { validDate: string[] };
  /** Messages about the card as a whole. */
  general: string[];
}

export const VALID_DATE_NOTE = '有效期限应写作 20200101-20400101，长期有效的写作 20200101-长期';
const LONG_TERM = '长期';

/** The form as the function read the card, with each warning placed beside its field. */
export function backForm(result: IdcardBack): BackForm {
  const notes = { validDate: [] as string[] };
  const general: string[] = [];
  for (const warning of result.warnings) placeWarning(warning, notes, general);
  return {
    validDate: result.validDate,
    validFrom: result.validFrom,
    validTo: result.validTo,
    validToText: result.validTo ?? LONG_TERM,
    expired: result.expired,
    notes,
    general,
  };
}

/** The form after the user typed a validity period; `today` is `YYYY-MM-DD` in China (see chinaToday). */
export function editBack(form: BackForm, value: string, today: string): BackForm {
  const period = readValidDate(value);
  if (!period) {
    return { ...form, validDate: value, validFrom: '', validTo: null, validToText: '', expired: false, notes: { validDate: [VALID_DATE_NOTE] } };
  }
  const expired = period.validTo !== null && period.validTo < today;
  return { ...form, ...period, validToText: period.validTo ?? LONG_TERM, expired, notes: { validDate: [] } };
}

/**
 * Reads a typed period: `20070105-20270105`, `2007.01.05-2027.01.05` (as printed on the card), or `…-长期`.
 * Null when either end is not a real date.
 */
export function readValidDate(raw: string): Pick<ConfirmedBack, 'validDate' | 'validFrom' | 'validTo'> | null {
  const compact = raw.replace(/[\s.]/g, '');
  const match = /^(\d{8})[-—至](\d{8}|长期)$/.exec(compact);
  if (!match) return null;
  const validFrom = isoDate(match[1]);
  const validTo = match[2] === LONG_TERM ? null : isoDate(match[2]);
  if (!validFrom || validTo === '') return null;
  return { validDate: `${match[1]}-${match[2]}`, validFrom, validTo };
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return new Date(now.getTime() + 8 * 3600 * 1000).toISOString().slice(0, 10);
}

/** The fields to hand over. */
export function confirmedBack(form: BackForm): ConfirmedBack {
  return { validDate: form.validDate, validFrom: form.validFrom, validTo: form.validTo, expired: form.expired };
}

/** Why the back cannot be confirmed yet, or '' when it can. */
export function backProblem(form: BackForm): string {
  return form.validFrom ? '' : '请核对有效期限';
}

function isoDate(ymd: string): string {
  const [y, m, d] = [Number(ymd.slice(0, 4)), Number(ymd.slice(4, 6)), Number(ymd.slice(6, 8))];
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return '';
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}

function placeWarning(warning: Warning, notes: BackForm['notes'], general: string[]): void {
  if (warning.field === 'validDate') notes.validDate.push(warning.message);
  else general.push(warning.message);
}
