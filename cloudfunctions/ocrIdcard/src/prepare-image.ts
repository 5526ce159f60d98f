/**
 * prepareImage: whatever a phone or an album produced -> an image WeChat's ocr.idcard accepts, strictly under
 * the byte limit, upright, with no metadata (a phone's EXIF carries GPS).
 *
 * Cheapest path first:
 * 1. refuse from the first bytes what is not an image we decode (SVG, PDF, text, HEIC, cut-off files), and from
 *    the header what has too many pixels, before any decoder runs;
 * 2. pass through a JPEG or PNG that is already fine: the original bytes, no time, no generation loss;
 * 3. strip: a JPEG or PNG whose only fault is metadata loses those segments, its pixel data untouched;
 * 4. encode: one decode, rotate, resize (never enlarging) and JPEG encode with sharp; a further encode only when
 *    the first misses the limit, aimed from the size it really had.
 */
import type { PreparedImage } from './platform';
import { ImageRejectedError, invalidImage } from './image-error';
import { sniffImageFormat, withoutRanges, type ImageFormat, type ImageLayout } from './image-format';
import { readJpegLayout } from './jpeg-layout';
import { readPngLayout } from './png-layout';
import { firstTarget, nextTarget, type EncodeTarget } from './encode-plan';
import { resolvePrepareImageOptions, type PrepareImageOptions, type PrepareImageSettings } from './prepare-image-options';
import { loadSharp, type SharpBackend, type SharpModule } from './sharp-loader';

export { ImageRejectedError, isImageRejectedError } from './image-error';
export type { PrepareMethod } from './platform';
export { PREPARE_IMAGE_DEFAULTS, resolvePrepareImageOptions, type PrepareImageOptions } from './prepare-image-options';

/** At most this many JPEG encodes; the third one has not been needed by any input we generate. */
const MAX_ENCODES = 3;


/** What prepareImage resolves with: the platform's PreparedImage and how it came about, for the log line. */
export interface PreparedImageDetails extends PreparedImage {
  /** The input's format, from its magic bytes. */
  format: ImageFormat;
  /** EXIF orientation read from a JPEG or PNG (1: none or upright); applied to the pixels when not 1. */
  orientation?: number;
  /** Why the input could not go out as it was; empty for a pass-through. */
  reasons: string[];
  /** JPEG encodes run: 0 without encoding, usually 1. */
  encodes: number;
  /** Quality of the JPEG encode that was sent. */
  quality?: number;
  /** The sharp build that encoded it (absent when sharp was not needed): `wasm` is slower and needs more memory. */
  sharp?: SharpBackend;
}

/**
 * Makes an image ready for ocr.idcard. Rejects with an {@link ImageRejectedError}: errCode 101002 when the bytes
 * are not a usable image, 910002 when the image needs work and sharp could not be loaded. Throws a plain Error
 * for invalid options (a programming error, not the user's).
 * @example
 * const prepared = await prepareImage(await readFile('photo.jpg'));
 * // { buffer, contentType: 'image/jpeg', width: 1920, height: 2560, method: 'encode', reasons: ['EXIF orientation 6', ...] }
 * const strict = await prepareImage(bytes, { maxBytes: 1_000_000 });
 */
