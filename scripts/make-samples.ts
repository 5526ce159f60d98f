/**
 * Writes the sample card images of emulator/cards/samples.ts into emulator/samples/, with manifest.json holding
 * what a recognizer must answer for each. Run: npx tsx scripts/make-samples.ts
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeCardImage } from '../emulator/cards';
import { SAMPLES } from '../emulator/cards/samples';

const dir = path.resolve(__dirname, '..', 'emulator', 'samples');

async function main(): Promise<void> {
  fs.mkdirSync(dir, { recursive: true });
  const manifest = [];
  for (const sample of SAMPLES) {
    const card = await makeCardImage(sample.options);
    fs.writeFileSync(path.join(dir, sample.file), card.buffer);
    const { side, mode, format, exifOrientation } = sample.options;
    manifest.push({ file: sample.file, side, mode, contentType: card.contentType, exifOrientation: exifOrientation ?? null, expected: card.expected });
    console.log(`${sample.file}\t${card.width}x${card.height}\t${(card.buffer.length / 1024).toFixed(0)} KB\t${format}`);
  }
  fs.writeFileSync(path.join(dir, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
