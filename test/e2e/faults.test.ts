/**
 * Every WeChat error code and every injected fault, as the built function meets them through the real
 * wx-server-sdk: what the page gets back, how often WeChat was asked, and that a slow WeChat cannot make the
 * function overrun its time budget.
 */
import { makeCardImage } from '../../emulator/cards';
import { startEmulator, type Fault } from '../../emulator';
import { userMessage } from '../../miniprogram/shared/errors';
import { E2E_TIMEOUT_MS, useEmulatedFunction } from './support';

jest.setTimeout(E2E_TIMEOUT_MS);

const cloud = useEmulatedFunction();
let card: Buffer;

beforeAll(async () => {
  card = (await makeCardImage({ seed: 'e2e-faults', side: 'Front', mode: 'scan', format: 'jpeg', size: 'small' })).buffer;
});

const inline = () => ({ type: 'scan', img: { contentType: 'image/jpeg', value: card.toString('base64') } });
const ocrResults = () => cloud.emulator.calls.list().filter((c) => c.api.startsWith('wx.openApi')).map((c) => c.result);
const lastLog = () => JSON.parse(cloud.logs[cloud.logs.length - 1]) as Record<string, unknown>;

/** A failure as the page gets it: the code, and the table's Chinese message for it. */
const failureOf = (errCode: number) => ({ errCode, errMsg: expect.any(String), message: userMessage(errCode) });

describe('WeChat error codes reach the page with their own message', () => {
  it.each([101000, 101001, 101002, 101003, 45009])('%d, asked once', async (errcode) => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode });
    expect(await cloud.fn.main(inline())).toEqual(failureOf(errcode));
    expect(ocrResults()).toEqual([errcode]);
  });

  it.each([-604101, -604001])('%d from the cloud-call layer', async (errcode) => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode });
    expect(await cloud.fn.main(inline())).toEqual(failureOf(errcode));
  });

  it('-604101 from a function whose permissions lack ocr.idcard', async () => {
    const locked = await startEmulator({ permissions: [] });
    try {
      // The SDK reads the gateway address on every request: the same function now calls the locked emulator.
      Object.assign(process.env, locked.env());
      expect(await cloud.fn.main(inline())).toEqual(failureOf(-604101));
    } finally {
      await locked.stop();
      Object.assign(process.env, cloud.emulator.env());
    }
  });

  it('40097 for an event the function refuses, before WeChat is asked', async () => {
    expect(await cloud.fn.main({ ...inline(), type: 'selfie' })).toEqual(failureOf(40097));
    expect(await cloud.fn.main({ fileID: cloud.emulator.putFile('idcard/x.jpg', card).replace('local-env', 'prod-env'), type: 'scan' })).toEqual(failureOf(40097));
    expect(ocrResults()).toEqual([]);
  });
});

describe('the one retry', () => {
  it('recovers from a single -1 (system error)', async () => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode: -1 });
    expect(await cloud.fn.main(inline())).toMatchObject({ errCode: 0, type: 'Front' });
    expect(ocrResults()).toEqual([-1, 0]);
    expect(lastLog()).toMatchObject({ errCode: 0, attempts: 2 });
  });

  it('gives up after a second -1, with the message that says to try later', async () => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode: -1 }, { times: 2 });
    expect(await cloud.fn.main(inline())).toEqual(failureOf(-1));
    expect(ocrResults()).toEqual([-1, -1]);
  });

  it('recovers from HTTP 500 of the gateway', async () => {
    cloud.emulator.faults.inject({ kind: 'http500' });
    expect(await cloud.fn.main(inline())).toMatchObject({ errCode: 0, type: 'Front' });
    expect(ocrResults()).toEqual([500, 0]);
  });

  it.each<[string, Fault]>([
    ['HTTP 500', { kind: 'http500' }],
    ['a dropped connection', { kind: 'drop' }],
  ])('answers -501001 when %s happens twice', async (_name, fault) => {
    cloud.emulator.faults.inject(fault, { times: 2 });
    expect(await cloud.fn.main(inline())).toEqual(failureOf(-501001));
    expect(ocrResults()).toHaveLength(2);
  });

  it('does not retry codes a retry cannot cure', async () => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode: 45009 }, { times: 2 });
    expect(await cloud.fn.main(inline())).toEqual(failureOf(45009));
    expect(cloud.emulator.faults.pending()).toBe(1);
  });
});

describe('storage', () => {
  it('answers -503003 when the uploaded file went missing', async () => {
    const fileID = cloud.emulator.putFile('idcard/lost.jpg', card);
    cloud.emulator.faults.loseFile(fileID);
    expect(await cloud.fn.main({ fileID, type: 'scan' })).toEqual(failureOf(-503003));
    expect(ocrResults()).toEqual([]);
  });

  it('answers from the table when the storage gateway fails', async () => {
    const fileID = cloud.emulator.putFile('idcard/unlucky.jpg', card);
    cloud.emulator.faults.inject({ kind: 'http500' }, { scope: 'storage' });
    const result = await cloud.fn.main({ fileID, type: 'scan' });
    expect(result.errCode).not.toBe(0);
    expect(result).toEqual(failureOf(result.errCode));
  });
});
