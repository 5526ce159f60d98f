/**
 * What the built function keeps, through the real wx-server-sdk against the emulator: uploads of its own
 * environment only, deleted after recognition on success and on failure unless keepFile; and the per-user daily
 * limit, counted in the cloud database so that two function instances count together.
 */
import { makeCardImage, type CardImage } from '../../emulator/cards';
import { quotaKey, USER_QUOTA_COLLECTION } from '../../cloudfunctions/ocrIdcard/src/user-quota';
import { answerFor, captureOutput, loadFunction, startCloud, type Capture, type Cloud } from './function-host';

jest.setTimeout(30_000);

let cloud: Cloud;
let card: CardImage;
/** Each test's log lines, kept off the test report. */
let output: Capture;

beforeAll(async () => {
  card = await makeCardImage({ seed: 'stored-data', side: 'Front', mode: 'scan', format: 'jpeg', longEdge: 800 });
  cloud = await startCloud();
});
afterEach(() => output.restore());
afterAll(async () => {
  await cloud?.stop();
});
beforeEach(() => {
  output = captureOutput();
  cloud.recognizer.answer = answerFor(card);
  cloud.emulator.faults.clear();
  cloud.emulator.calls.clear();
});

const put = (name: string, bytes = card.buffer) => cloud.emulator.putFile(`idcard/${name}`, bytes, 'image/jpeg');
const storageCalls = () => cloud.emulator.calls.list().filter((c) => c.api.startsWith('storage.') || c.api === 'download');

describe('uploads', () => {
  const fn = () => loadFunction({ OCR_IDCARD_USER_DAILY_LIMIT: undefined });

  it('are deleted after a success', async () => {
    const fileID = put('ok.jpg');
    await expect(fn().main({ fileID })).resolves.toMatchObject({ errCode: 0 });
    expect(cloud.emulator.storage.has(fileID)).toBe(false);
  });

  it('are deleted after WeChat fails, and after the image is refused before WeChat', async () => {
    cloud.emulator.faults.inject({ kind: 'errcode', errcode: 101001 });
    const failed = put('failed.jpg');
    await expect(fn().main({ fileID: failed })).resolves.toMatchObject({ errCode: 101001 });
    const notImage = put('not-image.jpg', Buffer.from('plain text, not a picture'));
    await expect(fn().main({ fileID: notImage })).resolves.toMatchObject({ errCode: 101002 });
    expect(cloud.emulator.storage.has(failed)).toBe(false);
    expect(cloud.emulator.storage.has(notImage)).toBe(false);
  });

  it('are kept with keepFile, on success and on failure', async () => {
    const kept = put('kept.jpg');
    await expect(fn().main({ fileID: kept, keepFile: true })).resolves.toMatchObject({ errCode: 0 });
    cloud.emulator.faults.inject({ kind: 'errcode', errcode: 101001 });
    const keptFailed = put('kept-failed.jpg');
    await expect(fn().main({ fileID: keptFailed, keepFile: true })).resolves.toMatchObject({ errCode: 101001 });
    expect(cloud.emulator.storage.has(kept)).toBe(true);
    expect(cloud.emulator.storage.has(keptFailed)).toBe(true);
    expect(storageCalls().filter((c) => c.api === 'storage.batchDeleteFile')).toEqual([]);
  });

  it('of another environment are refused before anything is downloaded or deleted', async () => {
    const own = put('own.jpg');
    const foreign = own.replace(`cloud://${cloud.emulator.envId}.`, 'cloud://other-env-9.');
    const recognised = cloud.recognizer.calls;
    const result = await fn().main({ fileID: foreign });
    expect(result).toMatchObject({ errCode: 40097, errMsg: expect.stringContaining('belongs to environment other-env-9') });
    expect(storageCalls()).toEqual([]);
    expect(cloud.recognizer.calls).toBe(recognised);
    expect(cloud.emulator.storage.has(own)).toBe(true);
  });

  it('are refused when the function cannot tell its own environment', async () => {
    const fileID = put('unknown-env.jpg');
    const saved = { TCB_ENV: process.env.TCB_ENV, SCF_NAMESPACE: process.env.SCF_NAMESPACE };
    try {
      const unknown = loadFunction({ TCB_ENV: undefined, SCF_NAMESPACE: undefined, OCR_IDCARD_USER_DAILY_LIMIT: undefined });
      await expect(unknown.main({ fileID })).resolves.toMatchObject({ errCode: 40097 });
    } finally {
      Object.assign(process.env, saved);
    }
    expect(storageCalls()).toEqual([]);
  });
});

