/**
 * ocr.idcard through WeChat's HTTPS API: `POST {apiBase}/cv/ocr/idcard?type=..&access_token=..` with the prepared
 * image as multipart field `img`. A token WeChat calls invalid (40001) or expired (42001) is replaced once and
 * the call made again. Resolves with WeChat's snake_case answer; rejects with `{ errCode, errMsg }`.
 */
import { AccessTokenCache, failed, getJson, type CallError } from './access-token';
import type { HttpsSettings } from './https-settings';
import type { OcrClient, OcrRequest } from './platform';

export interface HttpsClientOptions extends HttpsSettings {
  /** Time one `idcard` call may take in all, token fetch and a token refresh included. */
  timeoutMs: number;
  clock?: () => number;
  fetch?: typeof fetch;
}

const TOKEN_REJECTED = new Set([40001, 42001]);

/**
 * Creates the HTTPS-mode client. Keep one per process: it holds the token cache.
 * @example
 * const ocr = createHttpsOcrClient({ ...readHttpsSettings(process.env), timeoutMs: 7000 });
 * const answer = await ocr.idcard({ type: 'photo', image });
 */
export function createHttpsOcrClient(options: HttpsClientOptions): OcrClient {
  const deps = { clock: options.clock ?? Date.now, fetch: options.fetch ?? fetch };
  const tokens = new AccessTokenCache(options, deps);

  async function callOnce(request: OcrRequest, token: string, signal: AbortSignal): Promise<Record<string, unknown>> {
    const query = new URLSearchParams({ type: request.type, access_token: token });
    const form = new FormData();
    const extension = request.image.contentType === 'image/png' ? 'png' : 'jpg';
    form.append('img', new Blob([request.image.buffer], { type: request.image.contentType }), `img.${extension}`);
    return getJson(deps.fetch, `${options.apiBase}/cv/ocr/idcard?${query}`, { method: 'POST', body: form, signal }, 'ocr.idcard');
  }

  return {
    mode: 'https',
    async idcard(request: OcrRequest): Promise<unknown> {
      const signal = AbortSignal.timeout(options.timeoutMs);
      let token = await tokens.get(signal);
      let answer = await callOnce(request, token, signal);
      if (TOKEN_REJECTED.has(errcodeOf(answer))) {
        tokens.invalidate(token);
        token = await tokens.get(signal);
        answer = await callOnce(request, token, signal);
      }
      const errcode = errcodeOf(answer);
      if (errcode !== 0) throw wechatFailure(errcode, answer.errmsg);
      return answer;
    },
  };
}

/** WeChat sends errcode as the number 0 or the string "0"; an answer without one is a success. */
function errcodeOf(answer: Record<string, unknown>): number {
  const code = Number(answer.errcode ?? 0);
  return Number.isFinite(code) ? code : -1;
}

function wechatFailure(errcode: number, errmsg: unknown): CallError {
  return failed(errcode, `ocr.idcard:fail ${typeof errmsg === 'string' ? errmsg : 'unknown error'}`);
}
