/**
 * The reading half of the OCR benchmark, run as its own process so that its peak RSS is the recognizer's
 * (worker thread included) and not the card generator's. Reads the manifest `bench/ocr.ts` wrote, answers JSON.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createIdcardRecognizer, type CardReading } from '../emulator/ocr';
import type { OcrMode } from '../emulator/ocr/types';

export interface BenchCard {
  mode: OcrMode;
  index: number;
  file: string;
}

export interface BenchReport {
  coldLoadMs: number;
  firstCardMs: number;
  readings: Array<{ mode: OcrMode; index: number; ms: number; reading: CardReading }>;
  peakRssMb: number;
}

async function main(dir: string): Promise<void> {
  const cards = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as BenchCard[];
  // Read one image at a time, as a server would: holding every phone-sized PNG at once would count against RSS.
  const image = (i: number) => fs.readFileSync(path.join(dir, cards[i].file));
  const coldStarted = performance.now();
  const recognizer = await createIdcardRecognizer();
  const coldLoadMs = performance.now() - coldStarted;
  const firstStarted = performance.now();
  await recognizer.recognize(image(0), cards[0].mode);
  const firstCardMs = performance.now() - firstStarted;
  const readings: BenchReport['readings'] = [];
  for (const [i, card] of cards.entries()) {
    const started = performance.now();
    const reading = await recognizer.inspect(image(i), card.mode);
    readings.push({ mode: card.mode, index: card.index, ms: performance.now() - started, reading });
  }
  await recognizer.close();
  const report: BenchReport = { coldLoadMs, firstCardMs, readings, peakRssMb: process.resourceUsage().maxRSS / 1024 };
  fs.writeFileSync(path.join(dir, 'report.json'), JSON.stringify(report));
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
