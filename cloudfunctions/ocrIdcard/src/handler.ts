/**
 * One recognition, from the page's event to its result: validate, load the image, prepare it, call WeChat
 * (retrying once where that helps), check the card, delete the uploaded file, log one line. Everything outside
 * arrives in `deps`, so tests run this with real images and fake platform calls, and `index.ts` with the SDK.
 */
import type { IdcardFailure, OcrIdcardResult } from '../../../miniprogram/shared/idcard';
import { isFailure } from '../../../miniprogram/shared/idcard';
import { parseEvent, type ImageSource, type RecognitionRequest } from './event';
import { failure } from './failure';
import type { FetchImageOptions } from './fetch-image';
import type { CallLogLine } from './log';
import { normaliseAnswer, normaliseError } from './normalise';
import type { FileStore, OcrClient, PreparedImage } from './platform';
import type { PreparedImageDetails } from './prepare-image';
import type { PrepareImageOptions } from './prepare-image-options';
import { withRetry } from './retry';
import { withTimeLimit } from './time-limit';
import type { QuotaOutcome } from './user-quota';

export interface HandlerLimits {
  /** Wall time for the whole call; no retry starts that would end past it. */
  budgetMs: number;
  /** What is sent to WeChat is strictly under this many bytes. */
  maxBytes: number;
  /** The largest image accepted from the page, before preparation. */
  maxInputBytes: number;
  /** Pause before the one retry. */
  backoffMs: number;
}

/** Everything the handler needs from outside. */
export interface HandlerDeps {
  ocr: OcrClient;
  files: FileStore;
  fetchImage: (url: string, opts: FetchImageOptions) => Promise<Buffer>;
  prepareImage: (input: Buffer, options?: PrepareImageOptions) => Promise<PreparedImageDetails>;
  /** The function's own cloud environment; undefined when it cannot be told (fileIDs are then refused). */
  envId: string | undefined;
  /** Now, in ms since the epoch. */
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  log: (line: CallLogLine) => void;
  limits: HandlerLimits;
  /** Counts the call against the user's daily limit (user-quota.ts); absent: no limit. */
  checkQuota?: () => Promise<QuotaOutcome>;
}

/** A step's value, or the failure that ends the call. */
type Step<T> = { ok: true; value: T } | { ok: false; failure: IdcardFailure };

/** Runs a platform call; whatever it throws becomes a failure from the error table. */
async function step<T>(work: () => Promise<T>): Promise<Step<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, failure: normaliseError(error) };
  }
}

async function loadImage(source: ImageSource, deps: HandlerDeps, deadline: number): Promise<Step<Buffer>> {
  const { maxInputBytes } = deps.limits;
  switch (source.kind) {
    case 'img':
      return { ok: true, value: Buffer.from(source.base64, 'base64') };
    case 'imgUrl':
      return step(() => deps.fetchImage(source.url, { timeoutMs: Math.max(0, deadline - deps.clock()), maxBytes: maxInputBytes }));
    case 'fileID': {
      const loaded = await step(() => deps.files.download(source.fileID));
      if (loaded.ok && loaded.value.length > maxInputBytes) {
        return { ok: false, failure: failure('INVALID_IMAGE_DATA', `the file is over ${maxInputBytes} bytes`) };
      }
      return loaded;
    }
  }
}

/** WeChat once: its answer or its failure, normalised, never thrown. */
async function recogniseOnce(request: RecognitionRequest, image: PreparedImage, deps: HandlerDeps): Promise<OcrIdcardResult> {
  try {
    const answer = await deps.ocr.idcard({ type: request.type, image });
    return normaliseAnswer(answer, { side: request.side, now: deps.clock() });
  } catch (error) {
    return normaliseError(error);
  }
}

async function recognise(request: RecognitionRequest, deps: HandlerDeps, line: CallLogLine, deadline: number): Promise<OcrIdcardResult> {
  // Before any download or image work: a user over the limit costs nothing more.
  if (deps.checkQuota) {
    const quota = await deps.checkQuota();
    line.quota = quota.status;
    if (quota.errCode !== undefined) line.quotaErrCode = quota.errCode;
    if (quota.failure) return quota.failure;
  }
  const input = await loadImage(request.source, deps, deadline);
  if (!input.ok) return input.failure;
  line.bytesIn = input.value.length;

  const prepared = await step(() => deps.prepareImage(input.value, { maxBytes: deps.limits.maxBytes }));
  if (!prepared.ok) return prepared.failure;
  const image = prepared.value;
  line.bytesOut = image.buffer.length;
  // A metadata strip keeps every pixel: only a decode and re-encode counts as resized.
  line.resized = image.method === 'encode';
  if (image.sharp) line.sharp = image.sharp;

  if (deps.clock() >= deadline) return failure('TIMEOUT', `the ${deps.limits.budgetMs} ms budget ran out before ocr.idcard`);
  const { outcome, attempts } = await withRetry(() => recogniseOnce(request, image, deps), {
    clock: deps.clock,
    sleep: deps.sleep,
    deadline,
    backoffMs: deps.limits.backoffMs,
  });
  line.attempts = attempts;
  return outcome;
}

/**
 * How long deleting the upload may run past the budget when recognition used all of it: the README asks for a
 * function timeout of the budget plus 5 s, so the delete still finishes before the runtime stops the function.
 */
export const REMOVE_GRACE_MS = 3000;

/** Deletes the page's upload. A failure is logged (its code only) and never changes the answer. */
async function removeUpload(fileID: string, deps: HandlerDeps, line: CallLogLine): Promise<void> {
  const removed = await withTimeLimit(step(() => deps.files.remove(fileID)), REMOVE_GRACE_MS, (): Step<void> => ({
    ok: false,
    failure: failure('TIMEOUT', 'deleting the upload took too long'),
  }));
  if (!removed.ok) line.deleteErrCode = removed.failure.errCode;
}

/**
 * Handles one call of the cloud function. Resolves with the page's result, success or failure; never rejects.
 * @param event what `wx.cloud.callFunction` delivered (untrusted; `userInfo` is ignored).
 * @example
 * const result = await handle({ fileID, side: 'Front' }, deps);
 * if (result.errCode === 0 && result.type === 'Front') console.log(result.birth, result.warnings);
 */
export async function handle(event: unknown, deps: HandlerDeps): Promise<OcrIdcardResult> {
  const started = deps.clock();
  const line: CallLogLine = { event: 'ocr.idcard', mode: deps.ocr.mode, source: 'none', errCode: -1, ms: 0, attempts: 0 };
  let request: RecognitionRequest | undefined;
  let result: OcrIdcardResult;
  try {
    const parsed = parseEvent(event, { envId: deps.envId, maxInputBytes: deps.limits.maxInputBytes });
    if (parsed.ok) {
      request = parsed.request;
      line.source = request.source.kind;
      // The backstop for a platform call that hangs past every limit of its own: the page still gets its answer
      // in time, and the upload below is still deleted.
      const { budgetMs } = deps.limits;
      result = await withTimeLimit(recognise(request, deps, line, started + budgetMs), budgetMs, () =>
        failure('TIMEOUT', `no answer within the ${budgetMs} ms budget`),
      );
    } else {
      result = parsed.failure;
    }
  } catch (error) {
    // A fault of this function's own code: still an answer from the table, never a stack trace.
    result = normaliseError(error);
  }
  if (request?.source.kind === 'fileID' && !request.keepFile) await removeUpload(request.source.fileID, deps, line);
  line.errCode = result.errCode;
  line.ms = deps.clock() - started;
  if (!isFailure(result)) line.type = result.type;
  deps.log(line);
  return result;
}
