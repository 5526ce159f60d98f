/**
 * The mini-program's calls into WeChat cloud development: init, upload, and the ocrIdcard function.
 * Thin on purpose: each function is one wx.cloud call; what to make of the answer is decided in utils/.
 */
import type { OcrIdcardEvent } from '../shared/idcard';
import { OCR_FUNCTION_NAME } from '../config';

/** Starts cloud development for the app; an empty id means DevTools' currently selected environment. */
export function initCloud(env: string): void {
  wx.cloud.init(env ? { env, traceUser: true } : { traceUser: true });
}

/** Uploads a local file to cloud storage at `cloudPath` and resolves with its fileID. */
export async function uploadFile(cloudPath: string, filePath: string): Promise<string> {
  const res = await wx.cloud.uploadFile({ cloudPath, filePath });
  return res.fileID;
}

/** Calls the ocrIdcard function; resolves with whatever it answered (checked by the caller). */
export async function callOcrIdcard(event: OcrIdcardEvent): Promise<unknown> {
  const res = await wx.cloud.callFunction({ name: OCR_FUNCTION_NAME, data: { ...event } });
  return res.result;
}
