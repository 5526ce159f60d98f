// Built from src/ by `npm run build`: edit the sources, not this file.
"use strict";
var __create = Object.create;
var __defProp = Object.defineProperty;
var __getOwnPropDesc = Object.getOwnPropertyDescriptor;
var __getOwnPropNames = Object.getOwnPropertyNames;
var __getProtoOf = Object.getPrototypeOf;
var __hasOwnProp = Object.prototype.hasOwnProperty;
var __export = (target, all) => {
  for (var name in all)
    __defProp(target, name, { get: all[name], enumerable: true });
};
var __copyProps = (to, from, except, desc) => {
  if (from && typeof from === "object" || typeof from === "function") {
    for (let key of __getOwnPropNames(from))
      if (!__hasOwnProp.call(to, key) && key !== except)
        __defProp(to, key, { get: () => from[key], enumerable: !(desc = __getOwnPropDesc(from, key)) || desc.enumerable });
  }
  return to;
};
var __toESM = (mod, isNodeMode, target) => (target = mod != null ? __create(__getProtoOf(mod)) : {}, __copyProps(
  // If the importer is in node compatibility mode or this is not an ESM
  // file that has been converted to a CommonJS file using a Babel-
  // compatible transform (i.e. "__esModule" has not been set), then set
  // "default" to the CommonJS "module.exports" for node compatibility.
  isNodeMode || !mod || !mod.__esModule ? __defProp(target, "default", { value: mod, enumerable: true }) : target,
  mod
));
var __toCommonJS = (mod) => __copyProps(__defProp({}, "__esModule", { value: true }), mod);

// cloudfunctions/ocrIdcard/src/index.ts
var index_exports = {};
__export(index_exports, {
  ImageRejectedError: () => ImageRejectedError,
  isImageRejectedError: () => isImageRejectedError,
  main: () => main,
  prepareImage: () => prepareImage
});
module.exports = __toCommonJS(index_exports);

