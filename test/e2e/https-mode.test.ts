/**
 * The built function in its HTTPS call mode (OCR_IDCARD_MODE=https), against the emulator's WeChat HTTPS API:
 * same results as the cloud mode, one token for many calls, and a token that expired or was invalidated
 * replaced once without the page noticing.
 */
import { makeCardImage, type CardImage } from '../../emulator/cards';
import { userMessage } from '../../miniprogram/shared/errors';
import { E2E_TIMEOUT_MS, useEmulatedFunction } from './support';

jest.setTimeout(E2E_TIMEOUT_MS);

const cloud = useEmulatedFunction({ env: (emulator) => emulator.env({ mode: 'https' }) });
let front: CardImage<'Front'>;
let back: CardImage<'Back'>;

beforeAll(async () => {
  front = await makeCardImage({ seed: 'e2e-https-front', side: 'Front', mode: 'scan', format: 'jpeg', size: 'small' });
  back = await makeCardImage({ seed: 'e2e-https-back', side: 'Back', mode: 'scan', format: 'jpeg', size: 'small' });
});

const readFront = () => cloud.fn.main({ fileID: cloud.emulator.putFile('idcard/front.jpg', front.buffer), type: 'scan' });
const tokenFetches = () => cloud.emulator.calls.list('https:/cgi-bin/token').length;
const ocrResults = () => cloud.emulator.calls.list('https:/cv/ocr/idcard').map((c) => c.result);

it('reads front and back through the HTTPS API with one token, in the same shape as the cloud mode', async () => {
  const { name, id, addr, gender, nationality } = front.expected;
  expect(await readFront()).toMatchObject({ errCode: 0, errMsg: 'ok', type: 'Front', name, id, addr, gender, nationality, idValid: true });
  const fileID = cloud.emulator.putFile('idcard/back.jpg', back.buffer);
  expect(await cloud.fn.main({ fileID, type: 'scan' })).toMatchObject({ errCode: 0, type: 'Back', validDate: back.expected.valid_date });
  expect(tokenFetches()).toBe(1);
  expect(ocrResults()).toEqual([0, 0]);
  // The cloud call was not used; storage still was (the fileID), and the upload is gone.
  expect(cloud.emulator.calls.list().some((c) => c.api.startsWith('wx.openApi'))).toBe(false);
  expect(cloud.emulator.storage.has(fileID)).toBe(false);
  expect(JSON.parse(cloud.logs[0])).toMatchObject({ mode: 'https', errCode: 0 });
});

it('replaces an expired token (42001) once and answers as if nothing happened', async () => {
  cloud.emulator.tokens.expireAll();
  expect(await readFront()).toMatchObject({ errCode: 0, type: 'Front' });
  expect(ocrResults()).toEqual([42001, 0]);
  expect(tokenFetches()).toBe(1);
});

it('replaces an invalidated token (40001) once', async () => {
  cloud.emulator.tokens.revokeAll();
  expect(await readFront()).toMatchObject({ errCode: 0, type: 'Front' });
  expect(ocrResults()).toEqual([40001, 0]);
});

it('passes WeChat codes through with their message', async () => {
  cloud.emulator.faults.inject({ kind: 'errcode', errcode: 45009 });
  expect(await readFront()).toEqual({ errCode: 45009, errMsg: expect.any(String), message: userMessage(45009) });
});

it('answers -501001 when a new token is needed and the token endpoint is down', async () => {
  cloud.emulator.tokens.revokeAll();
  cloud.emulator.faults.inject({ kind: 'http500' }, { scope: 'token', times: 2 });
  expect(await readFront()).toEqual({ errCode: -501001, errMsg: expect.any(String), message: userMessage(-501001) });
  // No new token could be had, on the retry neither, so no image was ever recognised.
  expect(ocrResults()).not.toContain(0);
  expect(cloud.emulator.calls.list('https:/cgi-bin/token').map((c) => c.result)).toEqual([500, 500]);
});
