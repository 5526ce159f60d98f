/**
 * Why an image URL was not fetched. Every reason is WeChat's own 101000 (invalid image url), so the page handles
 * them alike; the reason makes errMsg (English, for the developer) and message (Chinese, for the user) precise.
 * Neither carries the URL: it may hold a signed token, and the log line is built from these.
 */
import { ERROR_TABLE } from '../../../miniprogram/shared/errors';
import type { UrlRefusalReason } from './url-guard';

export type ImageUrlFailureReason =
  | UrlRefusalReason
  | 'unresolvable'
  | 'too-many-redirects'
  | 'redirect-downgrade'
  | 'too-large'
  | 'timeout'
  | 'http-status'
  | 'network';

const REASONS: Record<ImageUrlFailureReason, { en: string; zh: string }> = {
  'bad-url': { en: 'malformed url', zh: '图片地址格式不正确' },
  scheme: { en: 'only http and https are fetched', zh: '图片地址只支持 http 和 https' },
  credentials: { en: 'url carries a user name or password', zh: '图片地址不能包含用户名或密码' },
  'internal-name': { en: 'host name of a private network', zh: '图片地址是内网主机名，已拒绝' },
  'not-allowlisted': { en: 'host not in OCR_IDCARD_URL_ALLOWLIST', zh: '图片地址的主机不在允许列表中' },
  metadata: { en: 'cloud metadata address', zh: '图片地址指向云服务器元数据服务，已拒绝' },
  unspecified: { en: 'unspecified address', zh: '图片地址指向未指定地址，已拒绝' },
  loopback: { en: 'loopback address', zh: '图片地址指向本机回环地址，已拒绝' },
  private: { en: 'private address', zh: '图片地址指向内网地址，已拒绝' },
  'link-local': { en: 'link-local address', zh: '图片地址指向链路本地地址，已拒绝' },
  shared: { en: 'shared (CGNAT) address', zh: '图片地址指向运营商共享地址，已拒绝' },
  multicast: { en: 'multicast address', zh: '图片地址指向组播地址，已拒绝' },
  broadcast: { en: 'broadcast address', zh: '图片地址指向广播地址，已拒绝' },
  documentation: { en: 'documentation address', zh: '图片地址指向文档示例地址，已拒绝' },
  reserved: { en: 'reserved address', zh: '图片地址指向保留地址，已拒绝' },
  unresolvable: { en: 'host does not resolve', zh: '图片地址的域名无法解析' },
  'too-many-redirects': { en: 'too many redirects', zh: '图片地址重定向次数过多' },
  'redirect-downgrade': { en: 'redirect from https to http', zh: '图片地址从 https 重定向到 http，已拒绝' },
  'too-large': { en: 'image over the size limit', zh: '图片超过大小上限' },
  timeout: { en: 'fetch timed out', zh: '获取图片超时' },
  'http-status': { en: 'image server answered with an error status', zh: '图片服务器返回了错误状态' },
  network: { en: 'network failure', zh: '与图片服务器的连接失败' },
};

/**
 * A refused or failed image URL fetch: `errCode` 101000, `errMsg` `invalid image url: <reason>`, and a Chinese
 * `message` that says what went wrong and what to do.
 */
export class ImageUrlError extends Error {
  override name = 'ImageUrlError';
  readonly errCode: number = ERROR_TABLE.INVALID_IMAGE_URL.errCode;
  readonly errMsg: string;

  /** @param detail extra English words for errMsg, e.g. the HTTP status; never the URL. */
  constructor(
    readonly reason: ImageUrlFailureReason,
    detail?: string,
  ) {
    const text = REASONS[reason];
    super(`${text.zh}。${ERROR_TABLE.INVALID_IMAGE_URL.message}`);
    this.errMsg = `${ERROR_TABLE.INVALID_IMAGE_URL.errMsg}: ${text.en}${detail ? ` (${detail})` : ''}`;
  }
}
