/**
 * The edge to wx-server-sdk: the cloud call of ocr.idcard and the environment's cloud storage, behind the
 * OcrClient and FileStore interfaces of platform.ts. The SDK types `openapi` as `any`, so the slice of it used
 * here is typed by hand, from what wx-server-sdk 4.0.2 does (see platform.md).
 */
import type { CardSide, OcrType } from '../../../miniprogram/shared/idcard';
import type { FileStore, OcrClient } from './platform';
import type { QuotaDatabase } from './user-quota';
import { withTimeLimit } from './time-limit';

/** `cloud.openapi.ocr.idcard` parameters; the SDK turns them into snake_case form fields. */
export interface CloudIdcardRequest {
  type: OcrType;
  /** `value` travels as raw bytes (the SDK names the file img.jpeg and drops contentType on the wire). */
  img: { contentType: string; value: Buffer };
}

/** A successful answer: WeChat's JSON with errcode/errmsg replaced and snake_case turned into camelCase. */
export interface CloudIdcardAnswer {
  errCode: 0;
  errMsg: string;
  type?: CardSide;
  name?: string;
  id?: string;
  addr?: string;
  gender?: string;
  nationality?: string;
  validDate?: string;
}

export interface CloudDeleteStatus {
  fileID: string;
  /** 0 when deleted; -503003 when the file did not exist. */
  status: number;
  errMsg: string;
}

/** The slice of wx-server-sdk this function uses. Failures are thrown, with `errCode` and `errMsg`. */
export interface WxCloud {
  /** A symbol: "the environment this function runs in". */
  readonly DYNAMIC_CURRENT_ENV: unknown;
  init(options: { env: unknown; timeout?: number }): void;
  /** Read from the invocation's environment on every call: OPENID is the calling user's. */
  getWXContext(): { ENV?: string; OPENID?: string };
  /** The environment's cloud database (used by the per-user limit). */
  database(): QuotaDatabase;
  downloadFile(params: { fileID: string }): Promise<{ fileContent: Buffer }>;
  /** Per-file failures come back in `fileList`; only a failure of the whole request is thrown. */
  deleteFile(params: { fileList: string[] }): Promise<{ fileList: CloudDeleteStatus[] }>;
  openapi: { ocr: { idcard(request: CloudIdcardRequest): Promise<CloudIdcardAnswer> } };
}

/**
 * Loads wx-server-sdk and binds it to the function's own environment. `timeoutMs` bounds each request the SDK
 * makes to the gateway (ocr.idcard, storage metadata); a timeout is thrown as -501001.
 */
export function initWxCloud(timeoutMs: number): WxCloud {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a CommonJS package typed here by hand
  const cloud = require('wx-server-sdk') as WxCloud;
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, timeout: timeoutMs });
  return cloud;
}

/** ocr.idcard through the cloud call: no access token, the permission comes from config.json. */
export function createCloudOcrClient(cloud: WxCloud): OcrClient {
  return {
    mode: 'cloud',
    idcard: ({ type, image }) => cloud.openapi.ocr.idcard({ type, img: { contentType: image.contentType, value: image.buffer } }),
  };
}

/**
 * The environment's cloud storage. `downloadTimeoutMs` bounds the whole download: the SDK's final GET of the
 * file has no timeout of its own.
 */
export function createCloudFileStore(cloud: WxCloud, downloadTimeoutMs: number): FileStore {
  return {
    async download(fileID) {
      const { fileContent } = await withTimeLimit(cloud.downloadFile({ fileID }), downloadTimeoutMs, () => {
        throw { errCode: -501001, errMsg: `downloadFile:fail no answer within ${downloadTimeoutMs} ms` };
      });
      if (!Buffer.isBuffer(fileContent)) throw { errCode: -1, errMsg: 'downloadFile:fail answered without file content' };
      return fileContent;
    },
    async remove(fileID) {
      const { fileList } = await cloud.deleteFile({ fileList: [fileID] });
      const status = fileList.find((entry) => entry.fileID === fileID) ?? fileList[0];
      if (!status) throw { errCode: -1, errMsg: 'deleteFile:fail answered without a status' };
      if (status.status !== 0) throw { errCode: status.status, errMsg: `deleteFile:fail ${status.errMsg}` };
    },
  };
}
