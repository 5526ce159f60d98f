/**
 * What the first bytes and the container structure say, before any decoder runs: format sniffing, JPEG marker
 * segments and PNG chunks, on small images made with sharp and then edited byte by byte.
 */
import sharp from 'sharp';
import { isImageRejectedError, prepareImage } from '../../cloudfunctions/ocrIdcard/src/prepare-image';
import { sniffImageFormat } from '../../cloudfunctions/ocrIdcard/src/image-format';
import { exifOrientation } from '../../cloudfunctions/ocrIdcard/src/image-metadata';
import { readJpegLayout } from '../../cloudfunctions/ocrIdcard/src/jpeg-layout';
import { readPngLayout } from '../../cloudfunctions/ocrIdcard/src/png-layout';

const card = () => sharp({ create: { width: 64, height: 48, channels: 3, background: '#3060a0' } });

/** A JPEG segment: marker, big-endian length, body. */
function segment(marker: number, body: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(body.length + 2, 2);
  return Buffer.concat([head, body]);
}

/** Inserts segments right after SOI. */
const afterSoi = (jpeg: Buffer, ...segments: Buffer[]): Buffer => Buffer.concat([jpeg.subarray(0, 2), ...segments, jpeg.subarray(2)]);

/** A PNG chunk with a correct CRC, made by letting zlib's crc32 do the sum. */
function chunk(type: string, data: Buffer): Buffer {
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  out.write(type, 4, 'latin1');
  data.copy(out, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + data.length)), 8 + data.length);
  return out;
}

function crc32(bytes: Buffer): number {
  let c = ~0;
  for (const byte of bytes) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return ~c >>> 0;
}

/** Inserts chunks right after IHDR. */
const afterIhdr = (png: Buffer, ...chunks: Buffer[]): Buffer => Buffer.concat([png.subarray(0, 33), ...chunks, png.subarray(33)]);

/** A TIFF-structured EXIF block holding only an Orientation tag. */
function exifBlock(orientation: number, order: 'II' | 'MM'): Buffer {
  const b = Buffer.alloc(26);
  const le = order === 'II';
  b.write(order, 0, 'latin1');
  le ? b.writeUInt16LE(42, 2) : b.writeUInt16BE(42, 2);
  le ? b.writeUInt32LE(8, 4) : b.writeUInt32BE(8, 4);
  le ? b.writeUInt16LE(1, 8) : b.writeUInt16BE(1, 8);
  le ? b.writeUInt16LE(0x0112, 10) : b.writeUInt16BE(0x0112, 10);
  le ? b.writeUInt16LE(3, 12) : b.writeUInt16BE(3, 12);
  le ? b.writeUInt32LE(1, 14) : b.writeUInt32BE(1, 14);
  le ? b.writeUInt16LE(orientation, 18) : b.writeUInt16BE(orientation, 18);
  return b;
}

