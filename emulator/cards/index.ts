/**
 * Synthetic ID card images for tests, benchmarks and the local samples: a seeded identity rendered on the front
 * or back of a card, as a tight scan or as a phone photo on a textured surface, in JPEG, PNG or WebP.
 *
 * @example
 * const card = await makeCardImage({ seed: 1, side: 'Front', mode: 'photo', format: 'jpeg' });
 * card.expected; // { type: 'Front', name, id, addr, gender, nationality, birth }
 */
import type { CardSide, OcrType } from '../../miniprogram/shared/idcard';
import { BACKGROUNDS, type Background } from './backgrounds';
import {
  CONTENT_TYPES,
  encodePixels,
  type CardContentType,
  type ExifOrientation,
  type ImageFormat,
  type PixelRotation,
} from './encode';
import { expectedBack, expectedFront, generateIdentity } from './identity';
import { composePhoto, layoutPhoto, photoOfSurface, type Point } from './photo';
import { createRandom, type Seed } from './random';
import { renderBack, renderFront } from './render';
import type { ExpectedBack, ExpectedFront, Identity, IdentityOverrides } from './types';

export type { Background } from './backgrounds';
export type { CardContentType, ExifOrientation, ImageFormat, PixelRotation } from './encode';
export type { Point } from './photo';
export type { Seed } from './random';
export * from './types';
export { expectedBack, expectedFront, generateIdentity, validityForAge } from './identity';
export { printedValidity, renderBack, renderFront, type RenderOptions } from './render';
export { wrapAddress, ADDRESS_LINE_WIDTH } from './address';

/**
 * Image sizes: `small` (1280 px long edge, for fast tests), `phone` (4032 px, a 12 MP photo),
 * `phone-heavy` (4032 px with sensor noise at JPEG quality 95: a 4–6 MB file, over WeChat's 2 MB limit).
 */
export type SizePreset = 'small' | 'phone' | 'phone-heavy';

const PRESETS: Record<SizePreset, { longEdge: number; quality: number; noise: number }> = {
  small: { longEdge: 1280, quality: 90, noise: 0 },
  phone: { longEdge: 4032, quality: 92, noise: 2 },
  'phone-heavy': { longEdge: 4032, quality: 95, noise: 3.5 },
};

export interface CardImageOptions<S extends CardSide = CardSide> {
  /** Same seed and options, same identity and (for PNG, JPEG and WebP alike) the same bytes. */
  seed: Seed;
  side: S;
  /** `scan`: the card alone, tightly cropped. `photo` (default): the card on a surface, askew. */
  mode?: OcrType;
  format?: ImageFormat;
  size?: SizePreset;
  /** Long edge in pixels; overrides the preset's. */
  longEdge?: number;
  /** JPEG/WebP quality 1–100; overrides the preset's. */
  quality?: number;
  /** Sensor noise deviation in 8-bit levels; overrides the preset's. */
  noise?: number;
  /** Gaussian blur sigma in pixels (photo default: a slight seeded blur; scan default: none). */
  blur?: number;
  /** Turn the stored pixels clockwise, with no EXIF tag. */
  rotate?: PixelRotation;
  /** Store the pixels turned and tag them with this EXIF Orientation, which turns them back upright. */
  exifOrientation?: ExifOrientation;
  /** Print this identity instead of generating one from the seed. */
  identity?: Identity;
  /** Choices passed to `generateIdentity` (ignored when `identity` is given). */
  identityOverrides?: IdentityOverrides;
  /** Photo only: the surface (default: seeded). */
  background?: Background;
  /** Photo only: clockwise tilt of the card in degrees (default: seeded within ±8). */
  angle?: number;
  /** Photo only: card width as a fraction of the photo width (default: seeded 0.6–0.85). */
  cardScale?: number;
  /** Photo only: shorten the card's top edge by this fraction (true: a seeded 0.03–0.08; default none). */
  perspective?: number | boolean;
}

export interface CardImage<S extends CardSide = CardSide> {
  buffer: Buffer;
  contentType: CardContentType;
  /** Stored pixel size (before any EXIF orientation is applied). */
  width: number;
  height: number;
  identity: Identity;
  /** What WeChat's HTTPS ocr.idcard would answer for this card, plus `birth` / `authority`. */
  expected: S extends 'Front' ? ExpectedFront : ExpectedBack;
  side: S;
  mode: OcrType;
  /** The card's corners (top-left, top-right, bottom-right, bottom-left) in the upright image, before `rotate`/EXIF. */
  corners: Point[];
}

function checkNumber(value: number | undefined, name: string, min: number, max: number): void {
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new RangeError(`Expected number between ${min} and ${max} for ${name} but received ${String(value)} of type ${typeof value}`);
  }
}

