/** What `npm start` prints: a table for people, or one JSON object per line for programs. */
import { isFailure, type OcrIdcardResult } from '../../miniprogram/shared/idcard';
import { displayWidth, padToWidth } from './display-width';

/** One image and what became of it: the function's result, or why the image could not even be sent. */
export type FileOutcome = { file: string; result: OcrIdcardResult } | { file: string; error: string };

/** The `--json` line: the file, then the function's result fields as they are. */
export function jsonLine(outcome: FileOutcome): string {
  return JSON.stringify('result' in outcome ? { file: outcome.file, ...outcome.result } : outcome);
}

const HEADER = ['FILE', 'RESULT', 'SIDE', 'NAME', 'GENDER', 'NATION', 'ID', 'VALID', 'ADDRESS'] as const;
const NONE = '-';

function row(outcome: FileOutcome): string[] {
  if ('error' in outcome) return [outcome.file, `not sent: ${outcome.error}`, NONE, NONE, NONE, NONE, NONE, NONE, NONE];
  const { result } = outcome;
  if (isFailure(result)) return [outcome.file, `${result.errCode} ${result.message}`, NONE, NONE, NONE, NONE, NONE, NONE, NONE];
  const status = result.warnings.length === 0 ? 'ok' : `ok, ${result.warnings.length} warning${result.warnings.length > 1 ? 's' : ''}`;
  if (result.type === 'Back') return [outcome.file, status, 'Back', NONE, NONE, NONE, NONE, result.validDate, NONE];
  return [outcome.file, status, 'Front', result.name, result.gender, result.nationality, result.id, NONE, result.addr];
}

/** Columns aligned by display width (Chinese takes two columns), then each warning on a line of its own. */
export function renderTable(outcomes: FileOutcome[]): string {
  const rows = [Array.from(HEADER), ...outcomes.map(row)];
  const widths = HEADER.map((_, column) => Math.max(...rows.map((r) => displayWidth(r[column]))));
  const lines = rows.map((r) => r.map((cell, column) => (column === r.length - 1 ? cell : padToWidth(cell, widths[column]))).join('  '));
  for (const outcome of outcomes) {
    if (!('result' in outcome) || isFailure(outcome.result)) continue;
    for (const warning of outcome.result.warnings) lines.push(`${outcome.file}: ${warning.code} ${warning.message}`);
  }
  return lines.join('\n');
}

/** `5 images: 4 read, 1 failed`. */
export function summaryLine(outcomes: FileOutcome[]): string {
  const read = outcomes.filter((o) => 'result' in o && !isFailure(o.result)).length;
  const failed = outcomes.length - read;
  return `${outcomes.length} image${outcomes.length === 1 ? '' : 's'}: ${read} read, ${failed} failed`;
}
