/**
 * A local WeChat cloud for this package: the TCB gateway that wx-server-sdk talks to (ocr.idcard, storage), the
 * files behind it, and WeChat's HTTPS API, on 127.0.0.1. Recognition is the on-device OCR engine.
 *
 * @example
 * const emulator = await startEmulator();
 * Object.assign(process.env, emulator.env());          // the real wx-server-sdk now calls the emulator
 * const fileID = emulator.putFile('idcard/front.jpg', jpeg);
 * // ... call the function with { fileID } ...
 * await emulator.stop();
 */
import type { AddressInfo } from 'node:net';
import { CallLog } from './calls';
import { CloudDatabase, databaseActions } from './database';
import { Faults } from './faults';
import { batchDeleteFile, batchGetDownloadUrl } from './gateway/storage-actions';
import { registeredAction, type ActionDefinition } from './gateway/actions';
import { openApiAction } from './gateway/openapi';
import type { IdcardServiceOptions } from './idcard-api';
import { loadSharedRecognizer } from './recognizer';
import type { Recognizer } from './recognizer';
import { createEmulatorServer } from './server';
import { Sleeper } from './sleeper';
import { CloudStorage } from './storage';
import { AccessTokens } from './tokens';

export type { ActionDefinition, GatewayContext, GatewayReply, GatewayRequest } from './gateway/actions';
export { registerAction } from './gateway/actions';
export { CloudDatabase } from './database';
export type { CallRecord } from './calls';
export type { Fault, FaultScope, InjectOptions } from './faults';
export type { IdcardAnswer, Recognizer } from './recognizer';

export interface EmulatorOptions {
  /** Port to listen on; 0 (default) takes a free one. */
  port?: number;
  /** Address to listen on (default 127.0.0.1: the emulator is for this machine only). */
  host?: string;
  /** The cloud env the emulator plays (TCB env id rules: lowercase letters, digits, `-`, `_`). Default `local-env`. */
  envId?: string;
  /** Recognition behind ocr.idcard; default: the on-device OCR engine, loaded on the first call and shared. */
  recognizer?: Recognizer | (() => Promise<Recognizer>);
  /** Open APIs the function may call, like `config.json` `permissions.openapi`. Default `['ocr.idcard']`. */
  permissions?: string[];
  /** Credentials the HTTPS API accepts at `/cgi-bin/token`. */
  appId?: string;
  appSecret?: string;
  /** Lifetime of access tokens, seconds (WeChat: 7200). */
  tokenTtlSeconds?: number;
  /** Images of this many bytes or more get 101002. Default 2,000,000: the stricter reading of WeChat's "smaller than 2M". */
  maxImageBytes?: number;
  /** How long fetching an `img_url` may take before it is 101000. Default 5000 ms. */
  fetchTimeoutMs?: number;
  /** Extra gateway actions (for example `database.*`); they win over built-in and registered ones. */
  actions?: Record<string, ActionDefinition>;
  /** The clock of token expiry and temporary URLs; tests may pass their own. */
  now?: () => number;
}

export interface EnvOptions {
  /** `https`: also select the function's HTTPS call mode against this emulator. Default `cloud`. */
  mode?: 'cloud' | 'https';
  /** The user's openid the function sees in `cloud.getWXContext()`. */
  openid?: string;
}

export interface Emulator {
  /** `http://127.0.0.1:PORT`. */
  readonly url: string;
  readonly port: number;
  readonly envId: string;
  readonly appId: string;
  readonly appSecret: string;
  /** Files in the emulator's cloud storage. */
  readonly storage: CloudStorage;
  /** The cloud database (`database.*` actions: the per-user limit's counters). */
  readonly database: CloudDatabase;
  /** Fault injection for the next calls, and files that go missing. */
  readonly faults: Faults;
  /** Access tokens of the HTTPS API; tests expire or revoke them. */
  readonly tokens: AccessTokens;
  /** Calls served so far (codes and sizes only). */
  readonly calls: CallLog;
  /**
   * Puts a file into storage as `wx.cloud.uploadFile` does from a phone, and returns its fileID.
   * @example emulator.putFile('idcard/front.jpg', jpeg) // 'cloud://local-env.6c6f-local-env-1250000000/idcard/front.jpg'
   */
  putFile(cloudPath: string, data: Buffer, contentType?: string): string;
  /** Adds or replaces a gateway action of this emulator only. */
  registerAction(name: string, definition: ActionDefinition): void;
  /**
   * Environment variables that point the real wx-server-sdk (and, with `mode: 'https'`, the function's HTTPS
   * mode) at this emulator. Merge them into `process.env` before the function runs.
   */
  env(options?: EnvOptions): Record<string, string>;
  /** Closes the server, drops open connections and ends pending slow answers. */
  stop(): Promise<void>;
}

const DEFAULTS = {
  host: '127.0.0.1',
  envId: 'local-env',
  permissions: ['ocr.idcard'],
  appId: 'wx0000000000e0c001',
  appSecret: 'emulatorsecret000000000000000001',
  tokenTtlSeconds: 7200,
  maxImageBytes: 2_000_000,
  fetchTimeoutMs: 5000,
  openid: 'o-emulator-user-0001',
};

