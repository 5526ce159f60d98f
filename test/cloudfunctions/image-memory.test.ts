/**
 * Memory stays inside the function's default 256 MB: each input runs in a `node` process of its own, so the
 * process's peak resident set (input buffer, Node, sharp and libvips together) is what a cloud function would
 * have used. A memory bound, not a time: nothing here depends on how busy the machine is.
 */
import { runImageChild } from '../fixtures/image-child-run';
import { imageFixture, imageFixturePath, type FixtureName } from '../fixtures/images';

jest.setTimeout(180_000);

const FUNCTION_MEMORY_MB = 256;

async function peakOf(name: FixtureName) {
  const run = await runImageChild({ files: [await imageFixturePath(name)] });
  return run.records[0];
}

test('a 50 MP PNG is prepared within 256 MB, input buffer included', async () => {
  const input = await imageFixture('png-50mp');
  expect(input.length).toBeGreaterThan(50_000_000);
  const record = await peakOf('png-50mp');
  expect(record.outcome).toMatchObject({ ok: true, method: 'encode', width: 2560, height: 1920 });
  expect(record.peakRssMB).toBeLessThanOrEqual(FUNCTION_MEMORY_MB);
});

test('a 12 MP phone photo with orientation 6 (a rotation needs the whole image) stays far below', async () => {
  const record = await peakOf('phone-12mp-rot6');
  expect(record.outcome).toMatchObject({ ok: true, method: 'encode' });
  expect(record.peakRssMB).toBeLessThanOrEqual(FUNCTION_MEMORY_MB * 0.75);
});

test('a 20000x20000 pixel bomb is refused without allocating its pixels', async () => {
  const record = await peakOf('pixel-bomb-png');
  expect(record.outcome).toMatchObject({ ok: false, errCode: 101002 });
  // 1.2 GB of pixels were never allocated: the process grew by little more than the 1.2 MB file.
  expect(record.peakRssMB - record.rssBeforeMB).toBeLessThan(16);
});
