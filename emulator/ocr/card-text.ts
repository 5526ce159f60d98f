/**
 * Reading the printed values of an ID card out of OCR text: labels found despite stray marks, the ID number
 * despite look-alike letters, dates in the card's own formats, and the closed list of 民族 values.
 */

/** Characters OCR puts between a label and its value, or around a value, that are never part of one. */
const STRAY = /^[\s:：;；|丨!！,，.。、'"‘’“”`_~\-—－=+*#<>《》()（）[\]【】]+|[\s:：;；|丨!！,，。、'"‘’“”`_~=+*#<>《》()（）[\]【】]+$/g;

/** The 56 民族 as a card prints them (without 族). */
export const ETHNIC_GROUPS = [
  '汉', '蒙古', '回', '藏', '维吾尔', '苗', '彝', '壮', '布依', '朝鲜', '满', '侗', '瑶', '白', '土家', '哈尼', '哈萨克',
  '傣', '黎', '傈僳', '佤', '畲', '高山', '拉祜', '水', '东乡', '纳西', '景颇', '柯尔克孜', '土', '达斡尔', '仫佬', '羌',
  '布朗', '撒拉', '毛南', '仡佬', '锡伯', '阿昌', '普米', '塔吉克', '怒', '乌孜别克', '俄罗斯', '鄂温克', '德昂', '保安',
  '裕固', '京', '塔塔尔', '独龙', '鄂伦春', '赫哲', '门巴', '珞巴', '基诺',
] as const;

/** Letters OCR reads in place of digits in a run of digits. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0', o: '0', D: '0', Q: '0', U: '0', I: '1', l: '1', i: '1', '|': '1', '!': '1', Z: '2', z: '2', S: '5', s: '5',
  B: '8', G: '6', b: '6', g: '9', q: '9', T: '7', '×': 'X', x: 'X', χ: 'X', Χ: 'X', 'Ｘ': 'X',
};

const isHan = (ch: string) => /\p{Script=Han}/u.test(ch);

/** Drops marks around a value. */
export function trimStray(text: string): string {
  return text.replace(STRAY, '');
}

/**
 * Where the value after `label` starts in `text`, or -1 when the label is not at the start. The label's
 * characters must come in order within its length plus two, with only non-Han marks between them
 * (`姓 名`, `姓:名`); when `loose`, one of its characters may be misread (`娃名`), if the rest is there.
 */
export function valueStart(text: string, label: string, loose = false): number {
  const chars = [...label];
  const match = labelPattern(label).exec(text);
  if (match) return match[0].length;
  if (!loose || chars.length < 2) return -1;
  const head = [...text.replace(/^[^\p{Script=Han}]+/u, '')];
  const offset = text.length - head.join('').length;
  // One character of the label misread: the others must sit exactly where the label puts them.
  let misses = 0;
  for (let i = 0; i < chars.length; i++) if (head[i] !== chars[i]) misses++;
  if (misses === 1 && head.length > chars.length && head.slice(0, chars.length).every(isHan)) {
    return offset + head.slice(0, chars.length).join('').length;
  }
  return -1;
}

const patterns = new Map<string, RegExp>();

/** The label's characters in order at the start, with at most a few non-Han marks before and between them. */
function labelPattern(label: string): RegExp {
  let pattern = patterns.get(label);
  if (!pattern) {
    pattern = new RegExp(`^[^\\p{Script=Han}]{0,3}${[...label].map(escape).join('[^\\p{Script=Han}]{0,2}')}`, 'u');
    patterns.set(label, pattern);
  }
  return pattern;
}

function escape(ch: string): string {
  return ch.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The value after a label, trimmed, or null when the label is not there. */
export function afterLabel(text: string, label: string, loose = false): string | null {
  const start = valueStart(text, label, loose);
  return start < 0 ? null : trimStray(text.slice(start));
}

/** Only the Han characters (and the middle dot of transliterated names) of a value. */
export function hanOnly(text: string): string {
  return [...text].filter((ch) => isHan(ch) || ch === '·').join('').replace(/^·+|·+$/g, '');
}

/**
 * The first 18-character ID number in `text`: 17 digits and a digit or X, letters that look like digits read as
 * digits. Digits themselves are never changed, so a number that fails its check character stays as printed.
 */
export function findIdNumber(text: string): string | null {
  const mapped = [...text.replace(/\s+/g, '')].map((ch) => DIGIT_LOOKALIKES[ch] ?? ch).join('');
  const match = /(?<![0-9])[0-9]{17}[0-9X](?![0-9X])/.exec(mapped);
  if (match) return match[0];
  // A longer run of digits: OCR doubled a character somewhere; too risky to guess which.
  return null;
}

/** `1990年3月7日` (or with marks misread) -> `19900307`; null when no date is there. */
export function readPrintedDate(text: string): string | null {
  const match = /(\d{4})\D{0,2}?(\d{1,2})\D{0,2}?(\d{1,2})/.exec(text.replace(/\s+/g, ''));
  if (!match) return null;
  const [, year, month, day] = match;
  if (Number(month) < 1 || Number(month) > 12 || Number(day) < 1 || Number(day) > 31) return null;
  return `${year}${month.padStart(2, '0')}${day.padStart(2, '0')}`;
}

/**
 * `2015.06.01-2035.06.01` -> `20150601-20350601`; `2010.03.01-长期` -> `20100301-长期`. The separators are
 * whatever OCR made of them; the digits are taken as printed.
 */
export function readValidity(text: string): string | null {
  const compact = [...text.replace(/\s+/g, '')].map((ch) => (/[OoDQ]/.test(ch) ? '0' : /[Il|]/.test(ch) ? '1' : ch)).join('');
  const longTerm = /长期|长|期/.test(compact.slice(compact.search(/\d/) + 8));
  const digits = compact.replace(/\D/g, '');
  if (digits.length >= 16) return `${digits.slice(0, 8)}-${digits.slice(8, 16)}`;
  if (digits.length >= 8 && longTerm) return `${digits.slice(0, 8)}-长期`;
  return null;
}

/** The 民族 value: Han characters, snapped to the closest of the 56 when one character is off. */
export function readEthnicGroup(text: string): string {
  const value = hanOnly(text).replace(/族$/, '');
  if ((ETHNIC_GROUPS as readonly string[]).includes(value)) return value;
  const near = ETHNIC_GROUPS.filter((group) => group.length === value.length && differences(group, value) === 1);
  return near.length === 1 ? near[0] : value;
}

function differences(a: string, b: string): number {
  let count = 0;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) count++;
  return count;
}