/**
 * Request bodies are read up to this size, so an image a few times over the limit still gets WeChat's 101002
 * rather than a refused request; the SDK sends one image plus a little multipart and protobuf.
 */
const MIN_BODY_BYTES = 8 * 1024 * 1024;

/**
 * Starts the emulator and resolves once it listens.
 * @example const emulator = await startEmulator({ recognizer: myFakeEngine, port: 0 });
 */
export async function startEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const envId = options.envId ?? DEFAULTS.envId;
  if (!/^[a-z0-9_-]{1,40}$/.test(envId)) {
    throw new TypeError(`Expected an env id of 1 to 40 lowercase letters, digits, '-' or '_' but received ${JSON.stringify(envId)}`);
  }
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new RangeError(`Expected integer between 0 and 65535 for port but received ${String(port)}`);
  }
  const maxImageBytes = options.maxImageBytes ?? DEFAULTS.maxImageBytes;
  const now = options.now ?? Date.now;
  const appId = options.appId ?? DEFAULTS.appId;
  const appSecret = options.appSecret ?? DEFAULTS.appSecret;

  let baseUrl = '';
  const storage = new CloudStorage(envId, () => baseUrl, now);
  const faults = new Faults(storage);
  const calls = new CallLog();
  const tokens = new AccessTokens(options.tokenTtlSeconds ?? DEFAULTS.tokenTtlSeconds, now);
  const sleeper = new Sleeper();
  const idcard: IdcardServiceOptions = {
    recognizer: recognizerLoader(options.recognizer),
    maxImageBytes,
    fetchTimeoutMs: options.fetchTimeoutMs ?? DEFAULTS.fetchTimeoutMs,
  };
  const ownActions = new Map<string, ActionDefinition>(Object.entries(options.actions ?? {}));
  const database = new CloudDatabase();
  const builtIn = new Map<string, ActionDefinition>([
    ['wx.openApi', openApiAction({ ...idcard, permissions: options.permissions ?? DEFAULTS.permissions })],
    ['storage.batchGetDownloadUrl', batchGetDownloadUrl],
    ['storage.batchDeleteFile', batchDeleteFile],
    ...Object.entries(databaseActions(database)),
  ]);
  const maxBodyBytes = Math.max(MIN_BODY_BYTES, maxImageBytes * 4);

  const server = createEmulatorServer({
    storage,
    faults,
    calls,
    sleep: sleeper.sleep,
    gateway: {
      envId,
      storage,
      faults,
      calls,
      sleep: sleeper.sleep,
      maxBodyBytes,
      findAction: (name) => ownActions.get(name) ?? registeredAction(name) ?? builtIn.get(name),
    },
    wechat: { appId, appSecret, tokens, faults, calls, sleep: sleeper.sleep, idcard, maxBodyBytes },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, options.host ?? DEFAULTS.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  baseUrl = `http://${host}:${address.port}`;

  return {
    url: baseUrl,
    port: address.port,
    envId,
    appId,
    appSecret,
    storage,
    database,
    faults,
    tokens,
    calls,
    putFile: (cloudPath, data, contentType) => storage.put(cloudPath, data, contentType),
    registerAction: (name, definition) => void ownActions.set(name, definition),
    env: (envOptions = {}) => emulatorEnv(baseUrl, envId, appId, appSecret, envOptions),
    stop: () =>
      new Promise<void>((resolve) => {
        sleeper.wakeAll();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function emulatorEnv(baseUrl: string, envId: string, appId: string, appSecret: string, options: EnvOptions): Record<string, string> {
  const openid = options.openid ?? DEFAULTS.openid;
  const env: Record<string, string> = {
    // wx-server-sdk reads the gateway address from here on every request.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: `${baseUrl}/admin` }),
    // Without it the SDK probes metadata.tencentyun.com before each request.
    TENCENTCLOUD: 'true',
    // The SDK signs every request and rejects (unhandled) without credentials; the emulator accepts any.
    TENCENTCLOUD_SECRETID: 'emulator-secret-id',
    TENCENTCLOUD_SECRETKEY: 'emulator-secret-key',
    TCB_ENV: envId,
    SCF_NAMESPACE: envId,
    WX_CONTEXT_KEYS: 'WX_OPENID,WX_APPID',
    WX_OPENID: openid,
    WX_APPID: appId,
    // The function's HTTPS mode; only used when OCR_IDCARD_MODE=https.
    OCR_IDCARD_API_BASE: baseUrl,
    OCR_IDCARD_APPID: appId,
    OCR_IDCARD_APPSECRET: appSecret,
  };
  // Always set, so an earlier `https` in the same process does not linger into a cloud-mode run.
  env.OCR_IDCARD_MODE = options.mode ?? 'cloud';
  return env;
}

function recognizerLoader(recognizer: EmulatorOptions['recognizer']): () => Promise<Recognizer> {
  if (recognizer === undefined) return loadSharedRecognizer;
  if (typeof recognizer === 'function') return recognizer;
  return () => Promise.resolve(recognizer);
}
