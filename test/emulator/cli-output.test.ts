/** What `npm start` prints, and the command lines it accepts. */
import { parseCliArgs, UsageError } from '../../emulator/cli/args';
import { displayWidth } from '../../emulator/cli/display-width';
import { jsonLine, renderTable, summaryLine, type FileOutcome } from '../../emulator/cli/output';
import { listSamples } from '../../emulator/cli/samples';

const front: FileOutcome = {
  file: 'cards/front.jpg',
  result: {
    errCode: 0,
    errMsg: 'ok',
    type: 'Front',
    name: '测试样',
    id: '11010519491231002X',
    addr: '北京市朝阳区测试路1号',
    gender: '女',
    nationality: '汉',
    birth: '1949-12-31',
    idValid: true,
    warnings: [],
  },
};
const back: FileOutcome = {
  file: 'cards/back.jpg',
  result: {
    errCode: 0,
    errMsg: 'ok',
    type: 'Back',
    validDate: '20070105-20170105',
    validFrom: '2007-01-05',
    validTo: '2017-01-05',
    expired: true,
    warnings: [{ code: 'EXPIRED', message: '证件已过期，请使用有效证件', field: 'validDate' }],
  },
};
const failed: FileOutcome = { file: 'cards/cat.jpg', result: { errCode: 101001, errMsg: 'certificate not found', message: '未识别到身份证' } };
const unreadable: FileOutcome = { file: 'cards/nope.jpg', error: 'ENOENT' };

describe('--json', () => {
  it('prints the file and the result fields as the function returned them', () => {
    expect(JSON.parse(jsonLine(front))).toEqual({ file: 'cards/front.jpg', ...('result' in front ? front.result : {}) });
    expect(JSON.parse(jsonLine(back))).toMatchObject({ file: 'cards/back.jpg', type: 'Back', validDate: '20070105-20170105' });
    expect(JSON.parse(jsonLine(unreadable))).toEqual({ file: 'cards/nope.jpg', error: 'ENOENT' });
  });
});

describe('the table', () => {
  const table = renderTable([front, back, failed, unreadable]).split('\n');

  it('has a header, a row per image, then the warnings', () => {
    expect(table[0].split(/\s{2,}/)).toEqual(['FILE', 'RESULT', 'SIDE', 'NAME', 'GENDER', 'NATION', 'ID', 'VALID', 'ADDRESS']);
    expect(table[1].split(/\s{2,}/)).toEqual(['cards/front.jpg', 'ok', 'Front', '测试样', '女', '汉', '11010519491231002X', '-', '北京市朝阳区测试路1号']);
    expect(table[2].split(/\s{2,}/)).toEqual(['cards/back.jpg', 'ok, 1 warning', 'Back', '-', '-', '-', '-', '20070105-20170105', '-']);
    expect(table[3]).toContain('101001 未识别到身份证');
    expect(table[4]).toContain('not sent: ENOENT');
    expect(table[5]).toBe('cards/back.jpg: EXPIRED 证件已过期，请使用有效证件');
  });

  it('lines columns up by display width, Chinese counting two', () => {
    const columnOf = (line: string, text: RegExp) => displayWidth(line.slice(0, line.search(text)));
    // The ID column starts at the same terminal column in the header and after the Chinese name.
    expect(columnOf(table[1], /11010519491231002X/)).toBe(columnOf(table[0], /\bID\b/));
    expect(columnOf(table[2], /20070105-20170105/)).toBe(columnOf(table[0], /\bVALID\b/));
    expect(displayWidth('测试ab')).toBe(6);
  });

  it('sums up', () => {
    expect(summaryLine([front, back, failed, unreadable])).toBe('4 images: 2 read, 2 failed');
    expect(summaryLine([front])).toBe('1 image: 1 read, 0 failed');
  });
});

describe('the command line', () => {
  it('takes images and options in any order', () => {
    expect(parseCliArgs(['a.jpg', '--type', 'scan', 'b.png', '--json'])).toEqual({
      files: ['a.jpg', 'b.png'],
      type: 'scan',
      json: true,
      weixin: false,
      verbose: false,
      help: false,
    });
  });

  it('refuses a bad --type and unknown options, saying what was wrong', () => {
    expect(() => parseCliArgs(['--type', 'selfie'])).toThrow(new UsageError('Expected photo or scan for --type but received "selfie"'));
    expect(() => parseCliArgs(['--colour'])).toThrow(UsageError);
  });

  it('finds the shipped samples with their modes', () => {
    const samples = listSamples();
    expect(samples.length).toBeGreaterThanOrEqual(4);
    expect(new Set(samples.map((s) => s.mode))).toEqual(new Set(['photo', 'scan']));
  });
});
