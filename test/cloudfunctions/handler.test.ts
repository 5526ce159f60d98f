/**
 * The handler end to end on real image bytes and the real image pipeline; only WeChat, cloud storage and the URL
 * fetch are fakes (support/platform-fakes.ts), with a fake clock.
 */
import sharp from 'sharp';
import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import type { OcrIdcardResult } from '../../miniprogram/shared/idcard';
import { handle } from '../../cloudfunctions/ocrIdcard/src/handler';
import { formatCallLog } from '../../cloudfunctions/ocrIdcard/src/log';
import { prepareImage } from '../../cloudfunctions/ocrIdcard/src/prepare-image';
import { phonePhoto12mp, smallCardJpeg, smallCardPng } from './support/card-images';
import { FEMALE_GUANGDONG, MALE_BEIJING } from './support/identities';
import { ENV, fakePlatform, fileIdOf, type FakePlatformOptions } from './support/platform-fakes';

const FRONT = fileIdOf('front.jpg');
const cloudFront = (person: typeof MALE_BEIJING) => ({ answer: { errCode: 0, errMsg: 'openapi.ocr.idcard:ok', type: 'Front', ...person } });
const cloudError = (errCode: number, errMsg: string) => ({ thrown: Object.assign(new Error(errMsg), { errCode, errMsg: `openapi.ocr.idcard:fail ${errMsg}` }) });

let cardJpeg: Buffer;
let cardPng: Buffer;
beforeAll(async () => {
  [cardJpeg, cardPng] = await Promise.all([smallCardJpeg(), smallCardPng()]);
});

function platform(options: Omit<FakePlatformOptions, 'prepareImage'> = {}) {
  return fakePlatform({ files: { [FRONT]: cardJpeg }, prepareImage, ...options });
}

describe('handle: recognition', () => {
  it('recognises the front from a fileID: checks the card, sends the JPEG as it is, deletes the upload, logs one line', async () => {
    const fake = platform({ ocr: [cloudFront(MALE_BEIJING)] });
    const result = await handle({ fileID: FRONT, side: 'Front', userInfo: { appId: 'wx0', openId: 'o-synthetic' } }, fake.deps);

    expect(result).toEqual({ errCode: 0, errMsg: 'ok', type: 'Front', ...MALE_BEIJING, birth: '1990-03-07', idValid: true, warnings: [] });
    expect(fake.calls.downloads).toEqual([FRONT]);
    expect(fake.calls.ocr).toHaveLength(1);
    expect(fake.calls.ocr[0].type).toBe('photo');
    expect(fake.calls.ocr[0].image.buffer.equals(cardJpeg)).toBe(true);
    expect(fake.calls.removed).toEqual([FRONT]);
    expect(fake.logs).toEqual([
      { event: 'ocr.idcard', mode: 'cloud', source: 'fileID', errCode: 0, ms: fake.elapsed(), attempts: 1, bytesIn: cardJpeg.length, bytesOut: cardJpeg.length, resized: false, type: 'Front' },
    ]);
  });

  it('resizes a 12 MP phone photo (EXIF-rotated, noisy) under 2,000,000 bytes, upright, before sending it', async () => {
    const photo = await phonePhoto12mp();
    expect(photo.length).toBeGreaterThan(2_000_000);
    const fake = platform({ files: { [FRONT]: photo }, ocr: [cloudFront(FEMALE_GUANGDONG)] });
    const result = await handle({ fileID: FRONT, type: 'photo' }, fake.deps);

    expect(result).toMatchObject({ errCode: 0, type: 'Front', birth: '1985-12-31' });
    const sent = fake.calls.ocr[0].image;
    expect(sent.buffer.length).toBeLessThan(2_000_000);
    expect(sent.contentType).toBe('image/jpeg');
    const meta = await sharp(sent.buffer).metadata();
    expect(meta.format).toBe('jpeg');
    // Stored 4000×3000 with orientation 6: upright it is portrait, and no EXIF goes out.
    expect(meta.height).toBeGreaterThan(meta.width as number);
    expect([meta.width, meta.height]).toEqual([sent.width, sent.height]);
    expect(meta.exif).toBeUndefined();
    expect(fake.logs[0]).toMatchObject({ bytesIn: photo.length, bytesOut: sent.buffer.length, resized: true, sharp: 'native' });
  });

  it('honours a smaller byte limit', async () => {
    const photo = await phonePhoto12mp();
    const fake = platform({ files: { [FRONT]: photo }, limits: { maxBytes: 500_000 } });
    await handle({ fileID: FRONT }, fake.deps);
    expect(fake.calls.ocr[0].image.buffer.length).toBeLessThan(500_000);
  });

  it('recognises the back from an inline PNG, answered in the HTTPS shape', async () => {
    const fake = platform({ mode: 'https', ocr: [{ answer: { errcode: '0', errmsg: 'ok', type: 'Back', valid_date: '20040101-20240101' } }] });
    const result = await handle({ type: 'scan', side: 'Back', img: { contentType: 'image/png', value: cardPng.toString('base64') } }, fake.deps);

    expect(result).toMatchObject({ errCode: 0, type: 'Back', validFrom: '2004-01-01', validTo: '2024-01-01', expired: true });
    expect(fake.calls.ocr[0]).toMatchObject({ type: 'scan', image: { contentType: 'image/png' } });
    expect(fake.calls.ocr[0].image.buffer.equals(cardPng)).toBe(true);
    expect(fake.calls.downloads).toEqual([]);
    expect(fake.calls.removed).toEqual([]);
    expect(fake.logs[0]).toMatchObject({ mode: 'https', source: 'img', errCode: 0, type: 'Back' });
  });

  it('fetches an imgUrl within the budget and the input cap', async () => {
    const fake = platform({ fetched: cardJpeg });
    const result = await handle({ imgUrl: 'https://img.example.com/back.jpg' }, fake.deps);
    expect(result).toMatchObject({ errCode: 0, type: 'Back' });
    expect(fake.calls.fetched).toEqual([{ url: 'https://img.example.com/back.jpg', timeoutMs: 15_000, maxBytes: 20_000_000 }]);
    expect(fake.logs[0].source).toBe('imgUrl');
  });

  it('warns when the side read is not the side asked for', async () => {
    const fake = platform({ ocr: [cloudFront(MALE_BEIJING)] });
    const result = await handle({ fileID: FRONT, side: 'Back' }, fake.deps);
    expect(result).toMatchObject({ errCode: 0, type: 'Front', warnings: [expect.objectContaining({ code: 'SIDE_MISMATCH' })] });
  });
});

