/**
 * The built function in WeChat's cloud mode, end to end: the real wx-server-sdk talks to the emulator's gateway
 * (ocr.idcard and storage), and the emulator reads synthetic cards with the real on-device OCR engine.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeCardImage, makeEmptyPhoto, type CardImage } from '../../emulator/cards';
import { startEmulator, type Emulator } from '../../emulator';
import { closeSharedRecognizer } from '../../emulator/ocr';
import { userMessage } from '../../miniprogram/shared/errors';
import { captureLogLines, E2E_TIMEOUT_MS, loadFunction, snapshotEnv, type CloudFunction } from './support';

jest.setTimeout(E2E_TIMEOUT_MS);

let emulator: Emulator;
let fn: CloudFunction;
let imageServer: http.Server;
let imageOrigin: string;
const restoreEnv = snapshotEnv();
const logs = captureLogLines();
const served = new Map<string, Buffer>();

beforeAll(async () => {
  emulator = await startEmulator();
  imageServer = http.createServer((req, res) => {
    const body = served.get(req.url ?? '');
    if (body) res.writeHead(200, { 'content-type': 'image/jpeg' }).end(body);
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => imageServer.listen(0, '127.0.0.1', resolve));
  imageOrigin = `http://127.0.0.1:${(imageServer.address() as AddressInfo).port}`;
  // The URL guard refuses loopback; the allowlist is how an operator names an internal image host.
  fn = loadFunction({ ...emulator.env(), OCR_IDCARD_URL_ALLOWLIST: new URL(imageOrigin).host });
});
afterAll(async () => {
  await emulator.stop();
  await new Promise((resolve) => imageServer.close(resolve));
  await closeSharedRecognizer();
  restoreEnv();
  logs.restore();
});
beforeEach(() => {
  emulator.calls.clear();
  logs.lines.length = 0;
});

function frontFields(card: CardImage<'Front'>) {
  const { name, id, addr, gender, nationality } = card.expected;
  return { errCode: 0, type: 'Front', name, id, addr, gender, nationality };
}

const upload = (name: string, card: { buffer: Buffer }) => emulator.putFile(`idcard/${name}`, card.buffer);
const ocrCalls = () => emulator.calls.list('wx.openApi:ocr.idcard');

describe('a fileID from the page', () => {
  it('reads a front photo, sends WeChat less than 2 MB, and deletes the upload', async () => {
    const card = await makeCardImage({ seed: 'e2e-front-photo', side: 'Front', mode: 'photo', format: 'jpeg', size: 'small' });
    const fileID = upload('front-photo.jpg', card);
    const result = await fn.main({ fileID, type: 'photo', side: 'Front' });
    expect(result).toMatchObject({ ...frontFields(card), idValid: true, warnings: [] });
    expect(emulator.storage.has(fileID)).toBe(false);
    expect(ocrCalls()).toEqual([expect.objectContaining({ result: 0, type: 'photo' })]);
    expect(ocrCalls()[0].imageBytes).toBeLessThan(2_000_000);
    // One log line, with codes and sizes: neither the name, the number nor the address.
    expect(logs.lines).toHaveLength(1);
    expect(JSON.parse(logs.lines[0])).toMatchObject({ event: 'ocr.idcard', mode: 'cloud', source: 'fileID', errCode: 0, type: 'Front' });
    for (const personal of [card.expected.name, card.expected.id, card.expected.addr]) expect(logs.lines[0]).not.toContain(personal);
  });

  it('reads a back scan, with its validity dates', async () => {
    const card = await makeCardImage({ seed: 'e2e-back-scan', side: 'Back', mode: 'scan', format: 'png', size: 'small' });
    const result = await fn.main({ fileID: upload('back-scan.png', card), type: 'scan', side: 'Back' });
    expect(result).toMatchObject({ errCode: 0, type: 'Back', validDate: card.expected.valid_date });
    expect(ocrCalls()[0].type).toBe('scan');
  });

  it('reads a front scan and keeps the upload when asked to', async () => {
    const card = await makeCardImage({ seed: 'e2e-front-scan', side: 'Front', mode: 'scan', format: 'jpeg', size: 'small' });
    const fileID = upload('front-scan.jpg', card);
    const result = await fn.main({ fileID, type: 'scan', keepFile: true });
    expect(result).toMatchObject(frontFields(card));
    expect(emulator.storage.has(fileID)).toBe(true);
  });

  it('reads a back photo', async () => {
    const card = await makeCardImage({ seed: 'e2e-back-photo', side: 'Back', mode: 'photo', format: 'webp', size: 'small' });
    const result = await fn.main({ fileID: upload('back-photo.webp', card), type: 'photo' });
    expect(result).toMatchObject({ errCode: 0, type: 'Back', validDate: card.expected.valid_date });
  });

  it('shrinks a 12 MP phone photo over 2 MB to under 2 MB before WeChat sees it', async () => {
    const card = await makeCardImage({ seed: 'e2e-heavy', side: 'Front', mode: 'photo', format: 'jpeg', size: 'phone-heavy' });
    expect(card.buffer.length).toBeGreaterThan(2_000_000);
    const result = await fn.main({ fileID: upload('heavy.jpg', card), type: 'photo' });
    expect(result).toMatchObject(frontFields(card));
    expect(ocrCalls()[0].imageBytes).toBeLessThan(2_000_000);
  });

  it('answers 101001 with its Chinese message for a photo without a card, and still deletes the upload', async () => {
    const empty = await makeEmptyPhoto({ seed: 'e2e-empty' });
    const fileID = upload('empty.jpg', empty);
    expect(await fn.main({ fileID, type: 'photo' })).toEqual({ errCode: 101001, errMsg: expect.any(String), message: userMessage(101001) });
    expect(emulator.storage.has(fileID)).toBe(false);
  });
});

describe('other image sources', () => {
  it('reads an inline img (base64)', async () => {
    const card = await makeCardImage({ seed: 'e2e-inline', side: 'Front', mode: 'scan', format: 'jpeg', size: 'small', quality: 70 });
    const result = await fn.main({ type: 'scan', img: { contentType: card.contentType, value: card.buffer.toString('base64') } });
    expect(result).toMatchObject(frontFields(card));
  });

  it('reads an imgUrl the function fetches itself', async () => {
    const card = await makeCardImage({ seed: 'e2e-url', side: 'Back', mode: 'scan', format: 'jpeg', size: 'small' });
    served.set('/cards/back.jpg', card.buffer);
    const result = await fn.main({ type: 'scan', imgUrl: `${imageOrigin}/cards/back.jpg` });
    expect(result).toMatchObject({ errCode: 0, type: 'Back', validDate: card.expected.valid_date });
    // The function fetched the image and sent the bytes: WeChat was not asked to fetch a URL.
    expect(ocrCalls()[0].imageBytes).toBeGreaterThan(0);
  });
});
