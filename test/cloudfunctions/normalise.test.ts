import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { normaliseAnswer, normaliseError } from '../../cloudfunctions/ocrIdcard/src/normalise';
import { FEMALE_GUANGDONG, MALE_BEIJING, withWrongCheck } from './support/identities';

const NOW = Date.parse('2024-06-15T04:00:00Z');
const ENTRIES = Object.values(ERROR_TABLE);

/** What wx-server-sdk throws for a non-zero WeChat errcode (see platform.md). */
function cloudSdkError(errCode: number | string, errMsg: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`errCode: ${errCode} | errMsg: ${errMsg}`), { errCode, errMsg, ...extra });
}

describe('normaliseAnswer: the two answer shapes', () => {
  const cloudFront = { errCode: 0, errMsg: 'openapi.ocr.idcard:ok', type: 'Front', ...FEMALE_GUANGDONG };
  const httpsFront = { errcode: '0', errmsg: 'ok', type: 'Front', ...FEMALE_GUANGDONG };

  it('gives the same Front result for the cloud call (camelCase) and the HTTPS call (errcode "0")', () => {
    const fromCloud = normaliseAnswer(cloudFront, { side: 'Front', now: NOW });
    const fromHttps = normaliseAnswer(httpsFront, { side: 'Front', now: NOW });
    expect(fromCloud).toEqual(fromHttps);
    expect(fromCloud).toEqual({
      errCode: 0,
      errMsg: 'ok',
      type: 'Front',
      ...FEMALE_GUANGDONG,
      birth: '1985-12-31',
      idValid: true,
      warnings: [],
    });
  });

  it('gives the same Back result for validDate (cloud) and valid_date with errcode 0 (HTTPS)', () => {
    const fromCloud = normaliseAnswer({ errCode: 0, errMsg: 'openapi.ocr.idcard:ok', type: 'Back', validDate: '20070105-20270105' }, { now: NOW });
    const fromHttps = normaliseAnswer({ errcode: 0, errmsg: 'ok', type: 'Back', valid_date: '20070105-20270105' }, { now: NOW });
    expect(fromCloud).toEqual(fromHttps);
    expect(fromCloud).toMatchObject({ errCode: 0, type: 'Back', validDate: '20070105-20270105', validFrom: '2007-01-05', validTo: '2027-01-05', expired: false });
  });

  it('applies the card checks to what WeChat read', () => {
    const result = normaliseAnswer({ ...httpsFront, id: withWrongCheck(FEMALE_GUANGDONG.id) }, { side: 'Back', now: NOW });
    expect(result).toMatchObject({ errCode: 0, idValid: false });
    expect('warnings' in result && result.warnings.map((w) => w.code).sort()).toEqual(['ID_CHECKSUM', 'SIDE_MISMATCH']);
  });

  it('trims fields and fills missing ones with empty strings', () => {
    const result = normaliseAnswer({ errcode: 0, type: 'Front', name: ` ${MALE_BEIJING.name} `, id: MALE_BEIJING.id }, { now: NOW });
    expect(result).toMatchObject({ name: MALE_BEIJING.name, addr: '', gender: '', nationality: '' });
  });

  it.each(ENTRIES)('turns an HTTPS body with errcode $errCode (number and string) into the table entry', (entry) => {
    const expected = { errCode: entry.errCode, errMsg: entry.errMsg, message: entry.message };
    expect(normaliseAnswer({ errcode: entry.errCode, errmsg: `${entry.errMsg} rid: 6650f1e2-1` }, { now: NOW })).toEqual(expected);
    expect(normaliseAnswer({ errcode: String(entry.errCode), errmsg: entry.errMsg }, { now: NOW })).toEqual(expected);
  });

  it.each([
    ['no object', 'text'],
    ['no type', { errcode: 0, errmsg: 'ok' }],
    ['an unknown type', { errCode: 0, type: 'Side' }],
    ['an unreadable errcode', { errcode: 'zero', type: 'Front' }],
  ])('answers a system error for an answer with %s', (_what, answer) => {
    expect(normaliseAnswer(answer, { now: NOW })).toMatchObject({ errCode: -1, message: ERROR_TABLE.SYSTEM_ERROR.message });
  });
});

describe('normaliseError: whatever a call throws', () => {
  it.each(ENTRIES)('keeps the meaning of code $errCode thrown by the cloud call', (entry) => {
    const thrown = cloudSdkError(entry.errCode, `openapi.ocr.idcard:fail ${entry.errMsg}`);
    expect(normaliseError(thrown)).toEqual({ errCode: entry.errCode, errMsg: entry.errMsg, message: entry.message });
  });

  it('keeps an errMsg that refines the table wording, for the developer', () => {
    expect(normaliseError({ errCode: 101000, errMsg: 'invalid image url: fetch timed out' })).toEqual({
      errCode: 101000,
      errMsg: 'invalid image url: fetch timed out',
      message: ERROR_TABLE.INVALID_IMAGE_URL.message,
    });
  });

  it('reads a numeric string errCode', () => {
    expect(normaliseError({ errCode: '101001', errMsg: 'certificate not found' })).toMatchObject({ errCode: 101001 });
    expect(normaliseError({ errcode: '45009' })).toMatchObject({ errCode: 45009 });
  });

  it('maps a missing storage file, as wx-server-sdk throws it (errCode -1, code STORAGE_FILE_NONEXIST), to -503003', () => {
    const thrown = cloudSdkError(-1, 'downloadFile:fail storage file not exists', { code: 'STORAGE_FILE_NONEXIST' });
    expect(normaliseError(thrown)).toEqual({ errCode: -503003, errMsg: ERROR_TABLE.FILE_NOT_FOUND.errMsg, message: ERROR_TABLE.FILE_NOT_FOUND.message });
  });

  it('maps a named errCode string to its number', () => {
    expect(normaliseError({ errCode: 'STORAGE_FILE_NONEXIST', errMsg: 'x' })).toMatchObject({ errCode: -503003 });
  });

  it('maps a socket timeout of the file download to -501001', () => {
    expect(normaliseError(cloudSdkError(-1, 'downloadFile:fail request timeout', { code: 'ESOCKETTIMEDOUT' }))).toMatchObject({
      errCode: -501001,
      message: ERROR_TABLE.TIMEOUT.message,
    });
  });

  it('passes an unknown code through with its own errMsg and a generic Chinese message', () => {
    expect(normaliseError(cloudSdkError(-502003, 'database permission denied'))).toEqual({
      errCode: -502003,
      errMsg: 'database permission denied',
      message: '识别失败，请稍后重试',
    });
  });

  it('keeps a refined errMsg only as one short line: no stack trace reaches the page', () => {
    const long = `boom\n    at secret (/var/user/index.js:1:1)\n${'x'.repeat(500)}`;
    const result = normaliseError({ errCode: 123456, errMsg: long });
    expect(result.errMsg).toBe('boom');
    expect(normaliseError({ errCode: 123456, errMsg: 'y'.repeat(500) }).errMsg.length).toBeLessThanOrEqual(201);
  });

  it('answers a system error for errors without a code, and for values that are not errors', () => {
    const typeError = new TypeError("Cannot read properties of undefined (reading 'x')");
    for (const thrown of [typeError, 'a string', undefined, null, 42, { errCode: 0 }]) {
      const result = normaliseError(thrown);
      expect(result).toEqual({ errCode: -1, errMsg: ERROR_TABLE.SYSTEM_ERROR.errMsg, message: ERROR_TABLE.SYSTEM_ERROR.message });
    }
  });
});
