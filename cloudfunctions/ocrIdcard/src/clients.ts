/**
 * Which way ocr.idcard is called, chosen by OCR_IDCARD_MODE: the cloud call through wx-server-sdk (default), or
 * WeChat's HTTPS API with the mini-program's own AppID and AppSecret (see https-settings.ts).
 */
import { createCloudOcrClient, type WxCloud } from './cloud-platform';
import type { FunctionConfig } from './config';
import { createHttpsOcrClient } from './https-client';
import { readHttpsSettings, readOcrMode } from './https-settings';
import type { OcrClient } from './platform';

/**
 * The OcrClient the configuration asks for.
 * @throws ConfigError when the HTTPS mode is chosen without usable credentials.
 */
export function createOcrClient(config: FunctionConfig, cloud: WxCloud, env: NodeJS.ProcessEnv = process.env): OcrClient {
  if (readOcrMode(env) === 'https') {
    // As for one cloud call: at most half the budget, token fetch and one token refresh included.
    return createHttpsOcrClient({ ...readHttpsSettings(env), timeoutMs: Math.floor(config.budgetMs / 2) });
  }
  return createCloudOcrClient(cloud);
}
