/**
 * `cloud.openapi.ocr.idcard` through the real wx-server-sdk against the emulator's gateway: what reaches the
 * recognizer, what the SDK hands back, and each check WeChat makes on the request.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { startEmulator, type Emulator } from '../../emulator';
import { RecordingRecognizer, smallJpeg, startWithSdk, thrown, type Sdk } from './support';

let emulator: Emulator;
let cloud: Sdk;
const recognizer = new RecordingRecognizer();
let jpeg: Buffer;

beforeAll(async () => {
  ({ emulator, cloud } = await startWithSdk({ recognizer }));
  jpeg = await smallJpeg();
});
afterAll(() => emulator.stop());
beforeEach(() => {
  recognizer.seen.length = 0;
  recognizer.answer = { errcode: 0, errmsg: 'ok', type: 'Front', name: '测试样', id: '11010519491231002X', addr: '北京市', gender: '女', nationality: '汉' };
  emulator.calls.clear();
});

const idcard = (params: Record<string, unknown>) => cloud.openapi.ocr.idcard(params);

describe('a recognised card', () => {
  it('passes the image bytes and the mode to the recognizer unchanged', async () => {
    await idcard({ type: 'scan', img: { contentType: 'image/jpeg', value: jpeg } });
    expect(recognizer.seen).toHaveLength(1);
    expect(recognizer.seen[0].type).toBe('scan');
    expect(recognizer.seen[0].image.equals(jpeg)).toBe(true);
  });

  it('answers the front in the SDK shape, with only the fields WeChat returns', async () => {
    recognizer.answer = { ...(recognizer.answer as object), birth: '19491231' } as never;
    const result = await idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } });
    expect(result).toEqual({
      errCode: 0,
      errMsg: 'openapi.ocr.idcard:ok',
      type: 'Front',
      name: '测试样',
      id: '11010519491231002X',
      addr: '北京市',
      gender: '女',
      nationality: '汉',
    });
  });

  it('answers the back with validDate (valid_date on the wire)', async () => {
    recognizer.answer = { errcode: 0, errmsg: 'ok', type: 'Back', valid_date: '20100301-长期' };
    const result = await idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } });
    expect(result).toEqual({ errCode: 0, errMsg: 'openapi.ocr.idcard:ok', type: 'Back', validDate: '20100301-长期' });
  });

  it('records the call with the image size and the mode, and no field of the card', async () => {
    await idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } });
    expect(emulator.calls.list()).toEqual([{ api: 'wx.openApi:ocr.idcard', result: 0, imageBytes: jpeg.length, type: 'photo' }]);
  });
});

describe('what WeChat checks', () => {
  it('answers 101001 when the recognizer finds no card', async () => {
    recognizer.answer = { errcode: 101001, errmsg: 'certificate not found' };
    expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } }))).toMatchObject({
      errCode: 101001,
      errMsg: 'openapi.ocr.idcard:fail certificate not found',
    });
  });

  it.each([
    ['a truncated JPEG', () => jpeg.subarray(0, Math.floor(jpeg.length / 2))],
    ['bytes that are no image', () => Buffer.from('this is not an image at all')],
    ['an SVG drawing', () => Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
  ])('answers 101002 for %s without asking the recognizer', async (_name, bytes) => {
    expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: bytes() } }))).toMatchObject({ errCode: 101002 });
    expect(recognizer.seen).toHaveLength(0);
  });

  it('answers 40097 for a type other than photo or scan', async () => {
    expect(await thrown(idcard({ type: 'selfie', img: { contentType: 'image/jpeg', value: jpeg } }))).toMatchObject({ errCode: 40097 });
    expect(recognizer.seen).toHaveLength(0);
  });

  it('takes a missing type as photo', async () => {
    await idcard({ img: { contentType: 'image/jpeg', value: jpeg } });
    expect(recognizer.seen[0].type).toBe('photo');
  });

  it('answers 41005 when neither img nor imgUrl is given', async () => {
    expect(await thrown(idcard({ type: 'photo' }))).toMatchObject({ errCode: 41005 });
  });

  it('answers -1 when the recognizer itself fails', async () => {
    recognizer.answer = () => {
      throw new Error('engine crashed');
    };
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } }))).toMatchObject({ errCode: -1 });
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
  });
});

describe('the 2 MB limit', () => {
  it('refuses an image of exactly the limit with 101002, and takes one under it', async () => {
    // A second emulator whose limit is this image's size plays the rule with a small image.
    const limited = await startEmulator({ recognizer, maxImageBytes: jpeg.length });
    const smaller = await sharp(jpeg).jpeg({ quality: 60 }).toBuffer();
    try {
      await usingEmulator(limited, async () => {
        expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } }))).toMatchObject({ errCode: 101002 });
        expect(recognizer.seen).toHaveLength(0);
        await idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: smaller } });
        expect(recognizer.seen).toHaveLength(1);
      });
    } finally {
      await limited.stop();
    }
  });

  it('is 2,000,000 bytes by default', async () => {
    // A valid JPEG padded after its end marker: decodable, and exactly at the limit.
    const padded = Buffer.concat([jpeg, Buffer.alloc(2_000_000 - jpeg.length)]);
    expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: padded } }))).toMatchObject({ errCode: 101002 });
    await idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: padded.subarray(0, 1_999_999) } });
    expect(recognizer.seen).toHaveLength(1);
  });
});

describe('imgUrl', () => {
  let server: http.Server;
  let origin: string;
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      if (req.url === '/card.jpg') res.writeHead(200, { 'content-type': 'image/jpeg' }).end(jpeg);
      else res.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('fetches the image and recognises it', async () => {
    const result = await idcard({ type: 'photo', imgUrl: `${origin}/card.jpg` });
    expect(result.type).toBe('Front');
    expect(recognizer.seen[0].image.equals(jpeg)).toBe(true);
  });

  it.each([
    ['a 404', () => `${origin}/missing.jpg`],
    ['a closed port', () => 'http://127.0.0.1:1/card.jpg'],
    ['a non-http scheme', () => 'file:///etc/passwd'],
    ['no URL at all', () => 'not a url'],
  ])('answers 101000 for %s', async (_name, url) => {
    expect(await thrown(idcard({ type: 'photo', imgUrl: url() }))).toMatchObject({ errCode: 101000, errMsg: 'openapi.ocr.idcard:fail invalid image url' });
    expect(recognizer.seen).toHaveLength(0);
  });
});

describe('permissions', () => {
  it('answers -604101 when the function may not call ocr.idcard', async () => {
    const locked = await startEmulator({ recognizer, permissions: [] });
    try {
      await usingEmulator(locked, async () => {
        expect(await thrown(idcard({ type: 'photo', img: { contentType: 'image/jpeg', value: jpeg } }))).toMatchObject({ errCode: -604101 });
      });
    } finally {
      await locked.stop();
    }
    expect(recognizer.seen).toHaveLength(0);
  });
});

/** Points the SDK at another emulator for the duration of `body`. */
async function usingEmulator(other: Emulator, body: () => Promise<void>): Promise<void> {
  Object.assign(process.env, other.env());
  try {
    await body();
  } finally {
    Object.assign(process.env, emulator.env());
  }
}
