/**
 * prepareImage's options: defaults chosen by measurement (README, "Image pipeline") and validated up front, in
 * sharp's words, so a wrong setting fails loudly at the first call instead of producing odd images.
 */

export interface PrepareImageOptions {
  /** What is sent is strictly smaller than this many bytes. Default 2,000,000 (WeChat: "smaller than 2M"). */
  maxBytes?: number;
  /** Long edge, in pixels, of an image that has to be re-encoded; never enlarges. Default 2560. */
  maxLongEdge?: number;
  /** JPEG quality of the first encode, 1-100. Default 85. */
  quality?: number;
  /** Refuse images of more pixels (width x height, from the header). Default 268,402,689 (sharp's, 0x3FFF squared). */
  limitInputPixels?: number;
}

export type PrepareImageSettings = Required<PrepareImageOptions>;

export const PREPARE_IMAGE_DEFAULTS: Readonly<PrepareImageSettings> = Object.freeze({
  maxBytes: 2_000_000,
  maxLongEdge: 2560,
  quality: 85,
  limitInputPixels: 0x3fff * 0x3fff,
});

/** Inclusive ranges; the byte floor leaves room for a readable card at least. */
const RANGES: Record<keyof PrepareImageOptions, [number, number]> = {
  maxBytes: [10_000, 100_000_000],
  maxLongEdge: [64, 16383],
  quality: [1, 100],
  limitInputPixels: [1, Number.MAX_SAFE_INTEGER],
};

function invalidParameter(name: string, expected: string, value: unknown): Error {
  return new Error(`Expected ${expected} for ${name} but received ${String(value)} of type ${typeof value}`);
}

/**
 * The options with defaults filled in; throws an Error naming the option, its range and the value received.
 * @example
 * resolvePrepareImageOptions({ maxBytes: Number(process.env.OCR_IDCARD_MAX_BYTES) })
 * // Error: Expected integer between 10000 and 100000000 for maxBytes but received NaN of type number
 */
export function resolvePrepareImageOptions(options?: PrepareImageOptions): PrepareImageSettings {
  if (options === undefined) return { ...PREPARE_IMAGE_DEFAULTS };
  if (typeof options !== 'object' || options === null) throw invalidParameter('options', 'object', options);
  const settings = { ...PREPARE_IMAGE_DEFAULTS };
  for (const name of Object.keys(RANGES) as Array<keyof PrepareImageOptions>) {
    const value: unknown = options[name];
    if (value === undefined) continue;
    const [min, max] = RANGES[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
      throw invalidParameter(name, name === 'limitInputPixels' ? 'positive integer' : `integer between ${min} and ${max}`, value);
    }
    settings[name] = value;
  }
  return settings;
}
