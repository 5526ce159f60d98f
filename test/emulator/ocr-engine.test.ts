/**
 * The on-device recognizer end to end: synthetic card images through the real PP-OCR models in their worker
 * thread, compared field by field with what the generator printed. Models load once for the file.
 */
import { createCanvas } from '@napi-rs/canvas';
import sharp from 'sharp';
import { makeCardImage, type CardImageOptions } from '../../emulator/cards';
import { drawBackground } from '../../emulator/cards/backgrounds';
import { FONT, registerCardFonts } from '../../emulator/cards/fonts';
import { createRandom } from '../../emulator/cards/random';
import { createIdcardRecognizer, sharedRecognizer, closeSharedRecognizer, type IdcardRecognizer } from '../../emulator/ocr';

jest.setTimeout(60_000);

let recognizer: IdcardRecognizer;

beforeAll(async () => {
  recognizer = await createIdcardRecognizer();
});

afterAll(async () => {
  await recognizer.close();
  await closeSharedRecognizer();
});

async function expectReads(options: CardImageOptions): Promise<void> {
  const card = await makeCardImage(options);
  const answer = await recognizer.recognize(card.buffer, card.mode);
  expect(answer).toEqual({ errcode: 0, errmsg: 'ok', ...card.expected });
}

describe('recognize: every field exact', () => {
  it.each<[string, CardImageOptions]>([
    ['scan front, upright PNG', { seed: 'engine:1', side: 'Front', mode: 'scan', format: 'png' }],
    ['scan back, turned 90°', { seed: 'engine:2', side: 'Back', mode: 'scan', rotate: 90 }],
    ['scan front, upside down WebP', { seed: 'engine:3', side: 'Front', mode: 'scan', format: 'webp', rotate: 180 }],
    ['scan back, turned 270°', { seed: 'engine:4', side: 'Back', mode: 'scan', rotate: 270 }],
    ['photo front, upright', { seed: 'engine:5', side: 'Front', mode: 'photo' }],
    ['photo back, upright, foreshortened', { seed: 'engine:6', side: 'Back', mode: 'photo', perspective: true }],
    ['photo front, turned 90°', { seed: 'engine:7', side: 'Front', mode: 'photo', rotate: 90 }],
    ['photo back, upside down', { seed: 'engine:8', side: 'Back', mode: 'photo', rotate: 180 }],
    ['photo front, turned 270°, PNG', { seed: 'engine:9', side: 'Front', mode: 'photo', rotate: 270, format: 'png' }],
  ])('%s', async (_, options) => {
    await expectReads(options);
  });

  it.each<[string, CardImageOptions]>([
    ['EXIF 6 (phone held upright)', { seed: 'engine:10', side: 'Front', mode: 'photo', exifOrientation: 6 }],
    ['EXIF 8', { seed: 'engine:11', side: 'Back', mode: 'photo', exifOrientation: 8 }],
    ['EXIF 3', { seed: 'engine:12', side: 'Front', mode: 'scan', exifOrientation: 3 }],
    ['EXIF 6 on pixels also turned 180°', { seed: 'engine:13', side: 'Back', mode: 'photo', exifOrientation: 6, rotate: 180 }],
    ['EXIF 5 (mirrored and turned)', { seed: 'engine:19', side: 'Front', mode: 'photo', exifOrientation: 5 }],
  ])('applies the EXIF orientation: %s', async (_, options) => {
    await expectReads(options);
  });

  it('reads an ID number ending in X and a three-row address', async () => {
    await expectReads({ seed: 'engine:14', side: 'Front', mode: 'photo', identityOverrides: { idEndsInX: true, addressLineCount: 3 } });
  });

  it('reads a long-term (长期) validity', async () => {
    await expectReads({ seed: 'engine:15', side: 'Back', mode: 'scan', identityOverrides: { validity: '长期' } });
  });

  it('reads a multi-character 民族', async () => {
    await expectReads({ seed: 'engine:16', side: 'Front', mode: 'scan', identityOverrides: { nationality: '维吾尔' } });
  });

  it('reads a 12 MP phone photo', async () => {
    await expectReads({ seed: 'engine:17', side: 'Front', mode: 'photo', size: 'phone' });
  });

  it('reads a number that fails its check character as printed', async () => {
    await expectReads({ seed: 'engine:18', side: 'Front', mode: 'scan', identityOverrides: { flaw: 'checkCharacter' } });
  });
});