export async function prepareImage(input: Buffer, options?: PrepareImageOptions): Promise<PreparedImageDetails> {
  if (!Buffer.isBuffer(input)) throw new TypeError(`Expected Buffer for input but received ${String(input)} of type ${typeof input}`);
  const settings = resolvePrepareImageOptions(options);
  const sniffed = sniffImageFormat(input);
  if (!sniffed.ok) throw invalidImage(sniffed.reason);
  const { format } = sniffed;

  let layout: ImageLayout | undefined;
  const reasons: string[] = [];
  if (format === 'jpeg' || format === 'png') {
    layout = format === 'jpeg' ? readJpegLayout(input) : readPngLayout(input);
    checkPixelLimit(layout.width, layout.height, settings.limitInputPixels);
    const lossless = sendAsIs(input, format, layout, settings.maxBytes);
    if (lossless) return lossless;
    reasons.push(...layout.needsEncode);
    if (layout.metadata.length > 0) reasons.push('metadata');
    if (input.length >= settings.maxBytes) reasons.push(`over ${settings.maxBytes} bytes`);
  } else {
    reasons.push(`${format} input`);
  }

  const loaded = loadSharp();
  if (!loaded.ok) {
    throw new ImageRejectedError('IMAGE_PROCESSOR_UNAVAILABLE', `sharp did not load: ${loaded.error.message.split('\n')[0]}`, { cause: loaded.error });
  }
  const aspect = layout ? Math.max(layout.width, layout.height) / Math.min(layout.width, layout.height) : 1;
  const encoded = await encodeUnderLimit(loaded.sharp, input, format, settings, firstTarget(settings, aspect));
  return { ...encoded, format, method: 'encode', orientation: layout?.orientation, reasons, bytesIn: input.length, sharp: loaded.backend };
}

/** Refuses from the header alone, so sharp never allocates a pixel bomb. */
function checkPixelLimit(width: number, height: number, limit: number): void {
  if (width * height > limit) throw invalidImage(`${width}x${height} is over the limit of ${limit} pixels`);
}

/** Pass-through or strip when the pixels can go out as they are and the bytes (without metadata) fit. */
function sendAsIs(input: Buffer, format: 'jpeg' | 'png', layout: ImageLayout, maxBytes: number): PreparedImageDetails | undefined {
  if (layout.needsEncode.length > 0) return undefined;
  const passthrough = layout.metadata.length === 0;
  const buffer = passthrough ? input : withoutRanges(input, layout.metadata);
  if (buffer.length >= maxBytes) return undefined;
  return {
    buffer,
    contentType: format === 'jpeg' ? 'image/jpeg' : 'image/png',
    width: layout.width,
    height: layout.height,
    bytesIn: input.length,
    format,
    method: passthrough ? 'passthrough' : 'strip',
    orientation: layout.orientation,
    reasons: passthrough ? [] : ['metadata'],
    encodes: 0,
  };
}

type Encoded = Pick<PreparedImageDetails, 'buffer' | 'contentType' | 'width' | 'height' | 'encodes' | 'quality'>;

/** JPEG encodes until one is under the limit: one in the common case, each retry aimed from the last size. */
async function encodeUnderLimit(sharp: SharpModule, input: Buffer, format: ImageFormat, settings: PrepareImageSettings, first: EncodeTarget): Promise<Encoded> {
  let target = first;
  for (let encodes = 1; ; encodes++) {
    const { data, info } = await encodeOnce(sharp, input, format, target, settings.limitInputPixels);
    if (data.length < settings.maxBytes) {
      return { buffer: data, contentType: 'image/jpeg', width: info.width, height: info.height, encodes, quality: target.quality };
    }
    if (encodes === MAX_ENCODES) throw invalidImage(`no JPEG under ${settings.maxBytes} bytes after ${MAX_ENCODES} encodes`);
    target = nextTarget({ bytes: data.length, longEdge: Math.max(info.width, info.height), quality: target.quality }, settings.maxBytes);
  }
}

/**
 * One pass: decode (first frame or page only, shrink-on-load where the format has it), apply the EXIF
 * orientation, resize to fit, flatten transparency on white, encode an sRGB JPEG without metadata.
 */
async function encodeOnce(sharp: SharpModule, input: Buffer, format: ImageFormat, target: EncodeTarget, limitInputPixels: number) {
  try {
    return await sharp(input, { limitInputPixels, failOn: 'error', autoOrient: true })
      .resize({ width: target.longEdge, height: target.longEdge, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: target.quality })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw invalidImage(`sharp could not read the ${format}: ${message}`, error);
  }
}
