/**
 * The boundaries of the on-device ID card reader: what the engine reads off an image (lines), and what the
 * recognizer answers (exactly the JSON of WeChat's HTTPS `cv/ocr/idcard`).
 */
import type { IdcardFrontFields, OcrType } from '../../miniprogram/shared/idcard';

/** WeChat's `type` parameter: a photo with background, or a scan without. */
export type OcrMode = OcrType;

/** An axis-aligned rectangle in the upright card frame: x to the right, y downwards, in pixels. */
export interface LineBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** One run of text as the engine read it. Boxes are upright: the card reads left to right, top to bottom. */
export interface OcrLine {
  text: string;
  /** Mean recognition confidence of the characters, 0..1. */
  score: number;
  box: LineBox;
}

/** The front (portrait side). `birth` and `authority` are not in WeChat's answer; `birth` is ours, from 出生. */
export interface FrontAnswer extends IdcardFrontFields {
  errcode: 0;
  errmsg: 'ok';
  type: 'Front';
  /** `YYYYMMDD`, as printed on the 出生 line (`1990年3月7日` -> `19900307`), not taken from the number. */
  birth: string;
}

/** The back (national emblem side). `authority` (签发机关) is ours: WeChat does not return it. */
export interface BackAnswer {
  errcode: 0;
  errmsg: 'ok';
  type: 'Back';
  /** `20070105-20270105`, or `20100301-长期` for a long-term card. */
  valid_date: string;
  authority: string;
}

export interface CertificateNotFound {
  errcode: 101001;
  errmsg: 'certificate not found';
}

export interface InvalidImageData {
  errcode: 101002;
  errmsg: 'invalid image data';
}

/** What the recognizer answers: WeChat's HTTPS answer shape, success or one of its two image errors. */
export type RecognizeAnswer = FrontAnswer | BackAnswer | CertificateNotFound | InvalidImageData;

/** The fields a parser finds on a side, before they are wrapped into an answer. */
export type CardFields =
  | Omit<FrontAnswer, 'errcode' | 'errmsg'>
  | Omit<BackAnswer, 'errcode' | 'errmsg'>;

export const CERTIFICATE_NOT_FOUND: CertificateNotFound = { errcode: 101001, errmsg: 'certificate not found' };
export const INVALID_IMAGE_DATA: InvalidImageData = { errcode: 101002, errmsg: 'invalid image data' };

/** How long each step of one recognition took, in milliseconds; for the benchmark and for tuning. */
export interface StepTimings {
  decode: number;
  locate: number;
  detect: number;
  recognize: number;
  total: number;
}
