/**
 * <idcard-capture>: the result form. The ID number is masked until revealed; warnings sit beside their field;
 * edits are checked on the phone; confirm hands the fields to the host as an event and as readable data.
 */
import { ID_NOTES } from '../../miniprogram/utils/front-form';
import { VALID_DATE_NOTE } from '../../miniprogram/utils/back-form';
import { OTHER_VALID_ID, VALID_ID, backResult, frontResult, withCheck } from './support/results';
import { attr, events, isShown, mount, node, screenText, tap, text, type } from './support/view';
import { loadFromRoot, stubWx, type WxStubs } from './support/wx';
import type { ConfirmedIdcard } from '../../miniprogram/utils/confirm';

const capture = loadFromRoot('components/idcard-capture/index');
let wxStubs: WxStubs;

beforeEach(() => {
  wxStubs = stubWx();
});

/** A component with the front (and optionally the back) recognized. */
async function recognized(front = frontResult(), back = backResult()) {
  const comp = mount(capture);
  wxStubs.callFunction.mockResolvedValueOnce({ result: front });
  await tap(comp, '#album-Front');
  wxStubs.callFunction.mockResolvedValueOnce({ result: back });
  await tap(comp, '#album-Back');
  return comp;
}

describe('masking and reveal', () => {
  test('the ID number is masked by default and the full number is nowhere on screen', async () => {
    const comp = await recognized();
    expect(text(comp, '#value-id')).toBe('1101**********1233');
    expect(isShown(comp, '#input-id')).toBe(false);
    expect(screenText(comp)).not.toContain(VALID_ID);
    expect(text(comp, '#toggle-id')).toBe('显示');
  });

  test('reveal shows the full number in an editable field; hide masks it again', async () => {
    const comp = await recognized();
    await tap(comp, '#toggle-id');
    expect(attr(comp, '#input-id', 'value')).toBe(VALID_ID);
    expect(attr(comp, '#input-id', 'type')).toBe('idcard');
    expect(isShown(comp, '#value-id')).toBe(false);
    expect(text(comp, '#toggle-id')).toBe('隐藏');

    await tap(comp, '#toggle-id');
    expect(isShown(comp, '#input-id')).toBe(false);
    expect(text(comp, '#value-id')).toBe('1101**********1233');
  });

  test('a new front result is masked again', async () => {
    const comp = await recognized();
    await tap(comp, '#toggle-id');
    await tap(comp, '#album-Front');
    expect(isShown(comp, '#value-id')).toBe(true);
  });
});

describe('warnings beside their field', () => {
  test('each warning right under the field it names; one without a field on top of the form', async () => {
    const comp = await recognized(
      frontResult({
        idValid: false,
        warnings: [
          { code: 'ID_CHECKSUM', field: 'id', message: '身份证号校验位不符（测试）' },
          { code: 'REGION_MISMATCH', field: 'addr', message: '住址省份与身份证号不符（测试）' },
          { code: 'ID_REGION_UNKNOWN', message: '请核对证件（测试）' },
        ],
      }),
    );
    expect(text(comp, '#form-Front .note--id')).toBe('身份证号校验位不符（测试）');
    expect(text(comp, '#form-Front .note--addr')).toBe('住址省份与身份证号不符（测试）');
    expect(text(comp, '#form-Front .note--general')).toBe('请核对证件（测试）');
    expect(isShown(comp, '#form-Front .note--name')).toBe(false);

    // "Beside": the note is the element right after its field's row.
    const idRow = node(comp, '#toggle-id').dom!.parentElement!;
    expect(idRow.nextElementSibling?.textContent).toBe('身份证号校验位不符（测试）');
  });

  test('the expired mark and the expiry warning sit at the validity field', async () => {
    const comp = await recognized(frontResult(), backResult({
      validDate: '20000101-20200101', validFrom: '2000-01-01', validTo: '2020-01-01', expired: true,
      warnings: [{ code: 'EXPIRED', field: 'validDate', message: '证件已过期（测试）' }],
    }));
    expect(text(comp, '#mark-expired')).toBe('已过期');
    expect(text(comp, '#form-Back .note--validDate')).toBe('证件已过期（测试）');
  });
});

