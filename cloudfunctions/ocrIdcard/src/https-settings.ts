/**
 * Settings of the HTTPS call mode: ocr.idcard through WeChat's HTTPS API with the mini-program's own AppID and
 * AppSecret, for servers outside WeChat's cloud. Chosen with OCR_IDCARD_MODE=https; the runtime's own WX_APPID
 * means something else and is not read.
 */
import { ConfigError } from './config';

export type OcrMode = 'cloud' | 'https';

export interface HttpsSettings {
  appId: string;
  appSecret: string;
  /** `https://api.weixin.qq.com` unless set; no trailing slash. */
  apiBase: string;
}

export const DEFAULT_API_BASE = 'https://api.weixin.qq.com';

/** Hosts that may be reached over plain http (a local emulator); anywhere else the AppSecret would travel in clear. */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The call mode from OCR_IDCARD_MODE: `cloud` (default) or `https`.
 * @throws ConfigError for any other value.
 */
export function readOcrMode(env: NodeJS.ProcessEnv): OcrMode {
  const raw = (env.OCR_IDCARD_MODE ?? '').trim();
  if (raw === '' || raw === 'cloud') return 'cloud';
  if (raw === 'https') return 'https';
  throw new ConfigError(`Expected 'cloud' or 'https' for OCR_IDCARD_MODE but received ${JSON.stringify(raw)}`);
}

/**
 * Reads OCR_IDCARD_APPID, OCR_IDCARD_APPSECRET and OCR_IDCARD_API_BASE.
 * @throws ConfigError naming the variable that is missing or malformed.
 * @example
 * readHttpsSettings({ OCR_IDCARD_APPID: 'wx1234567890abcdef', OCR_IDCARD_APPSECRET: '...' }).apiBase // 'https://api.weixin.qq.com'
 */
export function readHttpsSettings(env: NodeJS.ProcessEnv): HttpsSettings {
  const appId = (env.OCR_IDCARD_APPID ?? '').trim();
  if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    throw new ConfigError(`Expected an AppID like wx followed by 16 hex digits for OCR_IDCARD_APPID but received ${appId ? JSON.stringify(appId) : 'nothing'}`);
  }
  const appSecret = (env.OCR_IDCARD_APPSECRET ?? '').trim();
  // Never echo the secret: say only what shape was expected.
  if (!/^[0-9A-Za-z]{16,64}$/.test(appSecret)) {
    throw new ConfigError('Expected the AppSecret (16 to 64 letters and digits) for OCR_IDCARD_APPSECRET but received ' + (appSecret ? 'a malformed value' : 'nothing'));
  }
  return { appId, appSecret, apiBase: readApiBase(env.OCR_IDCARD_API_BASE) };
}

function readApiBase(raw: string | undefined): string {
  const value = (raw ?? '').trim();
  if (value === '') return DEFAULT_API_BASE;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Expected an absolute URL for OCR_IDCARD_API_BASE but received ${JSON.stringify(value)}`);
  }
  const plainLoopback = url.protocol === 'http:' && LOOPBACK_HOSTS.has(url.hostname);
  if ((url.protocol !== 'https:' && !plainLoopback) || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`Expected an https URL without credentials or query (http only for 127.0.0.1) for OCR_IDCARD_API_BASE but received ${JSON.stringify(value)}`);
  }
  return url.href.replace(/\/+$/, '');
}