describe('handle: failures are answers', () => {
  it('passes WeChat 101001 through with its message, and still deletes the upload', async () => {
    const fake = platform({ ocr: [cloudError(101001, 'certificate not found')] });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toEqual({ errCode: 101001, errMsg: 'certificate not found', message: ERROR_TABLE.CERTIFICATE_NOT_FOUND.message });
    expect(fake.calls.ocr).toHaveLength(1);
    expect(fake.calls.removed).toEqual([FRONT]);
    expect(fake.logs[0]).toMatchObject({ errCode: 101001, attempts: 1 });
  });

  it.each([
    ['text', Buffer.from('this is not an image')],
    ['zero bytes', Buffer.alloc(0)],
    ['an SVG', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>')],
  ])('refuses %s with 101002 before calling WeChat, and deletes the upload', async (_what, bytes) => {
    const fake = platform({ files: { [FRONT]: bytes } });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toMatchObject({ errCode: 101002, message: ERROR_TABLE.INVALID_IMAGE_DATA.message });
    expect(fake.calls.ocr).toEqual([]);
    expect(fake.calls.removed).toEqual([FRONT]);
  });

  it('answers -503003 for a missing file', async () => {
    const fake = platform();
    const result = await handle({ fileID: fileIdOf('gone.jpg') }, fake.deps);
    expect(result).toMatchObject({ errCode: -503003, message: ERROR_TABLE.FILE_NOT_FOUND.message });
    expect(fake.calls.ocr).toEqual([]);
  });

  it('refuses a file over the input cap with 101002 without preparing it', async () => {
    const fake = platform({ limits: { maxInputBytes: 1_000 } });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toMatchObject({ errCode: 101002, errMsg: 'invalid image data: the file is over 1000 bytes' });
    expect(fake.calls.prepared).toEqual([]);
  });

  it('passes a failed URL fetch through as 101000', async () => {
    const thrown = Object.assign(new Error('x'), { errCode: 101000, errMsg: 'invalid image url: the server answered HTTP 404' });
    const fake = platform({ fetched: { thrown } });
    const result = await handle({ imgUrl: 'https://img.example.com/missing.jpg' }, fake.deps);
    expect(result).toEqual({ errCode: 101000, errMsg: 'invalid image url: the server answered HTTP 404', message: ERROR_TABLE.INVALID_IMAGE_URL.message });
  });

  it('refuses a fileID of another environment: nothing downloaded, nothing deleted', async () => {
    const foreign = 'cloud://other-env-9z.7465-other-env-9z-1300000000/idcard/front.jpg';
    const fake = platform({ files: { [foreign]: cardJpeg } });
    const result = await handle({ fileID: foreign }, fake.deps);
    expect(result).toMatchObject({ errCode: 40097, errMsg: expect.stringContaining('other-env-9z') });
    expect(fake.calls.downloads).toEqual([]);
    expect(fake.calls.removed).toEqual([]);
    expect(fake.logs[0]).toMatchObject({ source: 'none', errCode: 40097, attempts: 0 });
  });

  it.each([undefined, null, 'photo', [], {}, { fileID: FRONT, imgUrl: 'https://a.example/a.jpg' }])('answers 40097 for the event %j', async (event) => {
    const fake = platform();
    const result = await handle(event, fake.deps);
    expect(result).toMatchObject({ errCode: 40097, message: ERROR_TABLE.INVALID_ARGS.message });
    expect(fake.calls.removed).toEqual([]);
  });

  it('answers -1, without a stack, when a platform call breaks in an unexpected way', async () => {
    const fake = platform({ ocr: [{ thrown: new TypeError("Cannot read properties of undefined (reading 'ocr')") }] });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toEqual({ errCode: -1, errMsg: 'system error', message: ERROR_TABLE.SYSTEM_ERROR.message });
    expect(JSON.stringify(result)).not.toMatch(/at |TypeError|\.ts/);
  });
});

describe('handle: retry and budget', () => {
  it.each([
    [-1, 'system error'],
    [-501001, 'resource system error. request timeout'],
  ])('retries %i once after the backoff', async (code, errMsg) => {
    const fake = platform({ ocr: [cloudError(code, errMsg), cloudFront(MALE_BEIJING)] });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toMatchObject({ errCode: 0, type: 'Front' });
    expect(fake.calls.ocr).toHaveLength(2);
    expect(fake.calls.slept).toEqual([300]);
    expect(fake.logs[0]).toMatchObject({ errCode: 0, attempts: 2 });
  });

  it.each([101002, 45009, -604101, 101003])('does not retry %i', async (code) => {
    const fake = platform({ ocr: [cloudError(code, 'x'), cloudFront(MALE_BEIJING)] });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result.errCode).toBe(code);
    expect(fake.calls.ocr).toHaveLength(1);
    expect(fake.calls.slept).toEqual([]);
  });

  it('does not retry past the budget: a 9 s timeout in a 15 s budget is answered at once', async () => {
    const fake = platform({ ocr: [{ ...cloudError(-501001, 'request timeout'), ms: 9_000 }, cloudFront(MALE_BEIJING)] });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toMatchObject({ errCode: -501001, message: ERROR_TABLE.TIMEOUT.message });
    expect(fake.calls.ocr).toHaveLength(1);
    expect(fake.elapsed()).toBeLessThanOrEqual(15_000);
  });

  it('does not call WeChat when the budget is spent before the image is ready', async () => {
    const fake = platform({ downloadMs: 16_000 });
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toMatchObject({ errCode: -501001 });
    expect(fake.calls.ocr).toEqual([]);
    expect(fake.calls.removed).toEqual([FRONT]);
  });

  it('answers -501001 when a platform call hangs past the budget, and still deletes the upload', async () => {
    const fake = platform({ limits: { budgetMs: 200 } });
    fake.deps.ocr = { mode: 'cloud', idcard: () => new Promise<never>(() => undefined) };
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result).toEqual({ errCode: -501001, errMsg: expect.stringContaining('200 ms budget'), message: ERROR_TABLE.TIMEOUT.message });
    expect(fake.calls.removed).toEqual([FRONT]);
    expect(fake.logs).toHaveLength(1);
    expect(fake.logs[0]).toMatchObject({ errCode: -501001, source: 'fileID' });
  });

  it('answers even when deleting the upload hangs too: the delete gets a short grace and is logged as timed out', async () => {
    const fake = platform({ limits: { budgetMs: 100 } });
    fake.deps.ocr = { mode: 'cloud', idcard: () => new Promise<never>(() => undefined) };
    fake.deps.files = { ...fake.deps.files, remove: () => new Promise<never>(() => undefined) };
    const result = await handle({ fileID: FRONT }, fake.deps);
    expect(result.errCode).toBe(-501001);
    expect(fake.logs[0]).toMatchObject({ errCode: -501001, deleteErrCode: -501001 });
  });

  it('gives the URL fetch only what is left of the budget', async () => {
    const fake = platform({ fetched: cardJpeg, limits: { budgetMs: 4_000 } });
    await handle({ imgUrl: 'https://img.example.com/a.jpg' }, fake.deps);
    expect(fake.calls.fetched[0].timeoutMs).toBe(4_000);
  });
});