function validate(options: CardImageOptions): void {
  if (options.side !== 'Front' && options.side !== 'Back') throw new RangeError(`Expected 'Front' or 'Back' for side but received ${String(options.side)}`);
  if (options.mode !== undefined && options.mode !== 'scan' && options.mode !== 'photo') throw new RangeError(`Expected 'scan' or 'photo' for mode but received ${String(options.mode)}`);
  if (options.format !== undefined && !(options.format in CONTENT_TYPES)) throw new RangeError(`Expected jpeg, png or webp for format but received ${String(options.format)}`);
  if (options.size !== undefined && !(options.size in PRESETS)) throw new RangeError(`Expected small, phone or phone-heavy for size but received ${String(options.size)}`);
  if (options.background !== undefined && !BACKGROUNDS.includes(options.background)) throw new RangeError(`Expected ${BACKGROUNDS.join(', ')} for background but received ${String(options.background)}`);
  if (options.rotate !== undefined && ![0, 90, 180, 270].includes(options.rotate)) throw new RangeError(`Expected 0, 90, 180 or 270 for rotate but received ${String(options.rotate)}`);
  if (options.exifOrientation !== undefined && !(Number.isInteger(options.exifOrientation) && options.exifOrientation >= 1 && options.exifOrientation <= 8)) {
    throw new RangeError(`Expected an integer between 1 and 8 for exifOrientation but received ${String(options.exifOrientation)}`);
  }
  checkNumber(options.longEdge, 'longEdge', 200, 8000);
  checkNumber(options.quality, 'quality', 1, 100);
  checkNumber(options.noise, 'noise', 0, 64);
  checkNumber(options.blur, 'blur', 0, 50);
  checkNumber(options.angle, 'angle', -45, 45);
  checkNumber(options.cardScale, 'cardScale', 0.2, 0.9);
  if (typeof options.perspective === 'number') checkNumber(options.perspective, 'perspective', 0, 0.3);
}

/**
 * A synthetic card image with the answer a recognizer must give for it.
 *
 * @example
 * const { buffer, contentType, expected } = await makeCardImage({ seed: 'demo', side: 'Back', mode: 'scan', format: 'png' });
 * const heavy = await makeCardImage({ seed: 3, side: 'Front', size: 'phone-heavy', exifOrientation: 6 });
 */
export async function makeCardImage<S extends CardSide>(options: CardImageOptions<S>): Promise<CardImage<S>> {
  validate(options);
  const mode: OcrType = options.mode ?? 'photo';
  const format: ImageFormat = options.format ?? 'jpeg';
  const preset = PRESETS[options.size ?? 'small'];
  const longEdge = Math.round(options.longEdge ?? preset.longEdge);
  const identity = options.identity ?? generateIdentity(options.seed, options.identityOverrides);
  const scene = createRandom(options.seed, `scene:${options.side}:${mode}`);
  const render = options.side === 'Front' ? renderFront : renderBack;

  let pixels: { rgba: Buffer; width: number; height: number };
  let corners: Point[];
  let blur = options.blur ?? 0;
  if (mode === 'scan') {
    const card = render(identity, { width: longEdge });
    const ctx = card.getContext('2d');
    // A scanner lid is white: that is what shows in the rounded corners.
    ctx.globalCompositeOperation = 'destination-over';
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, card.width, card.height);
    pixels = { rgba: card.data(), width: card.width, height: card.height };
    corners = [[0, 0], [card.width, 0], [card.width, card.height], [0, card.height]];
  } else {
    const layout = layoutPhoto(scene, { ...options, longEdge });
    const photo = composePhoto(render(identity, { width: layout.cardWidth }), layout, scene);
    pixels = { rgba: photo.canvas.data(), width: layout.width, height: layout.height };
    corners = photo.corners;
    blur = options.blur ?? scene.float(0.3, 1.0) * (longEdge / 1280);
  }

  const encoded = await encodePixels(
    pixels.rgba,
    pixels.width,
    pixels.height,
    {
      format,
      quality: options.quality ?? preset.quality,
      blur,
      noise: options.noise ?? preset.noise,
      rotate: options.rotate ?? 0,
      exifOrientation: options.exifOrientation,
    },
    scene,
  );
  const expected = (options.side === 'Front' ? expectedFront(identity) : expectedBack(identity)) as CardImage<S>['expected'];
  return {
    buffer: encoded.buffer,
    contentType: CONTENT_TYPES[format],
    width: encoded.width,
    height: encoded.height,
    identity,
    expected,
    side: options.side,
    mode,
    corners,
  };
}

export interface EmptyPhotoOptions {
  seed: Seed;
  background?: Background;
  format?: ImageFormat;
  longEdge?: number;
  quality?: number;
}

/**
 * A photo of a bare surface with no card on it: what a recognizer must answer 101001 (certificate not found) for.
 *
 * @example
 * const { buffer } = await makeEmptyPhoto({ seed: 1, background: 'desk' });
 */
export async function makeEmptyPhoto(options: EmptyPhotoOptions): Promise<{ buffer: Buffer; contentType: CardContentType; width: number; height: number }> {
  validate({ seed: options.seed, side: 'Front', format: options.format, background: options.background, longEdge: options.longEdge, quality: options.quality });
  const format = options.format ?? 'jpeg';
  const width = Math.round(options.longEdge ?? PRESETS.small.longEdge);
  const height = Math.round((width * 3) / 4);
  const random = createRandom(options.seed, 'scene:empty');
  const canvas = photoOfSurface(options.background ?? random.pick(BACKGROUNDS), random, width, height);
  const encoded = await encodePixels(canvas.data(), width, height, { format, quality: options.quality ?? 90, blur: 0, noise: 0, rotate: 0 }, random);
  return { buffer: encoded.buffer, contentType: CONTENT_TYPES[format], width: encoded.width, height: encoded.height };
}
