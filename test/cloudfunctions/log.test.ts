import { formatCallLog, type CallLogLine } from '../../cloudfunctions/ocrIdcard/src/log';
import { MALE_BEIJING } from './support/identities';

describe('formatCallLog', () => {
  it('writes one JSON line with the fields in a fixed order, absent ones left out', () => {
    const line: CallLogLine = { event: 'ocr.idcard', mode: 'cloud', source: 'img', errCode: 0, ms: 12, attempts: 1, bytesIn: 10, type: 'Front' };
    const text = formatCallLog(line);
    expect(text).not.toContain('\n');
    expect(text).toBe('{"event":"ocr.idcard","mode":"cloud","source":"img","errCode":0,"ms":12,"attempts":1,"bytesIn":10,"type":"Front"}');
  });

  it('drops anything that is not a log field, even when a wider object is passed', () => {
    const wider = { event: 'ocr.idcard', mode: 'cloud', source: 'fileID', errCode: 0, ms: 1, attempts: 1, ...MALE_BEIJING, idMasked: '1101**********1239' };
    const text = formatCallLog(wider as CallLogLine);
    for (const value of Object.values(MALE_BEIJING)) expect(text).not.toContain(value);
    expect(text).not.toContain('1239');
  });
});
