/**
 * Card-like test images made with real sharp: a pale card with a photo block and text bars, and a 12 MP phone
 * photo of one with sensor-like noise. Synthetic shapes only; no person, no real card.
 */
import sharp, { type OverlayOptions, type Sharp } from 'sharp';

const CARD = { width: 856, height: 540 };

function block(width: number, height: number, background: string, left: number, top: number): OverlayOptions {
  return { input: { create: { width, height, channels: 3, background } }, left, top };
}

/** A small card-like picture (856×540), as a scanner or a cropped photo gives it: RGB, no alpha. */
async function cardScene(): Promise<Sharp> {
  const bars = [80, 150, 220, 290, 430].map((top, i) => block(i === 4 ? 520 : 300, 28, '#3a3f44', 60, top));
  const composed = sharp({ create: { ...CARD, channels: 3, background: '#e9eef0' } }).composite([block(190, 240, '#8d97a3', 610, 90), ...bars]);
  // Compositing adds an alpha channel; a scan has none.
  const { data, info } = await composed.raw().toBuffer({ resolveWithObject: true });
  return sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }).removeAlpha();
}

export async function smallCardJpeg(): Promise<Buffer> {
  return (await cardScene()).jpeg({ quality: 85 }).toBuffer();
}

export async function smallCardPng(): Promise<Buffer> {
  return (await cardScene()).png().toBuffer();
}

/** A seeded PRNG (mulberry32), so the bytes are the same on every run. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A 12 MP (4000×3000) phone photo of a card on a desk: smooth shading, a card, and per-pixel noise, as a JPEG
 * of several MB that must be resized to go under 2 MB. Stored sideways with EXIF orientation 6, as phones do.
 */
export async function phonePhoto12mp(): Promise<Buffer> {
  const width = 4000;
  const height = 3000;
  const rand = prng(12);
  const noise = new Uint8Array(4096).map(() => Math.floor(rand() * 25));
  const pixels = Buffer.alloc(width * height * 3);
  let n = 0;
  for (let y = 0; y < height; y++) {
    const onCardRow = y > 700 && y < 2300;
    for (let x = 0; x < width; x++) {
      const onCard = onCardRow && x > 800 && x < 3200;
      const base = onCard ? 215 : 90 + ((x + y) >> 6);
      const i = (y * width + x) * 3;
      pixels[i] = base - 12 + noise[n++ & 4095];
      pixels[i + 1] = base - 12 + noise[n++ & 4095];
      pixels[i + 2] = base - 8 + noise[(n += 7) & 4095];
    }
  }
  return sharp(pixels, { raw: { width, height, channels: 3 } }).jpeg({ quality: 92 }).withMetadata({ orientation: 6 }).toBuffer();
}