// cloudfunctions/ocrIdcard/src/time-limit.ts
function withTimeLimit(work, ms, onTimeout) {
  let timer;
  const limit = new Promise((resolve, reject) => {
    timer = setTimeout(() => Promise.resolve().then(onTimeout).then(resolve, reject), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}

// cloudfunctions/ocrIdcard/src/cloud-platform.ts
function initWxCloud(timeoutMs) {
  const cloud = require("wx-server-sdk");
  cloud.init({ env: cloud.DYNAMIC_CURRENT_ENV, timeout: timeoutMs });
  return cloud;
}
function createCloudOcrClient(cloud) {
  return {
    mode: "cloud",
    idcard: ({ type, image }) => cloud.openapi.ocr.idcard({ type, img: { contentType: image.contentType, value: image.buffer } })
  };
}
function createCloudFileStore(cloud, downloadTimeoutMs) {
  return {
    async download(fileID) {
      const { fileContent } = await withTimeLimit(cloud.downloadFile({ fileID }), downloadTimeoutMs, () => {
        throw { errCode: -501001, errMsg: `downloadFile:fail no answer within ${downloadTimeoutMs} ms` };
      });
      if (!Buffer.isBuffer(fileContent)) throw { errCode: -1, errMsg: "downloadFile:fail answered without file content" };
      return fileContent;
    },
    async remove(fileID) {
      const { fileList } = await cloud.deleteFile({ fileList: [fileID] });
      const status2 = fileList.find((entry) => entry.fileID === fileID) ?? fileList[0];
      if (!status2) throw { errCode: -1, errMsg: "deleteFile:fail answered without a status" };
      if (status2.status !== 0) throw { errCode: status2.status, errMsg: `deleteFile:fail ${status2.errMsg}` };
    }
  };
}

// cloudfunctions/ocrIdcard/src/access-token.ts
var REFRESH_MARGIN_MS = 5 * 6e4;
var AccessTokenCache = class {
  constructor(source, deps) {
    this.source = source;
    this.deps = deps;
  }
  source;
  deps;
  cached;
  inFlight;
  /** A token that is still good, fetching one when none is. `signal` bounds the fetch. Rejects with a CallError. */
  get(signal) {
    if (this.cached && this.deps.clock() < this.cached.useUntil) return Promise.resolve(this.cached.token);
    this.inFlight ??= this.fetchToken(signal).finally(() => {
      this.inFlight = void 0;
    });
    return this.inFlight;
  }
  /** Drops `token` when it is the cached one: WeChat said it is invalid (40001) or expired (42001). */
  invalidate(token) {
    if (this.cached?.token === token) this.cached = void 0;
  }
  async fetchToken(signal) {
    const query = new URLSearchParams({ grant_type: "client_credential", appid: this.source.appId, secret: this.source.appSecret });
    const started = this.deps.clock();
    const body = await getJson(this.deps.fetch, `${this.source.apiBase}/cgi-bin/token?${query}`, { signal }, "token");
    const token = body.access_token;
    const expiresIn = Number(body.expires_in);
    if (Number(body.errcode ?? 0) !== 0 || typeof token !== "string" || token === "" || !(expiresIn > 0)) {
      throw failed(Number(body.errcode) || -1, `token:fail ${String(body.errmsg ?? "no access_token in the answer")}`);
    }
    const lifeMs = expiresIn * 1e3;
    this.cached = { token, useUntil: started + lifeMs - Math.min(REFRESH_MARGIN_MS, lifeMs / 10) };
    return token;
  }
};
async function getJson(fetchImpl, url, init, what) {
  let response;
  try {
    response = await fetchImpl(url, init);
  } catch (err) {
    throw failed(-501001, `${what}:fail ${isTimeout(err) ? "request timed out" : "network failure"}`);
  }
  if (response.status !== 200) {
    await response.body?.cancel();
    throw failed(-501001, `${what}:fail HTTP ${response.status}`);
  }
  let body;
  try {
    body = await response.json();
  } catch (err) {
    const timedOut2 = isTimeout(err);
    throw failed(timedOut2 ? -501001 : -1, `${what}:fail ${timedOut2 ? "request timed out" : "answer is not JSON"}`);
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw failed(-1, `${what}:fail answer is not a JSON object`);
  return body;
}
function isTimeout(err) {
  const name = typeof err === "object" && err !== null ? err.name : void 0;
  return name === "TimeoutError" || name === "AbortError";
}
function failed(errCode, errMsg) {
  return { errCode, errMsg };
}

// cloudfunctions/ocrIdcard/src/https-client.ts
var TOKEN_REJECTED = /* @__PURE__ */ new Set([40001, 42001]);
function createHttpsOcrClient(options) {
  const deps = { clock: options.clock ?? Date.now, fetch: options.fetch ?? fetch };
  const tokens = new AccessTokenCache(options, deps);
  async function callOnce(request, token, signal) {
    const query = new URLSearchParams({ type: request.type, access_token: token });
    const form = new FormData();
    const extension = request.image.contentType === "image/png" ? "png" : "jpg";
    form.append("img", new Blob([request.image.buffer], { type: request.image.contentType }), `img.${extension}`);
    return getJson(deps.fetch, `${options.apiBase}/cv/ocr/idcard?${query}`, { method: "POST", body: form, signal }, "ocr.idcard");
  }
  return {
    mode: "https",
    async idcard(request) {
      const signal = AbortSignal.timeout(options.timeoutMs);
      let token = await tokens.get(signal);
      let answer = await callOnce(request, token, signal);
      if (TOKEN_REJECTED.has(errcodeOf(answer))) {
        tokens.invalidate(token);
        token = await tokens.get(signal);
        answer = await callOnce(request, token, signal);
      }
      const errcode = errcodeOf(answer);
      if (errcode !== 0) throw wechatFailure(errcode, answer.errmsg);
      return answer;
    }
  };
}
function errcodeOf(answer) {
  const code = Number(answer.errcode ?? 0);
  return Number.isFinite(code) ? code : -1;
}
function wechatFailure(errcode, errmsg) {
  return failed(errcode, `ocr.idcard:fail ${typeof errmsg === "string" ? errmsg : "unknown error"}`);
}

// cloudfunctions/ocrIdcard/src/config.ts
var DEFAULT_CONFIG = {
  // Cold sharp (WebAssembly) ~1.3 s + a 12 MP resize ~1 s + download + WeChat ~2 s, twice with a retry.
  budgetMs: 15e3,
  maxBytes: 2e6,
  maxInputBytes: 2e7
};
var ConfigError = class extends Error {
  name = "ConfigError";
};
function integerSetting(env, name, fallback, min, max) {
  const raw = env[name];
  if (raw === void 0 || raw.trim() === "") return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Expected integer between ${min} and ${max} for ${name} but received ${JSON.stringify(raw)}`);
  }
  return value;
}
function loadConfig(env = process.env) {
  const maxBytes = integerSetting(env, "OCR_IDCARD_MAX_BYTES", DEFAULT_CONFIG.maxBytes, 1e5, 1e7);
  return {
    // The longest function timeout any source gives is 900 s.
    budgetMs: integerSetting(env, "OCR_IDCARD_BUDGET_MS", DEFAULT_CONFIG.budgetMs, 1e3, 9e5),
    maxBytes,
    maxInputBytes: integerSetting(env, "OCR_IDCARD_MAX_INPUT_BYTES", Math.max(DEFAULT_CONFIG.maxInputBytes, maxBytes), maxBytes, 1e8)
  };
}

// cloudfunctions/ocrIdcard/src/https-settings.ts
var DEFAULT_API_BASE = "https://api.weixin.qq.com";
var LOOPBACK_HOSTS = /* @__PURE__ */ new Set(["127.0.0.1", "localhost", "[::1]"]);
function readOcrMode(env) {
  const raw = (env.OCR_IDCARD_MODE ?? "").trim();
  if (raw === "" || raw === "cloud") return "cloud";
  if (raw === "https") return "https";
  throw new ConfigError(`Expected 'cloud' or 'https' for OCR_IDCARD_MODE but received ${JSON.stringify(raw)}`);
}
function readHttpsSettings(env) {
  const appId = (env.OCR_IDCARD_APPID ?? "").trim();
  if (!/^wx[0-9a-f]{16}$/.test(appId)) {
    throw new ConfigError(`Expected an AppID like wx followed by 16 hex digits for OCR_IDCARD_APPID but received ${appId ? JSON.stringify(appId) : "nothing"}`);
  }
  const appSecret = (env.OCR_IDCARD_APPSECRET ?? "").trim();
  if (!/^[0-9A-Za-z]{16,64}$/.test(appSecret)) {
    throw new ConfigError("Expected the AppSecret (16 to 64 letters and digits) for OCR_IDCARD_APPSECRET but received " + (appSecret ? "a malformed value" : "nothing"));
  }
  return { appId, appSecret, apiBase: readApiBase(env.OCR_IDCARD_API_BASE) };
}
function readApiBase(raw) {
  const value = (raw ?? "").trim();
  if (value === "") return DEFAULT_API_BASE;
  let url;
  try {
    url = new URL(value);
  } catch {
    throw new ConfigError(`Expected an absolute URL for OCR_IDCARD_API_BASE but received ${JSON.stringify(value)}`);
  }
  const plainLoopback = url.protocol === "http:" && LOOPBACK_HOSTS.has(url.hostname);
  if (url.protocol !== "https:" && !plainLoopback || url.username || url.password || url.search || url.hash) {
    throw new ConfigError(`Expected an https URL without credentials or query (http only for 127.0.0.1) for OCR_IDCARD_API_BASE but received ${JSON.stringify(value)}`);
  }
  return url.href.replace(/\/+$/, "");
}

// cloudfunctions/ocrIdcard/src/clients.ts
function createOcrClient(config, cloud, env = process.env) {
  if (readOcrMode(env) === "https") {
    return createHttpsOcrClient({ ...readHttpsSettings(env), timeoutMs: Math.floor(config.budgetMs / 2) });
  }
  return createCloudOcrClient(cloud);
}

// miniprogram/shared/errors.ts
var ERROR_TABLE = {
  SYSTEM_ERROR: { errCode: -1, errMsg: "system error", message: "\u8BC6\u522B\u670D\u52A1\u7E41\u5FD9\uFF0C\u8BF7\u7A0D\u540E\u91CD\u8BD5", retryable: true },
  INVALID_IMAGE_URL: { errCode: 101e3, errMsg: "invalid image url", message: "\u65E0\u6CD5\u83B7\u53D6\u56FE\u7247\uFF0C\u8BF7\u91CD\u65B0\u62CD\u6444\u6216\u4E0A\u4F20", retryable: false },
  CERTIFICATE_NOT_FOUND: { errCode: 101001, errMsg: "certificate not found", message: "\u672A\u8BC6\u522B\u5230\u8EAB\u4EFD\u8BC1\uFF0C\u8BF7\u5C06\u8BC1\u4EF6\u653E\u5165\u53D6\u666F\u6846\u5185\uFF0C\u5728\u5149\u7EBF\u5145\u8DB3\u5904\u91CD\u62CD", retryable: false },
  INVALID_IMAGE_DATA: { errCode: 101002, errMsg: "invalid image data", message: "\u56FE\u7247\u65E0\u6CD5\u8BC6\u522B\uFF0C\u8BF7\u91CD\u65B0\u62CD\u6444\u6E05\u6670\u7684 JPG \u6216 PNG \u7167\u7247", retryable: false },
  MARKET_QUOTA: { errCode: 101003, errMsg: "market quota insufficient", message: "\u8BC6\u522B\u6B21\u6570\u5DF2\u7528\u5B8C\uFF0C\u8BF7\u8054\u7CFB\u5C0F\u7A0B\u5E8F\u7BA1\u7406\u5458", retryable: false },
  DAILY_QUOTA: { errCode: 45009, errMsg: "reach max api daily quota limit", message: "\u4ECA\u65E5\u8BC6\u522B\u6B21\u6570\u5DF2\u8FBE\u4E0A\u9650\uFF0C\u8BF7\u660E\u5929\u518D\u8BD5", retryable: false },
  INVALID_TOKEN: { errCode: 40001, errMsg: "invalid credential, access_token is invalid or not latest", message: "\u670D\u52A1\u51ED\u8BC1\u5931\u6548\uFF0C\u8BF7\u7A0D\u540E\u91CD\u8BD5", retryable: true },
  EXPIRED_TOKEN: { errCode: 42001, errMsg: "access_token expired", message: "\u670D\u52A1\u51ED\u8BC1\u5DF2\u8FC7\u671F\uFF0C\u8BF7\u7A0D\u540E\u91CD\u8BD5", retryable: true },
  INVALID_ARGS: { errCode: 40097, errMsg: "invalid args", message: "\u8BF7\u6C42\u53C2\u6570\u6709\u8BEF\uFF0C\u8BF7\u91CD\u65B0\u62CD\u6444\u540E\u518D\u8BD5", retryable: false },
  IMG_URL_IN_BODY: { errCode: 41005, errMsg: "media data missing", message: "\u8BF7\u6C42\u53C2\u6570\u6709\u8BEF\uFF0C\u8BF7\u91CD\u65B0\u62CD\u6444\u540E\u518D\u8BD5", retryable: false },
  REQUIRE_POST: { errCode: 43002, errMsg: "require POST method", message: "\u8BF7\u6C42\u65B9\u5F0F\u6709\u8BEF\uFF0C\u8BF7\u8054\u7CFB\u5C0F\u7A0B\u5E8F\u7BA1\u7406\u5458", retryable: false },
  NO_PERMISSION: { errCode: -604101, errMsg: "function has no permission to call this API", message: "\u8BC6\u522B\u529F\u80FD\u672A\u5F00\u901A\uFF0C\u8BF7\u8054\u7CFB\u5C0F\u7A0B\u5E8F\u7BA1\u7406\u5458\uFF08\u4E91\u51FD\u6570\u7F3A\u5C11 ocr.idcard \u6743\u9650\uFF09", retryable: false },
  RESPONSE_TOO_LARGE: { errCode: -604001, errMsg: "response exceeds 1 MB", message: "\u8BC6\u522B\u7ED3\u679C\u8FC7\u5927\uFF0C\u8BF7\u91CD\u8BD5", retryable: true },
  TIMEOUT: { errCode: -501001, errMsg: "request timed out or network failure", message: "\u7F51\u7EDC\u4E0D\u7A33\u5B9A\uFF0C\u8BC6\u522B\u8D85\u65F6\uFF0C\u8BF7\u7A0D\u540E\u91CD\u8BD5", retryable: true },
  FILE_NOT_FOUND: { errCode: -503003, errMsg: "storage file not found", message: "\u56FE\u7247\u5DF2\u5931\u6548\uFF0C\u8BF7\u91CD\u65B0\u62CD\u6444\u4E0A\u4F20", retryable: false },
  USER_DAILY_LIMIT: { errCode: 910001, errMsg: "user daily limit reached", message: "\u60A8\u4ECA\u5929\u7684\u8BC6\u522B\u6B21\u6570\u5DF2\u7528\u5B8C\uFF0C\u8BF7\u660E\u5929\u518D\u8BD5", retryable: false },
  IMAGE_PROCESSOR_UNAVAILABLE: { errCode: 910002, errMsg: "image processor unavailable", message: "\u56FE\u7247\u5904\u7406\u7EC4\u4EF6\u672A\u5C31\u7EEA\uFF0C\u8BF7\u8054\u7CFB\u5C0F\u7A0B\u5E8F\u7BA1\u7406\u5458\uFF08\u4E91\u7AEF\u4F9D\u8D56\u5B89\u88C5\u4E0D\u5B8C\u6574\uFF09", retryable: false }
};
var byCode = new Map(Object.values(ERROR_TABLE).map((e) => [e.errCode, e]));
function errorEntry(errCode) {
  return byCode.get(errCode);
}
function userMessage(errCode) {
  return byCode.get(errCode)?.message ?? "\u8BC6\u522B\u5931\u8D25\uFF0C\u8BF7\u7A0D\u540E\u91CD\u8BD5";
}

// cloudfunctions/ocrIdcard/src/failure.ts
function failure(name, detail) {
  const entry = ERROR_TABLE[name];
  return { errCode: entry.errCode, errMsg: detail ? `${entry.errMsg}: ${detail}` : entry.errMsg, message: entry.message };
}

// cloudfunctions/ocrIdcard/src/image-url-error.ts
var REASONS = {
  "bad-url": { en: "malformed url", zh: "\u56FE\u7247\u5730\u5740\u683C\u5F0F\u4E0D\u6B63\u786E" },
  scheme: { en: "only http and https are fetched", zh: "\u56FE\u7247\u5730\u5740\u53EA\u652F\u6301 http \u548C https" },
  credentials: { en: "url carries a user name or password", zh: "\u56FE\u7247\u5730\u5740\u4E0D\u80FD\u5305\u542B\u7528\u6237\u540D\u6216\u5BC6\u7801" },
  "internal-name": { en: "host name of a private network", zh: "\u56FE\u7247\u5730\u5740\u662F\u5185\u7F51\u4E3B\u673A\u540D\uFF0C\u5DF2\u62D2\u7EDD" },
  "not-allowlisted": { en: "host not in OCR_IDCARD_URL_ALLOWLIST", zh: "\u56FE\u7247\u5730\u5740\u7684\u4E3B\u673A\u4E0D\u5728\u5141\u8BB8\u5217\u8868\u4E2D" },
  metadata: { en: "cloud metadata address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u4E91\u670D\u52A1\u5668\u5143\u6570\u636E\u670D\u52A1\uFF0C\u5DF2\u62D2\u7EDD" },
  unspecified: { en: "unspecified address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u672A\u6307\u5B9A\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  loopback: { en: "loopback address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u672C\u673A\u56DE\u73AF\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  private: { en: "private address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u5185\u7F51\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  "link-local": { en: "link-local address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u94FE\u8DEF\u672C\u5730\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  shared: { en: "shared (CGNAT) address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u8FD0\u8425\u5546\u5171\u4EAB\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  multicast: { en: "multicast address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u7EC4\u64AD\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  broadcast: { en: "broadcast address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u5E7F\u64AD\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  documentation: { en: "documentation address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u6587\u6863\u793A\u4F8B\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  reserved: { en: "reserved address", zh: "\u56FE\u7247\u5730\u5740\u6307\u5411\u4FDD\u7559\u5730\u5740\uFF0C\u5DF2\u62D2\u7EDD" },
  unresolvable: { en: "host does not resolve", zh: "\u56FE\u7247\u5730\u5740\u7684\u57DF\u540D\u65E0\u6CD5\u89E3\u6790" },
  "too-many-redirects": { en: "too many redirects", zh: "\u56FE\u7247\u5730\u5740\u91CD\u5B9A\u5411\u6B21\u6570\u8FC7\u591A" },
  "redirect-downgrade": { en: "redirect from https to http", zh: "\u56FE\u7247\u5730\u5740\u4ECE https \u91CD\u5B9A\u5411\u5230 http\uFF0C\u5DF2\u62D2\u7EDD" },
  "too-large": { en: "image over the size limit", zh: "\u56FE\u7247\u8D85\u8FC7\u5927\u5C0F\u4E0A\u9650" },
  timeout: { en: "fetch timed out", zh: "\u83B7\u53D6\u56FE\u7247\u8D85\u65F6" },
  "http-status": { en: "image server answered with an error status", zh: "\u56FE\u7247\u670D\u52A1\u5668\u8FD4\u56DE\u4E86\u9519\u8BEF\u72B6\u6001" },
  network: { en: "network failure", zh: "\u4E0E\u56FE\u7247\u670D\u52A1\u5668\u7684\u8FDE\u63A5\u5931\u8D25" }
};
var ImageUrlError = class extends Error {
  /** @param detail extra English words for errMsg, e.g. the HTTP status; never the URL. */
  constructor(reason, detail) {
    const text2 = REASONS[reason];
    super(`${text2.zh}\u3002${ERROR_TABLE.INVALID_IMAGE_URL.message}`);
    this.reason = reason;
    this.errMsg = `${ERROR_TABLE.INVALID_IMAGE_URL.errMsg}: ${text2.en}${detail ? ` (${detail})` : ""}`;
  }
  reason;
  name = "ImageUrlError";
  errCode = ERROR_TABLE.INVALID_IMAGE_URL.errCode;
  errMsg;
};

// cloudfunctions/ocrIdcard/src/safe-fetch.ts
var import_node_dns = __toESM(require("node:dns"));
var import_node_http = __toESM(require("node:http"));
var import_node_https = __toESM(require("node:https"));

// cloudfunctions/ocrIdcard/src/url-guard.ts
var MAX_URL_LENGTH = 2048;
function parseIPv4(text2) {
  const parts = text2.split(".");
  if (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
  if (parts.length === 0 || parts.length > 4) return void 0;
  const values = [];
  for (const part of parts) {
    let value;
    if (/^0x[0-9a-f]*$/i.test(part)) value = part.length === 2 ? 0 : parseInt(part.slice(2), 16);
    else if (/^0[0-7]+$/.test(part)) value = parseInt(part.slice(1), 8);
    else if (/^(0|[1-9][0-9]*)$/.test(part)) value = Number(part);
    else return void 0;
    if (!Number.isSafeInteger(value)) return void 0;
    values.push(value);
  }
  const last = values.pop();
  if (values.some((v) => v > 255) || last >= 256 ** (4 - values.length)) return void 0;
  const bytes = [...values];
  for (let i = 3 - values.length; i >= 0; i--) bytes.push(Math.floor(last / 256 ** i) % 256);
  return bytes;
}
var IPV4_RANGES = [
  [[169, 254, 169, 254], 32, "metadata"],
  // AWS, Azure, GCP, Huawei, Oracle, Tencent (IMDS-compatible)
  [[169, 254, 0, 23], 32, "metadata"],
  // metadata.tencentyun.com
  [[169, 254, 170, 2], 32, "metadata"],
  // AWS ECS task metadata
  [[100, 100, 100, 200], 32, "metadata"],
  // Alibaba Cloud
  [[192, 0, 0, 192], 32, "metadata"],
  // Oracle Cloud
  [[0, 0, 0, 0], 32, "unspecified"],
  [[255, 255, 255, 255], 32, "broadcast"],
  [[0], 8, "reserved"],
  // "this network"
  [[10], 8, "private"],
  [[100, 64], 10, "shared"],
  [[127], 8, "loopback"],
  [[169, 254], 16, "link-local"],
  [[172, 16], 12, "private"],
  [[192, 0, 0], 24, "reserved"],
  // IETF protocol assignments
  [[192, 0, 2], 24, "documentation"],
  [[192, 88, 99], 24, "reserved"],
  // 6to4 relay anycast, deprecated
  [[192, 168], 16, "private"],
  [[198, 18], 15, "reserved"],
  // benchmarking
  [[198, 51, 100], 24, "documentation"],
  [[203, 0, 113], 24, "documentation"],
  [[224], 4, "multicast"],
  [[240], 4, "reserved"]
];
function inRange(bytes, prefix, bits) {
  for (let i = 0; i * 8 < bits; i++) {
    const take = Math.min(8, bits - i * 8);
    const mask = 255 << 8 - take & 255;
    if ((bytes[i] & mask) !== ((prefix[i] ?? 0) & mask)) return false;
  }
  return true;
}
function kindOf(bytes, ranges, fallback) {
  for (const [prefix, bits, kind] of ranges) if (inRange(bytes, prefix, bits)) return kind;
  return fallback;
}
function classifyIPv4(bytes) {
  return kindOf(bytes, IPV4_RANGES, "public");
}
function parseIPv6(text2) {
  let s = text2.startsWith("[") && text2.endsWith("]") ? text2.slice(1, -1) : text2;
  const zone = s.indexOf("%");
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(":")) return void 0;
  let tail = [];
  const lastColon = s.lastIndexOf(":");
  if (s.slice(lastColon + 1).includes(".")) {
    const v4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s.slice(lastColon + 1));
    if (!v4) return void 0;
    tail = v4.slice(1).map(Number);
    if (tail.some((b) => b > 255)) return void 0;
    s = s.slice(0, lastColon + 1);
    if (!s.endsWith("::")) s = s.slice(0, -1);
  }
  const halves = s.split("::");
  if (halves.length > 2) return void 0;
  const groups = (half) => {
    if (half === "") return [];
    const out = [];
    for (const g of half.split(":")) {
      if (!/^[0-9a-f]{1,4}$/i.test(g)) return void 0;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = groups(halves[0]);
  const rest = halves.length === 2 ? groups(halves[1]) : [];
  if (!head || !rest) return void 0;
  const wanted = 8 - tail.length / 2;
  const missing = wanted - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return void 0;
  const all = [...head, ...new Array(missing).fill(0), ...rest];
  return [...all.flatMap((g) => [g >> 8, g & 255]), ...tail];
}
var IPV6_RANGES = [
  [[253, 0, 14, 194, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 84], 128, "metadata"],
  // AWS fd00:ec2::254
  [[0], 128, "unspecified"],
  [[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1], 128, "loopback"],
  [[0, 100, 255, 155, 0, 1], 48, "reserved"],
  // local-use NAT64: translates to private networks
  [[1, 0, 0, 0, 0, 0, 0, 0], 64, "reserved"],
  // discard-only
  [[32, 1, 13, 184], 32, "documentation"],
  [[32, 1, 0, 0], 32, "reserved"],
  // Teredo: hides an IPv4 address, refused whole
  [[32, 1, 0, 2, 0, 0], 48, "reserved"],
  // benchmarking
  [[32, 1, 0, 16], 28, "reserved"],
  // ORCHID
  [[32, 1, 0, 32], 28, "reserved"],
  // ORCHIDv2
  [[63, 255], 20, "documentation"],
  [[95, 0], 16, "reserved"],
  // SRv6 SIDs
  [[252], 7, "private"],
  // unique local
  [[254, 128], 10, "link-local"],
  [[254, 192], 10, "private"],
  // site-local, deprecated
  [[255], 8, "multicast"]
];
function embeddedIPv4(bytes) {
  const zeros = (from, to) => bytes.slice(from, to).every((b) => b === 0);
  if (zeros(0, 10) && bytes[10] === 255 && bytes[11] === 255) return bytes.slice(12);
  if (zeros(0, 8) && bytes[8] === 255 && bytes[9] === 255 && zeros(10, 12)) return bytes.slice(12);
  if (zeros(0, 12)) return bytes.slice(12);
  if (inRange(bytes, [0, 100, 255, 155], 96)) return bytes.slice(12);
  if (bytes[0] === 32 && bytes[1] === 2) return bytes.slice(2, 6);
  return void 0;
}
function classifyIPv6(bytes) {
  const kind = kindOf(bytes, IPV6_RANGES, "public");
  if (kind !== "public") return kind;
  const v4 = embeddedIPv4(bytes);
  if (v4) return classifyIPv4(v4);
  return (bytes[0] & 224) === 32 ? "public" : "reserved";
}
function classifyAddress(address) {
  const v6 = parseIPv6(address);
  if (v6) return classifyIPv6(v6);
  const v4 = parseIPv4(address);
  return v4 ? classifyIPv4(v4) : "reserved";
}
var METADATA_NAMES = /* @__PURE__ */ new Set([
  "metadata.tencentyun.com",
  "metadata.google.internal",
  "metadata.goog",
  "metadata",
  "instance-data",
  "instance-data.ec2.internal"
]);
var INTERNAL_SUFFIXES = [".localhost", ".local", ".localdomain", ".internal", ".intranet", ".lan", ".home.arpa", ".private"];
function classifyHostName(name) {
  const host = name.toLowerCase().replace(/\.$/, "");
  if (METADATA_NAMES.has(host)) return "metadata";
  if (host === "localhost" || host.endsWith(".localhost")) return "loopback";
  if (!host.includes(".") || INTERNAL_SUFFIXES.some((s) => host.endsWith(s))) return "internal-name";
  return void 0;
}
function parseAllowlist(text2) {
  if (text2 === void 0 || text2.trim() === "") return void 0;
  const entries = [];
  const invalid = [];
  for (const raw of text2.split(/[\s,]+/).filter(Boolean)) {
    let url;
    try {
      url = new URL(`http://${raw}`);
    } catch {
      url = void 0;
    }
    const plain = url && !url.username && !url.password && url.pathname === "/" && !url.search && !url.hash;
    if (!url || !plain || raw.includes("/") || raw.includes("@")) {
      invalid.push(raw);
      continue;
    }
    const explicitPort = /:(\d+)$/.exec(raw);
    entries.push({ host: hostOf(url), port: explicitPort ? Number(explicitPort[1]) : void 0 });
  }
  return { entries, invalid };
}
function defaultPort(url) {
  return url.protocol === "https:" ? 443 : 80;
}
function hostOf(url) {
  return url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "").toLowerCase();
}
function isAllowlisted(allowlist, host, url) {
  const port = url.port ? Number(url.port) : defaultPort(url);
  return allowlist.entries.some((e) => e.host === host && (e.port === void 0 ? port === defaultPort(url) : e.port === port));
}
function checkUrl(text2, allowlist) {
  if (typeof text2 !== "string" || text2.length === 0 || text2.length > MAX_URL_LENGTH) return refuse("bad-url");
  let url;
  try {
    url = new URL(text2);
  } catch {
    return refuse("bad-url");
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return refuse("scheme");
  if (url.username || url.password) return refuse("credentials");
  const host = hostOf(url);
  if (host === "") return refuse("bad-url");
  const port = url.port ? Number(url.port) : defaultPort(url);
  if (port === 0) return refuse("reserved");
  const allowlisted = allowlist ? isAllowlisted(allowlist, host, url) : false;
  if (allowlist && !allowlisted) return refuse("not-allowlisted");
  const v6 = url.hostname.startsWith("[") ? parseIPv6(host) : void 0;
  const v4 = v6 ? void 0 : parseIPv4(host);
  const literal = v6 ? 6 : v4 ? 4 : 0;
  const kind = v6 ? classifyIPv6(v6) : v4 ? classifyIPv4(v4) : classifyHostName(host);
  if (kind !== void 0 && kind !== "public" && !(allowlisted && kind !== "metadata")) return refuse(kind);
  const canonical = v4 ? v4.join(".") : host;
  return { ok: true, url, host: canonical, port, literal, allowlisted };
}
function checkResolvedAddress(address, allowlisted) {
  const kind = classifyAddress(address);
  if (kind === "public" || allowlisted && kind !== "metadata") return void 0;
  return refuse(kind);
}
function refuse(reason) {
  return { ok: false, reason };
}

// cloudfunctions/ocrIdcard/src/safe-fetch.ts
var DEFAULT_MAX_BYTES = 20 * 1024 * 1024;
var DEFAULT_MAX_REDIRECTS = 3;
var REDIRECTS = /* @__PURE__ */ new Set([301, 302, 303, 307, 308]);
var systemResolver = async (host) => {
  const answers = await import_node_dns.default.promises.lookup(host, { all: true, verbatim: true });
  return answers.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
};
async function safeFetch(url, options) {
  const { timeoutMs } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  if (!(Number.isFinite(timeoutMs) && timeoutMs > 0)) throw new TypeError(`Expected positive number for timeoutMs but received ${timeoutMs}`);
  if (!(Number.isInteger(maxBytes) && maxBytes > 0)) throw new TypeError(`Expected positive integer for maxBytes but received ${maxBytes}`);
  if (!(Number.isInteger(maxRedirects) && maxRedirects >= 0)) throw new TypeError(`Expected integer >= 0 for maxRedirects but received ${maxRedirects}`);
  const allowlist = options.allowlist === void 0 ? parseAllowlist(process.env.OCR_IDCARD_URL_ALLOWLIST) : options.allowlist ?? void 0;
  const resolve = options.resolve ?? systemResolver;
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new ImageUrlError("timeout", `no complete answer within ${timeoutMs} ms`)), timeoutMs);
  try {
    let current = url;
    for (let redirects = 0; ; redirects++) {
      const target = checkUrl(current, allowlist);
      if (!target.ok) throw new ImageUrlError(target.reason);
      const address = await checkedAddress(target, resolve, deadline.signal);
      const hop = await fetchOnce(target, address, maxBytes, options.ca, deadline.signal);
      if (hop.kind === "body") return { body: hop.body, contentType: hop.contentType, redirects };
      if (redirects >= maxRedirects) throw new ImageUrlError("too-many-redirects", `more than ${maxRedirects}`);
      let next;
      try {
        next = new URL(hop.location, target.url);
      } catch {
        throw new ImageUrlError("bad-url", "redirect location");
      }
      if (target.url.protocol === "https:" && next.protocol === "http:") throw new ImageUrlError("redirect-downgrade");
      current = next.href;
    }
  } finally {
    clearTimeout(timer);
  }
}
async function checkedAddress(target, resolve, signal) {
  if (target.literal) return { address: target.host, family: target.literal };
  let addresses;
  try {
    addresses = await untilAborted(resolve(target.host), signal);
  } catch (err) {
    throw signal.aborted ? timedOut(signal) : new ImageUrlError("unresolvable", errorCode(err));
  }
  if (addresses.length === 0) throw new ImageUrlError("unresolvable");
  for (const { address } of addresses) {
    const refusal = checkResolvedAddress(address, target.allowlisted);
    if (refusal) throw new ImageUrlError(refusal.reason);
  }
  return addresses[0];
}
function pinnedLookup({ address, family }) {
  return (_host, options, callback) => {
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}
function fetchOnce(target, address, maxBytes, ca, signal) {
  return new Promise((resolve, reject) => {
    const fail = (err) => {
      req.destroy();
      reject(err);
    };
    const onError = (err, detail = errorCode(err)) => reject(signal.aborted ? timedOut(signal) : new ImageUrlError("network", detail));
    const secure = target.url.protocol === "https:";
    const request = secure ? import_node_https.default.request : import_node_http.default.request;
    const req = request({
      host: target.host,
      port: target.port,
      path: `${target.url.pathname}${target.url.search}`,
      method: "GET",
      headers: { Host: target.url.host, Accept: "image/*", "User-Agent": "ocrIdcard" },
      lookup: pinnedLookup(address),
      // A fresh socket per hop: a pooled one could belong to an address checked for another URL.
      agent: false,
      signal,
      ...secure ? { servername: target.literal ? void 0 : target.host, ca } : {}
    });
    req.on("error", onError);
    req.on("response", (res) => {
      res.on("error", (err) => onError(err, "the connection broke while reading"));
      const status2 = res.statusCode ?? 0;
      const location = res.headers.location;
      if (REDIRECTS.has(status2) && location) {
        res.destroy();
        resolve({ kind: "redirect", location });
        return;
      }
      if (status2 < 200 || status2 > 299) return fail(new ImageUrlError("http-status", `HTTP ${status2}`));
      const declared = Number(res.headers["content-length"]);
      if (declared > maxBytes) return fail(new ImageUrlError("too-large", `over ${maxBytes} bytes`));
      const chunks = [];
      let size = 0;
      res.on("data", (chunk) => {
        size += chunk.length;
        if (size > maxBytes) fail(new ImageUrlError("too-large", `over ${maxBytes} bytes`));
        else chunks.push(chunk);
      });
      res.on("end", () => {
        if (!res.complete) onError(void 0, "the connection broke while reading");
        else resolve({ kind: "body", body: Buffer.concat(chunks, size), contentType: res.headers["content-type"] });
      });
    });
    req.end();
  });
}
function timedOut(signal) {
  return signal.reason instanceof ImageUrlError ? signal.reason : new ImageUrlError("timeout");
}
function untilAborted(promise, signal) {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    promise.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
function errorCode(err) {
  const code = err?.code;
  return typeof code === "string" && /^[A-Z0-9_]+$/.test(code) ? code : void 0;
}

// cloudfunctions/ocrIdcard/src/fetch-image.ts
async function fetchImage(url, opts) {
  if (!(opts.timeoutMs > 0)) throw new ImageUrlError("timeout", "no time left in the budget");
  return (await safeFetch(url, { timeoutMs: opts.timeoutMs, maxBytes: opts.maxBytes })).body;
}

// cloudfunctions/ocrIdcard/src/file-id.ts
var FILE_ID = /^cloud:\/\/([A-Za-z0-9_-]{1,40})\.([^/\s]+)\/(\S.*)$/;
function parseFileId(fileID) {
  const match = FILE_ID.exec(fileID);
  return match ? { envId: match[1], bucket: match[2], path: match[3] } : void 0;
}
function ownEnvId({ contextEnv, variables }) {
  const env = contextEnv || variables.TCB_ENV || variables.SCF_NAMESPACE;
  if (!env || env === "local" && variables.TENCENTCLOUD_RUNENV === "WX_LOCAL_SCF") return void 0;
  return env;
}

// miniprogram/shared/idcard.ts
function isFailure(result) {
  return result.errCode !== 0;
}

// cloudfunctions/ocrIdcard/src/event.ts
var SOURCES = ["fileID", "imgUrl", "img"];
var BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
var InvalidEvent = class extends Error {
};
function present(value) {
  return value !== void 0 && value !== null;
}
function oneOf(name, value, allowed, fallback) {
  if (!present(value)) return fallback;
  if (typeof value === "string" && allowed.includes(value)) return value;
  throw new InvalidEvent(`${name} must be one of ${allowed.join(", ")} but received ${describe(value)}`);
}
function describe(value) {
  if (typeof value === "string") return value.length > 40 ? `a string of ${value.length} characters` : JSON.stringify(value);
  return `${value === null ? "null" : typeof value}`;
}
function base64LengthFor(bytes) {
  return Math.ceil(bytes / 3) * 4;
}
function fileSource(value, envId) {
  if (typeof value !== "string") throw new InvalidEvent(`fileID must be a string but received ${describe(value)}`);
  const parsed = parseFileId(value);
  if (!parsed) throw new InvalidEvent("fileID must look like cloud://<envId>.<bucket>/<path>");
  if (envId === void 0) throw new InvalidEvent("fileID refused: the function cannot tell its own environment (TCB_ENV / SCF_NAMESPACE unset)");
  if (parsed.envId !== envId) throw new InvalidEvent(`fileID refused: it belongs to environment ${parsed.envId}, not to this function's ${envId}`);
  return { kind: "fileID", fileID: value };
}
function urlSource(value) {
  if (typeof value !== "string") throw new InvalidEvent(`imgUrl must be a string but received ${describe(value)}`);
  return { kind: "imgUrl", url: value };
}
function inlineSource(value, maxInputBytes) {
  if (typeof value !== "object" || value === null) throw new InvalidEvent(`img must be { contentType, value } but received ${describe(value)}`);
  const { contentType, value: base64 } = value;
  if (typeof contentType !== "string" || !/^image\/[\w.+-]{1,60}$/.test(contentType)) {
    throw new InvalidEvent(`img.contentType must be an image MIME type but received ${describe(contentType)}`);
  }
  if (typeof base64 !== "string" || base64.length === 0) throw new InvalidEvent(`img.value must be non-empty base64 but received ${describe(base64)}`);
  if (base64.length > base64LengthFor(maxInputBytes)) {
    throw new InvalidEvent(`img.value must decode to at most ${maxInputBytes} bytes but has ${base64.length} base64 characters`);
  }
  if (base64.length % 4 !== 0 || !BASE64.test(base64)) throw new InvalidEvent("img.value is not base64");
  return { kind: "img", contentType, base64 };
}
function readEvent(raw, rules) {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) throw new InvalidEvent(`the event must be an object but received ${describe(raw)}`);
  const event = raw;
  const given = SOURCES.filter((name) => present(event[name]));
  if (given.length !== 1) {
    throw new InvalidEvent(`exactly one of fileID, imgUrl, img is required but received ${given.length === 0 ? "none" : given.join(" and ")}`);
  }
  const type = oneOf("type", event.type, ["photo", "scan"], "photo");
  const side = oneOf("side", event.side, ["Front", "Back"]);
  if (present(event.keepFile) && typeof event.keepFile !== "boolean") throw new InvalidEvent(`keepFile must be a boolean but received ${describe(event.keepFile)}`);
  const source = given[0] === "fileID" ? fileSource(event.fileID, rules.envId) : given[0] === "imgUrl" ? urlSource(event.imgUrl) : inlineSource(event.img, rules.maxInputBytes);
  return { type, source, ...side ? { side } : {}, keepFile: event.keepFile === true };
}
function parseEvent(raw, rules) {
  try {
    return { ok: true, request: readEvent(raw, rules) };
  } catch (error) {
    if (error instanceof InvalidEvent) return { ok: false, failure: failure("INVALID_ARGS", error.message) };
    throw error;
  }
}

// miniprogram/shared/dates.ts
var CST_OFFSET_MS = 8 * 60 * 60 * 1e3;
function chinaDate(now) {
  return new Date(now + CST_OFFSET_MS).toISOString().slice(0, 10);
}
function calendarDate(ymd) {
  if (!/^\d{8}$/.test(ymd)) return "";
  const year = Number(ymd.slice(0, 4));
  const month = Number(ymd.slice(4, 6));
  const day = Number(ymd.slice(6, 8));
  if (year < 1800 || month < 1 || month > 12 || day < 1) return "";
  if (day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return "";
  return `${ymd.slice(0, 4)}-${ymd.slice(4, 6)}-${ymd.slice(6, 8)}`;
}
var LONG_TERM = "\u957F\u671F";
function parseValidDate(raw) {
  const match = /^(\d{8})[-－—–~至](\d{8}|长期)$/.exec(raw.replace(/[\s.]/g, ""));
  if (!match) return void 0;
  const validFrom = calendarDate(match[1]);
  const validTo = match[2] === LONG_TERM ? null : calendarDate(match[2]);
  if (!validFrom || validTo === "" || validTo !== null && validTo <= validFrom) return void 0;
  return { validDate: `${match[1]}-${match[2]}`, validFrom, validTo };
}

// miniprogram/shared/regions.ts
var PROVINCES = {
  "11": "\u5317\u4EAC\u5E02",
  "12": "\u5929\u6D25\u5E02",
  "13": "\u6CB3\u5317\u7701",
  "14": "\u5C71\u897F\u7701",
  "15": "\u5185\u8499\u53E4\u81EA\u6CBB\u533A",
  "21": "\u8FBD\u5B81\u7701",
  "22": "\u5409\u6797\u7701",
  "23": "\u9ED1\u9F99\u6C5F\u7701",
  "31": "\u4E0A\u6D77\u5E02",
  "32": "\u6C5F\u82CF\u7701",
  "33": "\u6D59\u6C5F\u7701",
  "34": "\u5B89\u5FBD\u7701",
  "35": "\u798F\u5EFA\u7701",
  "36": "\u6C5F\u897F\u7701",
  "37": "\u5C71\u4E1C\u7701",
  "41": "\u6CB3\u5357\u7701",
  "42": "\u6E56\u5317\u7701",
  "43": "\u6E56\u5357\u7701",
  "44": "\u5E7F\u4E1C\u7701",
  "45": "\u5E7F\u897F\u58EE\u65CF\u81EA\u6CBB\u533A",
  "46": "\u6D77\u5357\u7701",
  "50": "\u91CD\u5E86\u5E02",
  "51": "\u56DB\u5DDD\u7701",
  "52": "\u8D35\u5DDE\u7701",
  "53": "\u4E91\u5357\u7701",
  "54": "\u897F\u85CF\u81EA\u6CBB\u533A",
  "61": "\u9655\u897F\u7701",
  "62": "\u7518\u8083\u7701",
  "63": "\u9752\u6D77\u7701",
  "64": "\u5B81\u590F\u56DE\u65CF\u81EA\u6CBB\u533A",
  "65": "\u65B0\u7586\u7EF4\u543E\u5C14\u81EA\u6CBB\u533A",
  "71": "\u53F0\u6E7E\u7701",
  "81": "\u9999\u6E2F\u7279\u522B\u884C\u653F\u533A",
  "82": "\u6FB3\u95E8\u7279\u522B\u884C\u653F\u533A"
};
function provinceShortName(full) {
  return full.replace(/(省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/, "");
}
function provinceOfAddress(addr) {
  const text2 = addr.replace(/\s+/g, "");
  for (const [code, full] of Object.entries(PROVINCES)) {
    if (text2.startsWith(provinceShortName(full))) return code;
  }
  return void 0;
}

// miniprogram/shared/id-number.ts
var WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
var CHECK_CHARACTERS = "10X98765432";
function checkCharacter(first17) {
  if (!/^\d{17}$/.test(first17)) throw new RangeError(`Expected 17 digits for first17 but received ${JSON.stringify(first17)}`);
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i];
  return CHECK_CHARACTERS[sum % 11];
}
function normaliseIdNumber(raw) {
  return raw.replace(/\s+/g, "").toUpperCase();
}
function parseIdNumber(raw) {
  const id = normaliseIdNumber(raw);
  const wellFormed = /^\d{17}[\dX]$/.test(id);
  const birth = wellFormed ? calendarDate(id.slice(6, 14)) : "";
  const provinceCode = wellFormed ? id.slice(0, 2) : "";
  return {
    id,
    wellFormed,
    checksumOk: wellFormed && checkCharacter(id.slice(0, 17)) === id[17],
    birth,
    birthValid: birth !== "",
    birthYmd: birth ? Number(id.slice(6, 14)) : 0,
    gender: wellFormed ? Number(id[16]) % 2 === 1 ? "\u7537" : "\u5973" : "",
    provinceCode,
    provinceKnown: provinceCode in PROVINCES
  };
}

// cloudfunctions/ocrIdcard/src/card-checks.ts
function warning(code, field, message) {
  return { code, field, message };
}
function sideWarning(read, asked) {
  if (!asked || asked === read) return [];
  const message = read === "Back" ? "\u8BC6\u522B\u5230\u7684\u662F\u8EAB\u4EFD\u8BC1\u56FD\u5FBD\u9762\uFF0C\u8BF7\u7FFB\u9762\u62CD\u6444\u4EBA\u50CF\u9762" : "\u8BC6\u522B\u5230\u7684\u662F\u8EAB\u4EFD\u8BC1\u4EBA\u50CF\u9762\uFF0C\u8BF7\u7FFB\u9762\u62CD\u6444\u56FD\u5FBD\u9762";
  return [warning("SIDE_MISMATCH", "type", message)];
}
function checkFront(fields, context) {
  const facts = parseIdNumber(fields.id);
  const warnings = [];
  const future = facts.birthValid && facts.birth > chinaDate(context.now);
  if (!facts.wellFormed) {
    warnings.push(warning("ID_FORMAT", "id", "\u8EAB\u4EFD\u8BC1\u53F7\u7801\u5E94\u4E3A 18 \u4F4D\uFF08\u6700\u540E\u4E00\u4F4D\u53EF\u4E3A X\uFF09\uFF0C\u8BF7\u6838\u5BF9\u53F7\u7801"));
  } else {
    if (!facts.checksumOk) warnings.push(warning("ID_CHECKSUM", "id", "\u8EAB\u4EFD\u8BC1\u53F7\u7801\u6821\u9A8C\u4F4D\u4E0D\u7B26\uFF0C\u53EF\u80FD\u6709\u5B57\u8BC6\u522B\u9519\u8BEF\uFF0C\u8BF7\u9010\u4F4D\u6838\u5BF9"));
    if (!facts.birthValid) warnings.push(warning("ID_BIRTH_INVALID", "birth", "\u8EAB\u4EFD\u8BC1\u53F7\u7801\u4E2D\u7684\u51FA\u751F\u65E5\u671F\u4E0D\u5B58\u5728\uFF0C\u8BF7\u6838\u5BF9\u53F7\u7801"));
    if (future) warnings.push(warning("ID_BIRTH_FUTURE", "birth", "\u8EAB\u4EFD\u8BC1\u53F7\u7801\u4E2D\u7684\u51FA\u751F\u65E5\u671F\u665A\u4E8E\u4ECA\u5929\uFF0C\u8BF7\u6838\u5BF9\u53F7\u7801"));
    if (!facts.provinceKnown) warnings.push(warning("ID_REGION_UNKNOWN", "id", "\u8EAB\u4EFD\u8BC1\u53F7\u7801\u524D\u4E24\u4F4D\u4E0D\u662F\u6709\u6548\u7684\u7701\u4EFD\u4EE3\u7801\uFF0C\u8BF7\u6838\u5BF9\u53F7\u7801"));
    if (fields.gender && fields.gender !== facts.gender) {
      warnings.push(warning("GENDER_MISMATCH", "gender", `\u6027\u522B\u4E0E\u8EAB\u4EFD\u8BC1\u53F7\u7801\u4E0D\u7B26\uFF08\u53F7\u7801\u7B2C 17 \u4F4D\u8868\u793A${facts.gender}\uFF09\uFF0C\u8BF7\u6838\u5BF9`));
    }
    const addrProvince = provinceOfAddress(fields.addr);
    if (facts.provinceKnown && addrProvince && addrProvince !== facts.provinceCode) {
      warnings.push(
        warning("REGION_MISMATCH", "addr", `\u4F4F\u5740\u5728${PROVINCES[addrProvince]}\uFF0C\u8EAB\u4EFD\u8BC1\u53F7\u7801\u5730\u533A\u7801\u5C5E${PROVINCES[facts.provinceCode]}\uFF0C\u8BF7\u6838\u5BF9\u4F4F\u5740\u548C\u53F7\u7801`)
      );
    }
  }
  warnings.push(...sideWarning("Front", context.side));
  return {
    errCode: 0,
    errMsg: "ok",
    type: "Front",
    ...fields,
    id: facts.id,
    birth: facts.birth,
    idValid: facts.wellFormed && facts.checksumOk && facts.birthValid && !future,
    warnings
  };
}
function checkBack(validDate, context) {
  const period = parseValidDate(validDate);
  const warnings = [];
  const expired = period !== void 0 && period.validTo !== null && period.validTo < chinaDate(context.now);
  if (!period) warnings.push(warning("VALID_DATE_FORMAT", "validDate", "\u6709\u6548\u671F\u9650\u65E0\u6CD5\u8BC6\u522B\uFF0C\u8BF7\u6838\u5BF9\u6216\u91CD\u65B0\u62CD\u6444\u56FD\u5FBD\u9762"));
  if (expired) warnings.push(warning("EXPIRED", "validDate", `\u8EAB\u4EFD\u8BC1\u5DF2\u8FC7\u6709\u6548\u671F\uFF08\u6709\u6548\u671F\u81F3 ${period?.validTo}\uFF09\uFF0C\u8BF7\u4F7F\u7528\u6709\u6548\u8BC1\u4EF6`));
  warnings.push(...sideWarning("Back", context.side));
  return {
    errCode: 0,
    errMsg: "ok",
    type: "Back",
    validDate,
    validFrom: period?.validFrom ?? "",
    validTo: period ? period.validTo : "",
    expired,
    warnings
  };
}

// cloudfunctions/ocrIdcard/src/normalise.ts
var NAMED_CODES = {
  SYS_ERR: -501001,
  SERVER_TIMEOUT: -501002,
  STORAGE_REQUEST_FAIL: -503001,
  STORAGE_EXCEED_AUTHORITY: -503002,
  STORAGE_FILE_NONEXIST: -503003,
  STORAGE_SIGN_PARAM_INVALID: -503004,
  // The download of a storage file has no code of its own for a dead network: it is WeChat's -501001.
  ESOCKETTIMEDOUT: -501001,
  ETIMEDOUT: -501001,
  ECONNREFUSED: -501001,
  ECONNRESET: -501001
};
var MAX_DETAIL = 200;
function isObject(value) {
  return typeof value === "object" && value !== null;
}
function codeOf(value) {
  if (typeof value === "number" && Number.isInteger(value)) return value;
  if (typeof value !== "string") return void 0;
  if (/^\s*-?\d+\s*$/.test(value)) return Number(value);
  return NAMED_CODES[value];
}
function detailOf(value) {
  if (typeof value !== "string" || value.trim() === "") return void 0;
  const line = value.trim().split("\n")[0];
  return line.length > MAX_DETAIL ? `${line.slice(0, MAX_DETAIL)}\u2026` : line;
}
function failureForCode(errCode, errMsg) {
  const entry = errorEntry(errCode);
  const detail = detailOf(errMsg);
  if (entry) return { errCode, errMsg: detail?.startsWith(`${entry.errMsg}: `) ? detail : entry.errMsg, message: entry.message };
  return { errCode, errMsg: detail ?? "unknown error", message: userMessage(errCode) };
}
function normaliseError(error) {
  if (!isObject(error)) return failure("SYSTEM_ERROR");
  const named = typeof error.code === "string" ? NAMED_CODES[error.code] : void 0;
  const errCode = named ?? codeOf(error.errCode) ?? codeOf(error.errcode) ?? -1;
  return failureForCode(errCode === 0 ? -1 : errCode, error.errMsg ?? error.errmsg ?? error.message);
}
function text(value) {
  return typeof value === "string" ? value.trim() : "";
}
function normaliseAnswer(answer, context) {
  if (!isObject(answer)) return failure("SYSTEM_ERROR", "ocr.idcard answered with no object");
  const rawCode = answer.errcode ?? answer.errCode ?? 0;
  const errCode = codeOf(rawCode);
  if (errCode === void 0) return failure("SYSTEM_ERROR", "ocr.idcard answered with an unreadable errcode");
  if (errCode !== 0) return failureForCode(errCode, answer.errmsg ?? answer.errMsg);
  if (answer.type === "Front") {
    const fields = { name: text(answer.name), id: text(answer.id), addr: text(answer.addr), gender: text(answer.gender), nationality: text(answer.nationality) };
    return checkFront(fields, context);
  }
  if (answer.type === "Back") return checkBack(text(answer.valid_date ?? answer.validDate), context);
  return failure("SYSTEM_ERROR", "ocr.idcard answered without type Front or Back");
}

// cloudfunctions/ocrIdcard/src/retry.ts
var RETRY_BACKOFF_MS = 300;
var RETRYABLE_CODES = /* @__PURE__ */ new Set([-1, -501001]);
async function withRetry(attempt, timing) {
  const started = timing.clock();
  const first = await attempt();
  if (!RETRYABLE_CODES.has(first.errCode)) return { outcome: first, attempts: 1 };
  const firstMs = timing.clock() - started;
  if (timing.clock() + timing.backoffMs + firstMs > timing.deadline) return { outcome: first, attempts: 1 };
  await timing.sleep(timing.backoffMs);
  return { outcome: await attempt(), attempts: 2 };
}

// cloudfunctions/ocrIdcard/src/handler.ts
async function step(work) {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, failure: normaliseError(error) };
  }
}
async function loadImage(source, deps, deadline) {
  const { maxInputBytes } = deps.limits;
  switch (source.kind) {
    case "img":
      return { ok: true, value: Buffer.from(source.base64, "base64") };
    case "imgUrl":
      return step(() => deps.fetchImage(source.url, { timeoutMs: Math.max(0, deadline - deps.clock()), maxBytes: maxInputBytes }));
    case "fileID": {
      const loaded = await step(() => deps.files.download(source.fileID));
      if (loaded.ok && loaded.value.length > maxInputBytes) {
        return { ok: false, failure: failure("INVALID_IMAGE_DATA", `the file is over ${maxInputBytes} bytes`) };
      }
      return loaded;
    }
  }
}
async function recogniseOnce(request, image, deps) {
  try {
    const answer = await deps.ocr.idcard({ type: request.type, image });
    return normaliseAnswer(answer, { side: request.side, now: deps.clock() });
  } catch (error) {
    return normaliseError(error);
  }
}
async function recognise(request, deps, line, deadline) {
  if (deps.checkQuota) {
    const quota = await deps.checkQuota();
    line.quota = quota.status;
    if (quota.errCode !== void 0) line.quotaErrCode = quota.errCode;
    if (quota.failure) return quota.failure;
  }
  const input = await loadImage(request.source, deps, deadline);
  if (!input.ok) return input.failure;
  line.bytesIn = input.value.length;
  const prepared = await step(() => deps.prepareImage(input.value, { maxBytes: deps.limits.maxBytes }));
  if (!prepared.ok) return prepared.failure;
  const image = prepared.value;
  line.bytesOut = image.buffer.length;
  line.resized = image.method === "encode";
  if (image.sharp) line.sharp = image.sharp;
  if (deps.clock() >= deadline) return failure("TIMEOUT", `the ${deps.limits.budgetMs} ms budget ran out before ocr.idcard`);
  const { outcome, attempts } = await withRetry(() => recogniseOnce(request, image, deps), {
    clock: deps.clock,
    sleep: deps.sleep,
    deadline,
    backoffMs: deps.limits.backoffMs
  });
  line.attempts = attempts;
  return outcome;
}
var REMOVE_GRACE_MS = 3e3;
async function removeUpload(fileID, deps, line) {
  const removed = await withTimeLimit(step(() => deps.files.remove(fileID)), REMOVE_GRACE_MS, () => ({
    ok: false,
    failure: failure("TIMEOUT", "deleting the upload took too long")
  }));
  if (!removed.ok) line.deleteErrCode = removed.failure.errCode;
}
async function handle(event, deps) {
  const started = deps.clock();
  const line = { event: "ocr.idcard", mode: deps.ocr.mode, source: "none", errCode: -1, ms: 0, attempts: 0 };
  let request;
  let result;
  try {
    const parsed = parseEvent(event, { envId: deps.envId, maxInputBytes: deps.limits.maxInputBytes });
    if (parsed.ok) {
      request = parsed.request;
      line.source = request.source.kind;
      const { budgetMs } = deps.limits;
      result = await withTimeLimit(
        recognise(request, deps, line, started + budgetMs),
        budgetMs,
        () => failure("TIMEOUT", `no answer within the ${budgetMs} ms budget`)
      );
    } else {
      result = parsed.failure;
    }
  } catch (error) {
    result = normaliseError(error);
  }
  if (request?.source.kind === "fileID" && !request.keepFile) await removeUpload(request.source.fileID, deps, line);
  line.errCode = result.errCode;
  line.ms = deps.clock() - started;
  if (!isFailure(result)) line.type = result.type;
  deps.log(line);
  return result;
}