describe('handle: the uploaded file', () => {
  it('keeps the file when keepFile is true', async () => {
    const fake = platform({ ocr: [cloudFront(MALE_BEIJING)] });
    await handle({ fileID: FRONT, keepFile: true }, fake.deps);
    expect(fake.calls.removed).toEqual([]);
  });

  it('keeps the file on failure too when keepFile is true', async () => {
    const fake = platform({ ocr: [cloudError(101001, 'certificate not found')] });
    await handle({ fileID: FRONT, keepFile: true }, fake.deps);
    expect(fake.calls.removed).toEqual([]);
  });

  it('answers the same when deleting fails, and logs only the storage code', async () => {
    const kept = platform({ ocr: [cloudFront(MALE_BEIJING)] });
    const expected = await handle({ fileID: FRONT, keepFile: true }, kept.deps);
    const failing = platform({
      ocr: [cloudFront(MALE_BEIJING)],
      removeFails: { errCode: -503002, errMsg: `deleteFile:fail no permission for ${FRONT}` },
    });
    const result = await handle({ fileID: FRONT }, failing.deps);
    expect(result).toEqual(expected);
    expect(failing.calls.removed).toEqual([FRONT]);
    expect(failing.logs[0]).toMatchObject({ errCode: 0, deleteErrCode: -503002 });
    expect(formatCallLog(failing.logs[0])).not.toContain('idcard/front.jpg');
  });
});