describe('sniffImageFormat', () => {
  test.each([
    ['JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0]), 'jpeg'],
    ['PNG', Buffer.from('89504e470d0a1a0a', 'hex'), 'png'],
    ['GIF', Buffer.from('GIF89a'), 'gif'],
    ['TIFF little-endian', Buffer.from([0x49, 0x49, 0x2a, 0x00]), 'tiff'],
    ['TIFF big-endian', Buffer.from([0x4d, 0x4d, 0x00, 0x2a]), 'tiff'],
    ['AVIF under a mif1 major brand', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypmif1\0\0\0\0mif1avif')]), 'avif'],
  ])('%s', (_, bytes, format) => {
    expect(sniffImageFormat(bytes)).toEqual({ ok: true, format });
  });

  test.each([
    ['nothing', Buffer.alloc(0), 'empty input'],
    ['SVG after a BOM and blank lines', Buffer.from('\uFEFF\n  <svg xmlns="http://www.w3.org/2000/svg"/>'), 'SVG or other markup'],
    ['HTML', Buffer.from('<!doctype html><title>x</title>'), 'SVG or other markup'],
    ['PDF', Buffer.from('%PDF-1.7\n'), 'PDF document'],
    ['BMP', Buffer.from('BM\x36\x00\x00\x00', 'latin1'), 'BMP image (not decoded by this sharp build)'],
    ['Chinese text', Buffer.from('公民身份号码 110101199003071234'), 'text, not an image'],
    ['HEIC', Buffer.concat([Buffer.from([0, 0, 0, 24]), Buffer.from('ftypheic\0\0\0\0mif1heic')]), 'HEIC (this sharp build has no HEVC decoder)'],
    ['MP4', Buffer.concat([Buffer.from([0, 0, 0, 20]), Buffer.from('ftypisom\0\0\0\0isom')]), 'ISO media file of brand "isom"'],
    ['a WebP shorter than its RIFF size', Buffer.concat([Buffer.from('RIFF'), Buffer.from([0xff, 0, 0, 0]), Buffer.from('WEBPVP8 ')]), 'truncated WebP'],
    ['a lone byte', Buffer.from([0x00]), 'unknown format'],
  ])('refuses %s', (_, bytes, reason) => {
    expect(sniffImageFormat(bytes)).toEqual({ ok: false, reason });
  });
});

describe('exifOrientation', () => {
  test.each(['II', 'MM'] as const)('reads both byte orders (%s)', (order) => {
    expect(exifOrientation(exifBlock(6, order))).toBe(6);
    expect(exifOrientation(exifBlock(8, order))).toBe(8);
  });

  test('reads malformed or out-of-range EXIF as 1', () => {
    expect(exifOrientation(Buffer.from('II*\0'))).toBe(1);
    expect(exifOrientation(exifBlock(9, 'II'))).toBe(1);
    expect(exifOrientation(exifBlock(6, 'II').subarray(0, 20))).toBe(1);
    expect(exifOrientation(Buffer.from('not exif at all, really'))).toBe(1);
  });
});

describe('readJpegLayout', () => {
  let plain: Buffer;
  beforeAll(async () => {
    plain = await card().jpeg().toBuffer();
  });

  test('a plain JPEG has nothing to strip and needs no encode', () => {
    expect(readJpegLayout(plain)).toEqual({ width: 64, height: 48, orientation: 1, needsEncode: [], metadata: [] });
  });

  test('every cut-off prefix is refused with 101002', () => {
    for (let length = 3; length < plain.length; length++) {
      const error = (() => {
        try {
          readJpegLayout(plain.subarray(0, length));
          return undefined;
        } catch (e) {
          return e;
        }
      })();
      expect([length, isImageRejectedError(error) && error.errCode]).toEqual([length, 101002]);
    }
  });

  test('EXIF, XMP, IPTC, comments, MPF and JFIF thumbnails are metadata; plain JFIF and Adobe stay', () => {
    const jfif = Buffer.from('JFIF\0\x01\x02\x00\x00\x01\x00\x01\x00\x00', 'latin1');
    const jfifThumb = Buffer.concat([Buffer.from('JFIF\0\x01\x02\x00\x00\x01\x00\x01\x01\x01', 'latin1'), Buffer.alloc(3)]);
    const adobe = Buffer.from('Adobe\0\x64\0\0\0\0\x01', 'latin1');
    const dropped = [
      segment(0xe1, Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), exifBlock(1, 'MM')])),
      segment(0xe1, Buffer.from('http://ns.adobe.com/xap/1.0/\0<x:xmpmeta/>', 'latin1')),
      segment(0xed, Buffer.from('Photoshop 3.0\0', 'latin1')),
      segment(0xfe, Buffer.from('a comment')),
      segment(0xe2, Buffer.from('MPF\0MM\0*', 'latin1')),
      segment(0xe0, jfifThumb),
    ];
    const kept = [segment(0xe0, jfif), segment(0xee, adobe)];
    const jpeg = afterSoi(plain, ...kept, ...dropped);
    const layout = readJpegLayout(jpeg);
    expect(layout.needsEncode).toEqual([]);
    const keptLength = kept.reduce((n, s) => n + s.length, 0);
    let at = 2 + keptLength;
    expect(layout.metadata).toEqual(dropped.map((s) => [at, (at += s.length)]));
  });

  test('data after the end marker is metadata (a motion photo, a gain map)', () => {
    const jpeg = Buffer.concat([plain, Buffer.from('....ftypmp42 and a video')]);
    expect(readJpegLayout(jpeg).metadata).toEqual([[plain.length, jpeg.length]]);
  });

  test('a comment between progressive scans is found and dropped; the pixels stay the same', async () => {
    const progressive = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3060a0', noise: { type: 'gaussian', mean: 100, sigma: 30 } } })
      .jpeg({ progressive: true })
      .toBuffer();
    const firstScan = progressive.indexOf(Buffer.from([0xff, 0xda]));
    // The first marker after the first scan's data: anything but a stuffed 0xFF00 or a restart marker.
    let next = firstScan + 2;
    for (;;) {
      next = progressive.indexOf(0xff, next + 1);
      const marker = progressive[next + 1];
      if (marker !== 0x00 && !(marker >= 0xd0 && marker <= 0xd7)) break;
    }
    const comment = segment(0xfe, Buffer.from('written between scans'));
    const edited = Buffer.concat([progressive.subarray(0, next), comment, progressive.subarray(next)]);
    expect(readJpegLayout(edited).metadata).toEqual([[next, next + comment.length]]);
    const prepared = await prepareImage(edited);
    expect(prepared.method).toBe('strip');
    expect(prepared.buffer.equals(progressive)).toBe(true);
  });

  test('orientation, CMYK, grey, a P3 profile and arithmetic coding are told apart', async () => {
    const rotated = await card().withMetadata({ orientation: 6 }).jpeg().toBuffer();
    expect(readJpegLayout(rotated)).toMatchObject({ orientation: 6, needsEncode: ['EXIF orientation 6'] });
    const srgb = readJpegLayout(await card().withIccProfile('srgb').jpeg().toBuffer());
    expect(srgb.needsEncode).toEqual([]);
    const p3 = readJpegLayout(await card().withIccProfile('p3').jpeg().toBuffer());
    expect(p3.needsEncode).toEqual(['ICC profile other than sRGB']);
    expect(readJpegLayout(await card().toColourspace('cmyk').jpeg().toBuffer()).needsEncode).toEqual(['CMYK JPEG']);
    expect(readJpegLayout(await card().toColourspace('b-w').jpeg().toBuffer()).needsEncode).toEqual([]);
    const arithmetic = Buffer.from(plain);
    arithmetic[arithmetic.indexOf(Buffer.from([0xff, 0xc0])) + 1] = 0xc9;
    expect(readJpegLayout(arithmetic).needsEncode).toEqual(['arithmetic-coded JPEG']);
  });
});

