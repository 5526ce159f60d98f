/**
 * One photo from the phone to a result: compress when large, upload under a random path, call the function.
 * Plain logic over three injected steps, so it runs the same against wx.cloud, the emulator or test stubs.
 */
import type { CardSide, IdcardSuccess, OcrIdcardEvent, OcrType } from '../shared/idcard';
import { readAnswer } from './answer';
import { callFailure, functionFailure, phoneFailure, type ShownFailure } from './failure';
import { uploadPath } from './upload-path';

/** A photo on the phone; `size` is -1 when unknown. */
export interface Photo {
  path: string;
  size: number;
}

/** The platform calls the pipeline needs (services/ in the app). */
export interface RecognizeSteps {
  /** Recompresses a photo; resolves with the new local path. */
  compress(path: string): Promise<string>;
  /** Uploads a local file to `cloudPath`; resolves with its fileID. */
  upload(cloudPath: string, filePath: string): Promise<string>;
  /** Calls the ocrIdcard function; resolves with its raw answer. */
  call(event: OcrIdcardEvent): Promise<unknown>;
}

export interface RecognizeRequest {
  photo: Photo;
  side: CardSide;
  type: OcrType;
  /** Cloud storage folder for the upload. */
  folder: string;
  /** Photos above this many bytes (or of unknown size) are compressed first. */
  compressAbove: number;
}

export type RecognizeOutcome = { ok: true; result: IdcardSuccess } | { ok: false; failure: ShownFailure };

/** The visible phases, reported as each begins. */
export type RecognizePhase = 'uploading' | 'recognizing';

/**
 * Runs the whole pipeline. Never rejects: every failure comes back as a ShownFailure.
 *
 * @example
 * const outcome = await recognizeCard({ photo, side: 'Front', type: 'photo', folder: 'idcard-upload',
 *   compressAbove: 1_000_000 }, steps, (phase) => show(phase));
 */
export async function recognizeCard(
  request: RecognizeRequest,
  steps: RecognizeSteps,
  onPhase: (phase: RecognizePhase) => void,
): Promise<RecognizeOutcome> {
  onPhase('uploading');
  const file = await smallerPhoto(request, steps);

  let fileID: string;
  try {
    fileID = await steps.upload(uploadPath(request.folder, file), file);
  } catch (err) {
    return { ok: false, failure: phoneFailure('UPLOAD', err) };
  }

  onPhase('recognizing');
  let answer: unknown;
  try {
    answer = await steps.call({ fileID, type: request.type, side: request.side });
  } catch (err) {
    return { ok: false, failure: callFailure(err) };
  }

  const read = readAnswer(answer);
  if (read.kind === 'unreadable') return { ok: false, failure: phoneFailure('BAD_ANSWER') };
  if (read.kind === 'failure') return { ok: false, failure: functionFailure(read.result) };
  if (read.result.type !== request.side) {
    // The user shot the other side: its fields would land in the wrong form, so ask for the right side.
    const warning = read.result.warnings.find((w) => w.code === 'SIDE_MISMATCH');
    const failure = phoneFailure('WRONG_SIDE', `asked ${request.side}, read ${read.result.type}`);
    return { ok: false, failure: warning ? { ...failure, message: warning.message } : failure };
  }
  return { ok: true, result: read.result };
}

/** The compressed photo when it is large; the original when small or when compression fails. */
async function smallerPhoto(request: RecognizeRequest, steps: RecognizeSteps): Promise<string> {
  const { path, size } = request.photo;
  if (size >= 0 && size <= request.compressAbove) return path;
  try {
    return await steps.compress(path);
  } catch {
    // Not fatal: the function shrinks anything over WeChat's limit itself; the upload is just slower.
    return path;
  }
}
