/**
 * How the function gets a working sharp on a cloud runtime whose glibc is too old for the native binary: each
 * case runs prepareImage, bundled like the deployed function, in its own `node` process where sharp's native
 * binary fails exactly where it fails on CentOS 7 (process.dlopen, ERR_DLOPEN_FAILED, missing GLIBC_2.28).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { runImageChild, type ChildRun } from '../fixtures/image-child-run';
import { imageFixture, imageFixturePath, MARKER_RGB, type FixtureName } from '../fixtures/images';
import type { ChildRecord } from '../fixtures/image-child';

jest.setTimeout(120_000);

const outcomeOf = (run: ChildRun, name: FixtureName): ChildRecord['outcome'] => {
  const record = run.records.find((r) => path.basename(r.file) === `${name}.bin`);
  if (!record) throw new Error(`no record for ${name}`);
  return record.outcome;
};

async function files(names: FixtureName[]): Promise<string[]> {
  return Promise.all(names.map((name) => imageFixturePath(name)));
}

describe.each(['native-fails', 'no-addons'] as const)('when the native binary cannot load (%s)', (situation) => {
  let run: ChildRun;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'wx-ocr-idcard-wasm-'));
    run = await runImageChild({ files: await files(['phone-12mp-rot6', 'cmyk-jpeg', 'png-alpha', 'svg']), outDir }, situation);
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('sharp falls back to its WebAssembly build, and only that build is loaded', () => {
    expect(run.summary.sharp).toMatchObject({ ok: true, backend: 'wasm' });
    expect(run.summary.sharpModules.length).toBeGreaterThan(0);
    expect(run.summary.sharpModules.every((file) => file.includes('@img/sharp-wasm32/'))).toBe(true);
  });

  test('the WebAssembly build rotates, resizes and strips like the native one', async () => {
    const outcome = outcomeOf(run, 'phone-12mp-rot6');
    expect(outcome).toMatchObject({ ok: true, method: 'encode', width: 1920, height: 2560, encodes: 1, sharp: 'wasm' });
    if (!outcome.ok || !outcome.outFile) throw new Error('no output');
    const out = readFileSync(outcome.outFile);
    expect(out.length).toBeLessThan(2_000_000);
    const meta = await sharp(out).metadata();
    expect([meta.format, meta.width, meta.height, meta.exif]).toEqual(['jpeg', 1920, 2560, undefined]);
    // Orientation 6 applied: the stored top-left marker is now top-right.
    const corner = await sharp(out).extract({ left: 1840, top: 20, width: 60, height: 60 }).raw().toBuffer();
    expect(corner[0]).toBeGreaterThan(MARKER_RGB[0] - 45);
    expect(corner[1]).toBeLessThan(80);
  });

  test('CMYK and alpha inputs are handled, junk is still refused before sharp', () => {
    expect(outcomeOf(run, 'cmyk-jpeg')).toMatchObject({ ok: true, width: 2000, height: 1500 });
    expect(outcomeOf(run, 'png-alpha')).toMatchObject({ ok: true, width: 1600, height: 1000 });
    expect(outcomeOf(run, 'svg')).toMatchObject({ ok: false, errCode: 101002 });
  });
});

describe('when no sharp loads at all (native fails, @img/sharp-wasm32 not installed)', () => {
  let run: ChildRun;
  let outDir: string;

  beforeAll(async () => {
    outDir = mkdtempSync(path.join(os.tmpdir(), 'wx-ocr-idcard-nosharp-'));
    const names: FixtureName[] = ['compliant-jpeg', 'tiny', 'album-jpeg-exif', 'phone-12mp', 'webp', 'pixel-bomb-png', 'truncated-jpeg', 'pdf'];
    run = await runImageChild({ files: await files(names), outDir }, 'none-loads');
  }, 120_000);

  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  test('sharp really is unavailable in that process', () => {
    expect(run.summary.sharp.ok).toBe(false);
    expect(run.summary.sharpModules).toEqual([]);
  });

  test('compliant JPEG and PNG still pass through, byte for byte', async () => {
    for (const name of ['compliant-jpeg', 'tiny'] as const) {
      const outcome = outcomeOf(run, name);
      expect(outcome).toMatchObject({ ok: true, method: 'passthrough' });
      if (!outcome.ok || !outcome.outFile) throw new Error('no output');
      expect(readFileSync(outcome.outFile).equals(await imageFixture(name))).toBe(true);
    }
  });

  test('a JPEG whose only fault is EXIF is still stripped without sharp', () => {
    expect(outcomeOf(run, 'album-jpeg-exif')).toMatchObject({ ok: true, method: 'strip' });
  });

  test('an image that needs decoding gets 910002', () => {
    for (const name of ['phone-12mp', 'webp'] as const) {
      const outcome = outcomeOf(run, name);
      expect(outcome).toMatchObject({ ok: false, errCode: 910002 });
      if (outcome.ok) continue;
      expect(outcome.reason).toMatch(/^sharp did not load: Could not load the "sharp" module/);
    }
  });

  test('bad input is still 101002: those checks never needed sharp', () => {
    for (const name of ['pixel-bomb-png', 'truncated-jpeg', 'pdf'] as const) {
      expect(outcomeOf(run, name)).toMatchObject({ ok: false, errCode: 101002 });
    }
  });
});