describe('readPngLayout', () => {
  let plain: Buffer;
  beforeAll(async () => {
    plain = await card().png().toBuffer();
  });

  test('a plain PNG (pHYs included) has nothing to strip and needs no encode', () => {
    expect(readPngLayout(plain)).toEqual({ width: 64, height: 48, orientation: 1, needsEncode: [], metadata: [] });
  });

  test('every cut-off prefix is refused with 101002', () => {
    for (let length = 8; length < plain.length; length++) {
      expect(() => readPngLayout(plain.subarray(0, length))).toThrow(expect.objectContaining({ errCode: 101002 }));
    }
  });

  test('text, time, private and animation chunks and trailing bytes are metadata', () => {
    const dropped = [
      chunk('tEXt', Buffer.from('Author\0someone', 'latin1')),
      chunk('tIME', Buffer.from([7, 232, 5, 1, 10, 0, 0])),
      chunk('prVt', Buffer.from('vendor data')),
      chunk('acTL', Buffer.alloc(8)),
    ];
    const png = Buffer.concat([afterIhdr(plain, ...dropped), Buffer.from('trailing')]);
    const layout = readPngLayout(png);
    expect(layout.needsEncode).toEqual([]);
    let at = 33;
    expect(layout.metadata).toEqual([...dropped.map((c): [number, number] => [at, (at += c.length)]), [png.length - 8, png.length]]);
  });

  test('eXIf orientation, transparency, 16 bits, a P3 profile and unknown critical chunks need an encode', async () => {
    const exif = readPngLayout(afterIhdr(plain, chunk('eXIf', exifBlock(6, 'II'))));
    expect(exif).toMatchObject({ orientation: 6, needsEncode: ['EXIF orientation 6'], metadata: [[33, 33 + 12 + 26]] });
    expect(readPngLayout(afterIhdr(plain, chunk('tRNS', Buffer.alloc(6)))).needsEncode).toEqual(['transparency (tRNS)']);
    expect(readPngLayout(await card().toColourspace('rgb16').png().toBuffer()).needsEncode).toEqual(['16-bit PNG']);
    expect(readPngLayout(await card().ensureAlpha().png().toBuffer()).needsEncode).toEqual(['alpha channel']);
    expect(readPngLayout(await card().withIccProfile('srgb').png().toBuffer()).needsEncode).toEqual([]);
    expect(readPngLayout(await card().withIccProfile('p3').png().toBuffer()).needsEncode).toEqual(['ICC profile other than sRGB']);
    expect(readPngLayout(afterIhdr(plain, chunk('ABCD', Buffer.alloc(1)))).needsEncode).toEqual(['PNG chunk "ABCD"']);
  });

  test('a palette PNG passes as it is', async () => {
    const palette = await card().png({ palette: true }).toBuffer();
    expect(readPngLayout(palette)).toMatchObject({ needsEncode: [], metadata: [] });
  });
});
