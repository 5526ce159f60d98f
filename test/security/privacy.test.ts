/**
 * No personal data in any log line: every flow of the built function (front, back, fileID, img, imgUrl, each kind
 * of failure, cloud and HTTPS mode) runs through the real wx-server-sdk against the emulator with everything
 * written to the console captured, and none of the synthetic cards' names, ID numbers, addresses, nor any of
 * their image bytes or base64, may appear in it. Each flow also checks the data did pass through the function
 * (the result holds it), so a clean log is not a log of nothing.
 */
import { makeCardImage, type CardImage } from '../../emulator/cards';
import type { OcrIdcardResult } from '../../miniprogram/shared/idcard';
import {
  answerFor,
  captureOutput,
  imageDataIn,
  loadFunction,
  secretsOf,
  startCloud,
  type Cloud,
  type CloudFunction,
} from './function-host';
import { serveBytes, startRecordingServer, redirectTo, type RecordingServer } from './recording-server';

jest.setTimeout(60_000);

let cloud: Cloud;
let images: RecordingServer;
let cards: { front: CardImage<'Front'>; back: CardImage<'Back'>; flawed: CardImage<'Front'>; scan: CardImage<'Front'> };
let secrets: string[];
const everyLine: string[] = [];
let callsMade = 0;

beforeAll(async () => {
  cards = {
    front: await makeCardImage({ seed: 'privacy-front', side: 'Front', mode: 'photo', format: 'jpeg', size: 'small' }),
    back: await makeCardImage({ seed: 'privacy-front', side: 'Back', mode: 'scan', format: 'png', longEdge: 800 }),
    flawed: await makeCardImage({ seed: 'privacy-flawed', side: 'Front', mode: 'scan', format: 'jpeg', longEdge: 800, identityOverrides: { flaw: 'checkCharacter' } }),
    scan: await makeCardImage({ seed: 'privacy-scan', side: 'Front', mode: 'scan', format: 'webp', longEdge: 800 }),
  };
  secrets = Object.values(cards).flatMap(secretsOf);
  cloud = await startCloud();
  images = await startRecordingServer((req, res) => {
    if (req.url === '/front.jpg') return serveBytes(cards.front.buffer)(req, res);
    if (req.url === '/to-metadata') return redirectTo('http://169.254.169.254/latest/meta-data/')(req, res);
    res.writeHead(404).end();
  });
});

afterAll(async () => {
  await images?.close();
  await cloud?.stop();
});

/** Runs one call of the function with the console captured; checks that call's output, keeps it for the end. */
async function run(fn: CloudFunction, event: unknown): Promise<{ result: OcrIdcardResult; lines: string[] }> {
  const capture = captureOutput();
  callsMade++;
  let result: OcrIdcardResult;
  try {
    result = await fn.main(event);
  } finally {
    capture.restore();
  }
  const lines = [...capture.lines];
  everyLine.push(...lines);
  expect(leaks(lines)).toEqual([]);
  // The one structured line per call is there, so the capture did see the function's output.
  expect(lines.some((l) => /"event":"ocr.idcard"/.test(l))).toBe(true);
  return { result, lines };
}

function leaks(lines: string[]): string[] {
  const found = secrets.filter((secret) => lines.some((line) => line.includes(secret))).map((s) => `personal data: ${s.length} chars`);
  return [...found, ...imageDataIn(lines).map((d) => `image data: ${d}`)];
}

const base64Of = (card: CardImage) => ({ contentType: card.contentType, value: card.buffer.toString('base64') });
const put = (card: CardImage, name: string) => cloud.emulator.putFile(`idcard/${name}`, card.buffer, card.contentType);
const answer = (card: CardImage) => void (cloud.recognizer.answer = answerFor(card));

