/**
 * Where to aim a JPEG encode so it lands under the byte limit: the first encode from a prior, each further one
 * from the size the previous encode really had. The size model is the measured curve of JPEG bytes against
 * quality for uniform random pixels: the flattest curve there is, so a lower quality never saves less than it
 * predicts (README, "Image pipeline", for the measurements).
 */

/** JPEG bytes at quality q relative to quality 85, for uniform random pixels (libjpeg-turbo tables, 4:2:0). */
const SIZE_AT_QUALITY: Array<[number, number]> = [
  [1, 0.02], [10, 0.12], [20, 0.25], [30, 0.36], [40, 0.46], [50, 0.54], [60, 0.62],
  [70, 0.74], [80, 0.89], [85, 1], [90, 1.16], [95, 1.42], [100, 1.97],
];

/**
 * Bits per pixel of a detailed phone photo at quality 85 after the resize: about twice what the generated
 * photos measure (1.0-1.1), for real texture. Used only to aim the first encode when maxBytes is small.
 */
const PRIOR_BITS_PER_PIXEL = 2;

/** Aim below the limit by this much, so one retry is enough even when the model is a little off. */
const HEADROOM = 0.9;

/** The lowest quality a retry picks before it gives up pixels instead. */
export const RETRY_QUALITY_FLOOR = 60;

/** The long edge below which only a measured miss takes the image (OCR wants the resolution). */
export const RESOLUTION_FLOOR = 1600;

export interface EncodeTarget {
  /** Long edge to fit inside (never enlarging). */
  longEdge: number;
  quality: number;
}

function relativeSize(quality: number): number {
  for (let i = 1; i < SIZE_AT_QUALITY.length; i++) {
    const [q1, s1] = SIZE_AT_QUALITY[i - 1];
    const [q2, s2] = SIZE_AT_QUALITY[i];
    if (quality <= q2) return s1 + ((s2 - s1) * (quality - q1)) / (q2 - q1);
  }
  return SIZE_AT_QUALITY[SIZE_AT_QUALITY.length - 1][1];
}

/**
 * The first encode: the configured cap, unless the prior says the byte limit cannot hold that many pixels
 * (a small maxBytes); then fewer, but not below the resolution floor on a guess.
 * @param aspect long edge / short edge of the output, when known (1 is the worst case).
 */
export function firstTarget(settings: { maxBytes: number; maxLongEdge: number; quality: number }, aspect = 1): EncodeTarget {
  const bitsPerPixel = PRIOR_BITS_PER_PIXEL * relativeSize(settings.quality);
  const pixels = (HEADROOM * settings.maxBytes * 8) / bitsPerPixel;
  const affordable = Math.floor(Math.sqrt(pixels * aspect));
  const floor = Math.min(RESOLUTION_FLOOR, settings.maxLongEdge);
  return { longEdge: Math.min(settings.maxLongEdge, Math.max(floor, affordable)), quality: settings.quality };
}

/**
 * The next encode after one that came out at `bytes`: lower quality first, down to the floor, then fewer
 * pixels (bytes taken as proportional to pixels).
 * @example
 * nextTarget({ bytes: 2_420_000, longEdge: 2560, quality: 85 }, 2_000_000) // { longEdge: 2560, quality: 70 }
 */
export function nextTarget(last: { bytes: number; longEdge: number; quality: number }, maxBytes: number): EncodeTarget {
  const goal = HEADROOM * maxBytes;
  const floor = Math.min(RETRY_QUALITY_FLOOR, last.quality);
  const predict = (quality: number): number => (last.bytes * relativeSize(quality)) / relativeSize(last.quality);
  for (let quality = last.quality - 1; quality >= floor; quality--) {
    if (predict(quality) <= goal) return { longEdge: last.longEdge, quality };
  }
  const scale = Math.sqrt(goal / predict(floor));
  return { longEdge: Math.max(1, Math.floor(last.longEdge * scale)), quality: floor };
}