// cloudfunctions/ocrIdcard/src/log.ts
var KEYS = [
  "event",
  "mode",
  "source",
  "errCode",
  "ms",
  "attempts",
  "bytesIn",
  "bytesOut",
  "resized",
  "sharp",
  "type",
  "deleteErrCode",
  "quota",
  "quotaErrCode"
];
function formatCallLog(line) {
  const picked = {};
  for (const key of KEYS) if (line[key] !== void 0) picked[key] = line[key];
  return JSON.stringify(picked);
}
function consoleCallLog(line) {
  console.log(formatCallLog(line));
}

// cloudfunctions/ocrIdcard/src/image-error.ts
var ImageRejectedError = class extends Error {
  /** 101002 (invalid image data) or 910002 (image processor unavailable). */
  errCode;
  /** The table's English reason followed by this image's `reason`, e.g. `invalid image data: truncated JPEG`. */
  errMsg;
  /** Why, in a few English words; safe to log. */
  reason;
  constructor(name, reason, options) {
    const entry = ERROR_TABLE[name];
    super(entry.message, options);
    this.name = "ImageRejectedError";
    this.errCode = entry.errCode;
    this.errMsg = `${entry.errMsg}: ${reason}`;
    this.reason = reason;
  }
};
function isImageRejectedError(error) {
  if (error instanceof ImageRejectedError) return true;
  if (typeof error !== "object" || error === null) return false;
  const { name, errCode, errMsg, reason } = error;
  return name === "ImageRejectedError" && typeof errCode === "number" && typeof errMsg === "string" && typeof reason === "string";
}
function invalidImage(reason, cause) {
  return new ImageRejectedError("INVALID_IMAGE_DATA", reason, cause === void 0 ? void 0 : { cause });
}

