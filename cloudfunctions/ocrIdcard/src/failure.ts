/**
 * Failures as values: every error the function answers with comes from the one ERROR_TABLE, so the page can
 * show `message` and act on `errCode` without knowing where the failure happened.
 */
import { ERROR_TABLE, type ErrorName } from '../../../miniprogram/shared/errors';
import type { IdcardFailure } from '../../../miniprogram/shared/idcard';

/**
 * The failure for a table entry; `detail` (English, no personal data) is appended to errMsg for the developer.
 * @example
 * failure('INVALID_ARGS', 'type must be photo or scan')
 * // { errCode: 40097, errMsg: 'invalid args: type must be photo or scan', message: '请求参数有误，请重新拍摄后再试' }
 */
export function failure(name: ErrorName, detail?: string): IdcardFailure {
  const entry = ERROR_TABLE[name];
  return { errCode: entry.errCode, errMsg: detail ? `${entry.errMsg}: ${detail}` : entry.errMsg, message: entry.message };
}
