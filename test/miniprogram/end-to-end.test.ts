/**
 * End to end: the real <idcard-capture> (miniprogram-simulate, WXML by wcc) drives the real built cloud function
 * (cloudfunctions/ocrIdcard/index.js) with the real wx-server-sdk, against the local emulator whose ocr.idcard is
 * the on-device OCR engine reading a synthetic card photo. Only the phone's own calls are stand-ins: the album
 * hands over a generated photo, wx.cloud.uploadFile puts its bytes into the emulator's storage, and
 * wx.cloud.callFunction runs the function's main with the page's data, JSON-encoded as on the wire.
 *
 * The cloud side runs in its own Node process (test/e2e/cloud-host.ts): the OCR engine's native code and worker
 * threads need plain Node, this file needs jsdom. Needs `npm run build` first (npm test does it).
 */
import type { CardSide } from '../../miniprogram/shared/idcard';
import type { ConfirmedIdcard } from '../../miniprogram/utils/confirm';
import { startCloudHost, type CloudHost } from './support/cloud-host';
import { attr, events, mount, tap, text } from './support/view';
import { loadFromRoot, stubWx, type WxStubs } from './support/wx';

const capture = loadFromRoot('components/idcard-capture/index');
const SEED = 7;

interface AlbumPhoto {
  path: string;
  size: number;
  expected: { name?: string; id?: string; addr?: string; gender?: string; nationality?: string; birth?: string; valid_date?: string };
}

let host: CloudHost;
let wxStubs: WxStubs;
const uploaded: string[] = [];

beforeAll(async () => {
  host = await startCloudHost(60_000);
}, 70_000);

afterAll(() => host?.stop());

beforeEach(() => {
  wxStubs = stubWx();
  wxStubs.uploadFile.mockImplementation(async ({ cloudPath, filePath }) => {
    const { status, body } = await host.post<{ fileID: string; errMsg?: string }>('/upload', { cloudPath, filePath });
    if (status !== 200) throw { errMsg: `cloud.uploadFile:fail ${body.errMsg}` };
    uploaded.push(body.fileID);
    return { fileID: body.fileID, statusCode: 200 };
  });
  wxStubs.callFunction.mockImplementation(async ({ name, data }) => {
    const { status, body } = await host.post<{ result?: unknown; errCode?: number; errMsg?: string }>('/call', { name, data });
    if (status !== 200) throw { errCode: body.errCode, errMsg: body.errMsg };
    return { result: body.result };
  });
});

/** Puts a synthetic photo of that side "in the album" for the next chooseMedia. */
async function photoInAlbum(side: CardSide): Promise<AlbumPhoto> {
  const { body } = await host.post<AlbumPhoto>('/album', { seed: SEED, side });
  wxStubs.chooseMedia.mockResolvedValueOnce({ tempFiles: [{ tempFilePath: body.path, size: body.size }] });
  return body;
}

/** Waits for a tile to leave uploading/recognizing: real work in another process, not microtasks. */
async function finished(comp: ReturnType<typeof mount>, side: CardSide, withinMs: number): Promise<string> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const state = text(comp, `#state-${side}`);
    if (state === '已识别' || state === '识别失败') return state;
    if (Date.now() > deadline) throw new Error(`${side} still "${state}" after ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

test('front and back of a synthetic card photo: read by the real function and OCR engine, confirmed by the user', async () => {
  const comp = mount(capture);

  const front = await photoInAlbum('Front');
  await tap(comp, '#album-Front');
  const frontState = await finished(comp, 'Front', 90_000);
  expect(frontState === '识别失败' ? text(comp, '#failure-Front') : frontState).toBe('已识别');
  expect(attr(comp, '#input-name', 'value')).toBe(front.expected.name);
  expect(attr(comp, '#input-gender', 'value')).toBe(front.expected.gender);
  expect(attr(comp, '#input-nationality', 'value')).toBe(front.expected.nationality);
  expect(attr(comp, '#input-addr', 'value')).toBe(front.expected.addr);
  const birth = front.expected.birth!;
  expect(attr(comp, '#input-birth', 'value')).toBe(`${birth.slice(0, 4)}-${birth.slice(4, 6)}-${birth.slice(6, 8)}`);
  const id = front.expected.id!;
  expect(text(comp, '#value-id')).toBe(`${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(-4)}`);

  const back = await photoInAlbum('Back');
  await tap(comp, '#album-Back');
  const backState = await finished(comp, 'Back', 90_000);
  expect(backState === '识别失败' ? text(comp, '#failure-Back') : backState).toBe('已识别');
  expect(attr(comp, '#input-validDate', 'value')).toBe(back.expected.valid_date);

  // The page asked for the side it wanted; the function deleted each upload after reading it.
  expect(wxStubs.callFunction.mock.calls.map(([call]) => call.data)).toEqual([
    expect.objectContaining({ type: 'photo', side: 'Front', fileID: uploaded[0] }),
    expect.objectContaining({ type: 'photo', side: 'Back', fileID: uploaded[1] }),
  ]);
  for (const fileID of uploaded) {
    expect((await host.post<{ stored: boolean }>('/stored', { fileID })).body.stored).toBe(false);
  }

  const confirmed = events<ConfirmedIdcard>(comp, 'confirm');
  await tap(comp, '#confirm');
  expect(confirmed).toHaveLength(1);
  expect(confirmed[0].front?.id).toBe(id);
  expect(confirmed[0].back?.validDate).toBe(back.expected.valid_date);
}, 200_000);
