/**
 * The emulator's cloud storage through the real wx-server-sdk: files put as a phone uploads them, downloaded and
 * deleted by the SDK, temporary URLs that expire.
 */
import type { Emulator } from '../../emulator';
import { smallJpeg, startWithSdk, thrown, type Sdk } from './support';

let emulator: Emulator;
let cloud: Sdk;
let jpeg: Buffer;
let clock = Date.now();

beforeAll(async () => {
  ({ emulator, cloud } = await startWithSdk({ recognizer: { recognize: () => Promise.reject(new Error('not used')) }, now: () => clock }));
  jpeg = await smallJpeg();
});
afterAll(() => emulator.stop());

describe('putFile', () => {
  it('returns a fileID of the emulator env, as wx.cloud.uploadFile does', () => {
    const fileID = emulator.putFile('idcard/front.jpg', jpeg);
    expect(fileID).toBe(`cloud://local-env.${emulator.storage.bucket}/idcard/front.jpg`);
    expect(emulator.storage.bucket).toMatch(/^[0-9a-f]{4}-local-env-\d+$/);
  });

  it.each(['', '/abs.jpg', 'a/../b.jpg'])('refuses the cloud path %j, naming it', (cloudPath) => {
    expect(() => emulator.putFile(cloudPath, jpeg)).toThrow(`Expected a relative cloudPath without '..' segments but received ${JSON.stringify(cloudPath)}`);
  });
});

describe('downloadFile', () => {
  it('gets the exact bytes back, also for paths with spaces and Chinese', async () => {
    const fileID = emulator.putFile('idcard/用户 1/正面.jpg', jpeg);
    const { fileContent } = await cloud.downloadFile({ fileID });
    expect(Buffer.compare(fileContent, jpeg)).toBe(0);
  });

  it('throws STORAGE_FILE_NONEXIST for a file that is not there', async () => {
    const fileID = `cloud://local-env.${emulator.storage.bucket}/idcard/never.jpg`;
    expect(await thrown(cloud.downloadFile({ fileID }))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });

  it('does not serve a file of another env', async () => {
    const fileID = emulator.putFile('idcard/x.jpg', jpeg).replace('cloud://local-env.', 'cloud://other-env.');
    expect(await thrown(cloud.downloadFile({ fileID }))).toMatchObject({ code: 'STORAGE_FILE_NONEXIST' });
  });
});

describe('temporary URLs', () => {
  it('serve the file until max_age passes, then answer 403', async () => {
    const fileID = emulator.putFile('idcard/temp.jpg', jpeg);
    const { fileList } = await cloud.getTempFileURL({ fileList: [fileID] });
    const url = fileList[0].tempFileURL;
    expect(url.startsWith(`${emulator.url}/storage/`)).toBe(true);
    expect((await fetch(url)).status).toBe(200);
    clock += 86_400_000 + 1000;
    expect((await fetch(url)).status).toBe(403);
  });

  it('answer 403 to a URL with a forged signature and 404 to one of a deleted file', async () => {
    const fileID = emulator.putFile('idcard/signed.jpg', jpeg);
    const url = (await cloud.getTempFileURL({ fileList: [fileID] })).fileList[0].tempFileURL;
    expect((await fetch(url.replace(/sign=[0-9a-f]/, 'sign=z'))).status).toBe(403);
    expect((await fetch(url.replace('signed.jpg', 'other.jpg'))).status).toBe(403);
    emulator.storage.delete(fileID);
    expect((await fetch(url)).status).toBe(404);
  });
});

describe('deleteFile', () => {
  it('deletes, and reports a file that was not there per file (-503003), without throwing', async () => {
    const fileID = emulator.putFile('idcard/del.jpg', jpeg);
    const missing = `cloud://local-env.${emulator.storage.bucket}/idcard/missing.jpg`;
    const { fileList } = await cloud.deleteFile({ fileList: [fileID, missing] });
    expect(fileList).toEqual([
      { fileID, status: 0, errMsg: 'ok' },
      { fileID: missing, status: -503003, errMsg: 'storage file not exists' },
    ]);
    expect(emulator.storage.has(fileID)).toBe(false);
  });
});
