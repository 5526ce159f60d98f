/**
 * The one log line per call, as JSON, for the cloud console's log search. It carries codes, sizes and times
 * only: the line is built from a fixed list of keys, so nothing personal (name, address, ID number, image
 * bytes) can slip into it by way of a wider object.
 */
import type { CallLog } from './platform';
import type { SharpBackend } from './sharp-loader';
import type { QuotaStatus } from './user-quota';

/**
 * A call's log line: CallLog, plus the storage code when deleting the uploaded file failed, and what the per-user
 * limit did (with the database's code when it could not be asked).
 */
export interface CallLogLine extends CallLog {
  /** The sharp build that re-encoded the image, when one did. */
  sharp?: SharpBackend;
  deleteErrCode?: number;
  quota?: QuotaStatus;
  quotaErrCode?: number;
}

const KEYS: readonly (keyof CallLogLine)[] = [
  'event',
  'mode',
  'source',
  'errCode',
  'ms',
  'attempts',
  'bytesIn',
  'bytesOut',
  'resized',
  'sharp',
  'type',
  'deleteErrCode',
  'quota',
  'quotaErrCode',
];

/**
 * The JSON text of a log line, keys in a fixed order, absent ones left out.
 * @example
 * formatCallLog({ event: 'ocr.idcard', mode: 'cloud', source: 'fileID', errCode: 0, ms: 812, attempts: 1 })
 * // '{"event":"ocr.idcard","mode":"cloud","source":"fileID","errCode":0,"ms":812,"attempts":1}'
 */
export function formatCallLog(line: CallLogLine): string {
  const picked: Partial<Record<keyof CallLogLine, unknown>> = {};
  for (const key of KEYS) if (line[key] !== undefined) picked[key] = line[key];
  return JSON.stringify(picked);
}

/** Writes the line to stdout, where the cloud runtime collects function logs. */
export function consoleCallLog(line: CallLogLine): void {
  console.log(formatCallLog(line));
}
