/**
 * The one normaliser: WeChat answers in two shapes and fails in several, and the page gets one result type.
 *
 * - Cloud call (wx-server-sdk): camelCase (`validDate`), `errCode: 0`; failures are thrown as
 *   `CloudSDKError { errCode, errMsg }`, and storage failures as an Error with `errCode: -1` and the real
 *   reason in `code` (`STORAGE_FILE_NONEXIST`).
 * - HTTPS call: snake_case (`valid_date`), `errcode` the string `"0"` or the number `0`; failures are returned
 *   in the body with a non-zero `errcode`.
 */
import { errorEntry, userMessage } from '../../../miniprogram/shared/errors';
import type { IdcardFailure, OcrIdcardResult } from '../../../miniprogram/shared/idcard';
import { checkBack, checkFront, type CardContext } from './card-checks';
import { failure } from './failure';

/** Named codes of the cloud storage layer (wx-server-sdk's TCB_ERR_CODE) and socket errors, as numbers. */
const NAMED_CODES: Readonly<Record<string, number>> = {
  SYS_ERR: -501001,
  SERVER_TIMEOUT: -501002,
  STORAGE_REQUEST_FAIL: -503001,
  STORAGE_EXCEED_AUTHORITY: -503002,
  STORAGE_FILE_NONEXIST: -503003,
  STORAGE_SIGN_PARAM_INVALID: -503004,
  // The download of a storage file has no code of its own for a dead network: it is WeChat's -501001.
  ESOCKETTIMEDOUT: -501001,
  ETIMEDOUT: -501001,
  ECONNREFUSED: -501001,
  ECONNRESET: -501001,
};

const MAX_DETAIL = 200;

type Fields = Record<string, unknown>;

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null;
}

/** A code as a number: numbers, numeric strings (`"101001"`) and named codes; undefined when there is none. */
function codeOf(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  if (typeof value !== 'string') return undefined;
  if (/^\s*-?\d+\s*$/.test(value)) return Number(value);
  return NAMED_CODES[value];
}

/** A message from outside, cut to one short line: never a stack trace. */
function detailOf(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const line = value.trim().split('\n')[0];
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}…` : line;
}

/**
 * The failure for a code: the table's wording for a code it knows (kept with its detail when the errMsg given
 * refines it, e.g. `invalid image url: fetch timed out`), else the code passed through with the caller's own
 * errMsg and a generic user message.
 */
function failureForCode(errCode: number, errMsg?: string): IdcardFailure {
  const entry = errorEntry(errCode);
  const detail = detailOf(errMsg);
  if (entry) return { errCode, errMsg: detail?.startsWith(`${entry.errMsg}: `) ? detail : entry.errMsg, message: entry.message };
  return { errCode, errMsg: detail ?? 'unknown error', message: userMessage(errCode) };
}

/**
 * Any thrown or rejected value -> IdcardFailure from the error table. WeChat's codes keep their meaning,
 * unknown ones pass through, anything without a code is a system error (-1).
 * @example
 * normaliseError({ errCode: 101001, errMsg: 'openapi.ocr.idcard:fail certificate not found' })
 * // { errCode: 101001, errMsg: 'certificate not found', message: '未识别到身份证，…' }
 */
export function normaliseError(error: unknown): IdcardFailure {
  if (!isObject(error)) return failure('SYSTEM_ERROR');
  const named = typeof error.code === 'string' ? NAMED_CODES[error.code] : undefined;
  const errCode = named ?? codeOf(error.errCode) ?? codeOf(error.errcode) ?? -1;
  return failureForCode(errCode === 0 ? -1 : errCode, (error.errMsg ?? error.errmsg ?? error.message) as string | undefined);
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * WeChat's answer, in either shape -> the page's result, with the card checks applied; an answer with a
 * non-zero errcode -> its failure.
 * @example
 * normaliseAnswer({ errcode: '0', errmsg: 'ok', type: 'Back', valid_date: '20070105-20270105' }, { now: Date.now() })
 * // { errCode: 0, errMsg: 'ok', type: 'Back', validFrom: '2007-01-05', validTo: '2027-01-05', ... }
 */
export function normaliseAnswer(answer: unknown, context: CardContext): OcrIdcardResult {
  if (!isObject(answer)) return failure('SYSTEM_ERROR', 'ocr.idcard answered with no object');
  const rawCode = answer.errcode ?? answer.errCode ?? 0;
  const errCode = codeOf(rawCode);
  if (errCode === undefined) return failure('SYSTEM_ERROR', 'ocr.idcard answered with an unreadable errcode');
  if (errCode !== 0) return failureForCode(errCode, (answer.errmsg ?? answer.errMsg) as string | undefined);
  if (answer.type === 'Front') {
    const fields = { name: text(answer.name), id: text(answer.id), addr: text(answer.addr), gender: text(answer.gender), nationality: text(answer.nationality) };
    return checkFront(fields, context);
  }
  if (answer.type === 'Back') return checkBack(text(answer.valid_date ?? answer.validDate), context);
  return failure('SYSTEM_ERROR', 'ocr.idcard answered without type Front or Back');
}
