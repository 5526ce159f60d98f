/**
 * What the emulator needs from an OCR engine: an image in, WeChat's answer out. The emulator validates the request
 * (type, size, decodable image) before it asks; the engine answers 101001 when it finds no card.
 */
import type { OcrType } from '../miniprogram/shared/idcard';

/** WeChat's `ocr.idcard` answer as the HTTPS API sends it (snake_case; `errcode` 0 on success). */
export interface IdcardAnswer {
  errcode: number | string;
  errmsg: string;
  type?: 'Front' | 'Back';
  name?: string;
  id?: string;
  addr?: string;
  gender?: string;
  nationality?: string;
  valid_date?: string;
}

export interface Recognizer {
  recognize(image: Buffer, type: OcrType): Promise<IdcardAnswer>;
}

/** The on-device OCR engine, loaded once per process on first use (its models take a while to load). */
export async function loadSharedRecognizer(): Promise<Recognizer> {
  const engine = await import('./ocr');
  return engine.sharedRecognizer();
}
