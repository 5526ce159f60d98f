/**
 * Reads a PNG's chunks without inflating its pixels: size, bit depth, transparency, EXIF orientation, which
 * chunks are metadata that may be dropped losslessly, and whether the file reaches its IEND chunk.
 */
import { inflateSync } from 'node:zlib';
import { invalidImage } from './image-error';
import type { ImageLayout } from './image-format';
import { exifOrientation, isSrgbProfile } from './image-metadata';

/** Chunks about how to show the pixels, none personal: kept as they are. */
const KEPT_CHUNKS = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'gAMA', 'cHRM', 'sRGB', 'pHYs', 'sBIT', 'bKGD', 'cICP']);

const COLOUR_TYPES = new Set([0, 2, 3, 4, 6]);

/**
 * The layout of a PNG; rejects with 101002 when a chunk runs past the end or IEND never comes.
 * @example
 * const { width, height, needsEncode } = readPngLayout(screenshot); // needsEncode: ['alpha channel']
 */
export function readPngLayout(input: Buffer): ImageLayout {
  const layout: ImageLayout = { width: 0, height: 0, orientation: 1, needsEncode: [], metadata: [] };
  let at = 8;
  for (let index = 0; ; index++) {
    if (at + 12 > input.length) throw invalidImage('truncated PNG (no IEND chunk)');
    const length = input.readUInt32BE(at);
    const type = input.toString('latin1', at + 4, at + 8);
    const end = at + 12 + length;
    if (end > input.length) throw invalidImage('truncated PNG (a chunk runs past the end)');
    const data = input.subarray(at + 8, at + 8 + length);
    if (index === 0 && type !== 'IHDR') throw invalidImage('malformed PNG (IHDR is not the first chunk)');
    if (type === 'IHDR') readHeader(data, layout);
    else if (type === 'tRNS') layout.needsEncode.push('transparency (tRNS)');
    else if (type === 'iCCP') {
      // An sRGB profile stays; any other means converting the colours.
      if (!isSrgbProfile(inflateProfile(data))) layout.needsEncode.push('ICC profile other than sRGB');
    } else if (type === 'eXIf') {
      layout.orientation = exifOrientation(data);
      layout.metadata.push([at, end]);
    } else if (!KEPT_CHUNKS.has(type)) {
      // Ancillary chunks (lower-case first letter: text, time, animation, private) can go; a critical one we do
      // not know means the file is not plain PNG.
      if (isAncillary(type)) layout.metadata.push([at, end]);
      else layout.needsEncode.push(`PNG chunk ${JSON.stringify(type)}`);
    }
    at = end;
    if (type === 'IEND') break;
  }
  if (at < input.length) layout.metadata.push([at, input.length]);
  if (layout.orientation !== 1) layout.needsEncode.push(`EXIF orientation ${layout.orientation}`);
  return layout;
}

function readHeader(data: Buffer, layout: ImageLayout): void {
  if (data.length !== 13) throw invalidImage('malformed PNG header');
  layout.width = data.readUInt32BE(0);
  layout.height = data.readUInt32BE(4);
  const bitDepth = data[8];
  const colourType = data[9];
  if (layout.width === 0 || layout.height === 0) throw invalidImage('PNG without a width or height');
  if (!COLOUR_TYPES.has(colourType)) throw invalidImage(`malformed PNG (colour type ${colourType})`);
  if (bitDepth > 8) layout.needsEncode.push(`${bitDepth}-bit PNG`);
  if (colourType === 4 || colourType === 6) layout.needsEncode.push('alpha channel');
}

const isAncillary = (type: string): boolean => type.charCodeAt(0) >= 0x61;

/** The profile inside an iCCP chunk (name, NUL, method, zlib data); empty when unreadable. */
function inflateProfile(data: Buffer): Buffer {
  const nul = data.indexOf(0);
  if (nul < 1 || nul + 2 > data.length) return Buffer.alloc(0);
  try {
    // A profile is a few KB; the cap keeps a crafted chunk from inflating into memory.
    return inflateSync(data.subarray(nul + 2), { maxOutputLength: 4 << 20 });
  } catch {
    // Unreadable reads as "not sRGB": sharp then decodes the pixels and reports whatever is really wrong.
    return Buffer.alloc(0);
  }
}
