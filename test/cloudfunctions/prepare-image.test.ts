/**
 * prepareImage on every generated input, with real sharp: what comes out (method, size, pixels, metadata) or
 * which error. Times are the bench's business (bench/image.ts), not asserted here.
 */
import sharp from 'sharp';
import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { isSrgbProfile } from '../../cloudfunctions/ocrIdcard/src/image-metadata';
import {
  ImageRejectedError,
  isImageRejectedError,
  prepareImage,
  type PreparedImageDetails,
  type PrepareMethod,
} from '../../cloudfunctions/ocrIdcard/src/prepare-image';
import { imageFixture, MARKER_RGB, type FixtureName } from '../fixtures/images';

jest.setTimeout(120_000);

interface Expected {
  method: PrepareMethod;
  width: number;
  height: number;
}

const ACCEPTED: Array<[FixtureName, Expected]> = [
  ['phone-12mp', { method: 'encode', width: 2560, height: 1920 }],
  ['phone-12mp-rot6', { method: 'encode', width: 1920, height: 2560 }],
  ['png-12mp', { method: 'encode', width: 2560, height: 1920 }],
  ['png-50mp', { method: 'encode', width: 2560, height: 1920 }],
  ['noise-12mp', { method: 'encode', width: 2560, height: 1920 }],
  ['small-scan', { method: 'encode', width: 638, height: 1011 }],
  ['cmyk-jpeg', { method: 'encode', width: 2000, height: 1500 }],
  ['png-16bit', { method: 'encode', width: 1600, height: 1000 }],
  ['png-alpha', { method: 'encode', width: 1600, height: 1000 }],
  ['webp', { method: 'encode', width: 2000, height: 1500 }],
  ['gif-animated', { method: 'encode', width: 600, height: 400 }],
  ['tiff', { method: 'encode', width: 1500, height: 1000 }],
  ['avif', { method: 'encode', width: 1500, height: 1000 }],
  ['strip', { method: 'encode', width: 19, height: 2560 }],
  ['album-jpeg-exif', { method: 'strip', width: 1600, height: 1200 }],
  ['jpeg-trailer', { method: 'strip', width: 1600, height: 1200 }],
  ['png-text', { method: 'strip', width: 1200, height: 800 }],
  ['compliant-jpeg', { method: 'passthrough', width: 3000, height: 2250 }],
  ['progressive-jpeg', { method: 'passthrough', width: 2000, height: 1500 }],
  ['tiny', { method: 'passthrough', width: 40, height: 25 }],
];

const REFUSED: Array<[FixtureName, RegExp]> = [
  ['empty', /empty/],
  ['random-bytes', /unknown format/],
  ['text', /text/],
  ['truncated-jpeg', /truncated JPEG/],
  ['truncated-png', /truncated PNG/],
  ['svg', /SVG/],
  ['pdf', /PDF/],
  ['pixel-bomb-png', /20000x20000 is over the limit/],
  ['heic', /HEIC/],
];

/** Mean colour of a box of the image, 0-255 per channel (sharp's stats() would describe the whole input). */
async function meanColour(image: Buffer, box: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const { data, info } = await sharp(image).extract(box).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sums[c] += data[i + Math.min(c, info.channels - 1)];
  return sums.map((sum) => Math.round(sum / (data.length / info.channels)));
}

const isMarkerRed = ([r, g, b]: number[]): boolean => r > MARKER_RGB[0] - 45 && g < 80 && b < 80;

