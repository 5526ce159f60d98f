/**
 * The portrait side. Rows top to bottom: 姓名, 性别 … 民族 …, 出生, 住址 (one to three rows), then
 * 公民身份号码 with the number. Labels anchor the rows; a label OCR misread is replaced by the row's place in
 * that order, and values are taken right of the label column.
 */
import { afterLabel, findIdNumber, hanOnly, readEthnicGroup, readPrintedDate, trimStray, valueStart } from './card-text';
import { typicalRowHeight, type Row } from './rows';
import type { FrontAnswer } from './types';

export type FrontFields = Omit<FrontAnswer, 'errcode' | 'errmsg'>;

const ID_LABEL = '公民身份号码';

/** Indices of the rows that carry each field, -1 where none does. */
interface FrontLayout {
  name: number;
  gender: number;
  birth: number;
  address: number;
  id: number;
  /** How many rows were found by their own label, not by their place among the others. */
  labelled: number;
}

const hasLabel = (row: Row, label: string) => valueStart(row.text, label) >= 0;

/** The lowest row holding an ID number, and the number. */
function findIdRow(rows: Row[]): { index: number; id: string } {
  for (let i = rows.length - 1; i >= 0; i--) {
    const text = rows[i].text;
    const start = text.indexOf('码');
    const id = findIdNumber(start >= 0 ? text.slice(start + 1) : text) ?? findIdNumber(text);
    if (id) return { index: i, id };
  }
  return { index: -1, id: '' };
}

function layoutOf(rows: Row[], idRow: number): FrontLayout {
  const above = idRow >= 0 ? idRow : rows.length;
  const find = (test: (row: Row) => boolean) => rows.findIndex((row, i) => i < above && test(row));
  let labelled = 0;
  const byLabel = (index: number) => {
    if (index >= 0) labelled++;
    return index;
  };
  let birth = byLabel(find((row) => hasLabel(row, '出生')));
  if (birth < 0) birth = find((row) => /\d{4}.{0,2}年|年.{0,3}月/.test(row.text) && readPrintedDate(row.text) !== null);
  let gender = byLabel(find((row) => hasLabel(row, '性别') || row.text.includes('民族')));
  if (gender < 0 && birth > 0) gender = birth - 1;
  let name = byLabel(find((row) => valueStart(row.text, '姓名', true) >= 0 && !hasLabel(row, '性别')));
  if (name < 0 && gender > 0) name = gender - 1;
  let address = byLabel(find((row) => valueStart(row.text, '住址', true) >= 0));
  if (address < 0 && birth >= 0 && birth + 1 < above) address = birth + 1;
  return { name, gender, birth, address, id: idRow, labelled };
}

/**
 * The runs of a row up to the first wide gap: a value is printed in one piece, so anything far to its right
 * (a mark on the portrait, background in a photo) is not part of it.
 */
function leadingRuns(row: Row, height: number): string {
  let text = '';
  let right = -Infinity;
  for (const run of row.runs) {
    if (right !== -Infinity && run.box.x - right > 3 * height) break;
    text += run.text.replace(/\s+/g, '');
    right = Math.max(right, run.box.x + run.box.width);
  }
  return text;
}

/** The value of a labelled row; when OCR lost the label's characters, whatever follows the label column. */
function labelledValue(row: Row, label: string, height: number): string {
  const text = leadingRuns(row, height);
  const value = afterLabel(text, label) ?? afterLabel(text, label, true);
  if (value !== null) return value;
  // A label run of its own that OCR misread: drop it when something follows it.
  const [first, ...rest] = row.runs;
  if (rest.length > 0 && [...first.text.trim()].length <= label.length) return trimStray(rest.map((r) => r.text).join(''));
  return trimStray(text);
}

function readGender(text: string): string {
  const value = afterLabel(text, '性别', true) ?? text;
  return /[男女]/.exec(value)?.[0] ?? '';
}

function readNationality(text: string): string {
  const at = text.indexOf('民族');
  if (at >= 0) return readEthnicGroup(text.slice(at + 2));
  // 民 misread: 族 alone still marks where the value starts.
  const suffix = text.lastIndexOf('族');
  if (suffix >= 0) return readEthnicGroup(text.slice(suffix + 1));
  // No label left: whatever Han text follows the gender.
  const gender = /[男女]/.exec(text);
  return gender ? readEthnicGroup(text.slice(gender.index + 1).replace(/^[^\p{Script=Han}]*民?/u, '')) : '';
}

/** Address rows: the 住址 row and the rows right under it, each no further than a row's height from the last. */
function readAddress(rows: Row[], layout: FrontLayout, height: number): string {
  if (layout.address < 0) return '';
  const end = layout.id >= 0 ? layout.id : rows.length;
  const first = rows[layout.address];
  const parts = [labelledValue(first, '住址', height)];
  // Continuation rows start where the value of the first row starts, not at the label column.
  const valueLeft = first.runs.length > 1 && [...first.runs[0].text.trim()].length <= 3 ? first.runs[1].box.x : first.left;
  let previous = first;
  for (let i = layout.address + 1; i < end && parts.length < 4; i++) {
    const row = rows[i];
    if (row.top - previous.bottom > 1.2 * height) break;
    if (hasLabel(row, ID_LABEL) || findIdNumber(row.text)) break;
    // A short run alone in the label column is a label (公民 of a split 公民身份号码), not more address.
    if (row.left < valueLeft - 2 * height && row.runs.length === 1 && [...row.text].length <= 3) break;
    parts.push(trimStray(leadingRuns(row, height)));
    previous = row;
  }
  return parts.join('');
}

/** The front's fields, or null when the rows do not look like the portrait side. */
export function readFront(rows: Row[]): FrontFields | null {
  const { index: idRow, id } = findIdRow(rows);
  const layout = layoutOf(rows, idRow);
  if (!id && layout.labelled < 2) return null;
  const height = typicalRowHeight(rows);
  const genderText = layout.gender >= 0 ? rows[layout.gender].text : '';
  const birthRow = layout.birth >= 0 ? rows[layout.birth].text : '';
  return {
    type: 'Front',
    name: layout.name >= 0 ? hanOnly(labelledValue(rows[layout.name], '姓名', height)) : '',
    id,
    addr: readAddress(rows, layout, height),
    gender: readGender(genderText),
    nationality: readNationality(genderText),
    birth: readPrintedDate(afterLabel(birthRow, '出生', true) ?? birthRow) ?? '',
  };
}
