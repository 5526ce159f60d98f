/**
 * The TCB gateway `POST /admin?env=...` that wx-server-sdk (through @cloudbase/node-sdk) calls: it decodes the
 * request (JSON, or multipart for `wx.openApi`), checks the env and the signature header are there, and runs the
 * action from the table.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CallLog } from '../calls';
import { sufferTransportFault, transportFaultResult, type Sleep } from '../fault-transport';
import type { Faults } from '../faults';
import { readBody, sendJson } from '../http-util';
import { parseMultipart, type FormFile } from '../multipart';
import type { CloudStorage } from '../storage';
import type { ActionDefinition, GatewayReply, GatewayRequest } from './actions';

export interface GatewayDeps {
  envId: string;
  storage: CloudStorage;
  faults: Faults;
  calls: CallLog;
  sleep: Sleep;
  /** Finds the handler of an action: the emulator's own table, then `registerAction`'s, then the built-ins. */
  findAction(name: string): ActionDefinition | undefined;
  /** Largest request body accepted; a `wx.openApi` body holds one image plus a little protobuf. */
  maxBodyBytes: number;
}

/** Serves one gateway request; never throws (a failure is a TCB error answer). */
export async function handleGateway(req: IncomingMessage, res: ServerResponse, deps: GatewayDeps): Promise<void> {
  if (req.method !== 'POST') return replyError(res, 'INVALID_REQUEST', 'the gateway takes POST only');
  let request: GatewayRequest;
  try {
    request = await readGatewayRequest(req, deps.maxBodyBytes);
  } catch (err) {
    return replyError(res, 'INVALID_PARAM', `unreadable request: ${err instanceof Error ? err.message : String(err)}`);
  }
  // The SDK always signs (TC3-HMAC-SHA256); the emulator cannot verify a dummy secret, but an unsigned call is not the SDK.
  if (!String(req.headers.authorization ?? '').startsWith('TC3-HMAC-SHA256 ')) {
    return replyError(res, 'SIGN_PARAM_INVALID', 'missing TC3-HMAC-SHA256 authorization header');
  }
  if (request.envName !== deps.envId) {
    return replyError(res, 'INVALID_ENV', `env ${JSON.stringify(request.envName)} does not exist; this emulator serves ${deps.envId}`);
  }
  const action = deps.findAction(request.action);
  if (!action) return replyError(res, 'INVALID_ACTION', `action ${JSON.stringify(request.action)} is not supported by the emulator`);

  const fault = action.faultScope ? deps.faults.take(action.faultScope) : undefined;
  if (fault && (await sufferTransportFault(fault, res, deps.sleep))) {
    deps.calls.add({ api: request.action, result: transportFaultResult(fault.kind), fault: fault.kind });
    return;
  }
  let reply: GatewayReply;
  try {
    reply = await action.handle(request, {
      envId: deps.envId,
      storage: deps.storage,
      calls: fault?.kind === 'slow' ? { add: (record) => deps.calls.add({ ...record, fault: 'slow' }) } : deps.calls,
      fault: fault?.kind === 'errcode' ? fault : undefined,
    });
  } catch (err) {
    console.error(`[emulator] action ${request.action} failed:`, err instanceof Error ? err.message : String(err));
    reply = { kind: 'error', code: 'SYS_ERR', message: 'internal error of the emulator' };
  }
  writeReply(res, reply);
}

async function readGatewayRequest(req: IncomingMessage, maxBodyBytes: number): Promise<GatewayRequest> {
  const body = await readBody(req, maxBodyBytes);
  const contentType = String(req.headers['content-type'] ?? '');
  let params: Record<string, unknown>;
  let files = new Map<string, FormFile>();
  if (contentType.startsWith('multipart/form-data')) {
    const form = await parseMultipart(contentType, body);
    params = Object.fromEntries(form.fields);
    files = form.files;
  } else {
    const parsed: unknown = JSON.parse(body.toString('utf8') || '{}');
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('the body is not a JSON object');
    params = parsed as Record<string, unknown>;
  }
  return {
    action: String(params.action ?? ''),
    envName: String(params.envName ?? ''),
    params,
    files,
    headers: req.headers,
  };
}

function writeReply(res: ServerResponse, reply: GatewayReply): void {
  if (res.destroyed) return;
  switch (reply.kind) {
    case 'json':
      return sendJson(res, 200, reply.body);
    case 'bytes':
      res.writeHead(200, { 'content-type': reply.contentType, 'content-length': reply.body.length });
      res.end(reply.body);
      return;
    case 'error':
      return replyError(res, reply.code, reply.message);
  }
}

/** TCB reports errors with HTTP 200 and `{ code, message, requestId }`; the SDK turns `code` into its errCode. */
function replyError(res: ServerResponse, code: string, message: string): void {
  if (res.destroyed) return;
  sendJson(res, 200, { code, message, requestId: '' });
}
