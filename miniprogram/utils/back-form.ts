/**
 * The editable form of the 国徽面 (back): the validity period, its reading, and the expired mark.
 * An edit is read again on the phone so the mark follows what the user typed.
 */
import { chinaDate, LONG_TERM, parseValidDate } from '../shared/dates';
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
 * Null when either end is not a real date or the period ends before it starts.
 */
export function readValidDate(raw: string): Pick<ConfirmedBack, 'validDate' | 'validFrom' | 'validTo'> | null {
  return parseValidDate(raw) ?? null;
}

/** Today's date in China Standard Time (UTC+8, no daylight saving), `YYYY-MM-DD`. */
export function chinaToday(now: Date = new Date()): string {
  return chinaDate(now.getTime());
}

/** The fields to hand over. */
export function confirmedBack(form: BackForm): ConfirmedBack {
  return { validDate: form.validDate, validFrom: form.validFrom, validTo: form.validTo, expired: form.expired };
}

/** Why the back cannot be confirmed yet, or '' when it can. */
export function backProblem(form: BackForm): string {
  return form.validFrom ? '' : '请核对有效期限';
}

function placeWarning(warning: Warning, notes: BackForm['notes'], general: string[]): void {
  if (warning.field === 'validDate') notes.validDate.push(warning.message);
  else general.push(warning.message);
}
