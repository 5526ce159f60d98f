/**
 * A per-user daily limit, so one user cannot spend the app's whole ocr.idcard quota. One counter document per
 * user and day (China Standard Time) in the cloud database, raised with an atomic conditional increment, so
 * every function instance counts against the same number. The document holds a hash of the OPENID, never the
 * OPENID itself, a count and the day.
 *
 * When the database cannot be reached the call goes ahead ("fails open") and the log line says so: the limit is
 * a fairness rule, not a safeguard of personal data; WeChat's own daily quota (45009) still caps the total, and
 * a database outage should not stop every user from recognising their card. A bad setting, in contrast, stops
 * the function (ConfigError), so a typo cannot silently turn the limit off.
 */
import { createHash } from 'node:crypto';
import type { IdcardFailure } from '../../../miniprogram/shared/idcard';
import { ConfigError } from './config';
import { failure } from './failure';
import { withTimeLimit } from './time-limit';

/** The collection of counters; created on first use when it does not exist yet. */
export const USER_QUOTA_COLLECTION = 'ocr_idcard_user_quota';
/** The quota check gives up (and lets the call through) after this long. */
export const USER_QUOTA_TIMEOUT_MS = 3_000;
const CST_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 24 * 3_600_000;
const COLLECTION_NOT_EXIST = -502005;

/**
 * Reads `OCR_IDCARD_USER_DAILY_LIMIT`: recognitions one user may start per day. Unset or empty: no limit.
 * @throws ConfigError when set to anything but an integer from 1 to 1,000,000.
 * @example parseUserDailyLimit({ OCR_IDCARD_USER_DAILY_LIMIT: '20' }) // 20
 */
export function parseUserDailyLimit(env: NodeJS.ProcessEnv): number | undefined {
  const raw = env.OCR_IDCARD_USER_DAILY_LIMIT;
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw.trim());
  if (!Number.isInteger(value) || value < 1 || value > 1_000_000) {
    throw new ConfigError(`Expected integer between 1 and 1000000 for OCR_IDCARD_USER_DAILY_LIMIT but received ${JSON.stringify(raw)}`);
  }
  return value;
}

/** One user's counter for one day. */
export interface QuotaKey {
  /** `<YYYY-MM-DD>-<32 hex of sha256(OPENID)>`. */
  id: string;
  /** The day in China Standard Time, `YYYY-MM-DD`. */
  day: string;
  /** The end of the day after: a TTL index on this field (or a scheduled cleanup) can drop old counters. */
  expireAt: Date;
}

/**
 * The counter document for a user at a moment.
 * @example quotaKey('oABC…', Date.parse('2025-01-31T20:00:00Z')).day // '2025-02-01' (04:00 in Beijing)
 */
export function quotaKey(openid: string, now: number): QuotaKey {
  const startOfDay = Math.floor((now + CST_OFFSET_MS) / DAY_MS) * DAY_MS; // in shifted time
  const day = new Date(startOfDay).toISOString().slice(0, 10);
  const hash = createHash('sha256').update(openid, 'utf8').digest('hex').slice(0, 32);
  return { id: `${day}-${hash}`, day, expireAt: new Date(startOfDay - CST_OFFSET_MS + 2 * DAY_MS) };
}

/** Counts one use; resolves false when the user already reached `limit` today. Rejects when it cannot tell. */
export interface QuotaStore {
  consume(key: QuotaKey, limit: number): Promise<boolean>;
}

/** The slice of wx-server-sdk's `cloud.database()` the counter uses. Failures reject with `errCode`. */
export interface QuotaDatabase {
  command: { inc(n: number): unknown; lt(n: number): unknown };
  collection(name: string): {
    where(query: Record<string, unknown>): { update(options: { data: Record<string, unknown> }): Promise<{ stats: { updated: number } }> };
    add(options: { data: Record<string, unknown> }): Promise<unknown>;
    doc(id: string): { get(): Promise<{ data: { count?: unknown } | null }> };
  };
  createCollection(name: string): Promise<unknown>;
}

function errCodeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { errCode?: unknown }).errCode : undefined;
}

/**
 * The counter in the cloud database. The common case is one request: "add 1 where count < limit" on today's
 * document, which the database applies atomically. The first call of a day creates the document; when two
 * instances race to create it, the loser counts with the conditional increment instead.
 */
