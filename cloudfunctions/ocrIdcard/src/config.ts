/**
 * The function's settings, read once from its environment variables (set them in the cloud console under
 * 函数配置 -> 环境变量). Every value is validated up front with a message that names the variable, the expected
 * range and what was received, so a typo shows up on the first call instead of as odd behaviour later.
 *
 * Names in use: OCR_IDCARD_BUDGET_MS, OCR_IDCARD_MAX_BYTES, OCR_IDCARD_MAX_INPUT_BYTES.
 * Reserved for the HTTPS call mode, URL checks and the per-user quota: OCR_IDCARD_MODE, OCR_IDCARD_APPID,
 * OCR_IDCARD_APPSECRET, OCR_IDCARD_API_BASE, OCR_IDCARD_URL_ALLOWLIST, OCR_IDCARD_USER_DAILY_LIMIT.
 */

export interface FunctionConfig {
  /**
   * Wall time one call may take, from the event to the answer. The function's own timeout (console) must be
   * larger: the README asks for this budget plus 5 s for a cold start.
   */
  budgetMs: number;
  /** What is sent to WeChat is strictly under this many bytes (WeChat: "smaller than 2M"). */
  maxBytes: number;
  /** The largest image accepted from the page (inline, fileID or URL), before any resizing. */
  maxInputBytes: number;
}

export const DEFAULT_CONFIG: Readonly<FunctionConfig> = {
  // Cold sharp (WebAssembly) ~1.3 s + a 12 MP resize ~1 s + download + WeChat ~2 s, twice with a retry.
  budgetMs: 15_000,
  maxBytes: 2_000_000,
  maxInputBytes: 20_000_000,
};

/** A setting that cannot be used as it is. `message` names the variable and what was wrong. */
export class ConfigError extends Error {
  override name = 'ConfigError';
}

function integerSetting(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`Expected integer between ${min} and ${max} for ${name} but received ${JSON.stringify(raw)}`);
  }
  return value;
}

/**
 * Reads the settings from environment variables; unset or empty ones take their default.
 * @throws ConfigError when a variable is set to something unusable.
 * @example
 * loadConfig({ OCR_IDCARD_BUDGET_MS: '20000' }).budgetMs // 20000
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): FunctionConfig {
  const maxBytes = integerSetting(env, 'OCR_IDCARD_MAX_BYTES', DEFAULT_CONFIG.maxBytes, 100_000, 10_000_000);
  return {
    // The longest function timeout any source gives is 900 s.
    budgetMs: integerSetting(env, 'OCR_IDCARD_BUDGET_MS', DEFAULT_CONFIG.budgetMs, 1_000, 900_000),
    maxBytes,
    maxInputBytes: integerSetting(env, 'OCR_IDCARD_MAX_INPUT_BYTES', Math.max(DEFAULT_CONFIG.maxInputBytes, maxBytes), maxBytes, 100_000_000),
  };
}
