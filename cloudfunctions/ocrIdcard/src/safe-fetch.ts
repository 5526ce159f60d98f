/**
 * Fetches an image URL given by the page without letting it reach inside the cloud network (SSRF): the URL is
 * checked, its host resolved once, every resolved address checked, and the socket connects to the address that
 * was checked (the resolver is not asked again, so a DNS answer that changes between check and connect cannot
 * redirect it). Redirects are followed at most 3 times, each one checked like the first URL. The body is cut off
 * past a size cap and the whole fetch, redirects included, past a time cap. Every refusal and failure rejects
 * with an {@link ImageUrlError} (errCode 101000) before or instead of fetching anything.
 */
import dns from 'node:dns';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { ImageUrlError } from './image-url-error';
import { checkResolvedAddress, checkUrl, parseAllowlist, type Allowlist, type GuardedUrl } from './url-guard';

export interface ResolvedAddress {
  address: string;
  family: 4 | 6;
}

/** Resolves a host name to every address it has (the default asks the system resolver, as sockets do). */
export type Resolver = (host: string) => Promise<ResolvedAddress[]>;

export interface SafeFetchOptions {
  /** The whole fetch, resolution and redirects included, fails with reason `timeout` past this many ms. */
  timeoutMs: number;
  /** Bodies larger than this fail with reason `too-large`; default 20 MB. */
  maxBytes?: number;
  /** Default 3; one more redirect fails with reason `too-many-redirects`. */
  maxRedirects?: number;
  /** Default: read from `OCR_IDCARD_URL_ALLOWLIST` (see parseAllowlist); `null`: no allowlist. */
  allowlist?: Allowlist | null;
  /** Default: the system resolver. */
  resolve?: Resolver;
  /** Extra certificate authorities trusted for https (the public ones stay trusted when unset). */
  ca?: string | Buffer | Array<string | Buffer>;
}

export interface FetchedImage {
  body: Buffer;
  /** As the server said it; the image pipeline reads the bytes and does not trust this. */
  contentType?: string;
  /** How many redirects were followed. */
  redirects: number;
}

export const DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const systemResolver: Resolver = async (host) => {
  const answers = await dns.promises.lookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};

/**
 * Fetches `url` under the rules above.
 * @throws ImageUrlError (errCode 101000) for every refusal and failure; nothing is fetched after a refusal.
 * @example
 * const { body } = await safeFetch('https://img.example.com/front.jpg', { timeoutMs: 5000 });
 */
export async function safeFetch(url: string, options: SafeFetchOptions): Promise<FetchedImage> {
  const { timeoutMs } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TypeError(`Expected positive number for timeoutMs but received ${timeoutMs}`);
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new TypeError(`Expected positive integer for maxBytes but received ${maxBytes}`);
  if (!(Number.isInteger(maxRedirects) && maxRedirects >= 0)) throw new TypeError(`Expected integer >= 0 for maxRedirects but received ${maxRedirects}`);
  const allowlist = options.allowlist === undefined ? parseAllowlist(process.env.OCR_IDCARD_URL_ALLOWLIST) : (options.allowlist ?? undefined);
  const resolve = options.resolve ?? systemResolver;

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ImageUrlError('timeout', `no complete answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const target = checkUrl(current, allowlist);
      if (!target.ok) throw new ImageUrlError(target.reason);
      const address = await checkedAddress(target, resolve, deadline.signal);
      const hop = await fetchOnce(target, address, maxBytes, options.ca, deadline.signal);
      if (hop.kind === 'body') return { body: hop.body, contentType: hop.contentType, redirects };
      if (redirects >= maxRedirects) throw new ImageUrlError('too-many-redirects', `more than ${maxRedirects}`);
      let next: URL;
      try {
        next = new URL(hop.location, target.url);
      } catch {
        throw new ImageUrlError('bad-url', 'redirect location');
      }
      if (target.url.protocol === 'https:' && next.protocol === 'http:') throw new ImageUrlError('redirect-downgrade');
      current = next.href;
    }
  } finally {
    clearTimeout(timer);
  }
}

/** Resolves the host once and checks every address it has; the first one is what the socket will use. */
async function checkedAddress(target: GuardedUrl, resolve: Resolver, signal: AbortSignal): Promise<ResolvedAddress> {
  if (target.literal) return { address: target.host, family: target.literal };
  let addresses: ResolvedAddress[];
  try {
    addresses = await untilAborted(resolve(target.host), signal);
  } catch (err) {
    throw signal.aborted ? timedOut(signal) : new ImageUrlError('unresolvable', errorCode(err));
  }
  if (addresses.length === 0) throw new ImageUrlError('unresolvable');
  // One bad address refuses the host: a resolver that mixes public and private answers is not to be trusted.
  for (const { address } of addresses) {
    const refusal = checkResolvedAddress(address, target.allowlisted);
    if (refusal) throw new ImageUrlError(refusal.reason);
  }
  return addresses[0];
}

/** A socket lookup that answers with the checked address only, in whichever form the socket asks for. */
function pinnedLookup({ address, family }: ResolvedAddress): LookupFunction {
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

type Hop = { kind: 'body'; body: Buffer; contentType?: string } | { kind: 'redirect'; location: string };

function fetchOnce(target: GuardedUrl, address: ResolvedAddress, maxBytes: number, ca: SafeFetchOptions['ca'], signal: AbortSignal): Promise<Hop> {
  return new Promise<Hop>((resolve, reject) => {
    const fail = (err: ImageUrlError) => {
      req.destroy();
      reject(err);
    };
    const onError = (err: unknown, detail = errorCode(err)) => reject(signal.aborted ? timedOut(signal) : new ImageUrlError('network', detail));
    const secure = target.url.protocol === 'https:';
    const request = secure ? https.request : http.request;
    const req = request({
      host: target.host,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: 'GET',
      headers: { Host: target.url.host, Accept: 'image/*', 'User-Agent': 'ocrIdcard' },
      lookup: pinnedLookup(address),
      // A fresh socket per hop: a pooled one could belong to an address checked for another URL.
      agent: false,
      signal,
      ...(secure ? { servername: target.literal ? undefined : target.host, ca } : {}),
    });
    req.on('error', onError);
    req.on('response', (res) => {
      res.on('error', (err) => onError(err, 'the connection broke while reading'));
      const status = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status) && location) {
        res.destroy();
        resolve({ kind: 'redirect', location });
        return;
      }
      if (status < 200 || status > 299) return fail(new ImageUrlError('http-status', `HTTP ${status}`));
      const declared = Number(res.headers['content-length']);
      if (declared > maxBytes) return fail(new ImageUrlError('too-large', `over ${maxBytes} bytes`));
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) fail(new ImageUrlError('too-large', `over ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on('end', () => {
        if (!res.complete) onError(undefined, 'the connection broke while reading');
        else resolve({ kind: 'body', body: Buffer.concat(chunks, size), contentType: res.headers['content-type'] });
      });
    });
    req.end();
  });
}

/** The deadline's own error (it names the time limit). */
function timedOut(signal: AbortSignal): ImageUrlError {
  return signal.reason instanceof ImageUrlError ? signal.reason : new ImageUrlError('timeout');
}

function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** A system error code (ECONNREFUSED, ENOTFOUND …) for errMsg; never a message that could quote the URL. */
function errorCode(err: unknown): string | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^[A-Z0-9_]+$/.test(code) ? code : undefined;
}
