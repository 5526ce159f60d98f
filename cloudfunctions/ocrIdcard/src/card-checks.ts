/**
 * The checks WeChat does not do: what a read card says about itself. WeChat returns the printed fields only; the
 * ID number's own rules, the gender digit, the region code, the side and the validity dates tell when a field
 * was misread or the card is not usable, and each finding becomes a Warning the page shows beside that field.
 */
import { chinaDate, parseValidDate } from '../../../miniprogram/shared/dates';
import { parseIdNumber } from '../../../miniprogram/shared/id-number';
import type { CardSide, IdcardBack, IdcardFront, IdcardFrontFields, Warning, WarningCode } from '../../../miniprogram/shared/idcard';
import { PROVINCES, provinceOfAddress } from '../../../miniprogram/shared/regions';

export interface CardContext {
  /** The side the page asked for, if it said. */
  side?: CardSide;
  /** Now, in ms since the epoch: dates are compared with today in China Standard Time. */
  now: number;
}

function warning(code: WarningCode, field: Warning['field'], message: string): Warning {
  return { code, field, message };
}

function sideWarning(read: CardSide, asked: CardSide | undefined): Warning[] {
  if (!asked || asked === read) return [];
  const message = read === 'Back' ? '识别到的是身份证国徽面，请翻面拍摄人像面' : '识别到的是身份证人像面，请翻面拍摄国徽面';
  return [warning('SIDE_MISMATCH', 'type', message)];
}

/**
 * The portrait side with its checks: birth date from the number, whether the number is valid, and warnings for
 * a bad format or check character, an impossible or future birth date, an unknown region, a gender that
 * disagrees with the 17th digit, an address in another province, and the wrong side.
 * @example
 * checkFront({ name, id: '11010519491231002X', addr: '北京市朝阳区…', gender: '女', nationality: '汉' }, { now: Date.now() })
 * // { type: 'Front', birth: '1949-12-31', idValid: true, warnings: [], ... }
 */
export function checkFront(fields: IdcardFrontFields, context: CardContext): IdcardFront {
  const facts = parseIdNumber(fields.id);
  const warnings: Warning[] = [];
  const future = facts.birthValid && facts.birth > chinaDate(context.now);
  if (!facts.wellFormed) {
    warnings.push(warning('ID_FORMAT', 'id', '身份证号码应为 18 位（最后一位可为 X），请核对号码'));
  } else {
    if (!facts.checksumOk) warnings.push(warning('ID_CHECKSUM', 'id', '身份证号码校验位不符，可能有字识别错误，请逐位核对'));
    if (!facts.birthValid) warnings.push(warning('ID_BIRTH_INVALID', 'birth', '身份证号码中的出生日期不存在，请核对号码'));
    if (future) warnings.push(warning('ID_BIRTH_FUTURE', 'birth', '身份证号码中的出生日期晚于今天，请核对号码'));
    if (!facts.provinceKnown) warnings.push(warning('ID_REGION_UNKNOWN', 'id', '身份证号码前两位不是有效的省份代码，请核对号码'));
    if (fields.gender && fields.gender !== facts.gender) {
      warnings.push(warning('GENDER_MISMATCH', 'gender', `性别与身份证号码不符（号码第 17 位表示${facts.gender}），请核对`));
    }
    const addrProvince = provinceOfAddress(fields.addr);
    if (facts.provinceKnown && addrProvince && addrProvince !== facts.provinceCode) {
      // Not always an error: the number keeps its first region when the household registration moves.
      warnings.push(
        warning('REGION_MISMATCH', 'addr', `住址在${PROVINCES[addrProvince]}，身份证号码地区码属${PROVINCES[facts.provinceCode]}，请核对住址和号码`),
      );
    }
  }
  warnings.push(...sideWarning('Front', context.side));
  return {
    errCode: 0,
    errMsg: 'ok',
    type: 'Front',
    ...fields,
    id: facts.id,
    birth: facts.birth,
    idValid: facts.wellFormed && facts.checksumOk && facts.birthValid && !future,
    warnings,
  };
}

/**
 * The emblem side with its checks: the validity period read from `validDate`, whether it has expired (after the
 * last valid day, China Standard Time), and warnings for an unreadable period, an expired card, the wrong side.
 * @example
 * checkBack('20070105-20270105', { now: Date.parse('2030-01-01') })
 * // { type: 'Back', validFrom: '2007-01-05', validTo: '2027-01-05', expired: true, warnings: [{ code: 'EXPIRED', ... }] }
 */
export function checkBack(validDate: string, context: CardContext): IdcardBack {
  const period = parseValidDate(validDate);
  const warnings: Warning[] = [];
  const expired = period !== undefined && period.validTo !== null && period.validTo < chinaDate(context.now);
  if (!period) warnings.push(warning('VALID_DATE_FORMAT', 'validDate', '有效期限无法识别，请核对或重新拍摄国徽面'));
  if (expired) warnings.push(warning('EXPIRED', 'validDate', `身份证已过有效期（有效期至 ${period?.validTo}），请使用有效证件`));
  warnings.push(...sideWarning('Back', context.side));
  return {
    errCode: 0,
    errMsg: 'ok',
    type: 'Back',
    validDate,
    validFrom: period?.validFrom ?? '',
    validTo: period ? period.validTo : '',
    expired,
    warnings,
  };
}
