/**
 * The sample cards committed under emulator/samples/ for `npm start` and the docs: one list, used by the script
 * that writes them and by the test that checks the manifest still matches the generator.
 */
import type { CardSide, OcrType } from '../../miniprogram/shared/idcard';
import type { CardImageOptions } from './index';
import type { IdentityOverrides } from './types';

export interface SampleSpec {
  /** File name under emulator/samples/. */
  file: string;
  options: CardImageOptions & { side: CardSide; mode: OcrType };
}

/** Holder A: a scan; holder B: phone photos, a three-line address, long-term validity, a two-character nationality. */
const HOLDER_A: IdentityOverrides = { birth: '19900307', validFrom: '20170105', validity: 20 };
const HOLDER_B: IdentityOverrides = { birth: '19650716', addressLineCount: 3, nationality: '蒙古', validFrom: '20150301', validity: '长期' };

export const SAMPLES: readonly SampleSpec[] = [
  { file: 'front-scan.jpg', options: { seed: 'sample-a', identityOverrides: HOLDER_A, side: 'Front', mode: 'scan', format: 'jpeg', longEdge: 1011, quality: 85 } },
  { file: 'back-scan.jpg', options: { seed: 'sample-a', identityOverrides: HOLDER_A, side: 'Back', mode: 'scan', format: 'jpeg', longEdge: 1011, quality: 85 } },
  { file: 'front-photo.jpg', options: { seed: 'sample-b', identityOverrides: HOLDER_B, side: 'Front', mode: 'photo', format: 'jpeg', longEdge: 1280, quality: 80, background: 'wood' } },
  { file: 'back-photo.webp', options: { seed: 'sample-b', identityOverrides: HOLDER_B, side: 'Back', mode: 'photo', format: 'webp', longEdge: 1280, quality: 80, background: 'desk', perspective: 0.05 } },
  {
    file: 'front-photo-exif6.jpg',
    options: { seed: 'sample-b', identityOverrides: HOLDER_B, side: 'Front', mode: 'photo', format: 'jpeg', longEdge: 1280, quality: 80, background: 'fabric', exifOrientation: 6 },
  },
];
