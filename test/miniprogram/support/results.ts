/**
 * Synthetic answers of the ocrIdcard function, shaped by the shared contract. The people and numbers are made
 * up; the ID numbers are built with the real check character so the page's own checks accept them.
 */
import type { IdcardBack, IdcardFront } from '../../../miniprogram/shared/idcard';
import { checkCharacter } from '../../../miniprogram/shared/id-number';

/** A valid synthetic number: region 110101, born 1990-03-07, sequence 123 (odd: male). */
export const VALID_ID = withCheck('11010119900307123');
/** The same person with another sequence, to test edits: 124 (even: female). */
export const OTHER_VALID_ID = withCheck('11010119900307124');

export function withCheck(first17: string): string {
  return first17 + checkCharacter(first17);
}

export function frontResult(change: Partial<IdcardFront> = {}): IdcardFront {
  return {
    errCode: 0,
    errMsg: 'ok',
    type: 'Front',
    name: '林测试',
    id: VALID_ID,
    addr: '北京市东城区测试路1号',
    gender: '男',
    nationality: '汉',
    birth: '1990-03-07',
    idValid: true,
    warnings: [],
    ...change,
  };
}

export function backResult(change: Partial<IdcardBack> = {}): IdcardBack {
  return {
    errCode: 0,
    errMsg: 'ok',
    type: 'Back',
    validDate: '20200101-20400101',
    validFrom: '2020-01-01',
    validTo: '2040-01-01',
    expired: false,
    warnings: [],
    ...change,
  };
}
