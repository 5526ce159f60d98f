/**
 * What the handler needs from the world outside it. `index.ts` wires wx-server-sdk (or WeChat's HTTPS API) into
 * these; tests pass their own. Nothing here imports wx-server-sdk.
 */
import type { OcrType } from '../../../miniprogram/shared/idcard';

/** How a prepared image was made from the input. */
export type PrepareMethod = 'passthrough' | 'strip' | 'encode';

/** An image ready to send to WeChat: strictly under the byte limit, upright, no metadata. */
export interface PreparedImage {
  buffer: Buffer;
  contentType: 'image/jpeg' | 'image/png';
  width: number;
  height: number;
  /** passthrough: the input bytes as they were; strip: the input minus metadata; encode: decoded and re-encoded. */
  method: PrepareMethod;
  /** Size of the input, for the log line. */
  bytesIn: number;
}

export interface OcrRequest {
  type: OcrType;
  image: PreparedImage;
}

/**
 * One call of ocr.idcard. Resolves with WeChat's answer in either shape (cloud call: camelCase with
 * `errCode`/`errMsg`; HTTPS call: snake_case with `errcode` as string or number). Rejects with an object that
 * carries `errCode` (number or numeric string) and `errMsg` when WeChat or the transport fails.
 */
export interface OcrClient {
  readonly mode: 'cloud' | 'https';
  idcard(request: OcrRequest): Promise<unknown>;
}

/** Cloud storage of the function's own environment. Rejects with `{ errCode, errMsg }` on failure. */
export interface FileStore {
  download(fileID: string): Promise<Buffer>;
  remove(fileID: string): Promise<void>;
}

/** One structured log line per call; never personal data (no name, address, full ID number, image bytes). */
export interface CallLog {
  event: 'ocr.idcard';
  mode: 'cloud' | 'https';
  source: 'fileID' | 'imgUrl' | 'img' | 'none';
  errCode: number;
  ms: number;
  attempts: number;
  bytesIn?: number;
  bytesOut?: number;
  resized?: boolean;
  type?: 'Front' | 'Back';
}
