/**
 * The wx-server-sdk edge, run through the real SDK against a loopback stand-in of the TCB gateway for storage
 * (plain JSON; the openapi path is protobuf and is covered end to end with the emulator).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createCloudFileStore, createCloudOcrClient, initWxCloud, type WxCloud } from '../../cloudfunctions/ocrIdcard/src/cloud-platform';
import { normaliseError } from '../../cloudfunctions/ocrIdcard/src/normalise';

const ENV = 'test-env-1a2b';
const PRESENT = `cloud://${ENV}.7465-${ENV}-1300000000/idcard/front.jpg`;
const MISSING = `cloud://${ENV}.7465-${ENV}-1300000000/idcard/gone.jpg`;
const SLOW = `cloud://${ENV}.7465-${ENV}-1300000000/idcard/slow.jpg`;
const IMAGE = Buffer.from('synthetic image bytes');

let gateway: http.Server;
let cloud: WxCloud;
const saved = { ...process.env };

beforeAll(async () => {
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const base = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}`;
      if (req.url === '/files/front.jpg') return void res.end(IMAGE);
      if (req.url === '/files/slow.jpg') return; // the file GET that never answers
      const request = JSON.parse(body) as { action: string; file_list?: { fileid: string }[]; fileid_list?: string[] };
      res.setHeader('content-type', 'application/json');
      if (request.action === 'storage.batchGetDownloadUrl') {
        const fileID = request.file_list?.[0].fileid ?? '';
        const entry = fileID === MISSING
          ? { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' }
          : { fileID, tempFileURL: `${base}/files/${fileID.split('/').pop()}`, code: 'SUCCESS' };
        return void res.end(JSON.stringify({ data: { download_list: [entry] }, requestId: 'r1' }));
      }
      if (request.action === 'storage.batchDeleteFile') {
        const delete_list = (request.fileid_list ?? []).map((fileID) =>
          fileID === MISSING ? { fileID, code: 'STORAGE_FILE_NONEXIST', message: 'storage file not exists' } : { fileID, code: 'SUCCESS' },
        );
        return void res.end(JSON.stringify({ data: { delete_list }, requestId: 'r2' }));
      }
      res.statusCode = 400;
      res.end('{}');
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  Object.assign(process.env, {
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/admin` }),
    TENCENTCLOUD: 'true',
    TENCENTCLOUD_SECRETID: 'test-id',
    TENCENTCLOUD_SECRETKEY: 'test-key',
    TCB_ENV: ENV,
    SCF_NAMESPACE: ENV,
  });
  cloud = initWxCloud(2_000);
});

afterAll(async () => {
  process.env = saved;
  gateway.closeAllConnections();
  await new Promise((resolve) => gateway.close(resolve));
});

describe('cloud FileStore through wx-server-sdk', () => {
  it('downloads a file of the environment', async () => {
    const files = createCloudFileStore(cloud, 2_000);
    expect((await files.download(PRESENT)).equals(IMAGE)).toBe(true);
  });

  it('rejects a missing file with what normalises to -503003', async () => {
    const files = createCloudFileStore(cloud, 2_000);
    const error = await files.download(MISSING).catch((e: unknown) => e);
    expect(normaliseError(error)).toMatchObject({ errCode: -503003 });
  });

  it('gives up a download whose file GET never answers, as -501001', async () => {
    const files = createCloudFileStore(cloud, 300);
    const error = await files.download(SLOW).catch((e: unknown) => e);
    expect(normaliseError(error)).toMatchObject({ errCode: -501001 });
  });

  it('deletes a file, and rejects with the per-file status when it cannot', async () => {
    const files = createCloudFileStore(cloud, 2_000);
    await expect(files.remove(PRESENT)).resolves.toBeUndefined();
    const error = await files.remove(MISSING).catch((e: unknown) => e);
    expect(error).toMatchObject({ errCode: -503003 });
  });
});

describe('cloud OcrClient', () => {
  it('calls cloud.openapi.ocr.idcard with type and img { contentType, value: Buffer }', async () => {
    const calls: unknown[] = [];
    const fake = { openapi: { ocr: { idcard: async (request: unknown) => (calls.push(request), { errCode: 0, errMsg: 'ok' }) } } } as unknown as WxCloud;
    const client = createCloudOcrClient(fake);
    const image = { buffer: IMAGE, contentType: 'image/png' as const, width: 10, height: 10, method: 'passthrough' as const, bytesIn: IMAGE.length };
    await client.idcard({ type: 'scan', image });
    expect(client.mode).toBe('cloud');
    expect(calls).toEqual([{ type: 'scan', img: { contentType: 'image/png', value: IMAGE } }]);
  });
});
