/**
 * The cloud function `ocrIdcard`: wires wx-server-sdk and the configuration into `handle(event, deps)`.
 * Built into ../index.js (exports `main`, and `prepareImage` for callers who want the image pipeline alone).
 */
import type { OcrIdcardResult } from '../../../miniprogram/shared/idcard';
import { createOcrClient } from './clients';
import { createCloudFileStore, initWxCloud } from './cloud-platform';
import { loadConfig, type FunctionConfig } from './config';
import { failure } from './failure';
import { fetchImage } from './fetch-image';
import { ownEnvId } from './file-id';
import { handle, type HandlerDeps } from './handler';
import { consoleCallLog } from './log';
import { normaliseError } from './normalise';
import { prepareImage } from './prepare-image';
import { RETRY_BACKOFF_MS } from './retry';
import { createQuotaCheck } from './user-quota';

export { prepareImage };
export { ImageRejectedError, isImageRejectedError } from './prepare-image';

type Recognise = (event: unknown) => Promise<OcrIdcardResult>;

/** Built on the first call, not at load: a bad setting becomes an answer instead of a crashed cold start. */
let recognise: Recognise | undefined;

function createRecognise(config: FunctionConfig): Recognise {
  // A single WeChat request may use at most half the budget, so a timed-out first try leaves room to answer.
  const cloud = initWxCloud(Math.floor(config.budgetMs / 2));
  const deps: HandlerDeps = {
    ocr: createOcrClient(config, cloud),
    files: createCloudFileStore(cloud, Math.floor(config.budgetMs / 2)),
    fetchImage,
    prepareImage,
    envId: ownEnvId({ contextEnv: cloud.getWXContext().ENV, variables: process.env }),
    clock: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: consoleCallLog,
    limits: { budgetMs: config.budgetMs, maxBytes: config.maxBytes, maxInputBytes: config.maxInputBytes, backoffMs: RETRY_BACKOFF_MS },
    checkQuota: createQuotaCheck(cloud, process.env),
  };
  // handle() answers failures and keeps the budget itself; the catch only keeps a broken log sink from reaching
  // the phone as a stack.
  return (event) => handle(event, deps).catch(normaliseError);
}

/**
 * The cloud function's entry. Resolves with the page's result, success or failure; never rejects.
 * @example
 * // in a page
 * const { result } = await wx.cloud.callFunction({ name: 'ocrIdcard', data: { fileID, side: 'Front' } });
 */
export async function main(event: unknown): Promise<OcrIdcardResult> {
  try {
    recognise ??= createRecognise(loadConfig(process.env));
  } catch (error) {
    // A setting or the SDK failed to load: the message names the cause (no personal data), not a stack.
    return failure('SYSTEM_ERROR', error instanceof Error ? error.message.split('\n')[0] : 'startup failed');
  }
  return recognise(event);
}
