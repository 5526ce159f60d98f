/**
 * The plain logic under the component, at its edges: upload paths, validity periods and China's date, the sides
 * a host asks for, and how failures of the platform calls are read.
 */
import { chinaToday, editBack, readValidDate, backForm } from '../../miniprogram/utils/back-form';
import { callFailure, functionFailure } from '../../miniprogram/utils/failure';
import { readAnswer } from '../../miniprogram/utils/answer';
import { requestedSides } from '../../miniprogram/utils/tile';
import { uploadPath } from '../../miniprogram/utils/upload-path';
import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { backResult } from './support/results';

describe('uploadPath', () => {
  test('folder, a 24-character name and the local file\'s extension', () => {
    expect(uploadPath('idcard-upload', 'wxfile://tmp_a.JPG')).toMatch(/^idcard-upload\/[0-9a-z]{24}\.jpg$/);
    expect(uploadPath('idcard-upload', 'http://tmp/b.png')).toMatch(/\.png$/);
    expect(uploadPath('idcard-upload', 'http://tmp/no-extension')).toMatch(/\.jpg$/);
  });

  test('the name comes from the random source, not only the clock', () => {
    const low = uploadPath('f', 'a.jpg', () => 0);
    const high = uploadPath('f', 'a.jpg', () => 0.999);
    expect(low.slice(-8)).toBe('0000.jpg');
    expect(high.slice(-8)).toBe('zzzz.jpg');
  });
});

describe('validity period', () => {
  test('reads the compact, the printed and the long-term forms', () => {
    expect(readValidDate('20200101-20400101')).toEqual({ validDate: '20200101-20400101', validFrom: '2020-01-01', validTo: '2040-01-01' });
    expect(readValidDate(' 2020.01.01 - 2040.01.01 ')).toEqual({ validDate: '20200101-20400101', validFrom: '2020-01-01', validTo: '2040-01-01' });
    expect(readValidDate('20100301-长期')).toEqual({ validDate: '20100301-长期', validFrom: '2010-03-01', validTo: null });
  });

  test('refuses dates that do not exist and other shapes', () => {
    expect(readValidDate('20230230-20430230')).toBeNull();
    expect(readValidDate('20200101')).toBeNull();
    expect(readValidDate('2020-01-01-2040-01-01')).toBeNull();
  });

  test('China\'s today: 16:30 UTC is already the next day in Beijing', () => {
    expect(chinaToday(new Date('2024-01-01T16:30:00Z'))).toBe('2024-01-02');
    expect(chinaToday(new Date('2024-01-01T15:59:59Z'))).toBe('2024-01-01');
  });

  test('a card is valid through its last day', () => {
    const form = backForm(backResult());
    expect(editBack(form, '20040101-20240101', '2024-01-01').expired).toBe(false);
    expect(editBack(form, '20040101-20240101', '2024-01-02').expired).toBe(true);
    expect(editBack(form, '20040101-长期', '2099-01-01').expired).toBe(false);
  });
});

test('requestedSides: card order, no repeats, both when nothing valid was asked', () => {
  expect(requestedSides(['Back', 'Front', 'Back'])).toEqual(['Front', 'Back']);
  expect(requestedSides(['Back'])).toEqual(['Back']);
  expect(requestedSides(['front', 42])).toEqual(['Front', 'Back']);
  expect(requestedSides(undefined)).toEqual(['Front', 'Back']);
});

describe('failures', () => {
  test('a code sent as a numeric string is still found in the table', () => {
    expect(callFailure({ errCode: '-501001', errMsg: 'x' }).message).toBe(ERROR_TABLE.TIMEOUT.message);
  });

  test('a thrown Error without errMsg keeps its message for the console', () => {
    expect(callFailure(new Error('socket hang up')).errMsg).toBe('socket hang up');
  });

  test('retryable follows the table; codes it does not know may be retried', () => {
    expect(functionFailure({ ...ERROR_TABLE.CERTIFICATE_NOT_FOUND }).retryable).toBe(false);
    expect(functionFailure({ ...ERROR_TABLE.SYSTEM_ERROR }).retryable).toBe(true);
    expect(functionFailure({ errCode: 777, errMsg: 'new', message: '新错误，请重试' }).retryable).toBe(true);
  });

  test('answers outside the contract are unreadable, not guessed', () => {
    expect(readAnswer('ok').kind).toBe('unreadable');
    expect(readAnswer({ errCode: '0', type: 'Front' }).kind).toBe('unreadable');
    expect(readAnswer({ errCode: 0, type: 'Side' }).kind).toBe('unreadable');
    expect(readAnswer({ errCode: 0, type: 'Back', validDate: '' }).kind).toBe('success');
  });
});