describe('the per-user daily limit', () => {
  const openid = 'oSyntheticStoredData0000001';

  it('counts across two function instances sharing the database, before any image work', async () => {
    const env = { ...cloud.emulator.env({ openid }), OCR_IDCARD_USER_DAILY_LIMIT: '2' };
    const first = loadFunction(env);
    const second = loadFunction(env);
    const recognised = cloud.recognizer.calls;

    await expect(first.main({ fileID: put('q1.jpg') })).resolves.toMatchObject({ errCode: 0 });
    await expect(second.main({ fileID: put('q2.jpg') })).resolves.toMatchObject({ errCode: 0 });
    cloud.emulator.calls.clear();
    const refusedFile = put('q3.jpg');
    const refused = await first.main({ fileID: refusedFile });
    expect(refused).toEqual({ errCode: 910001, errMsg: 'user daily limit reached: at most 2 recognitions a day', message: '您今天的识别次数已用完，请明天再试' });
    await expect(second.main({ img: { contentType: 'image/jpeg', value: card.buffer.toString('base64') } })).resolves.toMatchObject({ errCode: 910001 });

    // The refused calls fetched nothing and sent nothing to WeChat, and the refused upload was still deleted.
    expect(cloud.recognizer.calls).toBe(recognised + 2);
    expect(cloud.emulator.calls.list().map((c) => c.api)).toEqual(expect.not.arrayContaining(['storage.batchGetDownloadUrl', 'download']));
    expect(cloud.emulator.storage.has(refusedFile)).toBe(false);

    const counter = cloud.emulator.database.document(USER_QUOTA_COLLECTION, quotaKey(openid, Date.now()).id);
    expect(counter).toMatchObject({ count: 2 });
    expect(JSON.stringify(cloud.emulator.database.documents(USER_QUOTA_COLLECTION))).not.toContain(openid);
  });

  it('leaves other users alone', async () => {
    const other = loadFunction({ ...cloud.emulator.env({ openid: 'oSyntheticStoredData0000002' }), OCR_IDCARD_USER_DAILY_LIMIT: '2' });
    await expect(other.main({ fileID: put('other.jpg') })).resolves.toMatchObject({ errCode: 0 });
  });

  it('lets calls through, and logs it, when the database is down', async () => {
    const fn = loadFunction({ ...cloud.emulator.env({ openid: 'oSyntheticStoredData0000003' }), OCR_IDCARD_USER_DAILY_LIMIT: '1' });
    cloud.emulator.database.outage = { code: 'SYS_ERR', message: 'database unreachable' };
    const { lines } = output;
    try {
      await expect(fn.main({ fileID: put('outage-1.jpg') })).resolves.toMatchObject({ errCode: 0 });
      await expect(fn.main({ fileID: put('outage-2.jpg') })).resolves.toMatchObject({ errCode: 0 });
    } finally {
      cloud.emulator.database.outage = undefined;
    }
    const logged = lines.filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logged).toEqual([
      expect.objectContaining({ errCode: 0, quota: 'unavailable', quotaErrCode: -501001 }),
      expect.objectContaining({ errCode: 0, quota: 'unavailable', quotaErrCode: -501001 }),
    ]);
  });

  it('answers a limit that is not a number with a failure naming the variable', async () => {
    const fn = loadFunction({ OCR_IDCARD_USER_DAILY_LIMIT: 'ten' });
    const result = await fn.main({ fileID: put('bad-setting.jpg') });
    expect(result).toMatchObject({ errCode: -1, errMsg: expect.stringContaining('OCR_IDCARD_USER_DAILY_LIMIT') });
  });
});
