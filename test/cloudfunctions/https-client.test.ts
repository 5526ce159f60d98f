/**
 * The function's HTTPS call mode against the emulator's WeChat HTTPS API: the token fetched once and cached until
 * shortly before expiry, one refresh on 40001 / 42001, the image sent as multipart `img`, and every failure
 * rejected as `{ errCode, errMsg }` without the secret or the token in it.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../cloudfunctions/ocrIdcard/src/config';
import { createHttpsOcrClient } from '../../cloudfunctions/ocrIdcard/src/https-client';
import { DEFAULT_API_BASE, readHttpsSettings, readOcrMode } from '../../cloudfunctions/ocrIdcard/src/https-settings';
import type { OcrClient, PreparedImage } from '../../cloudfunctions/ocrIdcard/src/platform';
import { startEmulator, type Emulator } from '../../emulator';
import { RecordingRecognizer, smallJpeg } from '../emulator/support';

let emulator: Emulator;
const recognizer = new RecordingRecognizer();
let clock = Date.now();
let image: PreparedImage;

beforeAll(async () => {
  emulator = await startEmulator({ recognizer, now: () => clock });
  const buffer = await smallJpeg();
  image = { buffer, contentType: 'image/jpeg', width: 640, height: 400, method: 'passthrough', bytesIn: buffer.length };
});
afterAll(() => emulator.stop());
beforeEach(() => {
  emulator.calls.clear();
  emulator.faults.clear();
  recognizer.seen.length = 0;
});

function client(timeoutMs = 3000): OcrClient {
  return createHttpsOcrClient({ ...readHttpsSettings(emulator.env({ mode: 'https' })), timeoutMs, clock: () => clock });
}

const tokenFetches = () => emulator.calls.list('https:/cgi-bin/token').length;
const ocrCalls = () => emulator.calls.list('https:/cv/ocr/idcard').map((c) => c.result);

async function rejection(promise: Promise<unknown>): Promise<{ errCode: number; errMsg: string }> {
  try {
    await promise;
  } catch (err) {
    return err as { errCode: number; errMsg: string };
  }
  throw new Error('expected a rejection');
}

describe('a recognised card', () => {
  it('sends the prepared image as multipart img and answers WeChat JSON', async () => {
    const ocr = client();
    expect(ocr.mode).toBe('https');
    const answer = await ocr.idcard({ type: 'scan', image });
    expect(answer).toMatchObject({ errcode: 0, type: 'Front', name: '测试样', id: '11010519491231002X' });
    expect(recognizer.seen[0].type).toBe('scan');
    expect(recognizer.seen[0].image.equals(image.buffer)).toBe(true);
  });
});

describe('the access token', () => {
  it('is fetched once and reused, also by calls made at the same time', async () => {
    const ocr = client();
    await Promise.all([ocr.idcard({ type: 'photo', image }), ocr.idcard({ type: 'photo', image })]);
    await ocr.idcard({ type: 'photo', image });
    expect(tokenFetches()).toBe(1);
    expect(ocrCalls()).toEqual([0, 0, 0]);
  });

  it('is replaced shortly before it expires, without a failed call', async () => {
    const ocr = client();
    await ocr.idcard({ type: 'photo', image });
    clock += (7200 - 400) * 1000;
    await ocr.idcard({ type: 'photo', image });
    expect(tokenFetches()).toBe(1);
    clock += 200 * 1000; // now inside the last five minutes
    await ocr.idcard({ type: 'photo', image });
    expect(tokenFetches()).toBe(2);
    expect(ocrCalls()).toEqual([0, 0, 0]);
  });

  it.each([
    ['expired (42001)', () => emulator.tokens.expireAll(), 42001],
    ['invalid (40001)', () => emulator.tokens.revokeAll(), 40001],
  ])('is refreshed once when WeChat says it is %s', async (_name, spoil, errcode) => {
    const ocr = client();
    await ocr.idcard({ type: 'photo', image });
    spoil();
    expect(await ocr.idcard({ type: 'photo', image })).toMatchObject({ errcode: 0 });
    expect(tokenFetches()).toBe(2);
    expect(ocrCalls()).toEqual([0, errcode, 0]);
  });

  it('is refreshed only once: a second rejection is the answer', async () => {
    const ocr = client();
    emulator.faults.inject({ kind: 'errcode', errcode: 40001 }, { times: 2 });
    expect(await rejection(ocr.idcard({ type: 'photo', image }))).toEqual({ errCode: 40001, errMsg: expect.stringMatching(/^ocr\.idcard:fail invalid credential/) });
    expect(tokenFetches()).toBe(2);
    expect(ocrCalls()).toEqual([40001, 40001]);
  });

  it('rejects with the token endpoint code when the credentials are wrong, without echoing the secret', async () => {
    const settings = readHttpsSettings(emulator.env({ mode: 'https' }));
    const ocr = createHttpsOcrClient({ ...settings, appSecret: 'WrongSecret0000000000000000000000', timeoutMs: 3000 });
    const error = await rejection(ocr.idcard({ type: 'photo', image }));
    expect(error).toEqual({ errCode: 40125, errMsg: 'token:fail invalid appsecret' });
    expect(ocrCalls()).toEqual([]);
  });
});

describe('failures', () => {
  it.each([101001, 101002, 45009, -1])('rejects WeChat errcode %d as errCode', async (errcode) => {
    emulator.faults.inject({ kind: 'errcode', errcode });
    const error = await rejection(client().idcard({ type: 'photo', image }));
    expect(error.errCode).toBe(errcode);
    expect(error.errMsg).toMatch(/^ocr\.idcard:fail /);
  });

  it.each([
    ['an answer slower than the time limit', { kind: 'slow', ms: 10_000 } as const, 'request timed out'],
    ['HTTP 500', { kind: 'http500' } as const, 'HTTP 500'],
    ['a dropped connection', { kind: 'drop' } as const, 'network failure'],
  ])('rejects %s as -501001, with no token in the message', async (_name, fault, words) => {
    const ocr = client(500);
    emulator.faults.inject(fault);
    const error = await rejection(ocr.idcard({ type: 'photo', image }));
    expect(error).toEqual({ errCode: -501001, errMsg: `ocr.idcard:fail ${words}` });
  });

  it('rejects -501001 when WeChat cannot be reached at all', async () => {
    const ocr = createHttpsOcrClient({ ...readHttpsSettings(emulator.env({ mode: 'https' })), apiBase: 'http://127.0.0.1:1', timeoutMs: 1000 });
    expect(await rejection(ocr.idcard({ type: 'photo', image }))).toEqual({ errCode: -501001, errMsg: 'token:fail network failure' });
  });

  it('accepts errcode "0" as a string, as one of WeChat examples sends it', async () => {
    const server = http.createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url?.startsWith('/cgi-bin/token')) return void res.end('{"access_token":"T","expires_in":7200}');
      req.resume().on('end', () => res.end('{"errcode":"0","errmsg":"ok","type":"Back","valid_date":"20070105-20270105"}'));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const apiBase = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const ocr = createHttpsOcrClient({ appId: 'wx0000000000e0c001', appSecret: 'x'.repeat(32), apiBase, timeoutMs: 1000 });
      expect(await ocr.idcard({ type: 'photo', image })).toMatchObject({ errcode: '0', type: 'Back' });
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('settings', () => {
  const valid = { OCR_IDCARD_APPID: 'wx1234567890abcdef', OCR_IDCARD_APPSECRET: '0123456789abcdef0123456789abcdef' };

  it('selects the mode with OCR_IDCARD_MODE, cloud by default', () => {
    expect(readOcrMode({})).toBe('cloud');
    expect(readOcrMode({ OCR_IDCARD_MODE: 'https' })).toBe('https');
    expect(() => readOcrMode({ OCR_IDCARD_MODE: 'http' })).toThrow(new ConfigError(`Expected 'cloud' or 'https' for OCR_IDCARD_MODE but received "http"`));
  });

  it('defaults the API base to api.weixin.qq.com', () => {
    expect(readHttpsSettings(valid)).toEqual({ appId: valid.OCR_IDCARD_APPID, appSecret: valid.OCR_IDCARD_APPSECRET, apiBase: DEFAULT_API_BASE });
  });

  it('does not read WX_APPID, which the cloud runtime sets for something else', () => {
    expect(() => readHttpsSettings({ WX_APPID: valid.OCR_IDCARD_APPID, OCR_IDCARD_APPSECRET: valid.OCR_IDCARD_APPSECRET })).toThrow(
      'Expected an AppID like wx followed by 16 hex digits for OCR_IDCARD_APPID but received nothing',
    );
  });

  it('names a malformed secret without echoing it', () => {
    expect(() => readHttpsSettings({ ...valid, OCR_IDCARD_APPSECRET: 'my secret!' })).toThrow(
      'Expected the AppSecret (16 to 64 letters and digits) for OCR_IDCARD_APPSECRET but received a malformed value',
    );
  });

  it.each(['http://api.weixin.qq.com', 'ftp://127.0.0.1', 'https://user:pw@api.example.com', 'not a url'])(
    'refuses the API base %s: the secret must not travel in clear',
    (base) => {
      expect(() => readHttpsSettings({ ...valid, OCR_IDCARD_API_BASE: base })).toThrow(/for OCR_IDCARD_API_BASE but received/);
    },
  );

  it('takes plain http on loopback, for the emulator', () => {
    expect(readHttpsSettings({ ...valid, OCR_IDCARD_API_BASE: 'http://127.0.0.1:8080/' }).apiBase).toBe('http://127.0.0.1:8080');
  });
});
