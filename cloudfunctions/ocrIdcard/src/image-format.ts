/**
 * What kind of bytes arrived, told from their first bytes alone: the formats sharp may decode for us, and a named
 * refusal for everything else (SVG, PDF, text, HEIC, ...) before any decoder sees it. sharp itself would render
 * SVG; we never hand it one.
 */

/** Input formats prepareImage accepts (HEIF only with AV1 inside: this sharp build has no HEVC decoder). */
export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif' | 'tiff' | 'avif';

export type Sniffed = { ok: true; format: ImageFormat } | { ok: false; reason: string };

/** What reading a JPEG or PNG container, without decoding its pixels, tells. */
export interface ImageLayout {
  width: number;
  height: number;
  /** EXIF orientation, 1 when there is none. */
  orientation: number;
  /** Why the pixels must be decoded and encoded again; empty when they can go out as they are. */
  needsEncode: string[];
  /** Byte ranges [start, end) of metadata to drop (EXIF, XMP, comments, trailing data ...); empty: nothing to strip. */
  metadata: Array<[number, number]>;
}

const startsWith = (input: Buffer, bytes: readonly number[], at = 0): boolean =>
  input.length >= at + bytes.length && bytes.every((byte, i) => input[at + i] === byte);

const ascii = (input: Buffer, at: number, length: number): string => input.toString('latin1', at, at + length);

/** ISO-BMFF brands of HEIF images with HEVC inside (iPhone photos). */
const HEVC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs']);

/**
 * The format of an image from its magic bytes, or why it is not one we accept.
 * @example
 * sniffImageFormat(Buffer.from('%PDF-1.4')) // { ok: false, reason: 'PDF document' }
 */
export function sniffImageFormat(input: Buffer): Sniffed {
  if (input.length === 0) return { ok: false, reason: 'empty input' };
  if (startsWith(input, [0xff, 0xd8, 0xff])) return { ok: true, format: 'jpeg' };
  if (startsWith(input, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, format: 'png' };
  if (ascii(input, 0, 4) === 'RIFF' && ascii(input, 8, 4) === 'WEBP') {
    // The RIFF size counts everything after its first 8 bytes: fewer bytes than that means a cut-off file.
    return input.length >= 12 && input.readUInt32LE(4) + 8 <= input.length ? { ok: true, format: 'webp' } : { ok: false, reason: 'truncated WebP' };
  }
  if (ascii(input, 0, 6) === 'GIF87a' || ascii(input, 0, 6) === 'GIF89a') return { ok: true, format: 'gif' };
  if (startsWith(input, [0x49, 0x49, 0x2a, 0x00]) || startsWith(input, [0x4d, 0x4d, 0x00, 0x2a])) return { ok: true, format: 'tiff' };
  if (ascii(input, 4, 4) === 'ftyp') return sniffIsoMedia(input);
  if (ascii(input, 0, 5) === '%PDF-') return { ok: false, reason: 'PDF document' };
  if (ascii(input, 0, 2) === 'BM') return { ok: false, reason: 'BMP image (not decoded by this sharp build)' };
  if (looksLikeMarkup(input)) return { ok: false, reason: 'SVG or other markup' };
  if (looksLikeText(input)) return { ok: false, reason: 'text, not an image' };
  return { ok: false, reason: 'unknown format' };
}

/** AVIF is accepted; HEIC and other ISO-BMFF files (MP4, MOV) are not. */
function sniffIsoMedia(input: Buffer): Sniffed {
  const boxSize = input.readUInt32BE(0);
  const end = Math.min(input.length, boxSize >= 16 ? boxSize : 16);
  const brands = [ascii(input, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(input, at, 4));
  if (brands.includes('avif') || brands.includes('avis')) return { ok: true, format: 'avif' };
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return { ok: false, reason: 'HEIC (this sharp build has no HEVC decoder)' };
  return { ok: false, reason: `ISO media file of brand ${JSON.stringify(brands[0])}` };
}

/** SVG, XML, HTML: markup starts with `<` after an optional byte-order mark and white space. */
function looksLikeMarkup(input: Buffer): boolean {
  const head = input.subarray(0, 512).toString('utf8').replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('<');
}

/** Mostly printable UTF-8 in the first 512 bytes. */
function looksLikeText(input: Buffer): boolean {
  const head = input.subarray(0, 512).toString('utf8');
  let printable = 0;
  for (const char of head) if (char >= ' ' || char === '\n' || char === '\r' || char === '\t') printable += char === '\uFFFD' ? 0 : 1;
  return printable >= 0.95 * [...head].length;
}

/** The input without the given byte ranges (sorted, non-overlapping). */
export function withoutRanges(input: Buffer, ranges: Array<[number, number]>): Buffer {
  const kept: Buffer[] = [];
  let from = 0;
  for (const [start, end] of ranges) {
    kept.push(input.subarray(from, start));
    from = end;
  }
  kept.push(input.subarray(from));
  return Buffer.concat(kept);
}
