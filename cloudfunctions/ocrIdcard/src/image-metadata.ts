/**
 * The two facts about embedded metadata that decide whether an image can go out without decoding it: its EXIF
 * orientation and whether its ICC profile is plain sRGB. Both readers are bounds-checked and never throw:
 * malformed metadata reads as "orientation 1" / "not sRGB".
 */

/**
 * EXIF orientation (1-8) from a TIFF-structured EXIF block (what follows `Exif\0\0` in a JPEG APP1 segment, or a
 * PNG eXIf chunk); 1 when absent or unreadable.
 * @example
 * exifOrientation(app1.subarray(10)) // 6 for a phone held upright
 */
export function exifOrientation(tiff: Buffer): number {
  if (tiff.length < 8) return 1;
  const order = tiff.toString('latin1', 0, 2);
  if (order !== 'II' && order !== 'MM') return 1;
  const little = order === 'II';
  const u16 = (at: number): number => (little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at));
  const u32 = (at: number): number => (little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at));
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    // Tag 0x0112 Orientation, type 3 SHORT, one value stored in the first two bytes of the value field.
    if (u16(entry) === 0x0112) {
      const value = u16(entry + 2) === 3 ? u16(entry + 8) : 1;
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}

/**
 * True when an ICC profile describes sRGB: an RGB profile whose `desc` tag names sRGB ("sRGB IEC61966-2.1",
 * "sRGB built-in", ...). Such a profile changes nothing for a decoder that assumes sRGB, so it may stay.
 */
export function isSrgbProfile(icc: Buffer): boolean {
  if (icc.length < 132 || icc.toString('latin1', 16, 20) !== 'RGB ') return false;
  const tags = icc.readUInt32BE(128);
  for (let i = 0; i < tags && 132 + (i + 1) * 12 <= icc.length; i++) {
    const entry = 132 + i * 12;
    if (icc.toString('latin1', entry, entry + 4) !== 'desc') continue;
    const offset = icc.readUInt32BE(entry + 4);
    const length = icc.readUInt32BE(entry + 8);
    if (offset + length > icc.length) return false;
    // v2 `desc` holds ASCII, v4 `mluc` UTF-16BE: dropping the zero bytes reads both.
    return icc.toString('latin1', offset, offset + length).replace(/\0/g, '').includes('sRGB');
  }
  return false;
}