// cloudfunctions/ocrIdcard/src/image-format.ts
var startsWith = (input, bytes, at = 0) => input.length >= at + bytes.length && bytes.every((byte, i) => input[at + i] === byte);
var ascii = (input, at, length) => input.toString("latin1", at, at + length);
var HEVC_BRANDS = /* @__PURE__ */ new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "hevm", "hevs"]);
function sniffImageFormat(input) {
  if (input.length === 0) return { ok: false, reason: "empty input" };
  if (startsWith(input, [255, 216, 255])) return { ok: true, format: "jpeg" };
  if (startsWith(input, [137, 80, 78, 71, 13, 10, 26, 10])) return { ok: true, format: "png" };
  if (ascii(input, 0, 4) === "RIFF" && ascii(input, 8, 4) === "WEBP") {
    return input.length >= 12 && input.readUInt32LE(4) + 8 <= input.length ? { ok: true, format: "webp" } : { ok: false, reason: "truncated WebP" };
  }
  if (ascii(input, 0, 6) === "GIF87a" || ascii(input, 0, 6) === "GIF89a") return { ok: true, format: "gif" };
  if (startsWith(input, [73, 73, 42, 0]) || startsWith(input, [77, 77, 0, 42])) return { ok: true, format: "tiff" };
  if (ascii(input, 4, 4) === "ftyp") return sniffIsoMedia(input);
  if (ascii(input, 0, 5) === "%PDF-") return { ok: false, reason: "PDF document" };
  if (ascii(input, 0, 2) === "BM") return { ok: false, reason: "BMP image (not decoded by this sharp build)" };
  if (looksLikeMarkup(input)) return { ok: false, reason: "SVG or other markup" };
  if (looksLikeText(input)) return { ok: false, reason: "text, not an image" };
  return { ok: false, reason: "unknown format" };
}
function sniffIsoMedia(input) {
  const boxSize = input.readUInt32BE(0);
  const end = Math.min(input.length, boxSize >= 16 ? boxSize : 16);
  const brands = [ascii(input, 8, 4)];
  for (let at = 16; at + 4 <= end; at += 4) brands.push(ascii(input, at, 4));
  if (brands.includes("avif") || brands.includes("avis")) return { ok: true, format: "avif" };
  if (brands.some((brand) => HEVC_BRANDS.has(brand))) return { ok: false, reason: "HEIC (this sharp build has no HEVC decoder)" };
  return { ok: false, reason: `ISO media file of brand ${JSON.stringify(brands[0])}` };
}
function looksLikeMarkup(input) {
  const head = input.subarray(0, 512).toString("utf8").replace(/^\uFEFF/, "").trimStart();
  return head.startsWith("<");
}
function looksLikeText(input) {
  const head = input.subarray(0, 512).toString("utf8");
  let printable = 0;
  for (const char of head) if (char >= " " || char === "\n" || char === "\r" || char === "	") printable += char === "\uFFFD" ? 0 : 1;
  return printable >= 0.95 * [...head].length;
}
function withoutRanges(input, ranges) {
  const kept = [];
  let from = 0;
  for (const [start, end] of ranges) {
    kept.push(input.subarray(from, start));
    from = end;
  }
  kept.push(input.subarray(from));
  return Buffer.concat(kept);
}

