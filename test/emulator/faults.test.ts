/**
 * Injected faults as the real wx-server-sdk experiences them: WeChat error codes, HTTP 500, a dropped connection,
 * an answer slower than the SDK's timeout, and a storage file gone missing.
 */
import type { Emulator } from '../../emulator';
import { RecordingRecognizer, smallJpeg, startWithSdk, thrown, type Sdk } from './support';

/** The SDK's request timeout in these tests; a slow fault answers well after it. */
const SDK_TIMEOUT_MS = 800;

let emulator: Emulator;
let cloud: Sdk;
const recognizer = new RecordingRecognizer();
let jpeg: Buffer;

beforeAll(async () => {
  ({ emulator, cloud } = await startWithSdk({ recognizer }, SDK_TIMEOUT_MS));
  jpeg = await smallJpeg();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.faults.clear();
  emulator.calls.clear();
  recognizer.seen.length = 0;
});

const recognise = () => cloud.openapi.ocr.idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } });

describe('recognition faults', () => {
  it('answers -1 for the next N calls, then recognises again', async () => {
    emulator.faults.inject({ kind: 'errcode', errcode: -1 }, { times: 2 });
    expect(await thrown(recognise())).toMatchObject({ errCode: -1, errMsg: 'openapi.ocr.idcard:fail system error' });
    expect(await thrown(recognise())).toMatchObject({ errCode: -1 });
    expect((await recognise()).type).toBe('Front');
    expect(emulator.calls.list().map((c) => c.result)).toEqual([-1, -1, 0]);
    expect(recognizer.seen).toHaveLength(1);
  });

  it.each([45009, 101003])('answers errcode %d in WeChat words', async (errcode) => {
    emulator.faults.inject({ kind: 'errcode', errcode });
    const error = await thrown(recognise());
    expect(error.errCode).toBe(errcode);
    expect(error.errMsg).toMatch(/^openapi\.ocr\.idcard:fail (reach max api daily quota limit|market quota insufficient)$/);
  });

  it.each([-604001, -604101])('sends cloud-call error %d in the protobuf errorCode, as the gateway does', async (errcode) => {
    emulator.faults.inject({ kind: 'errcode', errcode });
    expect(await thrown(recognise())).toMatchObject({ errCode: errcode });
  });

  it('answers HTTP 500, which the SDK reports as -501001', async () => {
    emulator.faults.inject({ kind: 'http500' });
    expect(await thrown(recognise())).toMatchObject({ errCode: -501001 });
    expect(emulator.calls.list()).toEqual([{ api: 'wx.openApi', result: 500, fault: 'http500' }]);
  });

  it('drops the connection, which the SDK reports as -501001', async () => {
    emulator.faults.inject({ kind: 'drop' });
    const error = await thrown(recognise());
    expect(error.errCode).toBe(-501001);
    expect(String(error.errMsg)).toContain('socket hang up');
  });

  it('answers slower than the SDK timeout, which the SDK reports as -501001', async () => {
    emulator.faults.inject({ kind: 'slow', ms: SDK_TIMEOUT_MS * 20 });
    const error = await thrown(recognise());
    expect(error.errCode).toBe(-501001);
    expect(String(error.errMsg)).toContain('timeout');
    // The next call is served normally while the slow one still waits.
    expect((await recognise()).type).toBe('Front');
  });

  it('answers a slow call in full when the caller waits long enough', async () => {
    emulator.faults.inject({ kind: 'slow', ms: SDK_TIMEOUT_MS / 4 });
    expect((await recognise()).type).toBe('Front');
    expect(emulator.calls.list()).toEqual([expect.objectContaining({ api: 'wx.openApi:ocr.idcard', result: 0, fault: 'slow' })]);
  });

  it('counts down faults in the order they were queued, per scope', async () => {
    emulator.faults.inject({ kind: 'errcode', errcode: 45009 });
    emulator.faults.inject({ kind: 'http500' }, { scope: 'storage' });
    emulator.faults.inject({ kind: 'errcode', errcode: -1 });
    expect(emulator.faults.pending('ocr')).toBe(2);
    expect(await thrown(recognise())).toMatchObject({ errCode: 45009 });
    expect(await thrown(recognise())).toMatchObject({ errCode: -1 });
    expect(emulator.faults.pending()).toBe(1);
  });

  it('rejects a fault that makes no sense, naming what was wrong', () => {
    expect(() => emulator.faults.inject({ kind: 'errcode', errcode: 0 })).toThrow('Expected a non-zero integer errcode but received 0');
    expect(() => emulator.faults.inject({ kind: 'drop' }, { times: 0 })).toThrow('Expected a positive integer for times but received 0');
    expect(() => emulator.faults.inject({ kind: 'errcode', errcode: -1 }, { scope: 'download' })).toThrow(/a file GET has no errcode/);
  });
});

describe('storage faults', () => {
  it('loses a stored file: the download then fails with STORAGE_FILE_NONEXIST', async () => {
    const fileID = emulator.putFile('idcard/lost.jpg', jpeg);
    emulator.faults.loseFile(fileID);
    expect(emulator.storage.has(fileID)).toBe(false);
    expect(await thrown(cloud.downloadFile({ fileID }))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });

  it('fails a storage action with HTTP 500 (-501001 from the SDK)', async () => {
    const fileID = emulator.putFile('idcard/a.jpg', jpeg);
    emulator.faults.inject({ kind: 'http500' }, { scope: 'storage' });
    expect(await thrown(cloud.downloadFile({ fileID }))).toMatchObject({ code: 500 });
    expect(emulator.storage.has(fileID)).toBe(true);
  });

  it('drops the file download itself while the gateway answered', async () => {
    const fileID = emulator.putFile('idcard/b.jpg', jpeg);
    emulator.faults.inject({ kind: 'drop' }, { scope: 'download' });
    // The SDK reports a broken download as a bare -1 without a message.
    expect(await thrown(cloud.downloadFile({ fileID }))).toMatchObject({ errCode: -1 });
    expect(emulator.calls.list().map((c) => c.api)).toEqual(['storage.batchGetDownloadUrl', 'download']);
  });
});

describe('stop', () => {
  it('ends a pending slow answer and its connection at once', async () => {
    const { startEmulator } = await import('../../emulator');
    const other = await startEmulator({ recognizer });
    other.faults.inject({ kind: 'slow', ms: 600_000 }, { scope: 'token' });
    const pending = fetch(`${other.url}/cgi-bin/token?grant_type=client_credential`).then(
      () => 'answered',
      () => 'connection closed',
    );
    while (other.faults.pending('token') > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    await other.stop();
    // Had the wait outlived stop(), this would hang past the test timeout instead.
    expect(await pending).toBe('connection closed');
  });
});
