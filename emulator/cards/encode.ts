/**
 * Turns drawn pixels into the bytes a phone or scanner would hand over: optional blur and sensor noise, a plain
 * pixel rotation, EXIF orientation (pixels stored turned, with the tag that turns them back), and the file format.
 */
import sharp from 'sharp';
import type { Random } from './random';

export type ImageFormat = 'jpeg' | 'png' | 'webp';
export type PixelRotation = 0 | 90 | 180 | 270;
/** The EXIF Orientation values (1 = upright; 3, 6, 8 rotated; 2, 4, 5, 7 mirrored). */
export type ExifOrientation = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;

export const CONTENT_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;
export type CardContentType = (typeof CONTENT_TYPES)[ImageFormat];

export interface EncodeOptions {
  format: ImageFormat;
  /** 1–100, for JPEG and WebP. */
  quality: number;
  /** Gaussian blur sigma in pixels; below 0.3 means none. */
  blur: number;
  /** Standard deviation of per-pixel sensor noise, in 8-bit levels; 0 means none. */
  noise: number;
  /** Turn the pixels clockwise without any tag: the image really is sideways or upside down. */
  rotate: PixelRotation;
  /** Store the pixels so that a viewer applying this EXIF Orientation shows them as drawn (after `rotate`). */
  exifOrientation?: ExifOrientation;
}

/**
 * How to store pixels for each orientation: the inverse of what the tag tells a viewer to do. For the transposed
 * ones (5, 7) sharp mirrors before it rotates, hence flip for 5 and flop for 7 (checked against `rotate()`).
 */
const STORED_FOR_ORIENTATION: Record<ExifOrientation, { rotate: number; flip?: boolean; flop?: boolean }> = {
  1: { rotate: 0 },
  2: { rotate: 0, flop: true },
  3: { rotate: 180 },
  4: { rotate: 0, flip: true },
  5: { rotate: 90, flip: true },
  6: { rotate: 270 },
  7: { rotate: 90, flop: true },
  8: { rotate: 90 },
};

/** Adds seeded Gaussian noise to interleaved 8-bit samples in place. */
function addNoise(samples: Buffer, deviation: number, random: Random): void {
  const table = new Int16Array(4096);
  for (let i = 0; i < table.length; i++) table[i] = Math.round(random.gaussian() * deviation);
  let state = (random.next() * 0xffffffff) | 1;
  for (let i = 0; i < samples.length; i++) {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    const value = samples[i] + table[state & 4095];
    samples[i] = value < 0 ? 0 : value > 255 ? 255 : value;
  }
}

/** Encodes opaque RGBA pixels. Returns the file bytes and the stored pixel size. */
export async function encodePixels(
  rgba: Buffer,
  width: number,
  height: number,
  options: EncodeOptions,
  random: Random,
): Promise<{ buffer: Buffer; width: number; height: number }> {
  let image = sharp(rgba, { raw: { width, height, channels: 4 } }).removeAlpha();
  if (options.blur >= 0.3) image = image.blur(options.blur);
  if (options.noise > 0) {
    const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
    addNoise(data, options.noise, random);
    image = sharp(data, { raw: { width: info.width, height: info.height, channels: 3 } });
  }
  const stored = STORED_FOR_ORIENTATION[options.exifOrientation ?? 1];
  // Sharp mirrors before it rotates, and a mirror turns a later clockwise turn into an anticlockwise one.
  const mirrored = stored.flip || stored.flop;
  const rotation = (stored.rotate + (mirrored ? 360 - options.rotate : options.rotate)) % 360;
  if (rotation) image = image.rotate(rotation);
  if (stored.flip) image = image.flip();
  if (stored.flop) image = image.flop();
  if (options.exifOrientation) image = image.withMetadata({ orientation: options.exifOrientation });
  if (options.format === 'jpeg') image = image.jpeg({ quality: options.quality, chromaSubsampling: options.quality >= 95 ? '4:4:4' : '4:2:0' });
  else if (options.format === 'webp') image = image.webp({ quality: options.quality });
  else image = image.png({ compressionLevel: 6 });
  const { data, info } = await image.toBuffer({ resolveWithObject: true });
  return { buffer: data, width: info.width, height: info.height };
}
