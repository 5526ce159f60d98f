/**
 * The national-emblem side: 中华人民共和国 / 居民身份证 on top, then 签发机关 and 有效期限 rows.
 */
import { afterLabel, hanOnly, readValidity, valueStart } from './card-text';
import type { Row } from './rows';
import type { BackAnswer } from './types';

export type BackFields = Omit<BackAnswer, 'errcode' | 'errmsg'>;

const AUTHORITY = '签发机关';
const VALIDITY = '有效期限';

function labelled(rows: Row[], label: string): number {
  const strict = rows.findIndex((row) => valueStart(row.text, label) >= 0);
  return strict >= 0 ? strict : rows.findIndex((row) => valueStart(row.text, label, true) >= 0);
}

/** The back's fields, or null when the rows do not look like the emblem side. */
export function readBack(rows: Row[]): BackFields | null {
  let validityRow = labelled(rows, VALIDITY);
  if (validityRow < 0) validityRow = rows.findIndex((row) => readValidity(row.text) !== null);
  let authorityRow = labelled(rows, AUTHORITY);
  // The authority sits right above the validity row when its label was lost.
  if (authorityRow < 0 && validityRow > 0) authorityRow = validityRow - 1;
  if (validityRow < 0 && authorityRow < 0) return null;
  const validityText = validityRow >= 0 ? rows[validityRow].text : '';
  const authorityText = authorityRow >= 0 ? rows[authorityRow].text : '';
  return {
    type: 'Back',
    valid_date: readValidity(afterLabel(validityText, VALIDITY, true) ?? validityText) ?? '',
    authority: hanOnly(afterLabel(authorityText, AUTHORITY, true) ?? authorityText),
  };
}
