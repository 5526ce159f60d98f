/**
 * Pixels as the models want them: decoded once with sharp (EXIF orientation applied, alpha flattened on white),
 * kept as packed RGB, and sampled through an affine frame so that a rotated card or line can be read upright
 * without another round trip through libvips.
 */
import sharp from 'sharp';

/** Packed 8-bit RGB, row-major. */
export interface Raster {
  data: Uint8Array;
  width: number;
  height: number;
}

/**
 * Where an output pixel (i, j) comes from in the source: `origin + (i + 0.5) * xStep + (j + 0.5) * yStep`.
 * A rotated rectangle read upright is one such frame.
 */
export interface SamplingFrame {
  originX: number;
  originY: number;
  xStepX: number;
  xStepY: number;
  yStepX: number;
  yStepY: number;
}

/** Thrown when the bytes are not an image sharp can decode. */
export class UndecodableImageError extends Error {
  constructor(cause: unknown) {
    super(`Expected image data sharp can decode but received bytes it rejected: ${String(cause)}`);
    this.name = 'UndecodableImageError';
  }
}

/**
 * Decodes an image, applies its EXIF orientation and shrinks it so the long edge is at most `maxEdge`
 * (never enlarges). Pixel limit guards against decompression bombs.
 */
export async function decodeRaster(image: Buffer, maxEdge: number): Promise<Raster> {
  try {
    const { data, info } = await sharp(image, { limitInputPixels: 100_000_000, failOn: 'error' })
      .rotate()
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb')
      .resize({ width: maxEdge, height: maxEdge, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`decoded to ${info.channels} channels`);
    return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
  } catch (error) {
    throw new UndecodableImageError(error instanceof Error ? error.message : error);
  }
}

/** Resizes a raster to an exact size (area-averaging when shrinking, as libvips does). */
export async function resizeRaster(raster: Raster, width: number, height: number): Promise<Raster> {
  const { data, info } = await sharp(raster.data, { raw: { width: raster.width, height: raster.height, channels: 3 } })
    .resize({ width, height, fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height };
}

/**
 * Samples `width x height` pixels through `frame`, bilinear, with `taps x taps` supersampling so that shrinking a
 * large source does not alias thin strokes. Points outside the source take the nearest edge pixel.
 */
export function sampleRaster(source: Raster, frame: SamplingFrame, width: number, height: number, taps = 1): Raster {
  const out = new Uint8Array(width * height * 3);
  const { data, width: sw, height: sh } = source;
  const maxX = sw - 1;
  const maxY = sh - 1;
  const inv = 1 / (taps * taps);
  const acc = [0, 0, 0];
  for (let j = 0; j < height; j++) {
    for (let i = 0; i < width; i++) {
      acc[0] = acc[1] = acc[2] = 0;
      for (let tj = 0; tj < taps; tj++) {
        const v = j + (tj + 0.5) / taps;
        for (let ti = 0; ti < taps; ti++) {
          const u = i + (ti + 0.5) / taps;
          let x = frame.originX + u * frame.xStepX + v * frame.yStepX - 0.5;
          let y = frame.originY + u * frame.xStepY + v * frame.yStepY - 0.5;
          x = x < 0 ? 0 : x > maxX ? maxX : x;
          y = y < 0 ? 0 : y > maxY ? maxY : y;
          const x0 = Math.floor(x);
          const y0 = Math.floor(y);
          const x1 = x0 < maxX ? x0 + 1 : x0;
          const y1 = y0 < maxY ? y0 + 1 : y0;
          const fx = x - x0;
          const fy = y - y0;
          const p00 = (y0 * sw + x0) * 3;
          const p10 = (y0 * sw + x1) * 3;
          const p01 = (y1 * sw + x0) * 3;
          const p11 = (y1 * sw + x1) * 3;
          for (let c = 0; c < 3; c++) {
            const top = data[p00 + c] + (data[p10 + c] - data[p00 + c]) * fx;
            const bottom = data[p01 + c] + (data[p11 + c] - data[p01 + c]) * fx;
            acc[c] += top + (bottom - top) * fy;
          }
        }
      }
      const o = (j * width + i) * 3;
      out[o] = acc[0] * inv + 0.5;
      out[o + 1] = acc[1] * inv + 0.5;
      out[o + 2] = acc[2] * inv + 0.5;
    }
  }
  return { data: out, width, height };
}
