/**
 * Shared setup of the emulator's own tests: an emulator with a recording recognizer (the emulator's protocol is
 * under test here, not the OCR engine), the real wx-server-sdk pointed at it, and small real images.
 */
import sharp from 'sharp';
import { startEmulator, type Emulator, type EmulatorOptions, type IdcardAnswer, type Recognizer } from '../../emulator';
import type { OcrType } from '../../miniprogram/shared/idcard';

/** What the recognizer was asked: image bytes and mode. */
export interface Recognition {
  image: Buffer;
  type: OcrType;
}

/** A recognizer that records its calls and answers what the test sets (a front by default). */
export class RecordingRecognizer implements Recognizer {
  readonly seen: Recognition[] = [];
  answer: IdcardAnswer | (() => IdcardAnswer) = FRONT_ANSWER;

  async recognize(image: Buffer, type: OcrType): Promise<IdcardAnswer> {
    this.seen.push({ image, type });
    return typeof this.answer === 'function' ? this.answer() : this.answer;
  }
}

/** A synthetic front as an engine reads it, with a field WeChat does not return (`birth`). */
export const FRONT_ANSWER = {
  errcode: 0,
  errmsg: 'ok',
  type: 'Front',
  name: '测试样',
  id: '11010519491231002X',
  addr: '北京市朝阳区测试路1号',
  gender: '女',
  nationality: '汉',
  birth: '19491231',
} as IdcardAnswer;

/** The slice of wx-server-sdk these tests call. */
export interface Sdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(options: { env: unknown; timeout?: number }): void;
  openapi: { ocr: { idcard(params: Record<string, unknown>): Promise<Record<string, unknown>> } };
  downloadFile(params: { fileID: string }): Promise<{ fileContent: Buffer }>;
  deleteFile(params: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; errMsg: string }> }>;
  getTempFileURL(params: { fileList: string[] }): Promise<{ fileList: Array<{ fileID: string; status: number; tempFileURL: string }> }>;
}

/** Starts an emulator and points this test file's process environment and wx-server-sdk at it. */
export async function startWithSdk(options: EmulatorOptions = {}, sdkTimeoutMs = 5000): Promise<{ emulator: Emulator; cloud: Sdk }> {
  const emulator = await startEmulator(options);
  Object.assign(process.env, emulator.env());
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is CommonJS and reads the env per request
  const cloud = require('wx-server-sdk') as Sdk;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, timeout: sdkTimeoutMs });
  return { emulator, cloud };
}

/** A small real JPEG (a grey card-sized picture with some structure). */
export async function smallJpeg(width = 640, height = 400): Promise<Buffer> {
  const stripes = Buffer.from(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="#d8d2c4"/>` +
      `<rect x="40" y="40" width="${width / 3}" height="${height / 2}" fill="#7a8a99"/></svg>`,
  );
  return sharp(stripes).jpeg({ quality: 80 }).toBuffer();
}

/** What the SDK threw, as plain data. */
export async function thrown(promise: Promise<unknown>): Promise<{ errCode?: unknown; errMsg?: unknown; code?: unknown }> {
  try {
    await promise;
  } catch (err) {
    const e = err as { errCode?: unknown; errMsg?: unknown; code?: unknown };
    return { errCode: e.errCode, errMsg: e.errMsg, code: e.code };
  }
  throw new Error('expected the call to fail, it succeeded');
}
