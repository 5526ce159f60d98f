/**
 * One retry of a WeChat call, for the two failures a second try can cure: -1 (system error, busy) and -501001
 * (timeout or network failure). Every other code is about the image or the account and would fail again.
 */

/** A short pause: a busy backend often answers the second request, and the user is waiting. */
export const RETRY_BACKOFF_MS = 300;

/** -1 system error, -501001 timeout / network failure. */
export const RETRYABLE_CODES: ReadonlySet<number> = new Set([-1, -501001]);

export interface RetryTiming {
  /** Now, in ms. */
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** The clock value by which the whole call must have answered. */
  deadline: number;
  /** Pause before the second attempt. */
  backoffMs: number;
}

export interface Attempted<T> {
  outcome: T;
  attempts: number;
}

/**
 * Runs `attempt` once, and once more after `backoffMs` when it failed with a retryable code and a second
 * attempt, assumed to take as long as the first, still ends before the deadline. `attempt` must not throw:
 * it returns its failure as a value with an `errCode`.
 * @example
 * const { outcome, attempts } = await withRetry(() => recogniseOnce(image), { clock: Date.now, sleep, deadline, backoffMs: 300 });
 */
export async function withRetry<T extends { errCode: number }>(attempt: () => Promise<T>, timing: RetryTiming): Promise<Attempted<T>> {
  const started = timing.clock();
  const first = await attempt();
  if (!RETRYABLE_CODES.has(first.errCode)) return { outcome: first, attempts: 1 };
  const firstMs = timing.clock() - started;
  if (timing.clock() + timing.backoffMs + firstMs > timing.deadline) return { outcome: first, attempts: 1 };
  await timing.sleep(timing.backoffMs);
  return { outcome: await attempt(), attempts: 2 };
}
