/**
 * The card parser on line sets the real engine recorded from synthetic cards, and on those sets reshaped the way
 * OCR output varies: order, labels merged with or split from values, stray marks, look-alike characters, noise.
 */
import { parseCard } from '../../emulator/ocr/parser';
import type { OcrLine } from '../../emulator/ocr/types';
import { loadLineSet } from '../fixtures/ocr-lines/line-set';

const RECORDED = [
  'front-scan',
  'front-photo',
  'front-id-x-three-line-address',
  'front-minority-one-line-address',
  'front-turned-exif',
  'back-scan',
  'back-long-term',
];

function line(text: string, x: number, y: number, width: number, height = 40, score = 0.99): OcrLine {
  return { text, score, box: { x, y, width, height } };
}

/** A card front laid out as the generator prints it, each label and value a run of its own. */
function splitFront(values: { name: string; gender: string; nationality: string; birth: string; addr: string[]; id: string }): OcrLine[] {
  return [
    line('姓名', 60, 60, 150, 48),
    line(values.name, 255, 60, 48 * values.name.length, 48),
    line('性别', 60, 150, 150),
    line(values.gender, 255, 150, 40),
    line('民族', 420, 150, 120),
    line(values.nationality, 575, 150, 40 * values.nationality.length),
    line('出生', 60, 235, 150),
    line(values.birth, 255, 235, 380),
    line('住址', 60, 320, 150),
    ...values.addr.map((text, i) => line(text, 255, 320 + 53 * i, 36 * text.length)),
    line('公民身份号码', 60, 515, 240, 36),
    line(values.id, 410, 510, 730, 44),
  ];
}

const FRONT = {
  name: '欧阳晓明',
  gender: '女',
  nationality: '土家',
  birth: '1986年10月3日',
  addr: ['湖南省张家界市永定区解放', '路12号幸福里3栋2单元50', '2室'],
  id: '43080219861003216X',
};
const FRONT_FIELDS = {
  type: 'Front',
  name: '欧阳晓明',
  id: '43080219861003216X',
  addr: '湖南省张家界市永定区解放路12号幸福里3栋2单元502室',
  gender: '女',
  nationality: '土家',
  birth: '19861003',
};

/** Cuts a run into pieces of its text, each a box of its own in proportion to its characters. */
function cut(run: OcrLine, pieces: string[]): OcrLine[] {
  const total = [...pieces.join('')].length;
  let x = run.box.x;
  return pieces.map((text) => {
    const width = (run.box.width * [...text].length) / total;
    const piece = { ...run, text, box: { ...run.box, x, width } };
    x += width;
    return piece;
  });
}

/** Joins runs into one run spanning them all (as OCR does when a label sits close to its value). */
function merge(runs: OcrLine[], separator = ''): OcrLine {
  const left = Math.min(...runs.map((r) => r.box.x));
  const right = Math.max(...runs.map((r) => r.box.x + r.box.width));
  const top = Math.min(...runs.map((r) => r.box.y));
  const bottom = Math.max(...runs.map((r) => r.box.y + r.box.height));
  return line(runs.map((r) => r.text).join(separator), left, top, right - left, bottom - top);
}