// cloudfunctions/ocrIdcard/src/image-metadata.ts
function exifOrientation(tiff) {
  if (tiff.length < 8) return 1;
  const order = tiff.toString("latin1", 0, 2);
  if (order !== "II" && order !== "MM") return 1;
  const little = order === "II";
  const u16 = (at) => little ? tiff.readUInt16LE(at) : tiff.readUInt16BE(at);
  const u32 = (at) => little ? tiff.readUInt32LE(at) : tiff.readUInt32BE(at);
  if (u16(2) !== 42) return 1;
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return 1;
  const entries = u16(ifd);
  for (let i = 0; i < entries; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) return 1;
    if (u16(entry) === 274) {
      const value = u16(entry + 2) === 3 ? u16(entry + 8) : 1;
      return value >= 1 && value <= 8 ? value : 1;
    }
  }
  return 1;
}
function isSrgbProfile(icc) {
  if (icc.length < 132 || icc.toString("latin1", 16, 20) !== "RGB ") return false;
  const tags = icc.readUInt32BE(128);
  for (let i = 0; i < tags && 132 + (i + 1) * 12 <= icc.length; i++) {
    const entry = 132 + i * 12;
    if (icc.toString("latin1", entry, entry + 4) !== "desc") continue;
    const offset = icc.readUInt32BE(entry + 4);
    const length = icc.readUInt32BE(entry + 8);
    if (offset + length > icc.length) return false;
    return icc.toString("latin1", offset, offset + length).replace(/\0/g, "").includes("sRGB");
  }
  return false;
}

