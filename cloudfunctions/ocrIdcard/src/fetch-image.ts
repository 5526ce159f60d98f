/**
 * Fetches the image behind an `imgUrl`, so it goes through prepareImage like any other source (WeChat would
 * fetch it itself, but would refuse anything of 2 MB or more). The rules are safeFetch's: http(s) to public
 * addresses only (or hosts named in OCR_IDCARD_URL_ALLOWLIST), the checked address connected to, at most three
 * redirects each checked again, a byte cap while reading, one time limit for the whole fetch.
 */
import { ImageUrlError } from './image-url-error';
import { safeFetch } from './safe-fetch';

export { ImageUrlError };

export interface FetchImageOptions {
  /** For the whole fetch, redirects included. */
  timeoutMs: number;
  /** The body is refused as soon as it passes this many bytes. */
  maxBytes: number;
}

/**
 * Fetches an http(s) URL into memory.
 * @throws ImageUrlError (errCode 101000, errMsg `invalid image url: <reason>`) on every refusal and failure.
 * @example
 * const bytes = await fetchImage('https://example.com/card.jpg', { timeoutMs: 5000, maxBytes: 20_000_000 });
 */
export async function fetchImage(url: string, opts: FetchImageOptions): Promise<Buffer> {
  // The call's budget may be spent before the fetch starts.
  if (!(opts.timeoutMs > 0)) throw new ImageUrlError('timeout', 'no time left in the budget');
  return (await safeFetch(url, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes })).body;
}