describe('recognize: no card', () => {
  it('answers 101001 for a surface with no card on it', async () => {
    const canvas = createCanvas(1280, 960);
    drawBackground(canvas.getContext('2d'), 'wood', createRandom('engine:empty'), 1280, 960);
    const answer = await recognizer.recognize(await sharp(canvas.toBuffer('image/png')).jpeg().toBuffer(), 'photo');
    expect(answer).toEqual({ errcode: 101001, errmsg: 'certificate not found' });
  });

  it('answers 101001 for sensor noise', async () => {
    const noise = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } })
      .jpeg()
      .toBuffer();
    expect(await recognizer.recognize(noise, 'photo')).toEqual({ errcode: 101001, errmsg: 'certificate not found' });
  });

  it('answers 101001 for a page of Chinese text that is no ID card', async () => {
    registerCardFonts();
    const canvas = createCanvas(1200, 800);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 1200, 800);
    ctx.fillStyle = '#222222';
    ctx.font = `40px ${FONT.regular}`;
    ['会议通知', '时间：2023年5月8日 下午三点', '地点：三楼会议室', '请各部门负责人准时参加'].forEach((text, i) => ctx.fillText(text, 80, 140 + i * 120));
    expect(await recognizer.recognize(canvas.toBuffer('image/png'), 'scan')).toEqual({ errcode: 101001, errmsg: 'certificate not found' });
  });
});

describe('recognize: bad input', () => {
  it('answers 101002 for bytes that are no image', async () => {
    expect(await recognizer.recognize(Buffer.from('definitely not an image'), 'photo')).toEqual({ errcode: 101002, errmsg: 'invalid image data' });
    expect(await recognizer.recognize(Buffer.alloc(0), 'scan')).toEqual({ errcode: 101002, errmsg: 'invalid image data' });
  });

  it('answers 101002 for a JPEG cut off in its header', async () => {
    const card = await makeCardImage({ seed: 'engine:cut', side: 'Front', mode: 'scan' });
    expect(await recognizer.recognize(card.buffer.subarray(0, 200), 'scan')).toEqual({ errcode: 101002, errmsg: 'invalid image data' });
  });

  it('rejects arguments of the wrong kind with a message naming them', async () => {
    await expect(recognizer.recognize('card.jpg' as unknown as Buffer, 'photo')).rejects.toThrow(/Buffer for image/);
    await expect(recognizer.recognize(Buffer.from('x'), 'selfie' as 'photo')).rejects.toThrow(/'photo' or 'scan' for type/);
  });
});

describe('sharedRecognizer', () => {
  it('is one recognizer per process, and answers concurrent calls each with its own card', async () => {
    const first = sharedRecognizer();
    const second = sharedRecognizer();
    expect(await first).toBe(await second);
    const front = await makeCardImage({ seed: 'engine:shared:1', side: 'Front', mode: 'scan' });
    const back = await makeCardImage({ seed: 'engine:shared:2', side: 'Back', mode: 'scan' });
    const shared = await first;
    const [a, b] = await Promise.all([shared.recognize(front.buffer, 'scan'), shared.recognize(back.buffer, 'scan')]);
    expect(a).toEqual({ errcode: 0, errmsg: 'ok', ...front.expected });
    expect(b).toEqual({ errcode: 0, errmsg: 'ok', ...back.expected });
  });
});