// cloudfunctions/ocrIdcard/src/jpeg-layout.ts
var EXIF_ID = Buffer.from("Exif\0\0", "latin1");
var ICC_ID = Buffer.from("ICC_PROFILE\0", "latin1");
var TABLE_MARKERS = /* @__PURE__ */ new Set([196, 204, 219, 221, 220, 223]);
function frameCoding(marker) {
  if (marker === 192 || marker === 193 || marker === 194) return void 0;
  if (marker === 195) return "lossless JPEG";
  if (marker >= 197 && marker <= 199) return "hierarchical JPEG";
  return "arithmetic-coded JPEG";
}
var isFrameMarker = (marker) => marker >= 192 && marker <= 207 && ![196, 200, 204].includes(marker);
var isAppMarker = (marker) => marker >= 224 && marker <= 239;
var hex = (marker) => `0x${marker.toString(16).toUpperCase()}`;
function readJpegLayout(input) {
  const layout = { width: 0, height: 0, orientation: 1, needsEncode: [], metadata: [] };
  const icc = [];
  let at = 2;
  let seenFrame = false;
  for (; ; ) {
    const segment = nextSegment(input, at);
    const { marker, start, end } = segment;
    if (marker === 218) {
      at = end;
      break;
    }
    const body = input.subarray(start + 4, end);
    if (isFrameMarker(marker)) {
      if (body.length < 6) throw invalidImage("malformed JPEG frame header");
      seenFrame = true;
      const precision = body[0];
      layout.height = body.readUInt16BE(1);
      layout.width = body.readUInt16BE(3);
      const components = body[5];
      const coding = frameCoding(marker);
      if (coding) layout.needsEncode.push(coding);
      if (precision !== 8) layout.needsEncode.push(`${precision}-bit JPEG`);
      if (components === 4) layout.needsEncode.push("CMYK JPEG");
      else if (components !== 1 && components !== 3) layout.needsEncode.push(`${components}-component JPEG`);
    } else if (marker === 225) {
      if (body.subarray(0, 6).equals(EXIF_ID)) layout.orientation = exifOrientation(body.subarray(6));
      layout.metadata.push([start, end]);
    } else if (marker === 226 && body.subarray(0, 12).equals(ICC_ID)) {
      icc.push(body.subarray(14));
    } else if (marker === 224 && isPlainJfif(body)) {
    } else if (marker === 238 && body.toString("latin1", 0, 5) === "Adobe") {
    } else if (isAppMarker(marker) || marker === 254) {
      layout.metadata.push([start, end]);
    } else if (!TABLE_MARKERS.has(marker)) {
      layout.needsEncode.push(`JPEG marker ${hex(marker)}`);
    }
    at = end;
  }
  if (!seenFrame) throw invalidImage("malformed JPEG (no frame header before the first scan)");
  if (layout.width === 0 || layout.height === 0) throw invalidImage("JPEG without a width or height");
  if (icc.length > 0) {
    if (!isSrgbProfile(Buffer.concat(icc))) layout.needsEncode.push("ICC profile other than sRGB");
  }
  if (layout.orientation !== 1) layout.needsEncode.push(`EXIF orientation ${layout.orientation}`);
  const imageEnd = skipScans(input, at, layout);
  if (imageEnd < input.length) layout.metadata.push([imageEnd, input.length]);
  layout.metadata.sort((a, b) => a[0] - b[0]);
  return layout;
}
function nextSegment(input, at) {
  let start = at;
  while (input[start] === 255 && input[start + 1] === 255) start++;
  if (start + 4 > input.length) throw invalidImage("truncated JPEG (ends inside its header)");
  if (input[start] !== 255) throw invalidImage("malformed JPEG (marker expected)");
  const marker = input[start + 1];
  if (marker === 217) throw invalidImage("malformed JPEG (ends before its first scan)");
  const end = start + 2 + input.readUInt16BE(start + 2);
  if (end < start + 4 || end > input.length) throw invalidImage("truncated JPEG (a segment runs past the end)");
  return { marker, start, end };
}
function skipScans(input, from, layout) {
  let at = from;
  for (; ; ) {
    const ff = input.indexOf(255, at);
    if (ff < 0 || ff + 1 >= input.length) throw invalidImage("truncated JPEG (no end-of-image marker)");
    const marker = input[ff + 1];
    if (marker === 0 || marker === 255 || marker >= 208 && marker <= 215) {
      at = ff + (marker === 255 ? 1 : 2);
      continue;
    }
    if (marker === 217) return ff + 2;
    const segment = nextSegment(input, ff);
    if (isAppMarker(marker) || marker === 254) layout.metadata.push([segment.start, segment.end]);
    else if (marker !== 218 && !TABLE_MARKERS.has(marker)) layout.needsEncode.push(`JPEG marker ${hex(marker)} between scans`);
    at = segment.end;
  }
}
function isPlainJfif(body) {
  return body.length >= 14 && body.toString("latin1", 0, 5) === "JFIF\0" && body[12] === 0 && body[13] === 0;
}

