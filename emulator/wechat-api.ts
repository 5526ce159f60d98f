/**
 * WeChat's HTTPS API, the part this package calls: `GET /cgi-bin/token` and `POST /cv/ocr/idcard` (`img_url` in the
 * query, or a multipart `img`). Errors are WeChat's: HTTP 200 with `{ errcode, errmsg }`.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorEntry } from '../miniprogram/shared/errors';
import type { CallLog, CallRecord } from './calls';
import { sufferTransportFault, transportFaultResult, type Sleep } from './fault-transport';
import type { Faults } from './faults';
import { BodyTooLargeError, readBody, sendJson } from './http-util';
import { answerIdcard, wechatError, type IdcardServiceOptions } from './idcard-api';
import { parseMultipart } from './multipart';
import type { AccessTokens } from './tokens';

export interface WechatApiDeps {
  appId: string;
  appSecret: string;
  tokens: AccessTokens;
  faults: Faults;
  calls: CallLog;
  sleep: Sleep;
  idcard: IdcardServiceOptions;
  maxBodyBytes: number;
}

/** Codes of the token endpoint; the function never sees them once configured, so they are not in the shared table. */
const TOKEN_ERRORS = {
  grantType: { errcode: 40002, errmsg: 'invalid grant_type' },
  appIdMissing: { errcode: 41002, errmsg: 'appid missing' },
  appIdInvalid: { errcode: 40013, errmsg: 'invalid appid' },
  secretMissing: { errcode: 41004, errmsg: 'appsecret missing' },
  secretInvalid: { errcode: 40125, errmsg: 'invalid appsecret' },
  tokenMissing: { errcode: 41001, errmsg: 'access_token missing' },
} as const;

/** `GET /cgi-bin/token?grant_type=client_credential&appid=APPID&secret=APPSECRET`. */
export async function handleToken(req: IncomingMessage, res: ServerResponse, url: URL, deps: WechatApiDeps): Promise<void> {
  const api = 'https:/cgi-bin/token';
  const fault = deps.faults.take('token');
  if (fault && (await sufferTransportFault(fault, res, deps.sleep))) {
    deps.calls.add({ api, result: transportFaultResult(fault.kind), fault: fault.kind });
    return;
  }
  const answer = ((): object => {
    if (fault?.kind === 'errcode') return { errcode: fault.errcode, errmsg: fault.errmsg ?? errorEntry(fault.errcode)?.errMsg ?? 'system error' };
    const q = url.searchParams;
    if (q.get('grant_type') !== 'client_credential') return TOKEN_ERRORS.grantType;
    if (!q.get('appid')) return TOKEN_ERRORS.appIdMissing;
    if (q.get('appid') !== deps.appId) return TOKEN_ERRORS.appIdInvalid;
    if (!q.get('secret')) return TOKEN_ERRORS.secretMissing;
    if (q.get('secret') !== deps.appSecret) return TOKEN_ERRORS.secretInvalid;
    return deps.tokens.issue();
  })();
  deps.calls.add({ api, result: 'errcode' in answer ? Number(answer.errcode) : 0, fault: fault?.kind });
  sendJson(res, 200, answer);
}

/** `POST /cv/ocr/idcard?type=photo&img_url=ENCODED&access_token=TOKEN`, or the image as multipart field `img`. */
export async function handleIdcard(req: IncomingMessage, res: ServerResponse, url: URL, deps: WechatApiDeps): Promise<void> {
  const api = 'https:/cv/ocr/idcard';
  const q = url.searchParams;
  const type = q.get('type') ?? undefined;
  if (req.method !== 'POST') return answer(res, deps, { api, type }, wechatError(43002));

  const token = deps.tokens.check(q.get('access_token'));
  if (token === 'missing') return answer(res, deps, { api, type }, TOKEN_ERRORS.tokenMissing);
  if (token === 'invalid') return answer(res, deps, { api, type }, wechatError(40001));
  if (token === 'expired') return answer(res, deps, { api, type }, wechatError(42001));

  let image: Buffer | undefined;
  try {
    image = await readImagePart(req, deps.maxBodyBytes);
  } catch (err) {
    if (err instanceof BodyTooLargeError) return answer(res, deps, { api, type }, wechatError(101002, 'request body too large'));
    return answer(res, deps, { api, type }, wechatError(41005, 'unreadable multipart body'));
  }
  const fault = deps.faults.take('ocr');
  if (fault && (await sufferTransportFault(fault, res, deps.sleep))) {
    deps.calls.add({ api, result: transportFaultResult(fault.kind), fault: fault.kind, type, imageBytes: image?.length });
    return;
  }
  const record = { api, type, imageBytes: image?.length, fault: fault?.kind };
  if (fault?.kind === 'errcode') {
    return answer(res, deps, record, fault.errmsg ? { errcode: fault.errcode, errmsg: fault.errmsg } : wechatError(fault.errcode));
  }
  // img_url counts only in the query; one sent in the body is "media data missing" (41005), as WeChat answers.
  const result = await answerIdcard({ type, image, imgUrl: q.get('img_url') ?? undefined }, deps.idcard);
  return answer(res, deps, record, result);
}

/** The `img` part of a multipart body, if the request has one. */
async function readImagePart(req: IncomingMessage, maxBodyBytes: number): Promise<Buffer | undefined> {
  const contentType = String(req.headers['content-type'] ?? '');
  const body = await readBody(req, maxBodyBytes);
  if (!contentType.startsWith('multipart/form-data')) return undefined;
  const form = await parseMultipart(contentType, body);
  return form.files.get('img')?.data;
}

function answer(
  res: ServerResponse,
  deps: WechatApiDeps,
  record: Omit<CallRecord, 'result'>,
  body: { errcode: number | string; errmsg: string },
): void {
  deps.calls.add({ ...record, result: Number(body.errcode) });
  sendJson(res, 200, body);
}
