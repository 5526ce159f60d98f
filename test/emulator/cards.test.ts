/**
 * The synthetic card generator: identities follow the ID-number rules (or break exactly the one asked for), images
 * are deterministic, decode at the requested size and format, and carry the orientation they claim.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { parseIdNumber } from '../../miniprogram/shared/id-number';
import { provinceOfAddress } from '../../miniprogram/shared/regions';
import {
  ADDRESS_LINE_WIDTH,
  IDENTITY_FLAWS,
  expectedBack,
  expectedFront,
  generateIdentity,
  makeCardImage,
  makeEmptyPhoto,
  printedValidity,
  renderBack,
  renderFront,
  validityForAge,
  type ExifOrientation,
  type Identity,
  type IdentityFlaw,
  type PixelRotation,
} from '../../emulator/cards';
import { textWidth } from '../../emulator/cards/address';
import { SAMPLES } from '../../emulator/cards/samples';

const today = (): number => {
  const now = new Date();
  return now.getFullYear() * 10000 + (now.getMonth() + 1) * 100 + now.getDate();
};

/** Every rule an identity can break, named like the flaws; an empty list means a valid card. */
function brokenRules(identity: Identity): IdentityFlaw[] {
  const facts = parseIdNumber(identity.id);
  const broken: IdentityFlaw[] = [];
  if (!facts.checksumOk) broken.push('checkCharacter');
  if (!facts.birthValid) broken.push('impossibleDate');
  else if (facts.birthYmd > today()) broken.push('futureBirth');
  if (facts.gender !== identity.gender) broken.push('genderMismatch');
  if (provinceOfAddress(identity.addressLines.join('')) !== facts.provinceCode) broken.push('provinceMismatch');
  return broken;
}

