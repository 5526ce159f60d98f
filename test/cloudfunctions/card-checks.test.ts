import { checkCharacter, isValidIdNumber, parseIdNumber } from '../../miniprogram/shared/id-number';
import type { Warning } from '../../miniprogram/shared/idcard';
import { chinaDate, parseValidDate } from '../../miniprogram/shared/dates';
import { checkBack, checkFront } from '../../cloudfunctions/ocrIdcard/src/card-checks';
import { FEMALE_GUANGDONG, MALE_BEIJING, idEndingInX, idNumber, withWrongCheck } from './support/identities';

// 2024-06-15 12:00 China Standard Time.
const NOW = Date.parse('2024-06-15T04:00:00Z');
const codes = (warnings: Warning[]) => warnings.map((w) => w.code).sort();

describe('ID number rules', () => {
  it('computes X as check character (the worked example of GB 11643-1999)', () => {
    expect(checkCharacter('11010519491231002')).toBe('X');
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    expect(isValidIdNumber('110105194912310021')).toBe(false);
  });

  it('accepts a synthetic number whose check character is X and refuses any other last character', () => {
    const id = idEndingInX();
    expect(isValidIdNumber(id)).toBe(true);
    for (const c of '0123456789') expect(isValidIdNumber(id.slice(0, 17) + c)).toBe(false);
  });

  it.each([
    ['19990230', 'February 30th'],
    ['19990229', '1999 is not a leap year'],
    ['19991301', 'month 13'],
    ['19990100', 'day 0'],
    ['19990431', 'April 31st'],
  ])('finds no birth date in %s (%s)', (ymd) => {
    const facts = parseIdNumber(idNumber('110105', ymd, '123'));
    expect(facts.checksumOk).toBe(true);
    expect(facts.birthValid).toBe(false);
    expect(facts.birth).toBe('');
    expect(isValidIdNumber(facts.id)).toBe(false);
  });

  it('reads 2000-02-29 (a leap day) as a real date', () => {
    expect(parseIdNumber(idNumber('110105', '20000229', '123')).birth).toBe('2000-02-29');
  });

  it('reads gender from the 17th digit', () => {
    expect(parseIdNumber(MALE_BEIJING.id).gender).toBe('男');
    expect(parseIdNumber(FEMALE_GUANGDONG.id).gender).toBe('女');
  });
});

