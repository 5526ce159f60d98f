/**
 * The per-user daily limit through the real wx-server-sdk against the emulator's database: atomic across
 * concurrent calls and across separately loaded SDK instances (two function instances), one counter per day in
 * China Standard Time, and a call that goes ahead when the database cannot be reached.
 */
import { startEmulator, type CloudDatabase, type Emulator } from '../../emulator';
import { ConfigError } from '../../cloudfunctions/ocrIdcard/src/config';
import {
  checkUserQuota,
  createCloudQuotaStore,
  parseUserDailyLimit,
  quotaKey,
  USER_QUOTA_COLLECTION,
  type QuotaDatabase,
  type QuotaStore,
} from '../../cloudfunctions/ocrIdcard/src/user-quota';

interface Sdk {
  DYNAMIC_CURRENT_ENV: unknown;
  init(options: { env: unknown; timeout?: number }): void;
  database(): QuotaDatabase;
}

/** A freshly loaded wx-server-sdk, as a new function instance would load it. */
function loadSdk(): Sdk {
  let sdk: Sdk | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the SDK is CommonJS
    sdk = require('wx-server-sdk') as Sdk;
  });
  sdk!.init({ env: sdk!.DYNAMIC_CURRENT_ENV, timeout: 5000 });
  return sdk!;
}

const USER_A = 'oSyntheticUserA000000000001';
const USER_B = 'oSyntheticUserB000000000002';
const NOON_CST = Date.parse('2025-03-10T04:00:00Z');

let emulator: Emulator;
let db: CloudDatabase;
let store: QuotaStore;
const savedEnv = { ...process.env };

beforeAll(async () => {
  emulator = await startEmulator();
  db = emulator.database;
  Object.assign(process.env, emulator.env());
  store = createCloudQuotaStore(loadSdk().database());
});
afterAll(async () => {
  await emulator.stop();
  process.env = savedEnv;
});
beforeEach(() => {
  db.outage = undefined;
});

const check = (openid: string | undefined, limit: number | undefined, now = NOON_CST, s = store) => checkUserQuota(openid, { limit, store: s, clock: () => now });

describe('the setting', () => {
  it('is off when unset or empty', () => {
    expect(parseUserDailyLimit({})).toBeUndefined();
    expect(parseUserDailyLimit({ OCR_IDCARD_USER_DAILY_LIMIT: ' ' })).toBeUndefined();
  });

  it('takes a positive integer', () => {
    expect(parseUserDailyLimit({ OCR_IDCARD_USER_DAILY_LIMIT: ' 20 ' })).toBe(20);
  });

  it.each(['0', '-1', '2.5', 'twenty', '1e9'])('refuses %s with a message naming the variable', (raw) => {
    expect(() => parseUserDailyLimit({ OCR_IDCARD_USER_DAILY_LIMIT: raw })).toThrow(ConfigError);
    expect(() => parseUserDailyLimit({ OCR_IDCARD_USER_DAILY_LIMIT: raw })).toThrow(`OCR_IDCARD_USER_DAILY_LIMIT but received "${raw}"`);
  });
});

describe('the counter key', () => {
  it('changes day at midnight in China Standard Time', () => {
    expect(quotaKey(USER_A, Date.parse('2025-03-09T15:59:59Z')).day).toBe('2025-03-09');
    expect(quotaKey(USER_A, Date.parse('2025-03-09T16:00:00Z')).day).toBe('2025-03-10');
  });

  it('holds a hash of the OPENID, not the OPENID, and expires after the next day', () => {
    const key = quotaKey(USER_A, NOON_CST);
    expect(key.id).toMatch(/^2025-03-10-[0-9a-f]{32}$/);
    expect(key.id).not.toContain(USER_A);
    expect(key.id).not.toBe(quotaKey(USER_B, NOON_CST).id);
    expect(key.expireAt.toISOString()).toBe('2025-03-11T16:00:00.000Z');
  });
});

describe('through wx-server-sdk and the emulated database', () => {
  it('counts up to the limit, then refuses with 910001, creating the collection on first use', async () => {
    expect(db.documents(USER_QUOTA_COLLECTION)).toEqual([]);
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push(await check(USER_A, 3));
    expect(statuses.map((s) => s.status)).toEqual(['counted', 'counted', 'counted', 'over-limit']);
    expect(statuses[3].failure).toEqual({ errCode: 910001, errMsg: 'user daily limit reached: at most 3 recognitions a day', message: '您今天的识别次数已用完，请明天再试' });

    const stored = db.document(USER_QUOTA_COLLECTION, quotaKey(USER_A, NOON_CST).id);
    expect(stored).toMatchObject({ count: 3, day: '2025-03-10' });
    expect((stored?.expireAt as Date).toISOString()).toBe('2025-03-11T16:00:00.000Z');
    expect(JSON.stringify(db.documents(USER_QUOTA_COLLECTION))).not.toContain(USER_A);
  });

  it('counts each user separately', async () => {
    expect((await check(USER_B, 3)).status).toBe('counted');
  });

  it('starts again the next day', async () => {
    const tomorrow = NOON_CST + 24 * 3_600_000;
    expect((await check(USER_A, 3, tomorrow)).status).toBe('counted');
  });

  it('lets exactly the limit through when many calls race, the first of the day included', async () => {
    const openid = 'oSyntheticUserRace000000003';
    const results = await Promise.all(Array.from({ length: 12 }, () => check(openid, 5)));
    expect(results.filter((r) => r.status === 'counted')).toHaveLength(5);
    expect(results.filter((r) => r.status === 'over-limit')).toHaveLength(7);
    expect(db.document(USER_QUOTA_COLLECTION, quotaKey(openid, NOON_CST).id)?.count).toBe(5);
  });

  it('holds across two function instances (two SDKs loaded apart) sharing the database', async () => {
    const openid = 'oSyntheticUserTwoInstances4';
    const first = createCloudQuotaStore(loadSdk().database());
    const second = createCloudQuotaStore(loadSdk().database());
    const order = [first, second, first, second, first, second];
    const statuses = [];
    for (const s of order) statuses.push((await check(openid, 4, NOON_CST, s)).status);
    expect(statuses).toEqual(['counted', 'counted', 'counted', 'counted', 'over-limit', 'over-limit']);
  });

  it('goes ahead when the database cannot be reached, and says so', async () => {
    db.outage = { code: 'SYS_ERR', message: 'database unreachable' };
    const outcome = await check('oSyntheticUserOutage0000005', 1);
    expect(outcome).toEqual({ status: 'unavailable', errCode: -501001 });
    expect(outcome.failure).toBeUndefined();
  });

  it('is off without a limit and for calls without a user: the database is not asked', async () => {
    const calls = emulator.calls.list().length;
    expect(await check(USER_A, undefined)).toEqual({ status: 'off' });
    expect(await check(undefined, 3)).toEqual({ status: 'no-user' });
    expect(await check('', 3)).toEqual({ status: 'no-user' });
    expect(emulator.calls.list()).toHaveLength(calls);
  });
});

describe('a database that does not answer', () => {
  it('gives up after the time cap and lets the call through', async () => {
    const hung: QuotaStore = { consume: () => new Promise(() => undefined) };
    const outcome = await checkUserQuota(USER_A, { limit: 1, store: hung, clock: Date.now, timeoutMs: 50 });
    expect(outcome).toEqual({ status: 'unavailable', errCode: -501001 });
  });
});