describe('editing', () => {
  test('typed values replace what was read, and the field\'s warning goes with the edit', async () => {
    const comp = await recognized(frontResult({ warnings: [{ code: 'REGION_MISMATCH', field: 'addr', message: '住址待核对' }] }));
    await type(comp, '#input-addr', '北京市东城区测试路2号');
    await type(comp, '#input-name', '林改名');
    expect(attr(comp, '#input-addr', 'value')).toBe('北京市东城区测试路2号');
    expect(attr(comp, '#input-name', 'value')).toBe('林改名');
    expect(isShown(comp, '#form-Front .note--addr')).toBe(false);
  });

  test('an edited ID number is checked again: a wrong check character is flagged and blocks confirm', async () => {
    const comp = await recognized();
    await tap(comp, '#toggle-id');
    const wrongCheck = VALID_ID.slice(0, 17) + (VALID_ID[17] === '0' ? '1' : '0');
    await type(comp, '#input-id', wrongCheck);
    expect(text(comp, '#form-Front .note--id')).toBe(ID_NOTES.CHECKSUM);
    expect(attr(comp, '#confirm', 'disabled')).toBe(true);
    expect(text(comp, '#confirm-hint')).toBe('请核对身份证号');

    await type(comp, '#input-id', 'abc');
    expect(text(comp, '#form-Front .note--id')).toBe(ID_NOTES.FORMAT);

    await type(comp, '#input-id', VALID_ID.toLowerCase());
    expect(isShown(comp, '#form-Front .note--id')).toBe(false);
    expect(attr(comp, '#confirm', 'disabled')).toBe(false);
  });

  test('birth follows the number; a number of the other gender flags the gender field', async () => {
    const comp = await recognized();
    await tap(comp, '#toggle-id');
    const bornLater = OTHER_VALID_ID.slice(0, 6) + '20010215' + OTHER_VALID_ID.slice(14, 17);
    await type(comp, '#input-id', withCheck(bornLater));
    expect(attr(comp, '#input-birth', 'value')).toBe('2001-02-15');
    expect(text(comp, '#form-Front .note--gender')).toBe(ID_NOTES.GENDER);

    await type(comp, '#input-gender', '女');
    expect(isShown(comp, '#form-Front .note--gender')).toBe(false);
  });

  test('birth is editable: a date that disagrees with the number is flagged and blocks confirm', async () => {
    const comp = await recognized();
    await type(comp, '#input-birth', '1990年3月8日');
    expect(attr(comp, '#input-birth', 'value')).toBe('1990-03-08');
    expect(text(comp, '#form-Front .note--birth')).toBe(ID_NOTES.BIRTH_MISMATCH);
    expect(attr(comp, '#confirm', 'disabled')).toBe(true);
    expect(text(comp, '#confirm-hint')).toBe('请核对出生日期');

    await type(comp, '#input-birth', '19900307');
    expect(attr(comp, '#input-birth', 'value')).toBe('1990-03-07');
    expect(isShown(comp, '#form-Front .note--birth')).toBe(false);
    expect(attr(comp, '#confirm', 'disabled')).toBe(false);
  });

  test('an edited validity period moves the expired mark; a malformed one is flagged', async () => {
    const comp = await recognized();
    await type(comp, '#input-validDate', '2000.01.01-2010.01.01');
    expect(text(comp, '#mark-expired')).toBe('已过期');
    expect(text(comp, '#value-validity')).toBe('2000-01-01 至 2010-01-01');

    await type(comp, '#input-validDate', '20200101-长期');
    expect(isShown(comp, '#mark-expired')).toBe(false);
    expect(text(comp, '#value-validity')).toBe('2020-01-01 至 长期');

    await type(comp, '#input-validDate', '2020-13');
    expect(text(comp, '#form-Back .note--validDate')).toBe(VALID_DATE_NOTE);
    expect(attr(comp, '#confirm', 'disabled')).toBe(true);
    expect(text(comp, '#confirm-hint')).toBe('请核对有效期限');
  });

  test('an emptied name blocks confirm', async () => {
    const comp = await recognized();
    await type(comp, '#input-name', '  ');
    expect(attr(comp, '#confirm', 'disabled')).toBe(true);
    expect(text(comp, '#confirm-hint')).toBe('请填写姓名');
  });
});

describe('confirm', () => {
  test('hands the confirmed fields to the host as an event and keeps them readable', async () => {
    const comp = await recognized();
    await type(comp, '#input-name', ' 林改名 ');
    const received = events<ConfirmedIdcard>(comp, 'confirm');
    await tap(comp, '#confirm');

    const expected: ConfirmedIdcard = {
      front: { name: '林改名', gender: '男', nationality: '汉', birth: '1990-03-07', addr: '北京市东城区测试路1号', id: VALID_ID },
      back: { validDate: '20200101-20400101', validFrom: '2020-01-01', validTo: '2040-01-01', expired: false },
    };
    expect(received).toEqual([expected]);
    expect(comp.data.confirmed).toEqual(expected);
    expect((comp.instance as unknown as { getConfirmed(): ConfirmedIdcard }).getConfirmed()).toEqual(expected);
  });

  test('a tap while not ready sends nothing', async () => {
    const comp = mount(capture);
    const received = events<ConfirmedIdcard>(comp, 'confirm');
    await tap(comp, '#confirm');
    expect(received).toEqual([]);
    expect(comp.data.confirmed).toBeNull();
  });
});
