/**
 * Reads what `wx.cloud.callFunction` resolved with. The function is deployed separately from the page, so an
 * old or half-deployed version may answer anything: only a shape that matches the contract is trusted.
 */
import type { IdcardFailure, IdcardSuccess } from '../shared/idcard';

/** The function's answer sorted into success, failure, or something that is neither. */
export type ReadAnswer =
  | { kind: 'success'; result: IdcardSuccess }
  | { kind: 'failure'; result: IdcardFailure }
  | { kind: 'unreadable' };

/** Sorts an answer by its `errCode` and, on success, its card side. */
export function readAnswer(answer: unknown): ReadAnswer {
  if (typeof answer !== 'object' || answer === null) return { kind: 'unreadable' };
  const { errCode, errMsg, message, type } = answer as Record<string, unknown>;
  if (typeof errCode !== 'number') return { kind: 'unreadable' };
  if (errCode !== 0) {
    return {
      kind: 'failure',
      result: { errCode, errMsg: typeof errMsg === 'string' ? errMsg : '', message: typeof message === 'string' ? message : '' },
    };
  }
  if (type !== 'Front' && type !== 'Back') return { kind: 'unreadable' };
  const result = answer as IdcardSuccess;
  return { kind: 'success', result: { ...result, warnings: Array.isArray(result.warnings) ? result.warnings : [] } };
}
