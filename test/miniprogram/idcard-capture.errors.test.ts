/**
 * <idcard-capture>: every failure reaches the user as a Chinese message that says what to do, with a retry.
 * The function's codes show the function's message; failures on the phone (upload, network) show their own.
 */
import { ERROR_TABLE, type ErrorEntry } from '../../miniprogram/shared/errors';
import { PHONE_FAILURES } from '../../miniprogram/utils/failure';
import { backResult } from './support/results';
import { attr, isShown, mount, tap, text } from './support/view';
import { loadFromRoot, stubWx, type WxStubs } from './support/wx';

const capture = loadFromRoot('components/idcard-capture/index');
let wxStubs: WxStubs;
let warn: jest.SpyInstance;

beforeEach(() => {
  wxStubs = stubWx();
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

const entries = Object.entries(ERROR_TABLE) as [string, ErrorEntry][];

test.each(entries)('%s: the function answers its code and the tile shows its message', async (_name, entry) => {
  wxStubs.callFunction.mockResolvedValue({ result: { errCode: entry.errCode, errMsg: entry.errMsg, message: entry.message } });
  const comp = mount(capture);
  await tap(comp, '#album-Front');

  expect(text(comp, '#state-Front')).toBe('识别失败');
  expect(text(comp, '#failure-Front')).toBe(entry.message);
  expect(isShown(comp, '#retry-Front')).toBe(true);
  // A retry worth trying is the main button; otherwise shooting again is the better way.
  expect(String(attr(comp, '#retry-Front', 'class')).includes('btn--primary')).toBe(entry.retryable);
  expect(warn).toHaveBeenCalledWith(expect.stringContaining(String(entry.errCode)));
});

test('a failure answer without a message gets the table message for its code', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: { errCode: 45009, errMsg: 'reach max api daily quota limit' } });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(ERROR_TABLE.DAILY_QUOTA.message);
});

test('an unknown code still gets a message that says what to do', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: { errCode: 123456, errMsg: 'something new' } });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe('识别失败，请稍后重试');
});

test('upload failure: the upload message, the function is not called, retry uploads again', async () => {
  wxStubs.uploadFile.mockRejectedValueOnce({ errCode: -1, errMsg: 'cloud.uploadFile:fail request:fail' });
  const comp = mount(capture);
  await tap(comp, '#album-Back');

  expect(text(comp, '#failure-Back')).toBe(PHONE_FAILURES.UPLOAD.message);
  expect(wxStubs.callFunction).not.toHaveBeenCalled();
  expect(warn).toHaveBeenCalledWith(expect.stringContaining('cloud.uploadFile:fail'));

  wxStubs.callFunction.mockResolvedValue({ result: backResult() });
  await tap(comp, '#retry-Back');
  expect(wxStubs.uploadFile).toHaveBeenCalledTimes(2);
  expect(text(comp, '#state-Back')).toBe('已识别');
});

test('network failure: callFunction fails without a code the table knows', async () => {
  wxStubs.callFunction.mockRejectedValue({ errMsg: 'cloud.callFunction:fail request:fail timeout' });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(PHONE_FAILURES.NETWORK.message);
  expect(String(attr(comp, '#retry-Front', 'class'))).toContain('btn--primary');
});

test('callFunction failing with a code of the table shows that code\'s message', async () => {
  wxStubs.callFunction.mockRejectedValue({ errCode: -501001, errMsg: 'cloud.callFunction:fail -501001 resource system error' });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(ERROR_TABLE.TIMEOUT.message);
});

test('an answer that is not the contract (an old or missing deployment) is a failure, not a crash', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: undefined });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(PHONE_FAILURES.BAD_ANSWER.message);
});

test('the other side of the card: the function\'s side warning, and no form', async () => {
  const message = '这是国徽面，请拍摄人像面';
  wxStubs.callFunction.mockResolvedValue({ result: backResult({ warnings: [{ code: 'SIDE_MISMATCH', field: 'type', message }] }) });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(message);
  expect(isShown(comp, '#form-Back')).toBe(false);
  expect(isShown(comp, '#form-Front')).toBe(false);
});

test('the other side without a warning: the phone\'s own wording', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: backResult() });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(PHONE_FAILURES.WRONG_SIDE.message);
});