describe('handle: the log line', () => {
  /** Everything personal a call could leak: fields, the birth date, the number's parts, the file, the image. */
  function personalStrings(person: typeof MALE_BEIJING, image: Buffer): string[] {
    return [person.name, person.id, person.id.slice(-4), person.id.slice(6, 14), person.addr, '1990-03-07', FRONT, ENV, image.toString('base64').slice(0, 40)];
  }

  it('holds codes, sizes and times only, for a success, a failure and a retry', async () => {
    const runs: Array<[unknown, Omit<FakePlatformOptions, 'prepareImage'>]> = [
      [{ fileID: FRONT, side: 'Front' }, { ocr: [cloudFront(MALE_BEIJING)] }],
      [{ fileID: FRONT, side: 'Back' }, { ocr: [cloudError(-1, 'system error'), cloudFront(MALE_BEIJING)] }],
      [{ img: { contentType: 'image/jpeg', value: cardJpeg.toString('base64') } }, { ocr: [cloudFront(MALE_BEIJING)] }],
      [{ fileID: FRONT }, { ocr: [cloudError(101001, 'certificate not found')], removeFails: { errCode: -1, errMsg: FRONT } }],
    ];
    for (const [event, options] of runs) {
      const fake = platform(options);
      const result: OcrIdcardResult = await handle(event, fake.deps);
      expect(fake.logs).toHaveLength(1);
      const text = formatCallLog(fake.logs[0]);
      expect(JSON.parse(text)).toMatchObject({ event: 'ocr.idcard', errCode: result.errCode });
      for (const secret of personalStrings(MALE_BEIJING, cardJpeg)) expect(text).not.toContain(secret);
      expect(Object.keys(JSON.parse(text)).sort()).toEqual(
        expect.arrayContaining(['attempts', 'errCode', 'event', 'mode', 'ms', 'source']),
      );
    }
  });

  it('measures ms on the injected clock', async () => {
    const fake = platform({ ocr: [{ ...cloudFront(MALE_BEIJING), ms: 1_234 }], downloadMs: 66 });
    await handle({ fileID: FRONT }, fake.deps);
    expect(fake.logs[0].ms).toBe(1_300);
    expect(fake.elapsed()).toBe(1_300);
  });
});
