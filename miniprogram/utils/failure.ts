/**
 * What the page shows when a step fails: the function's own Chinese message when it answered, else a message
 * for the step that failed on the phone (upload, network, camera). Cancels are not failures and never get here.
 */
import { errorEntry, userMessage } from '../shared/errors';
import type { IdcardFailure } from '../shared/idcard';

/** A failure as the tile shows it. */
export interface ShownFailure {
  /** The function's or WeChat's code; 0 for failures on the phone that have none. */
  errCode: number;
  /** Chinese, says what to do. */
  message: string;
  /** Sending the same photo again may succeed (otherwise the user should shoot again). */
  retryable: boolean;
  /** The technical reason, for the developer's console; never shown to the user. */
  errMsg: string;
}

/**
 * Failures that happen on the phone before or around the function, so they are not in the function's
 * ERROR_TABLE: the function never sees them.
 */
export const PHONE_FAILURES = {
  UPLOAD: { message: '图片上传失败，请检查网络后重试', retryable: true },
  NETWORK: { message: '网络连接失败，请检查网络后重试', retryable: true },
  BAD_ANSWER: { message: '识别服务返回异常，请稍后重试', retryable: true },
  WRONG_SIDE: { message: '拍到的是证件的另一面，请翻面后重新拍摄', retryable: false },
  CAMERA: { message: '拍照失败，请重新拍摄或从相册选择', retryable: false },
  ALBUM: { message: '未能读取照片，请重新选择', retryable: false },
} as const satisfies Record<string, Pick<ShownFailure, 'message' | 'retryable'>>;

export type PhoneFailure = keyof typeof PHONE_FAILURES;

/** A failure on the phone, with the platform's reason kept for the console. */
export function phoneFailure(kind: PhoneFailure, cause?: unknown): ShownFailure {
  return { errCode: 0, ...PHONE_FAILURES[kind], errMsg: reasonOf(cause) };
}

/** The function answered with a failure: show its message (or the table's, should it be missing). */
export function functionFailure(result: IdcardFailure): ShownFailure {
  const entry = errorEntry(result.errCode);
  return {
    errCode: result.errCode,
    message: result.message || userMessage(result.errCode),
    retryable: entry ? entry.retryable : true,
    errMsg: result.errMsg,
  };
}

/**
 * `wx.cloud.callFunction` itself failed (no answer from the function): a known code gets its table message,
 * anything else is reported as the network, which is what it nearly always is on a phone.
 */
export function callFailure(err: unknown): ShownFailure {
  const errCode = Number((err as { errCode?: unknown } | null)?.errCode);
  const entry = Number.isFinite(errCode) ? errorEntry(errCode) : undefined;
  const errMsg = reasonOf(err);
  if (entry) return { errCode: entry.errCode, message: entry.message, retryable: entry.retryable, errMsg };
  return { ...phoneFailure('NETWORK', err), errCode: Number.isFinite(errCode) ? errCode : 0 };
}

/** The `errMsg` WeChat puts on every failure, or the message of a thrown Error. */
function reasonOf(cause: unknown): string {
  if (cause === undefined || cause === null) return '';
  const errMsg = (cause as { errMsg?: unknown; message?: unknown }).errMsg ?? (cause as { message?: unknown }).message;
  return typeof errMsg === 'string' ? errMsg : String(cause);
}
