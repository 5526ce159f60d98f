/**
 * Why prepareImage refused an image, as a value the handler can answer with: the code and the Chinese message
 * come from ERROR_TABLE, `reason` (English, no image bytes, no personal data) is for the log line.
 */
import { ERROR_TABLE } from '../../../miniprogram/shared/errors';

/** The two ways an image can be refused: its bytes are not a usable image, or sharp is missing when needed. */
export type ImageRejectionName = 'INVALID_IMAGE_DATA' | 'IMAGE_PROCESSOR_UNAVAILABLE';

/**
 * The error prepareImage rejects with.
 * @example
 * try {
 *   await prepareImage(bytes);
 * } catch (error) {
 *   if (isImageRejectedError(error)) return { errCode: error.errCode, errMsg: error.errMsg, message: error.message };
 *   throw error;
 * }
 */
export class ImageRejectedError extends Error {
  /** 101002 (invalid image data) or 910002 (image processor unavailable). */
  readonly errCode: number;
  /** The table's English reason followed by this image's `reason`, e.g. `invalid image data: truncated JPEG`. */
  readonly errMsg: string;
  /** Why, in a few English words; safe to log. */
  readonly reason: string;

  constructor(name: ImageRejectionName, reason: string, options?: { cause?: unknown }) {
    const entry = ERROR_TABLE[name];
    super(entry.message, options);
    this.name = 'ImageRejectedError';
    this.errCode = entry.errCode;
    this.errMsg = `${entry.errMsg}: ${reason}`;
    this.reason = reason;
  }
}

/** True for the errors prepareImage refuses an image with (also across bundles: checks the shape, not the class). */
export function isImageRejectedError(error: unknown): error is ImageRejectedError {
  if (error instanceof ImageRejectedError) return true;
  if (typeof error !== 'object' || error === null) return false;
  const { name, errCode, errMsg, reason } = error as Record<string, unknown>;
  return name === 'ImageRejectedError' && typeof errCode === 'number' && typeof errMsg === 'string' && typeof reason === 'string';
}

/** Shorthand for the common refusal. */
export function invalidImage(reason: string, cause?: unknown): ImageRejectedError {
  return new ImageRejectedError('INVALID_IMAGE_DATA', reason, cause === undefined ? undefined : { cause });
}
