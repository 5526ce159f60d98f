/**
 * The cloud side of the mini-program end-to-end test, in a Node process of its own: the emulator with the real
 * OCR engine, and the built cloud function (cloudfunctions/ocrIdcard/index.js) with the real wx-server-sdk
 * pointed at it. The page side runs in jsdom (miniprogram-simulate), where native modules and worker threads do
 * not belong; it reaches this process over loopback HTTP, one route per platform call it stands in for:
 *
 *   POST /album  { seed, side }          -> { path, size, expected }  a synthetic card photo written to disk
 *   POST /upload { cloudPath, filePath } -> { fileID }                wx.cloud.uploadFile into emulator storage
 *   POST /call   { name, data }          -> { result }                wx.cloud.callFunction: the function's main
 *   POST /stored { fileID }              -> { stored }                whether a file is still in storage
 *
 * Prints `READY <port>` once it listens; exits when its stdin closes (the test process is gone).
 * Run: npx tsx test/e2e/cloud-host.ts
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { startEmulator } from '../../emulator';
import { makeCardImage } from '../../emulator/cards';
import type { CardSide, OcrIdcardResult } from '../../miniprogram/shared/idcard';

const FUNCTION_ENTRY = path.resolve(__dirname, '../../cloudfunctions/ocrIdcard/index.js');

/** The routes' bodies, as the page side sends them. */
interface AlbumRequest { seed: number; side: CardSide }
interface UploadRequest { cloudPath: string; filePath: string }
interface CallRequest { name: string; data: unknown }
interface StoredRequest { fileID: string }

type Main = (event: unknown) => Promise<OcrIdcardResult>;

async function readJson<T>(req: http.IncomingMessage): Promise<T> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as T;
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

async function run(): Promise<void> {
  const emulator = await startEmulator();
  // The shared test machine is slow and the OCR engine loads on the first call: a budget that leaves room for it.
  Object.assign(process.env, emulator.env(), { OCR_IDCARD_BUDGET_MS: '60000' });
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployable CommonJS file, loaded as the cloud loads it
  const { main } = require(FUNCTION_ENTRY) as { main: Main };
  const album = fs.mkdtempSync(path.join(os.tmpdir(), 'idcard-album-'));

  const routes: Record<string, (req: http.IncomingMessage) => Promise<[number, unknown]>> = {
    '/album': async (req) => {
      const { seed, side } = await readJson<AlbumRequest>(req);
      const card = await makeCardImage({ seed, side, mode: 'photo', format: 'jpeg', size: 'small' });
      const file = path.join(album, `card-${seed}-${side}.jpg`);
      fs.writeFileSync(file, card.buffer);
      return [200, { path: file, size: card.buffer.length, expected: card.expected }];
    },
    '/upload': async (req) => {
      const { cloudPath, filePath } = await readJson<UploadRequest>(req);
      return [200, { fileID: emulator.putFile(cloudPath, fs.readFileSync(filePath)) }];
    },
    '/call': async (req) => {
      const { name, data } = await readJson<CallRequest>(req);
      if (name !== 'ocrIdcard') return [404, { errCode: -404011, errMsg: `cloud.callFunction:fail function ${name} not found` }];
      return [200, { result: await main(data) }];
    },
    '/stored': async (req) => {
      const { fileID } = await readJson<StoredRequest>(req);
      return [200, { stored: emulator.storage.has(fileID) }];
    },
  };

  const server = http.createServer((req, res) => {
    const route = req.method === 'POST' ? routes[req.url ?? ''] : undefined;
    if (!route) return reply(res, 404, { errMsg: `no route ${req.method} ${req.url}` });
    route(req).then(
      ([status, body]) => reply(res, status, body),
      (err: unknown) => reply(res, 500, { errMsg: err instanceof Error ? err.message : String(err) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));

  const stop = async (): Promise<void> => {
    server.close();
    await emulator.stop();
    fs.rmSync(album, { recursive: true, force: true });
    process.exit(0);
  };
  process.stdin.on('end', () => void stop());
  process.stdin.resume();
  process.on('SIGTERM', () => void stop());
  process.stdout.write(`READY ${(server.address() as AddressInfo).port}\n`);
}

run().catch((err: unknown) => {
  process.stderr.write(`cloud host failed: ${err instanceof Error ? err.stack : String(err)}\n`);
  process.exit(1);
});
