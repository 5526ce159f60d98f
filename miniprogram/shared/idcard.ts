/**
 * The contract between the page and the `ocrIdcard` cloud function: what the page sends and what it gets back.
 * It lives inside miniprogramRoot because DevTools compiles only there; the function bundles it at build time.
 */

export type OcrType = 'photo' | 'scan';
export type CardSide = 'Front' | 'Back';

/** A small image sent inline: base64 bytes and their MIME type. */
export interface InlineImage {
  contentType: string;
  value: string;
}

/** What the page sends with `wx.cloud.callFunction({ name: 'ocrIdcard', data })`. Exactly one image source. */
export interface OcrIdcardEvent {
  /** `photo`: a photo with background (default); `scan`: a scan without background. */
  type?: OcrType;
  /** A cloud storage file of this function's own environment: the main path. */
  fileID?: string;
  /** An http(s) URL that the function fetches itself. */
  imgUrl?: string;
  /** A small image inline, base64. */
  img?: InlineImage;
  /** The side the page asked the user to shoot. */
  side?: CardSide;
  /** Keep `fileID` after recognition (default false: it is deleted, on success and on failure). */
  keepFile?: boolean;
}

export type WarningCode =
  | 'ID_FORMAT'
  | 'ID_CHECKSUM'
  | 'ID_BIRTH_INVALID'
  | 'ID_BIRTH_FUTURE'
  | 'ID_REGION_UNKNOWN'
  | 'GENDER_MISMATCH'
  | 'REGION_MISMATCH'
  | 'SIDE_MISMATCH'
  | 'VALID_DATE_FORMAT'
  | 'EXPIRED';

/** Something the user should look at; `message` is Chinese, for the user. */
export interface Warning {
  code: WarningCode;
  message: string;
  /** The result field the warning is about, so the page can show it beside that field. */
  field?: 'name' | 'id' | 'addr' | 'gender' | 'nationality' | 'birth' | 'validDate' | 'type';
}

/** What is printed on the portrait side, as ocr.idcard reads it (the same names in both call modes). */
export interface IdcardFrontFields {
  name: string;
  id: string;
  addr: string;
  gender: string;
  nationality: string;
}

export interface IdcardFront extends IdcardFrontFields {
  errCode: 0;
  errMsg: 'ok';
  type: 'Front';
  /** From the ID number, `YYYY-MM-DD`; empty when the number holds no valid date. */
  birth: string;
  /** False when the number fails its own rules (length, check character, date). */
  idValid: boolean;
  warnings: Warning[];
}

export interface IdcardBack {
  errCode: 0;
  errMsg: 'ok';
  type: 'Back';
  /** As WeChat answers it: `20070105-20270105` or `20100301-长期`. */
  validDate: string;
  /** `YYYY-MM-DD`; empty when validDate cannot be read. */
  validFrom: string;
  /** `YYYY-MM-DD`, or null for a long-term (长期) card. */
  validTo: string | null;
  /** True when validTo is before today in China Standard Time. */
  expired: boolean;
  warnings: Warning[];
}

/** Every failure: WeChat's code passed through, or one of ours; `message` is Chinese and says what to do. */
export interface IdcardFailure {
  errCode: number;
  errMsg: string;
  message: string;
}

export type IdcardSuccess = IdcardFront | IdcardBack;
export type OcrIdcardResult = IdcardSuccess | IdcardFailure;

export function isFailure(result: OcrIdcardResult): result is IdcardFailure {
  return result.errCode !== 0;
}
