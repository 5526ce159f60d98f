/**
 * `ocr.idcard` as WeChat serves it, shared by the cloud call (gateway `wx.openApi`) and the HTTPS API: the checks
 * WeChat makes on a request, then recognition. Every failure is an answer with WeChat's errcode, never a throw.
 */
import sharp from 'sharp';
import { errorEntry } from '../miniprogram/shared/errors';
import type { OcrType } from '../miniprogram/shared/idcard';
import type { IdcardAnswer, Recognizer } from './recognizer';

export interface IdcardQuery {
  /** As received; absent means `photo`. */
  type: string | undefined;
  /** Image bytes sent with the call (`img`). */
  image?: Buffer;
  /** `img_url`: an image WeChat fetches itself. Ignored when `image` is given, as WeChat's docs say. */
  imgUrl?: string;
}

export interface IdcardServiceOptions {
  recognizer: () => Promise<Recognizer>;
  /** Images of this size or more are refused with 101002. */
  maxImageBytes: number;
  /** How long fetching an `img_url` may take before it counts as unreachable (101000). */
  fetchTimeoutMs: number;
}

/** Decodable formats; WeChat accepts the common photo formats, not vector or raw camera data. */
const IMAGE_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

/** An error answer in WeChat's words for a code of the shared table. */
export function wechatError(errcode: number, detail?: string): IdcardAnswer {
  const errmsg = errorEntry(errcode)?.errMsg ?? 'system error';
  return { errcode, errmsg: detail ? `${errmsg}: ${detail}` : errmsg };
}

/** Answers one `ocr.idcard` call. */
export async function answerIdcard(query: IdcardQuery, options: IdcardServiceOptions): Promise<IdcardAnswer> {
  const type = query.type ?? 'photo';
  if (type !== 'photo' && type !== 'scan') return wechatError(40097, 'type must be photo or scan');

  let image = query.image;
  if (!image) {
    if (!query.imgUrl) return wechatError(41005);
    const fetched = await fetchImage(query.imgUrl, options);
    if (!fetched) return wechatError(101000);
    image = fetched;
  }
  if (image.length >= options.maxImageBytes) return wechatError(101002, `image is ${image.length} bytes, the limit is under ${options.maxImageBytes}`);
  if (!(await isDecodableImage(image))) return wechatError(101002);

  const recognizer = await options.recognizer();
  try {
    return asWechatAnswer(await recognizer.recognize(image, type as OcrType));
  } catch (err) {
    // An engine crash is WeChat's "system error" to the caller; the cause is for the emulator's own log.
    console.error('[emulator] recognition failed:', err instanceof Error ? err.message : String(err));
    return wechatError(-1);
  }
}

/** Fetches an `img_url` like WeChat's backend: http(s) only, a 2xx answer, bounded time and size. */
async function fetchImage(imgUrl: string, options: IdcardServiceOptions): Promise<Buffer | undefined> {
  let url: URL;
  try {
    url = new URL(imgUrl);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(options.fetchTimeoutMs), redirect: 'follow' });
    if (!res.ok || !res.body) return undefined;
    // Read one byte past the limit at most: enough to know the image is too large (101002), not more.
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of res.body) {
      chunks.push(Buffer.from(chunk));
      size += chunk.length;
      if (size >= options.maxImageBytes) break;
    }
    return Buffer.concat(chunks);
  } catch {
    return undefined;
  }
}

/** True when the bytes are a complete image in an accepted format (a truncated JPEG fails the decode). */
async function isDecodableImage(image: Buffer): Promise<boolean> {
  try {
    const meta = await sharp(image).metadata();
    if (!meta.format || !IMAGE_FORMATS.has(meta.format)) return false;
    await sharp(image).resize(64, 64, { fit: 'inside' }).raw().toBuffer();
    return true;
  } catch {
    return false;
  }
}

/** Only the fields WeChat returns: an engine may read more (birth date, issuing authority) than WeChat gives. */
function asWechatAnswer(answer: IdcardAnswer): IdcardAnswer {
  const { errcode, errmsg } = answer;
  if (Number(errcode) !== 0) return { errcode, errmsg };
  if (answer.type === 'Back') return { errcode, errmsg, type: 'Back', valid_date: answer.valid_date ?? '' };
  const { name = '', id = '', addr = '', gender = '', nationality = '' } = answer;
  return { errcode, errmsg, type: 'Front', name, id, addr, gender, nationality };
}
