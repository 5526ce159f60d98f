/**
 * The one table of error codes: WeChat's own, passed through with their meaning, and the few this package adds.
 * The cloud function answers with it and the page shows `message` from it.
 */

export interface ErrorEntry {
  errCode: number;
  /** Short English reason, as WeChat words it where the code is WeChat's. */
  errMsg: string;
  /** What the user sees: Chinese, and says what to do. */
  message: string;
  /** A retry may succeed without the user changing anything. */
  retryable: boolean;
}

export const ERROR_TABLE = {
  SYSTEM_ERROR: { errCode: -1, errMsg: 'system error', message: '识别服务繁忙，请稍后重试', retryable: true },
  INVALID_IMAGE_URL: { errCode: 101000, errMsg: 'invalid image url', message: '无法获取图片，请重新拍摄或上传', retryable: false },
  CERTIFICATE_NOT_FOUND: { errCode: 101001, errMsg: 'certificate not found', message: '未识别到身份证，请将证件放入取景框内，在光线充足处重拍', retryable: false },
  INVALID_IMAGE_DATA: { errCode: 101002, errMsg: 'invalid image data', message: '图片无法识别，请重新拍摄清晰的 JPG 或 PNG 照片', retryable: false },
  MARKET_QUOTA: { errCode: 101003, errMsg: 'market quota insufficient', message: '识别次数已用完，请联系小程序管理员', retryable: false },
  DAILY_QUOTA: { errCode: 45009, errMsg: 'reach max api daily quota limit', message: '今日识别次数已达上限，请明天再试', retryable: false },
  INVALID_TOKEN: { errCode: 40001, errMsg: 'invalid credential, access_token is invalid or not latest', message: '服务凭证失效，请稍后重试', retryable: true },
  EXPIRED_TOKEN: { errCode: 42001, errMsg: 'access_token expired', message: '服务凭证已过期，请稍后重试', retryable: true },
  INVALID_ARGS: { errCode: 40097, errMsg: 'invalid args', message: '请求参数有误，请重新拍摄后再试', retryable: false },
  IMG_URL_IN_BODY: { errCode: 41005, errMsg: 'media data missing', message: '请求参数有误，请重新拍摄后再试', retryable: false },
  REQUIRE_POST: { errCode: 43002, errMsg: 'require POST method', message: '请求方式有误，请联系小程序管理员', retryable: false },
  NO_PERMISSION: { errCode: -604101, errMsg: 'function has no permission to call this API', message: '识别功能未开通，请联系小程序管理员（云函数缺少 ocr.idcard 权限）', retryable: false },
  RESPONSE_TOO_LARGE: { errCode: -604001, errMsg: 'response exceeds 1 MB', message: '识别结果过大，请重试', retryable: true },
  TIMEOUT: { errCode: -501001, errMsg: 'request timed out or network failure', message: '网络不稳定，识别超时，请稍后重试', retryable: true },
  FILE_NOT_FOUND: { errCode: -503003, errMsg: 'storage file not found', message: '图片已失效，请重新拍摄上传', retryable: false },
  USER_DAILY_LIMIT: { errCode: 910001, errMsg: 'user daily limit reached', message: '您今天的识别次数已用完，请明天再试', retryable: false },
  IMAGE_PROCESSOR_UNAVAILABLE: { errCode: 910002, errMsg: 'image processor unavailable', message: '图片处理组件未就绪，请联系小程序管理员（云端依赖安装不完整）', retryable: false },
} as const satisfies Record<string, ErrorEntry>;

export type ErrorName = keyof typeof ERROR_TABLE;

const byCode = new Map<number, ErrorEntry>(Object.values(ERROR_TABLE).map((e) => [e.errCode, e]));

/** The table entry for a code, or undefined for a code the table does not know. */
export function errorEntry(errCode: number): ErrorEntry | undefined {
  return byCode.get(errCode);
}

/** The user message for any code; unknown codes get a generic one that still says what to do. */
export function userMessage(errCode: number): string {
  return byCode.get(errCode)?.message ?? '识别失败，请稍后重试';
}