/** A fixed permutation, so a failure reproduces. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describe('parseCard on recorded line sets', () => {
  it.each(RECORDED)('%s reads exactly what the card printed', (name) => {
    const set = loadLineSet(name);
    expect(parseCard(set.lines)).toEqual(set.expected);
  });

  it.each(RECORDED)('%s reads the same whatever the order of the lines', (name) => {
    const set = loadLineSet(name);
    expect(parseCard([...set.lines].reverse())).toEqual(set.expected);
    expect(parseCard(shuffled(set.lines, 7))).toEqual(set.expected);
    expect(parseCard(shuffled(set.lines, 1234))).toEqual(set.expected);
  });
});

describe('parseCard: labels and values', () => {
  it('reads labels split from their values', () => {
    expect(parseCard(splitFront(FRONT))).toEqual(FRONT_FIELDS);
  });

  it('reads labels merged with their values, with or without a space', () => {
    const runs = splitFront(FRONT);
    const merged = [
      merge(runs.slice(0, 2)),
      merge(runs.slice(2, 6), ' '),
      merge(runs.slice(6, 8), ' '),
      merge(runs.slice(8, 10)),
      ...runs.slice(10, 12),
      merge(runs.slice(12, 14), ' '),
    ];
    expect(parseCard(merged)).toEqual(FRONT_FIELDS);
  });

  it('reads widely spaced labels that OCR cut into single characters', () => {
    const runs = splitFront(FRONT).flatMap((run) => (['姓名', '性别', '民族', '出生', '住址'].includes(run.text) ? cut(run, [...run.text]) : [run]));
    expect(parseCard(runs)).toEqual(FRONT_FIELDS);
  });

  it('drops stray marks between a label and its value', () => {
    const runs = splitFront(FRONT).map((run) => {
      if (run.text === '姓名') return { ...run, text: '姓名：' };
      if (run.text === '住址') return { ...run, text: '住址|' };
      if (run.text === FRONT.nationality) return { ...run, text: `:${FRONT.nationality}` };
      if (run.text === FRONT.gender) return { ...run, text: `${FRONT.gender}.` };
      return run;
    });
    expect(parseCard(runs)).toEqual(FRONT_FIELDS);
  });

  it('reads a label OCR got one character wrong', () => {
    const runs = splitFront(FRONT).map((run) => (run.text === '姓名' ? { ...run, text: '娃名' } : run));
    expect(parseCard([merge(runs.slice(0, 2)), ...runs.slice(2)])).toEqual(FRONT_FIELDS);
  });

  it('keeps the middle dot of a transliterated name', () => {
    const runs = splitFront({ ...FRONT, name: '阿依古丽·买买提' });
    expect(parseCard(runs)).toMatchObject({ name: '阿依古丽·买买提' });
  });

  it('snaps a 民族 value one character off to the closest of the 56', () => {
    const runs = splitFront({ ...FRONT, nationality: '维吾而' });
    expect(parseCard(runs)).toMatchObject({ nationality: '维吾尔' });
  });

  it('reads an address of one, two or three rows, and stops before the number', () => {
    for (const addr of [['北京市东城区人民路4号'], ['湖南省张家界市永定区解放', '路12号'], FRONT.addr]) {
      expect(parseCard(splitFront({ ...FRONT, addr }))).toMatchObject({ addr: addr.join('') });
    }
  });
});

describe('parseCard: the ID number', () => {
  const withId = (id: string) => splitFront({ ...FRONT, id });

  it('reads a final X however OCR wrote it', () => {
    for (const x of ['X', 'x', '×', 'χ']) expect(parseCard(withId(`43080219861003216${x}`))).toMatchObject({ id: '43080219861003216X' });
  });

  it('reads letters that look like digits as digits', () => {
    expect(parseCard(withId('43O8O2l986lOO32l6X'))).toMatchObject({ id: '43080219861003216X' });
  });

  it('never changes a digit: a number with a wrong check character stays as printed', () => {
    expect(parseCard(withId('430802198610032161'))).toMatchObject({ id: '430802198610032161' });
  });

  it('reads a number OCR cut into two runs', () => {
    const runs = splitFront(FRONT);
    const number = runs[runs.length - 1];
    expect(parseCard([...runs.slice(0, -1), ...cut(number, ['430802198', '61003216X'])])).toEqual(FRONT_FIELDS);
  });

  it('reads the number merged with its label', () => {
    const runs = splitFront(FRONT);
    expect(parseCard([...runs.slice(0, -2), merge(runs.slice(-2), ' ')])).toEqual(FRONT_FIELDS);
  });
});

describe('parseCard: noise', () => {
  it('ignores background text away from the card and fragments of glyphs', () => {
    const noise = [
      line('ABC 2023', 1500, -300, 200),
      line('X', 215, 330, 30, 20, 0.55),
      line('?', 230, 160, 25, 22, 0.6),
      line('SALE', -600, 900, 150),
    ];
    expect(parseCard([...splitFront(FRONT), ...noise])).toEqual(FRONT_FIELDS);
  });

  it('is not fooled by a line of text that is no card', () => {
    const receipt = [
      line('超市购物小票', 100, 50, 300),
      line('苹果 2.50 x 3 7.50', 100, 120, 400),
      line('合计 7.50', 100, 190, 200),
      line('2023.05.01 12:30', 100, 260, 300),
    ];
    const notice = [
      line('会议通知', 80, 100, 160),
      line('时间：2023年5月8日下午三点', 80, 220, 520),
      line('地点：三楼会议室', 80, 340, 320),
      line('请各部门负责人准时参加', 80, 460, 440),
    ];
    expect(parseCard(receipt)).toBeNull();
    expect(parseCard(notice)).toBeNull();
    expect(parseCard([])).toBeNull();
  });
});

describe('parseCard: the back', () => {
  const back = (authority: string, validity: string) => [
    line('中华人民共和国', 300, 80, 540, 57),
    line('居民身份证', 280, 210, 600, 90),
    line('签发机关', 70, 460, 150),
    line(authority, 280, 460, 40 * authority.length),
    line('有效期限', 70, 550, 150),
    line(validity, 280, 550, 450, 36),
  ];

  it('reads a dated validity and the authority', () => {
    expect(parseCard(back('杭州市公安局西湖分局', '2015.06.01-2035.06.01'))).toEqual({
      type: 'Back',
      valid_date: '20150601-20350601',
      authority: '杭州市公安局西湖分局',
    });
  });

  it('reads a long-term validity, whatever OCR made of the dash', () => {
    for (const validity of ['2010.03.01-长期', '2010.03.01一长期', '2010.03.01—长期', '2010.03.01 - 长期']) {
      expect(parseCard(back('上海市公安局浦东分局', validity))).toMatchObject({ valid_date: '20100301-长期' });
    }
  });

  it('reads dates whose dots OCR lost or misread', () => {
    expect(parseCard(back('北京市公安局东城分局', '2015,06.01-2035.0601'))).toMatchObject({ valid_date: '20150601-20350601' });
  });

  it('finds the authority right above the validity when its label was misread', () => {
    const lines = back('北京市公安局东城分局', '2015.06.01-2035.06.01').map((run) => (run.text === '签发机关' ? { ...run, text: '签发机犬' } : run));
    expect(parseCard(lines)).toMatchObject({ authority: '北京市公安局东城分局' });
  });
});