describe('checkFront', () => {
  it('passes a consistent card with no warning and the birth date from the number', () => {
    const result = checkFront(MALE_BEIJING, { side: 'Front', now: NOW });
    expect(result).toMatchObject({ errCode: 0, errMsg: 'ok', type: 'Front', name: MALE_BEIJING.name, birth: '1990-03-07', idValid: true, warnings: [] });
  });

  it('upper-cases a lower-case x and keeps the number valid', () => {
    const id = idEndingInX();
    const result = checkFront({ ...MALE_BEIJING, id: id.toLowerCase(), gender: parseIdNumber(id).gender }, { now: NOW });
    expect(result.id).toBe(id);
    expect(result.idValid).toBe(true);
  });

  it('warns ID_CHECKSUM on a wrong check character', () => {
    const result = checkFront({ ...MALE_BEIJING, id: withWrongCheck(MALE_BEIJING.id) }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['ID_CHECKSUM']);
    expect(result.idValid).toBe(false);
    expect(result.warnings[0]).toMatchObject({ field: 'id', message: expect.stringMatching(/校验位/) });
  });

  it('warns ID_FORMAT, and nothing that needs a well-formed number, on a short number', () => {
    const result = checkFront({ ...MALE_BEIJING, id: MALE_BEIJING.id.slice(0, 15) }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['ID_FORMAT']);
    expect(result).toMatchObject({ idValid: false, birth: '' });
  });

  it('warns ID_BIRTH_INVALID on an impossible date', () => {
    const result = checkFront({ ...MALE_BEIJING, id: idNumber('110105', '19990230', '123') }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['ID_BIRTH_INVALID']);
    expect(result).toMatchObject({ idValid: false, birth: '' });
  });

  it('warns ID_BIRTH_FUTURE on a birth date after today in China, and not on today itself', () => {
    const tomorrow = checkFront({ ...MALE_BEIJING, id: idNumber('110105', '20240616', '123') }, { now: NOW });
    expect(codes(tomorrow.warnings)).toEqual(['ID_BIRTH_FUTURE']);
    expect(tomorrow).toMatchObject({ idValid: false, birth: '2024-06-16' });
    const today = checkFront({ ...MALE_BEIJING, id: idNumber('110105', '20240615', '123') }, { now: NOW });
    expect(today.warnings).toEqual([]);
  });

  it('takes "today" in China Standard Time: at 23:30 UTC on the 15th it is already the 16th in China', () => {
    const lateUtc = Date.parse('2024-06-15T23:30:00Z');
    expect(chinaDate(lateUtc)).toBe('2024-06-16');
    const result = checkFront({ ...MALE_BEIJING, id: idNumber('110105', '20240616', '123') }, { now: lateUtc });
    expect(result.warnings).toEqual([]);
  });

  it('warns GENDER_MISMATCH when the gender read disagrees with the 17th digit', () => {
    const result = checkFront({ ...MALE_BEIJING, gender: '女' }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['GENDER_MISMATCH']);
    expect(result.warnings[0].message).toContain('男');
    expect(result.idValid).toBe(true);
  });

  it('warns REGION_MISMATCH when the address is in another province than the number', () => {
    const result = checkFront({ ...MALE_BEIJING, addr: FEMALE_GUANGDONG.addr }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['REGION_MISMATCH']);
    expect(result.warnings[0]).toMatchObject({ field: 'addr', message: expect.stringContaining('广东省') });
  });

  it('does not guess a province from an address that names none', () => {
    expect(checkFront({ ...MALE_BEIJING, addr: '朝阳区测试路1号' }, { now: NOW }).warnings).toEqual([]);
  });

  it('warns ID_REGION_UNKNOWN on a province code that does not exist', () => {
    const result = checkFront({ ...MALE_BEIJING, id: idNumber('990105', '19900307', '123'), addr: '测试地址' }, { now: NOW });
    expect(codes(result.warnings)).toEqual(['ID_REGION_UNKNOWN']);
  });

  it('warns SIDE_MISMATCH when the page asked for the back', () => {
    const result = checkFront(MALE_BEIJING, { side: 'Back', now: NOW });
    expect(codes(result.warnings)).toEqual(['SIDE_MISMATCH']);
    expect(result.warnings[0].message).toContain('国徽面');
  });

  it('reports every finding at once', () => {
    const result = checkFront(
      { ...MALE_BEIJING, id: withWrongCheck(idNumber('440106', '20300101', '124')), gender: '男', addr: MALE_BEIJING.addr },
      { side: 'Back', now: NOW },
    );
    expect(codes(result.warnings)).toEqual(['GENDER_MISMATCH', 'ID_BIRTH_FUTURE', 'ID_CHECKSUM', 'REGION_MISMATCH', 'SIDE_MISMATCH']);
    for (const w of result.warnings) expect(w.message).toMatch(/[\u4e00-\u9fff]/);
  });
});

describe('checkBack', () => {
  it('reads a dated validity period that has not expired', () => {
    expect(checkBack('20170105-20270105', { side: 'Back', now: NOW })).toEqual({
      errCode: 0,
      errMsg: 'ok',
      type: 'Back',
      validDate: '20170105-20270105',
      validFrom: '2017-01-05',
      validTo: '2027-01-05',
      expired: false,
      warnings: [],
    });
  });

  it('reads 长期 as validTo null, never expired', () => {
    expect(checkBack('20100301-长期', { now: NOW })).toMatchObject({ validFrom: '2010-03-01', validTo: null, expired: false, warnings: [] });
  });

  it('warns EXPIRED after the last valid day, in China Standard Time', () => {
    const result = checkBack('20040614-20240614', { now: NOW });
    expect(result).toMatchObject({ expired: true, validTo: '2024-06-14' });
    expect(codes(result.warnings)).toEqual(['EXPIRED']);
    expect(result.warnings[0].message).toContain('2024-06-14');
  });

  it('counts the last valid day as valid, also late in the UTC day', () => {
    expect(checkBack('20040615-20240615', { now: NOW }).expired).toBe(false);
    // 16:30 UTC on the 15th is 00:30 on the 16th in China: the card expired half an hour ago.
    expect(checkBack('20040615-20240615', { now: Date.parse('2024-06-15T16:30:00Z') }).expired).toBe(true);
  });

  it('reads the dotted form printed on cards', () => {
    expect(parseValidDate('2017.01.05-2027.01.05')).toEqual({ validDate: '20170105-20270105', validFrom: '2017-01-05', validTo: '2027-01-05' });
  });

  it.each(['', '2017010520270105', '20170230-20270105', '20270105-20170105', '20170105-永久'])('warns VALID_DATE_FORMAT on %j', (validDate) => {
    const result = checkBack(validDate, { now: NOW });
    expect(result).toMatchObject({ validFrom: '', validTo: '', expired: false });
    expect(codes(result.warnings)).toEqual(['VALID_DATE_FORMAT']);
  });

  it('warns SIDE_MISMATCH when the page asked for the front', () => {
    expect(codes(checkBack('20170105-20270105', { side: 'Front', now: NOW }).warnings)).toEqual(['SIDE_MISMATCH']);
  });
});
