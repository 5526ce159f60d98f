/**
 * Fetches the image behind an `imgUrl`, so it goes through prepareImage like any other source (WeChat would
 * fetch it itself, but would refuse anything of 2 MB or more). Bounded on every side: http(s) only, at most
 * three redirects, a byte cap checked while reading, one time limit for the whole fetch.
 */
import http from 'node:http';
import https from 'node:https';

export interface FetchImageOptions {
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** The body is refused as soon as it passes this many bytes. */
  maxBytes: number;
}

/** The one way fetchImage fails: WeChat's own 101000, "invalid image url / fetch failed". */
export class ImageFetchError extends Error {
  override name = 'ImageFetchError';
  readonly errCode = 101000;
  readonly errMsg: string;
  constructor(reason: string) {
    super(`invalid image url: ${reason}`);
    this.errMsg = this.message;
  }
}

const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function protocolOf(url: URL): typeof http | typeof https {
  if (url.protocol === 'https:') return https;
  if (url.protocol === 'http:') return http;
  throw new ImageFetchError(`only http and https are fetched, not ${url.protocol}`);
}

/**
 * Fetches an http(s) URL into memory.
 * @throws ImageFetchError (errCode 101000) on a bad URL, a non-200 answer, too many redirects, a body over
 * `maxBytes`, a network error or the time limit.
 * @example
 * const bytes = await fetchImage('https://example.com/card.jpg', { timeoutMs: 5000, maxBytes: 20_000_000 });
 */
export function fetchImage(url: string, opts: FetchImageOptions): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    let current: http.ClientRequest | undefined;
    let settled = false;
    const finish = (error: ImageFetchError | undefined, body?: Buffer): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      current?.destroy();
      if (error) reject(error);
      else resolve(body as Buffer);
    };
    const timer = setTimeout(() => finish(new ImageFetchError(`no complete answer within ${opts.timeoutMs} ms`)), opts.timeoutMs);

    const get = (target: string, redirectsLeft: number): void => {
      let parsed: URL;
      let client: typeof http | typeof https;
      try {
        parsed = new URL(target);
        client = protocolOf(parsed);
      } catch (error) {
        finish(error instanceof ImageFetchError ? error : new ImageFetchError('not a URL'));
        return;
      }
      current = client.get(parsed, { headers: { accept: 'image/*' } }, (response) => {
        const status = response.statusCode ?? 0;
        if (REDIRECTS.has(status) && response.headers.location) {
          response.resume();
          if (redirectsLeft === 0) return finish(new ImageFetchError(`more than ${MAX_REDIRECTS} redirects`));
          return get(new URL(response.headers.location, parsed).toString(), redirectsLeft - 1);
        }
        if (status !== 200) {
          response.resume();
          return finish(new ImageFetchError(`the server answered HTTP ${status}`));
        }
        const declared = Number(response.headers['content-length']);
        if (declared > opts.maxBytes) return finish(new ImageFetchError(`the image is over ${opts.maxBytes} bytes`));
        const chunks: Buffer[] = [];
        let received = 0;
        response.on('data', (chunk: Buffer) => {
          received += chunk.length;
          if (received > opts.maxBytes) finish(new ImageFetchError(`the image is over ${opts.maxBytes} bytes`));
          else chunks.push(chunk);
        });
        response.on('end', () => finish(undefined, Buffer.concat(chunks)));
        response.on('error', () => finish(new ImageFetchError('the connection broke while reading')));
        // 'close' without 'end' first: the server hung up mid-body.
        response.on('close', () => finish(new ImageFetchError('the connection broke while reading')));
      });
      current.on('error', (error: NodeJS.ErrnoException) => finish(new ImageFetchError(`network error ${error.code ?? ''}`.trim())));
    };
    get(url, MAX_REDIRECTS);
  });
}
