/** The sample cards that ship in emulator/samples/ (synthetic, made by the card generator), with their modes. */
import fs from 'node:fs';
import path from 'node:path';
import type { OcrType } from '../../miniprogram/shared/idcard';

export const SAMPLES_DIR = path.resolve(__dirname, '..', 'samples');

export interface Sample {
  path: string;
  mode: OcrType;
}

interface ManifestEntry {
  file: string;
  mode: OcrType;
}

/** Every sample listed in the manifest, in its order. */
export function listSamples(dir = SAMPLES_DIR): Sample[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as ManifestEntry[];
  return manifest.map((entry) => ({ path: path.join(dir, entry.file), mode: entry.mode }));
}