async function pixels(buffer: Buffer, autoOrient = false): Promise<{ data: Buffer; width: number; height: number }> {
  const image = autoOrient ? sharp(buffer).rotate() : sharp(buffer);
  const { data, info } = await image.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

describe('generateIdentity', () => {
  const identities = Array.from({ length: 300 }, (_, seed) => generateIdentity(seed));

  test('the same seed gives the same identity, different seeds different ones', () => {
    expect(generateIdentity(42)).toEqual(generateIdentity(42));
    expect(generateIdentity('sample-a')).toEqual(generateIdentity('sample-a'));
    expect(new Set(identities.map((identity) => identity.id)).size).toBe(identities.length);
  });

  test('valid identities follow every ID-number rule', () => {
    for (const identity of identities) {
      expect(identity.flaw).toBeNull();
      expect(brokenRules(identity)).toEqual([]);
      const facts = parseIdNumber(identity.id);
      expect(facts.wellFormed).toBe(true);
      expect(facts.provinceKnown).toBe(true);
      expect(identity.id.slice(6, 14)).toBe(identity.birth);
    }
  });

  test('fields look like a card: name, nationality, address lines, authority, validity', () => {
    for (const identity of identities) {
      expect(identity.name).toMatch(/^[\u4e00-\u9fa5]{2,4}$/);
      expect(identity.nationality).toMatch(/^[\u4e00-\u9fa5]{1,3}$/);
      expect(identity.nationality.endsWith('族')).toBe(false);
      expect(identity.addressLines.length).toBeGreaterThanOrEqual(1);
      expect(identity.addressLines.length).toBeLessThanOrEqual(3);
      for (const line of identity.addressLines) expect(textWidth(line)).toBeLessThanOrEqual(ADDRESS_LINE_WIDTH);
      expect(identity.authority).toMatch(/^[\u4e00-\u9fa5]+市公安局[\u4e00-\u9fa5]+分局$/);
      expect(identity.validFrom).toMatch(/^20\d{6}$/);
      const age = Number(identity.validFrom.slice(0, 4)) - Number(identity.birth.slice(0, 4)) -
        (identity.validFrom.slice(4) < identity.birth.slice(4) ? 1 : 0);
      const validity = validityForAge(age);
      if (validity === '长期') expect(identity.validTo).toBe('长期');
      else expect(identity.validTo).toBe(`${Number(identity.validFrom.slice(0, 4)) + validity}${identity.validFrom.slice(4)}`);
    }
  });

  test('the pool covers every validity, several nationalities and 1 to 3 address lines', () => {
    expect(new Set(identities.map((identity) => (identity.validTo === '长期' ? '长期' : Number(identity.validTo.slice(0, 4)) - Number(identity.validFrom.slice(0, 4)))))).toEqual(
      new Set([5, 10, 20, '长期']),
    );
    const nationalities = new Set(identities.map((identity) => identity.nationality));
    expect(nationalities.has('汉')).toBe(true);
    expect([...nationalities].some((value) => value.length > 1)).toBe(true);
    expect(new Set(identities.map((identity) => identity.addressLines.length))).toEqual(new Set([2, 3]));
    expect(identities.some((identity) => identity.id.endsWith('X'))).toBe(true);
    expect(identities.filter((identity) => identity.nationality === '汉').length).toBeGreaterThan(identities.length / 2);
  });

  test.each(IDENTITY_FLAWS)('flaw %s breaks exactly that rule and keeps the rest of the card', (flaw) => {
    for (let seed = 0; seed < 40; seed++) {
      const broken = generateIdentity(seed, { flaw });
      const valid = generateIdentity(seed);
      expect(broken.flaw).toBe(flaw);
      expect(brokenRules(broken)).toEqual([flaw]);
      expect(broken.name).toBe(valid.name);
      expect(broken.gender).toBe(valid.gender);
      expect(broken.id.slice(0, 6)).toBe(valid.id.slice(0, 6));
    }
  });

  test('impossible date is 19990230 in the number and on the 出生 line', () => {
    const identity = generateIdentity(5, { flaw: 'impossibleDate' });
    expect(identity.birth).toBe('19990230');
    expect(identity.id.slice(6, 14)).toBe('19990230');
    expect(parseIdNumber(identity.id).checksumOk).toBe(true);
  });

  test('overrides pin what a test needs', () => {
    const x = generateIdentity(1, { idEndsInX: true, gender: '女' });
    expect(x.id.endsWith('X')).toBe(true);
    expect(brokenRules(x)).toEqual([]);
    expect(x.gender).toBe('女');
    for (const count of [1, 2, 3] as const) {
      for (let seed = 0; seed < 10; seed++) expect(generateIdentity(seed, { addressLineCount: count }).addressLines).toHaveLength(count);
    }
    const longTerm = generateIdentity(2, { validity: '长期', nationality: '维吾尔', province: '65', birth: '19600101' });
    expect(longTerm.validTo).toBe('长期');
    expect(longTerm.nationality).toBe('维吾尔');
    expect(longTerm.id.slice(0, 2)).toBe('65');
    expect(longTerm.birth).toBe('19600101');
    expect(longTerm.addressLines[0].startsWith('新疆维吾尔自治区')).toBe(true);
    const fixed = generateIdentity(3, { validFrom: '20070105', validity: 20 });
    expect(expectedBack(fixed).valid_date).toBe('20070105-20270105');
    expect(printedValidity(fixed)).toBe('2007.01.05-2027.01.05');
    expect(printedValidity({ validFrom: '20100301', validTo: '长期' })).toBe('2010.03.01-长期');
  });

  test('overrides are validated with the option name', () => {
    expect(() => generateIdentity(1, { birth: '19990230' })).toThrow(/birth/);
    expect(() => generateIdentity(1, { province: '81' })).toThrow(/province/);
    expect(() => generateIdentity(1, { validFrom: '2007-01-05' })).toThrow(/validFrom/);
  });

  test('expected answers have WeChat HTTPS shape plus birth and authority', () => {
    const identity = generateIdentity(11, { addressLineCount: 3 });
    const front = expectedFront(identity);
    expect(Object.keys(front).sort()).toEqual(['addr', 'birth', 'gender', 'id', 'name', 'nationality', 'type']);
    expect(front.type).toBe('Front');
    expect(front.addr).toBe(identity.addressLines.join(''));
    expect(front.addr).not.toMatch(/\s/);
    expect(front.birth).toBe(identity.id.slice(6, 14));
    const back = expectedBack(identity);
    expect(Object.keys(back).sort()).toEqual(['authority', 'type', 'valid_date']);
    expect(back.valid_date).toMatch(/^\d{8}-(\d{8}|长期)$/);
  });
});

describe('renderFront / renderBack', () => {
  test('draw a card of the requested width at the ID-1 aspect', () => {
    const identity = generateIdentity(1);
    const front = renderFront(identity, { width: 856 });
    const back = renderBack(identity);
    expect([front.width, front.height]).toEqual([856, 540]);
    expect(back.width).toBe(1011);
    expect(Math.abs(back.height - 1011 * (54 / 85.6))).toBeLessThan(1);
    expect(() => renderFront(identity, { width: 10 })).toThrow(/width/);
  });

  test('the value text is dark on a light card, and the two sides differ', async () => {
    const identity = generateIdentity(2);
    const front = await sharp(renderFront(identity, { width: 600 }).toBuffer('image/png')).greyscale().raw().toBuffer();
    const back = await sharp(renderBack(identity, { width: 600 }).toBuffer('image/png')).greyscale().raw().toBuffer();
    const dark = (data: Buffer): number => data.filter((value) => value < 80).length / data.length;
    expect(dark(front)).toBeGreaterThan(0.01);
    expect(dark(front)).toBeLessThan(0.2);
    expect(front.equals(back)).toBe(false);
  });
});

describe('makeCardImage', () => {
  test('is deterministic: same options give byte-identical PNG, JPEG and WebP', async () => {
    for (const format of ['png', 'jpeg', 'webp'] as const) {
      const options = { seed: 7, side: 'Front' as const, mode: 'photo' as const, format, longEdge: 640 };
      const a = await makeCardImage(options);
      const b = await makeCardImage(options);
      expect(a.buffer.equals(b.buffer)).toBe(true);
      expect(a.expected).toEqual(b.expected);
    }
    const other = await makeCardImage({ seed: 8, side: 'Front', format: 'png', longEdge: 640 });
    const first = await makeCardImage({ seed: 7, side: 'Front', format: 'png', longEdge: 640 });
    expect(other.buffer.equals(first.buffer)).toBe(false);
  });

  test.each([
    ['scan', 'png', 'image/png', 1280, 807],
    ['scan', 'jpeg', 'image/jpeg', 1280, 807],
    ['photo', 'webp', 'image/webp', 1280, 960],
    ['photo', 'jpeg', 'image/jpeg', 1280, 960],
  ] as const)('%s %s decodes as %s at %dx%d', async (mode, format, contentType, width, height) => {
    const card = await makeCardImage({ seed: 3, side: 'Back', mode, format });
    expect(card.contentType).toBe(contentType);
    const meta = await sharp(card.buffer).metadata();
    expect(meta.format).toBe(format);
    expect([meta.width, meta.height]).toEqual([width, height]);
    expect([card.width, card.height]).toEqual([width, height]);
    expect(card.expected).toEqual(expectedBack(card.identity));
    expect(meta.orientation).toBeUndefined();
  });

  test('the expected answer matches the printed side and identity overrides', async () => {
    const front = await makeCardImage({ seed: 4, side: 'Front', mode: 'scan', longEdge: 400, identityOverrides: { flaw: 'checkCharacter' } });
    expect(front.expected).toEqual(expectedFront(front.identity));
    expect(front.identity.flaw).toBe('checkCharacter');
    const identity = generateIdentity('given');
    const back = await makeCardImage({ seed: 'other', side: 'Back', longEdge: 400, identity });
    expect(back.identity).toBe(identity);
    expect(back.expected.valid_date).toBe(`${identity.validFrom}-${identity.validTo}`);
  });

  test('photo mode puts the card inside the frame, tilted as asked', async () => {
    const card = await makeCardImage({ seed: 5, side: 'Front', mode: 'photo', longEdge: 800, angle: 6, cardScale: 0.7, background: 'wood' });
    for (const [x, y] of card.corners) {
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThanOrEqual(800);
      expect(y).toBeGreaterThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(600);
    }
    const [topLeft, topRight] = card.corners;
    expect((Math.atan2(topRight[1] - topLeft[1], topRight[0] - topLeft[0]) * 180) / Math.PI).toBeCloseTo(6, 5);
    expect(Math.hypot(topRight[0] - topLeft[0], topRight[1] - topLeft[1])).toBeCloseTo(560, -1);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8] as ExifOrientation[])('EXIF orientation %d: tagged, and upright after sharp().rotate()', async (orientation) => {
    const options = { seed: 6, side: 'Front' as const, mode: 'scan' as const, format: 'png' as const, longEdge: 320 };
    const upright = await pixels((await makeCardImage(options)).buffer);
    const card = await makeCardImage({ ...options, exifOrientation: orientation });
    expect((await sharp(card.buffer).metadata()).orientation).toBe(orientation);
    if (orientation >= 5) expect([card.width, card.height]).toEqual([upright.height, upright.width]);
    const turned = await pixels(card.buffer, true);
    expect([turned.width, turned.height]).toEqual([upright.width, upright.height]);
    expect(turned.data.equals(upright.data)).toBe(true);
  });

  test.each(['jpeg', 'webp'] as const)('EXIF orientation survives in %s', async (format) => {
    const card = await makeCardImage({ seed: 6, side: 'Back', format, longEdge: 320, exifOrientation: 6 });
    const meta = await sharp(card.buffer).metadata();
    expect(meta.orientation).toBe(6);
    expect([meta.width, meta.height]).toEqual([240, 320]);
    expect((await pixels(card.buffer, true)).width).toBe(320);
  });

  test.each([90, 180, 270] as PixelRotation[])('plain rotation %d turns the pixels with no EXIF tag', async (rotate) => {
    const options = { seed: 2, side: 'Back' as const, mode: 'photo' as const, format: 'png' as const, longEdge: 320 };
    const upright = await makeCardImage(options);
    const card = await makeCardImage({ ...options, rotate });
    expect((await sharp(card.buffer).metadata()).orientation).toBeUndefined();
    const expected = await pixels(await sharp(upright.buffer).rotate(rotate).png().toBuffer());
    const actual = await pixels(card.buffer, true);
    expect([actual.width, actual.height]).toEqual([expected.width, expected.height]);
    expect(actual.data.equals(expected.data)).toBe(true);
  });

  test('plain rotation and EXIF combine: the tag undoes only its own turn', async () => {
    const options = { seed: 2, side: 'Front' as const, mode: 'scan' as const, format: 'png' as const, longEdge: 320, rotate: 90 as const };
    const rotated = await pixels((await makeCardImage(options)).buffer);
    for (const orientation of [5, 6] as const) {
      const both = await pixels((await makeCardImage({ ...options, exifOrientation: orientation })).buffer, true);
      expect(both.data.equals(rotated.data)).toBe(true);
    }
  });

  test('phone-heavy is a 12 MP JPEG of 4 to 6 MB', async () => {
    const card = await makeCardImage({ seed: 1, side: 'Front', size: 'phone-heavy' });
    const meta = await sharp(card.buffer).metadata();
    expect([meta.width, meta.height, meta.format]).toEqual([4032, 3024, 'jpeg']);
    expect(card.buffer.length).toBeGreaterThan(4_000_000);
    expect(card.buffer.length).toBeLessThan(6_000_000);
  }, 30_000);

  test('makeEmptyPhoto gives a bare surface at the requested size, deterministically', async () => {
    const a = await makeEmptyPhoto({ seed: 1, background: 'desk', format: 'png', longEdge: 400 });
    const b = await makeEmptyPhoto({ seed: 1, background: 'desk', format: 'png', longEdge: 400 });
    expect(a.buffer.equals(b.buffer)).toBe(true);
    expect(a.contentType).toBe('image/png');
    const meta = await sharp(a.buffer).metadata();
    expect([meta.width, meta.height]).toEqual([400, 300]);
    await expect(makeEmptyPhoto({ seed: 1, background: 'sand' as 'desk' })).rejects.toThrow(/background/);
  });

  test('bad options are refused with the option name', async () => {
    await expect(makeCardImage({ seed: 1, side: 'Side' as 'Front' })).rejects.toThrow(/side/);
    await expect(makeCardImage({ seed: 1, side: 'Front', format: 'gif' as 'png' })).rejects.toThrow(/format/);
    await expect(makeCardImage({ seed: 1, side: 'Front', rotate: 45 as 90 })).rejects.toThrow(/rotate/);
    await expect(makeCardImage({ seed: 1, side: 'Front', exifOrientation: 9 as 8 })).rejects.toThrow(/exifOrientation/);
    await expect(makeCardImage({ seed: 1, side: 'Front', longEdge: 50 })).rejects.toThrow(/longEdge/);
    await expect(makeCardImage({ seed: 1, side: 'Front', quality: 0 })).rejects.toThrow(/quality/);
  });
});

describe('committed samples (emulator/samples)', () => {
  const dir = path.join(__dirname, '..', '..', 'emulator', 'samples');
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
    file: string;
    side: string;
    contentType: string;
    exifOrientation: number | null;
    expected: unknown;
  }[];

  test('the manifest lists every sample with the answer the generator gives today', () => {
    expect(manifest.map((entry) => entry.file)).toEqual(SAMPLES.map((sample) => sample.file));
    for (const sample of SAMPLES) {
      const identity = generateIdentity(sample.options.seed, sample.options.identityOverrides);
      const entry = manifest.find((item) => item.file === sample.file);
      expect(entry?.expected).toEqual(sample.options.side === 'Front' ? expectedFront(identity) : expectedBack(identity));
      expect(brokenRules(identity)).toEqual([]);
    }
  });

  test('sample files decode in the format and orientation the manifest names, and stay small', async () => {
    let total = 0;
    for (const entry of manifest) {
      const bytes = fs.readFileSync(path.join(dir, entry.file));
      total += bytes.length;
      const meta = await sharp(bytes).metadata();
      expect(`image/${meta.format}`).toBe(entry.contentType);
      expect(meta.orientation).toBe(entry.exifOrientation ?? undefined);
    }
    expect(total).toBeLessThan(700_000);
  });
});
