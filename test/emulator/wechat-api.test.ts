/**
 * The emulator's WeChat HTTPS API, spoken to as any HTTP client would: the token endpoint, and /cv/ocr/idcard
 * with its token checks, its two image sources and WeChat's answers for requests it refuses.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startEmulator, type Emulator } from '../../emulator';
import { RecordingRecognizer, smallJpeg } from './support';

let emulator: Emulator;
const recognizer = new RecordingRecognizer();
let jpeg: Buffer;
let clock = Date.now();

beforeAll(async () => {
  emulator = await startEmulator({ recognizer, now: () => clock });
  jpeg = await smallJpeg();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  recognizer.seen.length = 0;
  emulator.faults.clear();
});

async function getToken(query: Record<string, string> = { grant_type: 'client_credential', appid: emulator.appId, secret: emulator.appSecret }) {
  const res = await fetch(`${emulator.url}/cgi-bin/token?${new URLSearchParams(query)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

async function token(): Promise<string> {
  return String((await getToken()).access_token);
}

async function postImage(query: Record<string, string>, image: Buffer | undefined = jpeg, method = 'POST') {
  const form = new FormData();
  if (image) form.append('img', new Blob([image], { type: 'image/jpeg' }), 'test.jpg');
  const res = await fetch(`${emulator.url}/cv/ocr/idcard?${new URLSearchParams(query)}`, method === 'POST' ? { method, body: form } : { method });
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown>;
}

describe('GET /cgi-bin/token', () => {
  it('issues a token with WeChat lifetime', async () => {
    const answer = await getToken();
    expect(answer).toEqual({ access_token: expect.stringMatching(/^[\w-]{32,}$/), expires_in: 7200 });
  });

  it.each([
    [{ grant_type: 'password' }, 40002],
    [{ grant_type: 'client_credential' }, 41002],
    [{ grant_type: 'client_credential', appid: 'wx1111111111111111', secret: 'x' }, 40013],
    [{ grant_type: 'client_credential', appid: 'APPID' }, 40013],
  ])('refuses %j with %d', async (query, errcode) => {
    expect(await getToken(query)).toMatchObject({ errcode });
  });

  it('refuses a missing or wrong secret', async () => {
    expect(await getToken({ grant_type: 'client_credential', appid: emulator.appId })).toMatchObject({ errcode: 41004 });
    expect(await getToken({ grant_type: 'client_credential', appid: emulator.appId, secret: 'nope' })).toMatchObject({ errcode: 40125 });
  });
});

describe('POST /cv/ocr/idcard', () => {
  it('recognises a multipart img with a valid token, in the HTTPS shape', async () => {
    const answer = await postImage({ type: 'scan', access_token: await token() });
    expect(answer).toEqual({ errcode: 0, errmsg: 'ok', type: 'Front', name: '测试样', id: '11010519491231002X', addr: '北京市朝阳区测试路1号', gender: '女', nationality: '汉' });
    expect(recognizer.seen[0].type).toBe('scan');
    expect(recognizer.seen[0].image.equals(jpeg)).toBe(true);
  });

  it('fetches an img_url given in the query', async () => {
    const server = http.createServer((_req, res) => res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const imgUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/card.jpg`;
      const answer = await postImage({ type: 'photo', img_url: imgUrl, access_token: await token() }, undefined);
      expect(answer.errcode).toBe(0);
      expect(recognizer.seen[0].image.equals(jpeg)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('answers 43002 to GET', async () => {
    expect(await postImage({ type: 'photo', access_token: await token() }, undefined, 'GET')).toEqual({ errcode: 43002, errmsg: 'require POST method' });
  });

  it('answers 41001 without a token, 40001 for an unknown one', async () => {
    expect(await postImage({ type: 'photo' })).toMatchObject({ errcode: 41001 });
    expect(await postImage({ type: 'photo', access_token: 'forged' })).toMatchObject({ errcode: 40001 });
    expect(recognizer.seen).toHaveLength(0);
  });

  it('answers 42001 once the token lived its 7200 s, and accepts a new one', async () => {
    const old = await token();
    clock += 7200 * 1000;
    expect(await postImage({ type: 'photo', access_token: old })).toMatchObject({ errcode: 42001, errmsg: 'access_token expired' });
    expect(await postImage({ type: 'photo', access_token: await token() })).toMatchObject({ errcode: 0 });
  });

  it('answers 42001 after expireAll and 40001 after revokeAll, for tests of a cached token', async () => {
    const first = await token();
    emulator.tokens.expireAll();
    expect(await postImage({ type: 'photo', access_token: first })).toMatchObject({ errcode: 42001 });
    const second = await token();
    emulator.tokens.revokeAll();
    expect(await postImage({ type: 'photo', access_token: second })).toMatchObject({ errcode: 40001 });
  });

  it('answers 41005 when img_url comes in the body instead of the query', async () => {
    const form = new FormData();
    form.append('img_url', 'http://127.0.0.1:1/card.jpg');
    const res = await fetch(`${emulator.url}/cv/ocr/idcard?type=photo&access_token=${await token()}`, { method: 'POST', body: form });
    expect(await res.json()).toMatchObject({ errcode: 41005 });
  });

  it('answers 101002 for an image of 2,000,000 bytes or more', async () => {
    const padded = Buffer.concat([jpeg, Buffer.alloc(2_000_000 - jpeg.length)]);
    expect(await postImage({ type: 'photo', access_token: await token() }, padded)).toMatchObject({ errcode: 101002 });
    expect(await postImage({ type: 'photo', access_token: await token() }, Buffer.alloc(5_000_000))).toMatchObject({ errcode: 101002 });
    // Past what the emulator reads into memory, still an answer rather than a reset connection.
    expect(await postImage({ type: 'photo', access_token: await token() }, Buffer.alloc(12_000_000))).toMatchObject({ errcode: 101002 });
  });

  it('suffers ocr faults after the token check, token faults on the token endpoint', async () => {
    const valid = await token();
    emulator.faults.inject({ kind: 'errcode', errcode: 45009 });
    expect(await postImage({ type: 'photo', access_token: 'forged' })).toMatchObject({ errcode: 40001 });
    expect(await postImage({ type: 'photo', access_token: valid })).toMatchObject({ errcode: 45009, errmsg: 'reach max api daily quota limit' });
    emulator.faults.inject({ kind: 'errcode', errcode: -1 }, { scope: 'token' });
    expect(await getToken()).toEqual({ errcode: -1, errmsg: 'system error' });
    emulator.faults.inject({ kind: 'http500' }, { scope: 'token' });
    expect((await fetch(`${emulator.url}/cgi-bin/token`)).status).toBe(500);
  });

  it('answers 404 for a path WeChat does not have here', async () => {
    expect((await fetch(`${emulator.url}/cv/ocr/bankcard`, { method: 'POST' })).status).toBe(404);
  });
});