export function createCloudQuotaStore(db: QuotaDatabase): QuotaStore {
  const counters = () => db.collection(USER_QUOTA_COLLECTION);
  const bump = async (key: QuotaKey, limit: number) => {
    const { stats } = await counters()
      .where({ _id: key.id, count: db.command.lt(limit) })
      .update({ data: { count: db.command.inc(1) } });
    return stats.updated > 0;
  };
  const consume = async (key: QuotaKey, limit: number): Promise<boolean> => {
    if (await bump(key, limit)) return true;
    try {
      await counters().add({ data: { _id: key.id, day: key.day, count: 1, expireAt: key.expireAt } });
      return true;
    } catch (addError) {
      // Most likely the document exists (another instance created it, or the user is at the limit).
      if (await bump(key, limit)) return true;
      const { data } = await counters().doc(key.id).get().catch(() => Promise.reject(addError));
      if (typeof data?.count === 'number' && data.count >= limit) return false;
      throw addError;
    }
  };
  return {
    async consume(key, limit) {
      try {
        return await consume(key, limit);
      } catch (error) {
        if (errCodeOf(error) !== COLLECTION_NOT_EXIST) throw error;
        // A fresh environment: make the collection once (a concurrent instance may beat us to it) and go again.
        await db.createCollection(USER_QUOTA_COLLECTION).catch(() => undefined);
        return consume(key, limit);
      }
    },
  };
}

/** What the quota check did, for the call's log line. */
export type QuotaStatus = 'off' | 'no-user' | 'counted' | 'over-limit' | 'unavailable';

export interface QuotaOutcome {
  status: QuotaStatus;
  /** Set when over the limit: the call ends with it, before any image work. */
  failure?: IdcardFailure;
  /** The database's code when the check could not be made. */
  errCode?: number;
}

export interface UserQuotaDeps {
  /** Undefined: no limit. */
  limit: number | undefined;
  store: QuotaStore;
  clock: () => number;
  timeoutMs?: number;
}

/**
 * Counts this call against the user's daily limit.
 * @param openid `cloud.getWXContext().OPENID`; undefined for calls without a user (another server), which are
 * not limited.
 * @example
 * const quota = await checkUserQuota(OPENID, { limit: 20, store, clock: Date.now });
 * if (quota.failure) return quota.failure; // 910001, 您今天的识别次数已用完，请明天再试
 */
export async function checkUserQuota(openid: string | undefined, deps: UserQuotaDeps): Promise<QuotaOutcome> {
  if (deps.limit === undefined) return { status: 'off' };
  if (!openid) return { status: 'no-user' };
  const timeoutMs = deps.timeoutMs ?? USER_QUOTA_TIMEOUT_MS;
  try {
    const allowed = await withTimeLimit(deps.store.consume(quotaKey(openid, deps.clock()), deps.limit), timeoutMs, () => {
      throw { errCode: -501001, errMsg: `quota check: no answer within ${timeoutMs} ms` };
    });
    if (allowed) return { status: 'counted' };
    return { status: 'over-limit', failure: failure('USER_DAILY_LIMIT', `at most ${deps.limit} recognitions a day`) };
  } catch (error) {
    const code = errCodeOf(error);
    return { status: 'unavailable', errCode: typeof code === 'number' ? code : -1 };
  }
}

/**
 * The handler's quota check, wired to wx-server-sdk: the limit from `OCR_IDCARD_USER_DAILY_LIMIT`, the user from
 * `getWXContext().OPENID` of each call. Undefined when no limit is set.
 * @throws ConfigError when the limit is set to something unusable.
 * @example deps.checkQuota = createQuotaCheck(cloud, process.env);
 */
export function createQuotaCheck(
  cloud: { getWXContext(): { OPENID?: string }; database(): QuotaDatabase },
  env: NodeJS.ProcessEnv,
  clock: () => number = Date.now,
): (() => Promise<QuotaOutcome>) | undefined {
  const limit = parseUserDailyLimit(env);
  if (limit === undefined) return undefined;
  const store = createCloudQuotaStore(cloud.database());
  return () => checkUserQuota(cloud.getWXContext().OPENID, { limit, store, clock });
}
