/**
 * The emulator's HTTP server: one port for the TCB gateway (`/admin`), the storage downloads behind its temporary
 * URLs (`/storage/...`) and WeChat's HTTPS API (`/cgi-bin/token`, `/cv/ocr/idcard`).
 */
import http from 'node:http';
import type { CallLog } from './calls';
import { sufferTransportFault, transportFaultResult, type Sleep } from './fault-transport';
import type { Faults } from './faults';
import { handleGateway, type GatewayDeps } from './gateway';
import { sendJson } from './http-util';
import type { CloudStorage } from './storage';
import { handleIdcard, handleToken, type WechatApiDeps } from './wechat-api';

export interface ServerDeps {
  gateway: GatewayDeps;
  wechat: WechatApiDeps;
  storage: CloudStorage;
  faults: Faults;
  calls: CallLog;
  sleep: Sleep;
}

/** Creates the server (not yet listening). Every request is answered or dropped on purpose; none throws out. */
export function createEmulatorServer(deps: ServerDeps): http.Server {
  return http.createServer((req, res) => {
    route(req, res, deps).catch((err: unknown) => {
      console.error('[emulator] request failed:', err instanceof Error ? err.message : String(err));
      if (!res.headersSent && !res.destroyed) sendJson(res, 500, { errcode: -1, errmsg: 'system error' });
      else res.destroy();
    });
  });
}

async function route(req: http.IncomingMessage, res: http.ServerResponse, deps: ServerDeps): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://emulator.local');
  const path = url.pathname;
  if (path === '/admin') return handleGateway(req, res, deps.gateway);
  if (path.startsWith('/storage/')) return serveDownload(req, res, url, deps);
  if (path === '/cgi-bin/token') return handleToken(req, res, url, deps.wechat);
  if (path === '/cv/ocr/idcard') return handleIdcard(req, res, url, deps.wechat);
  sendJson(res, 404, { errcode: 404, errmsg: `no such endpoint ${path} in the emulator` });
}

/** A GET of a temporary URL, as COS serves it: the bytes, 404 for a file gone, 403 for a bad or stale signature. */
async function serveDownload(req: http.IncomingMessage, res: http.ServerResponse, url: URL, deps: ServerDeps): Promise<void> {
  const api = 'download';
  const fault = deps.faults.take('download');
  if (fault && (await sufferTransportFault(fault, res, deps.sleep))) {
    deps.calls.add({ api, result: transportFaultResult(fault.kind), fault: fault.kind });
    return;
  }
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    deps.calls.add({ api, result: 405 });
    res.writeHead(405, { allow: 'GET, HEAD' }).end();
    return;
  }
  const found = deps.storage.lookupDownload(url.pathname, url.searchParams);
  if ('error' in found) {
    const status = found.error === 'not-found' ? 404 : 403;
    deps.calls.add({ api, result: status });
    res.writeHead(status, { 'content-type': 'application/xml' });
    res.end(`<?xml version='1.0' encoding='utf-8' ?><Error><Code>${status === 404 ? 'NoSuchKey' : 'AccessDenied'}</Code></Error>`);
    return;
  }
  const { file } = found;
  deps.calls.add({ api, result: 200, imageBytes: file.data.length, fileIDs: [file.fileID] });
  res.writeHead(200, { 'content-type': file.contentType, 'content-length': file.data.length });
  res.end(req.method === 'HEAD' ? undefined : file.data);
}