// cloudfunctions/ocrIdcard/src/png-layout.ts
var import_node_zlib = require("node:zlib");
var KEPT_CHUNKS = /* @__PURE__ */ new Set(["IHDR", "PLTE", "IDAT", "IEND", "gAMA", "cHRM", "sRGB", "pHYs", "sBIT", "bKGD", "cICP"]);
var COLOUR_TYPES = /* @__PURE__ */ new Set([0, 2, 3, 4, 6]);
function readPngLayout(input) {
  const layout = { width: 0, height: 0, orientation: 1, needsEncode: [], metadata: [] };
  let at = 8;
  for (let index = 0; ; index++) {
    if (at + 12 > input.length) throw invalidImage("truncated PNG (no IEND chunk)");
    const length = input.readUInt32BE(at);
    const type = input.toString("latin1", at + 4, at + 8);
    const end = at + 12 + length;
    if (end > input.length) throw invalidImage("truncated PNG (a chunk runs past the end)");
    const data = input.subarray(at + 8, at + 8 + length);
    if (index === 0 && type !== "IHDR") throw invalidImage("malformed PNG (IHDR is not the first chunk)");
    if (type === "IHDR") readHeader(data, layout);
    else if (type === "tRNS") layout.needsEncode.push("transparency (tRNS)");
    else if (type === "iCCP") {
      if (!isSrgbProfile(inflateProfile(data))) layout.needsEncode.push("ICC profile other than sRGB");
    } else if (type === "eXIf") {
      layout.orientation = exifOrientation(data);
      layout.metadata.push([at, end]);
    } else if (!KEPT_CHUNKS.has(type)) {
      if (isAncillary(type)) layout.metadata.push([at, end]);
      else layout.needsEncode.push(`PNG chunk ${JSON.stringify(type)}`);
    }
    at = end;
    if (type === "IEND") break;
  }
  if (at < input.length) layout.metadata.push([at, input.length]);
  if (layout.orientation !== 1) layout.needsEncode.push(`EXIF orientation ${layout.orientation}`);
  return layout;
}
function readHeader(data, layout) {
  if (data.length !== 13) throw invalidImage("malformed PNG header");
  layout.width = data.readUInt32BE(0);
  layout.height = data.readUInt32BE(4);
  const bitDepth = data[8];
  const colourType = data[9];
  if (layout.width === 0 || layout.height === 0) throw invalidImage("PNG without a width or height");
  if (!COLOUR_TYPES.has(colourType)) throw invalidImage(`malformed PNG (colour type ${colourType})`);
  if (bitDepth > 8) layout.needsEncode.push(`${bitDepth}-bit PNG`);
  if (colourType === 4 || colourType === 6) layout.needsEncode.push("alpha channel");
}
var isAncillary = (type) => type.charCodeAt(0) >= 97;
function inflateProfile(data) {
  const nul = data.indexOf(0);
  if (nul < 1 || nul + 2 > data.length) return Buffer.alloc(0);
  try {
    return (0, import_node_zlib.inflateSync)(data.subarray(nul + 2), { maxOutputLength: 4 << 20 });
  } catch {
    return Buffer.alloc(0);
  }
}

// cloudfunctions/ocrIdcard/src/encode-plan.ts
var SIZE_AT_QUALITY = [
  [1, 0.02],
  [10, 0.12],
  [20, 0.25],
  [30, 0.36],
  [40, 0.46],
  [50, 0.54],
  [60, 0.62],
  [70, 0.74],
  [80, 0.89],
  [85, 1],
  [90, 1.16],
  [95, 1.42],
  [100, 1.97]
];
var PRIOR_BITS_PER_PIXEL = 2;
var HEADROOM = 0.9;
var RETRY_QUALITY_FLOOR = 60;
var RESOLUTION_FLOOR = 1600;
function relativeSize(quality) {
  for (let i = 1; i < SIZE_AT_QUALITY.length; i++) {
    const [q1, s1] = SIZE_AT_QUALITY[i - 1];
    const [q2, s2] = SIZE_AT_QUALITY[i];
    if (quality <= q2) return s1 + (s2 - s1) * (quality - q1) / (q2 - q1);
  }
  return SIZE_AT_QUALITY[SIZE_AT_QUALITY.length - 1][1];
}
function firstTarget(settings, aspect = 1) {
  const bitsPerPixel = PRIOR_BITS_PER_PIXEL * relativeSize(settings.quality);
  const pixels = HEADROOM * settings.maxBytes * 8 / bitsPerPixel;
  const affordable = Math.floor(Math.sqrt(pixels * aspect));
  const floor = Math.min(RESOLUTION_FLOOR, settings.maxLongEdge);
  return { longEdge: Math.min(settings.maxLongEdge, Math.max(floor, affordable)), quality: settings.quality };
}
function nextTarget(last, maxBytes) {
  const goal = HEADROOM * maxBytes;
  const floor = Math.min(RETRY_QUALITY_FLOOR, last.quality);
  const predict = (quality) => last.bytes * relativeSize(quality) / relativeSize(last.quality);
  for (let quality = last.quality - 1; quality >= floor; quality--) {
    if (predict(quality) <= goal) return { longEdge: last.longEdge, quality };
  }
  const scale = Math.sqrt(goal / predict(floor));
  return { longEdge: Math.max(1, Math.floor(last.longEdge * scale)), quality: floor };
}