describe.each(['cloud', 'https'] as const)('%s mode', (mode) => {
  let fn: CloudFunction;
  beforeAll(() => {
    fn = loadFunction({
      ...cloud.emulator.env({ mode, openid: `oSyntheticPrivacy${mode}000001` }),
      OCR_IDCARD_URL_ALLOWLIST: `127.0.0.1:${images.port}`,
      OCR_IDCARD_USER_DAILY_LIMIT: '1000',
    });
  });
  beforeEach(() => {
    cloud.emulator.faults.clear();
  });

  it('front from a fileID: fields in the result, not in the log; the upload is deleted', async () => {
    answer(cards.front);
    const fileID = put(cards.front, `${mode}-front.jpg`);
    const { result } = await run(fn, { fileID, side: 'Front' });
    expect(result).toMatchObject({ errCode: 0, type: 'Front', name: cards.front.expected.name, id: cards.front.expected.id });
    expect(cloud.emulator.storage.has(fileID)).toBe(false);
  });

  it('back from a fileID with keepFile: the upload stays', async () => {
    answer(cards.back);
    const fileID = put(cards.back, `${mode}-back.png`);
    const { result } = await run(fn, { fileID, side: 'Back', type: 'scan', keepFile: true });
    expect(result).toMatchObject({ errCode: 0, type: 'Back', validDate: cards.back.expected.valid_date });
    expect(cloud.emulator.storage.has(fileID)).toBe(true);
  });

  it('front inline (img, base64 WebP)', async () => {
    answer(cards.scan);
    const { result } = await run(fn, { img: base64Of(cards.scan), type: 'scan' });
    expect(result).toMatchObject({ errCode: 0, addr: cards.scan.expected.addr });
  });

  it('front from an imgUrl', async () => {
    answer(cards.front);
    const { result } = await run(fn, { imgUrl: `${images.origin}/front.jpg` });
    expect(result).toMatchObject({ errCode: 0, name: cards.front.expected.name });
  });

  it('a card whose number fails its check character: warnings, still no number in the log', async () => {
    answer(cards.flawed);
    const { result } = await run(fn, { fileID: put(cards.flawed, `${mode}-flawed.jpg`), side: 'Back' });
    expect(result).toMatchObject({ errCode: 0, id: cards.flawed.expected.id, idValid: false });
    expect((result as { warnings: { code: string }[] }).warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['ID_CHECKSUM', 'SIDE_MISMATCH']));
  });

  it.each([
    ['101001 certificate not found', { kind: 'errcode', errcode: 101001 }, 1, 101001],
    ['-1 twice (retried once)', { kind: 'errcode', errcode: -1 }, 2, -1],
    ['45009 daily quota', { kind: 'errcode', errcode: 45009 }, 1, 45009],
    ['a dropped connection twice', { kind: 'drop' }, 2, -501001],
  ] as const)('WeChat fails with %s: the failure, the upload deleted, nothing personal logged', async (_name, fault, times, errCode) => {
    answer(cards.front);
    cloud.emulator.faults.inject(fault, { times });
    const fileID = put(cards.front, `${mode}-fault-${errCode}.jpg`);
    const { result } = await run(fn, { fileID });
    expect(result.errCode).toBe(errCode);
    expect(cloud.emulator.storage.has(fileID)).toBe(false);
  });

  it('after the access token is revoked (HTTPS: refreshed once, then answered)', async () => {
    answer(cards.front);
    cloud.emulator.tokens.revokeAll();
    const { result } = await run(fn, { img: base64Of(cards.front) });
    expect(result).toMatchObject({ errCode: 0, id: cards.front.expected.id });
  });

  it.each([
    ['a missing file', () => ({ fileID: `cloud://${cloud.emulator.envId}.6c6f-${cloud.emulator.envId}-1250000000/idcard/none.jpg` }), -503003],
    ['a file of another environment', () => ({ fileID: 'cloud://other-env.6c6f-other-env-1250000000/idcard/a.jpg' }), 40097],
    ['text sent as an image', () => ({ img: { contentType: 'image/jpeg', value: Buffer.from(`${cards.front.expected.type} not an image at all`).toString('base64') } }), 101002],
    ['bad base64', () => ({ img: { contentType: 'image/jpeg', value: '***' } }), 40097],
    ['no image at all', () => ({ side: 'Front' }), 40097],
    ['an imgUrl on a host the allowlist does not name', () => ({ imgUrl: `http://127.0.0.1:${images.port + 1}/front.jpg` }), 101000],
    ['an imgUrl redirecting to the metadata service', () => ({ imgUrl: `${images.origin}/to-metadata` }), 101000],
    ['an imgUrl answering 404', () => ({ imgUrl: `${images.origin}/nothing.jpg` }), 101000],
  ] as const)('%s: its failure, nothing personal logged', async (_name, event, errCode) => {
    const { result } = await run(fn, event());
    expect(result.errCode).toBe(errCode);
    expect(result).toMatchObject({ errMsg: expect.any(String), message: expect.stringMatching(/[\u4e00-\u9fff]/) });
  });
});

it('over the per-user limit: 910001, nothing personal logged', async () => {
  const fn = loadFunction({ ...cloud.emulator.env({ openid: 'oSyntheticPrivacyLimit000001' }), OCR_IDCARD_USER_DAILY_LIMIT: '1' });
  answer(cards.front);
  expect((await run(fn, { img: base64Of(cards.front) })).result.errCode).toBe(0);
  expect((await run(fn, { img: base64Of(cards.front) })).result.errCode).toBe(910001);
});

it('across every flow, the whole captured output holds no personal data and no image data', () => {
  expect(callsMade).toBeGreaterThanOrEqual(38); // 18 flows in each mode, and the limit twice
  expect(everyLine.length).toBeGreaterThanOrEqual(callsMade);
  expect(leaks(everyLine)).toEqual([]);
});
