/**
 * The access_token of WeChat's HTTPS API, fetched from `/cgi-bin/token` and kept until shortly before it expires.
 * One cache per warm function instance; calls arriving together share one fetch.
 */

/** A failure in the shape the handler reads: WeChat's errcode, or -501001 when WeChat could not be reached. */
export interface CallError {
  errCode: number;
  errMsg: string;
}

export interface TokenSource {
  appId: string;
  appSecret: string;
  apiBase: string;
}

export interface TokenCacheDeps {
  clock: () => number;
  fetch: typeof fetch;
}

interface Cached {
  token: string;
  /** Clock value after which the token is no longer used. */
  useUntil: number;
}

/** Refresh this long before the stated expiry, at most; tokens that live shorter keep a tenth of their life. */
const REFRESH_MARGIN_MS = 5 * 60_000;

export class AccessTokenCache {
  private cached: Cached | undefined;
  private inFlight: Promise<string> | undefined;

  constructor(
    private readonly source: TokenSource,
    private readonly deps: TokenCacheDeps,
  ) {}

  /** A token that is still good, fetching one when none is. `signal` bounds the fetch. Rejects with a CallError. */
  get(signal: AbortSignal): Promise<string> {
    if (this.cached && this.deps.clock() < this.cached.useUntil) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.fetchToken(signal).finally(() => {
      this.inFlight = undefined;
    });
    return this.inFlight;
  }

  /** Drops `token` when it is the cached one: WeChat said it is invalid (40001) or expired (42001). */
  invalidate(token: string): void {
    if (this.cached?.token === token) this.cached = undefined;
  }

  private async fetchToken(signal: AbortSignal): Promise<string> {
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.source.appId, secret: this.source.appSecret });
    const started = this.deps.clock();
    const body = await getJson(this.deps.fetch, `${this.source.apiBase}/cgi-bin/token?${query}`, { signal }, 'token');
    const token = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (Number(body.errcode ?? 0) !== 0 || typeof token !== 'string' || token === '' || !(expiresIn > 0)) {
      throw failed(Number(body.errcode) || -1, `token:fail ${String(body.errmsg ?? 'no access_token in the answer')}`);
    }
    const lifeMs = expiresIn * 1000;
    // Count the lifetime from when the request left: the token was issued somewhere during the round trip.
    this.cached = { token, useUntil: started + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 10) };
    return token;
  }
}

/**
 * One request answered with a JSON object. Timeouts, refused connections and non-200 statuses are -501001, as
 * wx-server-sdk reports them in the cloud mode. Messages never contain the URL: it carries the secret or token.
 */
export async function getJson(fetchImpl: typeof fetch, url: string, init: RequestInit, what: string): Promise<Record<string, unknown>> {
  let response: Response;
  try {
    response = await fetchImpl(url, init);
  } catch (err) {
    throw failed(-501001, `${what}:fail ${isTimeout(err) ? 'request timed out' : 'network failure'}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failed(-501001, `${what}:fail HTTP ${response.status}`);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (err) {
    const timedOut = isTimeout(err);
    throw failed(timedOut ? -501001 : -1, `${what}:fail ${timedOut ? 'request timed out' : 'answer is not JSON'}`);
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw failed(-1, `${what}:fail answer is not a JSON object`);
  return body as Record<string, unknown>;
}

/** The abort of `AbortSignal.timeout`: a DOMException, which is not always `instanceof Error` (other realms). */
function isTimeout(err: unknown): boolean {
  const name = typeof err === 'object' && err !== null ? (err as { name?: unknown }).name : undefined;
  return name === 'TimeoutError' || name === 'AbortError';
}

export function failed(errCode: number, errMsg: string): CallError {
  return { errCode, errMsg };
}