// cloudfunctions/ocrIdcard/src/prepare-image-options.ts
var PREPARE_IMAGE_DEFAULTS = Object.freeze({
  maxBytes: 2e6,
  maxLongEdge: 2560,
  quality: 85,
  limitInputPixels: 16383 * 16383
});
var RANGES = {
  maxBytes: [1e4, 1e8],
  maxLongEdge: [64, 16383],
  quality: [1, 100],
  limitInputPixels: [1, Number.MAX_SAFE_INTEGER]
};
function invalidParameter(name, expected, value) {
  return new Error(`Expected ${expected} for ${name} but received ${String(value)} of type ${typeof value}`);
}
function resolvePrepareImageOptions(options) {
  if (options === void 0) return { ...PREPARE_IMAGE_DEFAULTS };
  if (typeof options !== "object" || options === null) throw invalidParameter("options", "object", options);
  const settings = { ...PREPARE_IMAGE_DEFAULTS };
  for (const name of Object.keys(RANGES)) {
    const value = options[name];
    if (value === void 0) continue;
    const [min, max] = RANGES[name];
    if (typeof value !== "number" || !Number.isInteger(value) || value < min || value > max) {
      throw invalidParameter(name, name === "limitInputPixels" ? "positive integer" : `integer between ${min} and ${max}`, value);
    }
    settings[name] = value;
  }
  return settings;
}

// cloudfunctions/ocrIdcard/src/sharp-loader.ts
var status;
function loadSharp() {
  if (status) return status;
  const started = performance.now();
  try {
    const sharp = require("sharp");
    sharp.cache(false);
    status = { ok: true, sharp, backend: loadedBackend(), loadMs: performance.now() - started };
  } catch (error) {
    status = { ok: false, error: error instanceof Error ? error : new Error(String(error)), loadMs: performance.now() - started };
  }
  return status;
}
function loadedBackend() {
  const cache = typeof require === "function" && require.cache ? Object.keys(require.cache) : [];
  return cache.some((file) => file.includes("sharp-wasm32")) ? "wasm" : "native";
}

// cloudfunctions/ocrIdcard/src/prepare-image.ts
var MAX_ENCODES = 3;
async function prepareImage(input, options) {
  if (!Buffer.isBuffer(input)) throw new TypeError(`Expected Buffer for input but received ${String(input)} of type ${typeof input}`);
  const settings = resolvePrepareImageOptions(options);
  const sniffed = sniffImageFormat(input);
  if (!sniffed.ok) throw invalidImage(sniffed.reason);
  const { format } = sniffed;
  let layout;
  const reasons = [];
  if (format === "jpeg" || format === "png") {
    layout = format === "jpeg" ? readJpegLayout(input) : readPngLayout(input);
    checkPixelLimit(layout.width, layout.height, settings.limitInputPixels);
    const lossless = sendAsIs(input, format, layout, settings.maxBytes);
    if (lossless) return lossless;
    reasons.push(...layout.needsEncode);
    if (layout.metadata.length > 0) reasons.push("metadata");
    if (input.length >= settings.maxBytes) reasons.push(`over ${settings.maxBytes} bytes`);
  } else {
    reasons.push(`${format} input`);
  }
  const loaded = loadSharp();
  if (!loaded.ok) {
    throw new ImageRejectedError("IMAGE_PROCESSOR_UNAVAILABLE", `sharp did not load: ${loaded.error.message.split("\n")[0]}`, { cause: loaded.error });
  }
  const aspect = layout ? Math.max(layout.width, layout.height) / Math.min(layout.width, layout.height) : 1;
  const encoded = await encodeUnderLimit(loaded.sharp, input, format, settings, firstTarget(settings, aspect));
  return { ...encoded, format, method: "encode", orientation: layout?.orientation, reasons, bytesIn: input.length, sharp: loaded.backend };
}
function checkPixelLimit(width, height, limit) {
  if (width * height > limit) throw invalidImage(`${width}x${height} is over the limit of ${limit} pixels`);
}
function sendAsIs(input, format, layout, maxBytes) {
  if (layout.needsEncode.length > 0) return void 0;
  const passthrough = layout.metadata.length === 0;
  const buffer = passthrough ? input : withoutRanges(input, layout.metadata);
  if (buffer.length >= maxBytes) return void 0;
  return {
    buffer,
    contentType: format === "jpeg" ? "image/jpeg" : "image/png",
    width: layout.width,
    height: layout.height,
    bytesIn: input.length,
    format,
    method: passthrough ? "passthrough" : "strip",
    orientation: layout.orientation,
    reasons: passthrough ? [] : ["metadata"],
    encodes: 0
  };
}
async function encodeUnderLimit(sharp, input, format, settings, first) {
  let target = first;
  for (let encodes = 1; ; encodes++) {
    const { data, info } = await encodeOnce(sharp, input, format, target, settings.limitInputPixels);
    if (data.length < settings.maxBytes) {
      return { buffer: data, contentType: "image/jpeg", width: info.width, height: info.height, encodes, quality: target.quality };
    }
    if (encodes === MAX_ENCODES) throw invalidImage(`no JPEG under ${settings.maxBytes} bytes after ${MAX_ENCODES} encodes`);
    target = nextTarget({ bytes: data.length, longEdge: Math.max(info.width, info.height), quality: target.quality }, settings.maxBytes);
  }
}
async function encodeOnce(sharp, input, format, target, limitInputPixels) {
  try {
    return await sharp(input, { limitInputPixels, failOn: "error", autoOrient: true }).resize({ width: target.longEdge, height: target.longEdge, fit: "inside", withoutEnlargement: true }).flatten({ background: "#ffffff" }).jpeg({ quality: target.quality }).toBuffer({ resolveWithObject: true });
  } catch (error) {
    const message = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw invalidImage(`sharp could not read the ${format}: ${message}`, error);
  }
}

// cloudfunctions/ocrIdcard/src/user-quota.ts
var import_node_crypto = require("node:crypto");
var USER_QUOTA_COLLECTION = "ocr_idcard_user_quota";
var USER_QUOTA_TIMEOUT_MS = 3e3;
var CST_OFFSET_MS2 = 8 * 36e5;
var DAY_MS = 24 * 36e5;
var COLLECTION_NOT_EXIST = -502005;
function parseUserDailyLimit(env) {
  const raw = env.OCR_IDCARD_USER_DAILY_LIMIT;
  if (raw === void 0 || raw.trim() === "") return void 0;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1 || value > 1e6) {
    throw new ConfigError(`Expected integer between 1 and 1000000 for OCR_IDCARD_USER_DAILY_LIMIT but received ${JSON.stringify(raw)}`);
  }
  return value;
}
function quotaKey(openid, now) {
  const startOfDay = Math.floor((now + CST_OFFSET_MS2) / DAY_MS) * DAY_MS;
  const day = new Date(startOfDay).toISOString().slice(0, 10);
  const hash = (0, import_node_crypto.createHash)("sha256").update(openid, "utf8").digest("hex").slice(0, 32);
  return { id: `${day}-${hash}`, day, expireAt: new Date(startOfDay - CST_OFFSET_MS2 + 2 * DAY_MS) };
}
function errCodeOf(error) {
  return typeof error === "object" && error !== null ? error.errCode : void 0;
}
function createCloudQuotaStore(db) {
  const counters = () => db.collection(USER_QUOTA_COLLECTION);
  const bump = async (key, limit) => {
    const { stats } = await counters().where({ _id: key.id, count: db.command.lt(limit) }).update({ data: { count: db.command.inc(1) } });
    return stats.updated > 0;
  };
  const consume = async (key, limit) => {
    if (await bump(key, limit)) return true;
    try {
      await counters().add({ data: { _id: key.id, day: key.day, count: 1, expireAt: key.expireAt } });
      return true;
    } catch (addError) {
      if (await bump(key, limit)) return true;
      const { data } = await counters().doc(key.id).get().catch(() => Promise.reject(addError));
      if (typeof data?.count === "number" && data.count >= limit) return false;
      throw addError;
    }
  };
  return {
    async consume(key, limit) {
      try {
        return await consume(key, limit);
      } catch (error) {
        if (errCodeOf(error) !== COLLECTION_NOT_EXIST) throw error;
        await db.createCollection(USER_QUOTA_COLLECTION).catch(() => void 0);
        return consume(key, limit);
      }
    }
  };
}
async function checkUserQuota(openid, deps) {
  if (deps.limit === void 0) return { status: "off" };
  if (!openid) return { status: "no-user" };
  const timeoutMs = deps.timeoutMs ?? USER_QUOTA_TIMEOUT_MS;
  try {
    const allowed = await withTimeLimit(deps.store.consume(quotaKey(openid, deps.clock()), deps.limit), timeoutMs, () => {
      throw { errCode: -501001, errMsg: `quota check: no answer within ${timeoutMs} ms` };
    });
    if (allowed) return { status: "counted" };
    return { status: "over-limit", failure: failure("USER_DAILY_LIMIT", `at most ${deps.limit} recognitions a day`) };
  } catch (error) {
    const code = errCodeOf(error);
    return { status: "unavailable", errCode: typeof code === "number" ? code : -1 };
  }
}
function createQuotaCheck(cloud, env, clock = Date.now) {
  const limit = parseUserDailyLimit(env);
  if (limit === void 0) return void 0;
  const store = createCloudQuotaStore(cloud.database());
  return () => checkUserQuota(cloud.getWXContext().OPENID, { limit, store, clock });
}

// cloudfunctions/ocrIdcard/src/index.ts
var recognise2;
function createRecognise(config) {
  const cloud = initWxCloud(Math.floor(config.budgetMs / 2));
  const deps = {
    ocr: createOcrClient(config, cloud),
    files: createCloudFileStore(cloud, Math.floor(config.budgetMs / 2)),
    fetchImage,
    prepareImage,
    envId: ownEnvId({ contextEnv: cloud.getWXContext().ENV, variables: process.env }),
    clock: Date.now,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    log: consoleCallLog,
    limits: { budgetMs: config.budgetMs, maxBytes: config.maxBytes, maxInputBytes: config.maxInputBytes, backoffMs: RETRY_BACKOFF_MS },
    checkQuota: createQuotaCheck(cloud, process.env)
  };
  return (event) => handle(event, deps).catch(normaliseError);
}
async function main(event) {
  try {
    recognise2 ??= createRecognise(loadConfig(process.env));
  } catch (error) {
    return failure("SYSTEM_ERROR", error instanceof Error ? error.message.split("\n")[0] : "startup failed");
  }
  return recognise2(event);
}
// Annotate the CommonJS export names for ESM import in node:
0 && (module.exports = {
  ImageRejectedError,
  isImageRejectedError,
  main,
  prepareImage
});
