/**
 * Which way ocr.idcard is called. Today: the cloud call through wx-server-sdk. The HTTPS call (an access token
 * from the mini-program's AppID and AppSecret) plugs in here, chosen by OCR_IDCARD_MODE.
 */
import { createCloudOcrClient, type WxCloud } from './cloud-platform';
import type { FunctionConfig } from './config';
import type { OcrClient } from './platform';

/** The OcrClient the configuration asks for. */
export function createOcrClient(_config: FunctionConfig, cloud: WxCloud): OcrClient {
  return createCloudOcrClient(cloud);
}