describe('prepareImage accepts what phones and albums produce', () => {
  const results = new Map<FixtureName, { input: Buffer; prepared: PreparedImageDetails }>();

  beforeAll(async () => {
    for (const [name] of ACCEPTED) {
      const input = await imageFixture(name);
      results.set(name, { input, prepared: await prepareImage(input) });
    }
  }, 300_000);

  const get = (name: FixtureName) => {
    const result = results.get(name);
    if (!result) throw new Error(`no result for ${name}`);
    return result;
  };

  test.each(ACCEPTED)('%s -> %j', async (name, expected) => {
    const { input, prepared } = get(name);
    expect({ method: prepared.method, width: prepared.width, height: prepared.height }).toEqual(expected);
    expect(prepared.buffer.length).toBeLessThan(2_000_000);
    expect(prepared.bytesIn).toBe(input.length);
    expect(prepared.buffer.equals(input)).toBe(expected.method === 'passthrough');
    // What is said about the output is what the output is.
    const out = await sharp(prepared.buffer).metadata();
    expect(`${out.format}:${out.width}x${out.height}`).toBe(`${prepared.contentType === 'image/png' ? 'png' : 'jpeg'}:${prepared.width}x${prepared.height}`);
    // No metadata leaves: no EXIF (GPS), no XMP, no comments; at most a plain sRGB profile.
    expect(out.exif).toBeUndefined();
    expect(out.xmp).toBeUndefined();
    expect(out.comments ?? []).toEqual([]);
    if (out.icc) expect(isSrgbProfile(out.icc)).toBe(true);
    expect(out.orientation ?? 1).toBe(1);
    if (prepared.method === 'encode') {
      expect(out.space).toBe('srgb');
      expect(out.channels).toBe(3);
      expect(out.hasAlpha).toBe(false);
    }
  });

  test('pass-through sends the very bytes it got', () => {
    for (const name of ['compliant-jpeg', 'progressive-jpeg', 'tiny'] as const) {
      const { input, prepared } = get(name);
      expect(prepared.buffer.equals(input)).toBe(true);
      expect(prepared.reasons).toEqual([]);
      expect(prepared.encodes).toBe(0);
    }
  });

  test('strip drops metadata but not one pixel', async () => {
    for (const name of ['album-jpeg-exif', 'jpeg-trailer', 'png-text'] as const) {
      const { input, prepared } = get(name);
      expect(prepared.buffer.length).toBeLessThan(input.length);
      const [before, after] = await Promise.all([input, prepared.buffer].map((bytes) => sharp(bytes).raw().toBuffer()));
      expect(after.equals(before)).toBe(true);
    }
    // The appended "video" is gone entirely.
    const trailer = get('jpeg-trailer');
    expect(trailer.prepared.buffer.includes(Buffer.from('ftypmp42'))).toBe(false);
    expect(trailer.prepared.buffer.subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
  });

  test('a phone photo loses its GPS: the EXIF GPS pointer is in the input, no EXIF is in the output', async () => {
    const { input, prepared } = get('phone-12mp');
    const exif = (await sharp(input).metadata()).exif;
    // Tag 0x8825 (GPSInfo) in either byte order.
    expect(exif && (exif.includes(Buffer.from([0x88, 0x25])) || exif.includes(Buffer.from([0x25, 0x88])))).toBe(true);
    expect(prepared.buffer.includes(Buffer.from('Exif\0\0', 'latin1'))).toBe(false);
  });

  test('EXIF orientation 6 is applied: the stored top-left marker ends top-right', async () => {
    const upright = get('phone-12mp').prepared;
    expect(isMarkerRed(await meanColour(upright.buffer, { left: 20, top: 20, width: 60, height: 60 }))).toBe(true);
    const rotated = get('phone-12mp-rot6').prepared;
    expect(rotated.orientation).toBe(6);
    expect(isMarkerRed(await meanColour(rotated.buffer, { left: rotated.width - 80, top: 20, width: 60, height: 60 }))).toBe(true);
    expect(isMarkerRed(await meanColour(rotated.buffer, { left: 20, top: 20, width: 60, height: 60 }))).toBe(false);
  });

  test('EXIF orientation 8 is applied: the stored top-left marker ends bottom-left', async () => {
    const scan = get('small-scan').prepared;
    expect(scan.orientation).toBe(8);
    expect(isMarkerRed(await meanColour(scan.buffer, { left: 5, top: scan.height - 35, width: 30, height: 30 }))).toBe(true);
    expect(isMarkerRed(await meanColour(scan.buffer, { left: 5, top: 5, width: 30, height: 30 }))).toBe(false);
  });

  test('CMYK becomes sRGB with its colours', async () => {
    const { prepared } = get('cmyk-jpeg');
    expect(prepared.reasons).toContain('CMYK JPEG');
    expect(isMarkerRed(await meanColour(prepared.buffer, { left: 20, top: 20, width: 60, height: 60 }))).toBe(true);
  });

  test('16-bit PNG is scaled to 8 bits, not clipped', async () => {
    const { prepared } = get('png-16bit');
    const mean = await meanColour(prepared.buffer, { left: 20, top: 20, width: 60, height: 60 });
    expect(mean.map((value, channel) => Math.abs(value - MARKER_RGB[channel]) < 25)).toEqual([true, true, true]);
  });

  test('transparency is flattened on white', async () => {
    const { prepared } = get('png-alpha');
    const corner = await meanColour(prepared.buffer, { left: prepared.width - 60, top: prepared.height - 60, width: 50, height: 50 });
    expect(corner.every((v) => v >= 245)).toBe(true);
  });

  test('an animated GIF gives its first frame', async () => {
    const { prepared } = get('gif-animated');
    expect(isMarkerRed(await meanColour(prepared.buffer, { left: 250, top: 150, width: 100, height: 100 }))).toBe(true);
  });

  test('one encode lands under the limit in the common case; heavy noise needs the second, never more', () => {
    for (const name of ['phone-12mp', 'phone-12mp-rot6', 'png-12mp', 'png-50mp', 'cmyk-jpeg', 'webp'] as const) {
      expect([name, get(name).prepared.encodes]).toEqual([name, 1]);
    }
    const noise = get('noise-12mp').prepared;
    expect(noise.encodes).toBe(2);
    expect(noise.width).toBe(2560);
  });
});

describe('prepareImage refuses what is not a usable image, with 101002', () => {
  test.each(REFUSED)('%s', async (name, reason) => {
    const error: unknown = await prepareImage(await imageFixture(name)).catch((e: unknown) => e);
    expect(isImageRejectedError(error)).toBe(true);
    const rejected = error as ImageRejectedError;
    expect(rejected).toBeInstanceOf(ImageRejectedError);
    expect({ errCode: rejected.errCode, message: rejected.message }).toEqual({
      errCode: ERROR_TABLE.INVALID_IMAGE_DATA.errCode,
      message: ERROR_TABLE.INVALID_IMAGE_DATA.message,
    });
    expect(rejected.errMsg).toMatch(/^invalid image data: /);
    expect(rejected.reason).toMatch(reason);
  }, 60_000);

  test('sharp’s own pixel limit refuses formats whose header we do not read', async () => {
    const error: unknown = await prepareImage(await imageFixture('webp'), { limitInputPixels: 1_000_000 }).catch((e: unknown) => e);
    expect(isImageRejectedError(error) && error.errCode).toBe(101002);
    expect((error as ImageRejectedError).reason).toMatch(/pixel limit/i);
  });

  test('the header check refuses a JPEG over a configured pixel limit before decoding', async () => {
    const error: unknown = await prepareImage(await imageFixture('phone-12mp'), { limitInputPixels: 10_000_000 }).catch((e: unknown) => e);
    expect((error as ImageRejectedError).reason).toBe('4032x3024 is over the limit of 10000000 pixels');
  });
});

describe('prepareImage options', () => {
  test('a smaller maxBytes is still met, with fewer pixels only when quality alone cannot do it', async () => {
    const input = await imageFixture('phone-12mp');
    const prepared = await prepareImage(input, { maxBytes: 150_000 });
    expect(prepared.buffer.length).toBeLessThan(150_000);
    expect(prepared.encodes).toBeLessThanOrEqual(2);
    const noisy = await prepareImage(await imageFixture('noise-12mp'), { maxBytes: 500_000 });
    expect(noisy.buffer.length).toBeLessThan(500_000);
    expect(Math.max(noisy.width, noisy.height)).toBeLessThan(2560);
  });

  test('a compliant JPEG over a smaller maxBytes is encoded instead of passed through', async () => {
    const prepared = await prepareImage(await imageFixture('compliant-jpeg'), { maxBytes: 1_000_000 });
    expect(prepared.method).toBe('encode');
    expect(prepared.reasons).toEqual(['over 1000000 bytes']);
    expect(prepared.buffer.length).toBeLessThan(1_000_000);
  });

  test('maxLongEdge and quality are honoured; nothing is enlarged', async () => {
    const small = await prepareImage(await imageFixture('phone-12mp'), { maxLongEdge: 1000, quality: 70 });
    expect([small.width, small.height, small.quality]).toEqual([1000, 750, 70]);
    const gif = await prepareImage(await imageFixture('gif-animated'), { maxLongEdge: 4000 });
    expect([gif.width, gif.height]).toEqual([600, 400]);
  });

  test.each([
    [{ maxBytes: 0 }, 'Expected integer between 10000 and 100000000 for maxBytes but received 0 of type number'],
    [{ maxBytes: 1.5e6 + 0.5 }, 'Expected integer between 10000 and 100000000 for maxBytes but received 1500000.5 of type number'],
    [{ maxLongEdge: '2000' }, 'Expected integer between 64 and 16383 for maxLongEdge but received 2000 of type string'],
    [{ quality: 101 }, 'Expected integer between 1 and 100 for quality but received 101 of type number'],
    [{ limitInputPixels: -1 }, 'Expected positive integer for limitInputPixels but received -1 of type number'],
  ])('refuses %j', async (options, message) => {
    const input = await imageFixture('tiny');
    await expect(prepareImage(input, options as never)).rejects.toThrow(message);
  });

  test('refuses a non-Buffer input as a programming error, not as a bad image', async () => {
    const error: unknown = await prepareImage('photo.jpg' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(isImageRejectedError(error)).toBe(false);
  });
});
