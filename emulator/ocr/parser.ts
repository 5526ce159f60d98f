/**
 * OCR lines -> the fields of an ID card side. Pure: the same lines give the same fields, whatever their order.
 */
import { readBack } from './parse-back';
import { readFront } from './parse-front';
import { groupRows } from './rows';
import type { CardFields, OcrLine } from './types';

/**
 * Reads the side and its fields from the lines of one card, or null when the lines are not an ID card.
 * The front wins when both sides seem present (its number is the stronger sign).
 *
 * @example
 * parseCard([{ text: '签发机关 杭州市公安局', score: 0.99, box: { x: 60, y: 400, width: 500, height: 30 } },
 *            { text: '有效期限 2015.06.01-长期', score: 0.99, box: { x: 60, y: 450, width: 500, height: 30 } }]);
 * // { type: 'Back', valid_date: '20150601-长期', authority: '杭州市公安局' }
 */
export function parseCard(lines: OcrLine[]): CardFields | null {
  const rows = groupRows(lines);
  return readFront(rows) ?? readBack(rows);
}
