/**
 * The protobuf messages wx-server-sdk 4.0.2 exchanges with the TCB gateway for `wx.openApi`, re-declared from the
 * schema bundled in node_modules/wx-server-sdk/index.js (field numbers and types as there). Only what a
 * `wx.openApi` call uses is declared; protobuf skips the rest.
 */
import protobuf from 'protobufjs';

const schema = protobuf.parse(`
syntax = "proto3";
message KeyValuePair {
  string key = 1;
  bytes value = 2;
  string contenttype = 3;
  string filename = 4;
}
message OpenApiData {
  repeated KeyValuePair pairs = 1;
}
message CommApiData {
  int32 apiType = 1;
  OpenApiData openapiData = 2;
  string appid = 6;
}
message HttpHeader {
  string key = 1;
  string value = 2;
}
message CommOpenApiResp {
  bytes respData = 1;
  string contentType = 2;
  int32 errorCode = 3;
  uint32 httpCode = 4;
  repeated HttpHeader headers = 5;
  int32 svrkitErrorCode = 6;
}
`, { keepCase: true }).root;

const CommApiData = schema.lookupType('CommApiData');
const CommOpenApiResp = schema.lookupType('CommOpenApiResp');

/** `CommApiData.ApiType.OPEN_API` in the SDK: the only kind the emulator serves. */
export const OPEN_API = 0;

/** One parameter of an open API call. Plain values arrive JSON-encoded (`"photo"` with its quotes). */
export interface KeyValuePair {
  key: string;
  value: Buffer;
  contenttype: string;
  filename: string;
}

export interface CommApiData {
  apiType: number;
  pairs: KeyValuePair[];
  appid: string;
}

export interface CommOpenApiResp {
  respData: Buffer;
  contentType: string;
  /** A WeChat system error of the cloud-call layer (-604101 no permission...); 0 when the API itself answered. */
  errorCode: number;
  httpCode: number;
}

interface RawPair {
  key?: string;
  value?: Uint8Array;
  contenttype?: string;
  filename?: string;
}

interface RawCommApiData {
  apiType?: number;
  openapiData?: { pairs?: RawPair[] };
  appid?: string;
}

/** Decodes the `requestData` field of a `wx.openApi` form. Throws on bytes that are not this message. */
export function decodeCommApiData(bytes: Uint8Array): CommApiData {
  const raw = CommApiData.toObject(CommApiData.decode(bytes), { defaults: true }) as RawCommApiData;
  return {
    apiType: raw.apiType ?? 0,
    appid: raw.appid ?? '',
    pairs: (raw.openapiData?.pairs ?? []).map((p) => ({
      key: p.key ?? '',
      value: Buffer.from(p.value ?? new Uint8Array()),
      contenttype: p.contenttype ?? '',
      filename: p.filename ?? '',
    })),
  };
}

/** Encodes a request as the SDK does; the emulator's own tests use it to speak to the gateway without the SDK. */
export function encodeCommApiData(message: CommApiData): Buffer {
  const payload = { apiType: message.apiType, appid: message.appid, openapiData: { pairs: message.pairs } };
  return Buffer.from(CommApiData.encode(CommApiData.fromObject(payload)).finish());
}

/** Encodes the gateway's answer to a `wx.openApi` call. */
export function encodeCommOpenApiResp(message: CommOpenApiResp): Buffer {
  return Buffer.from(CommOpenApiResp.encode(CommOpenApiResp.fromObject({ ...message })).finish());
}

/** Decodes an answer, for tests that check the bytes the SDK will read. */
export function decodeCommOpenApiResp(bytes: Uint8Array): CommOpenApiResp {
  const raw = CommOpenApiResp.toObject(CommOpenApiResp.decode(bytes), { defaults: true }) as {
    respData: Uint8Array;
    contentType: string;
    errorCode: number;
    httpCode: number;
  };
  return { respData: Buffer.from(raw.respData), contentType: raw.contentType, errorCode: raw.errorCode, httpCode: raw.httpCode };
}
