import { RETRYABLE_CODES, withRetry } from '../../cloudfunctions/ocrIdcard/src/retry';

/** A clock that moves only when told: attempts and sleeps advance it, nothing waits for real. */
function fakeTime(start = 1_000_000) {
  let now = start;
  const slept: number[] = [];
  return {
    clock: () => now,
    advance: (ms: number) => {
      now += ms;
    },
    sleep: async (ms: number) => {
      slept.push(ms);
      now += ms;
    },
    slept,
  };
}

/** An attempt that takes `ms` on the fake clock and answers the next code of `codes`. */
function attempts(time: ReturnType<typeof fakeTime>, ms: number, codes: number[]) {
  let calls = 0;
  const attempt = async () => {
    time.advance(ms);
    return { errCode: codes[Math.min(calls++, codes.length - 1)] };
  };
  return { attempt, calls: () => calls };
}

describe('withRetry', () => {
  it('retries only -1 and -501001', () => {
    expect([...RETRYABLE_CODES].sort()).toEqual([-1, -501001].sort());
  });

  it.each([-1, -501001])('retries %i once after the backoff, and returns the second outcome', async (code) => {
    const time = fakeTime();
    const { attempt, calls } = attempts(time, 200, [code, 0]);
    const result = await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline: time.clock() + 10_000, backoffMs: 300 });
    expect(result).toEqual({ outcome: { errCode: 0 }, attempts: 2 });
    expect(calls()).toBe(2);
    expect(time.slept).toEqual([300]);
  });

  it('retries at most once', async () => {
    const time = fakeTime();
    const { attempt, calls } = attempts(time, 100, [-1, -1, -1]);
    const result = await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline: time.clock() + 60_000, backoffMs: 300 });
    expect(result).toEqual({ outcome: { errCode: -1 }, attempts: 2 });
    expect(calls()).toBe(2);
  });

  it.each([0, 101000, 101001, 101002, 101003, 45009, 40001, 42001, -604101, -604001, -503003])('does not retry %i', async (code) => {
    const time = fakeTime();
    const { attempt, calls } = attempts(time, 100, [code, 0]);
    const result = await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline: time.clock() + 60_000, backoffMs: 300 });
    expect(result).toEqual({ outcome: { errCode: code }, attempts: 1 });
    expect(calls()).toBe(1);
    expect(time.slept).toEqual([]);
  });

  it('does not retry when the backoff and a second attempt as long as the first would pass the deadline', async () => {
    const time = fakeTime();
    const deadline = time.clock() + 5_000;
    // First attempt: 3 s. Then 300 ms backoff + ~3 s would end at 6.3 s, past 5 s.
    const { attempt, calls } = attempts(time, 3_000, [-501001, 0]);
    const result = await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline, backoffMs: 300 });
    expect(result).toEqual({ outcome: { errCode: -501001 }, attempts: 1 });
    expect(calls()).toBe(1);
    expect(time.slept).toEqual([]);
  });

  it('retries when the second attempt fits, and never ends past the deadline', async () => {
    const time = fakeTime();
    const deadline = time.clock() + 5_000;
    const { attempt } = attempts(time, 2_000, [-1, 0]);
    const result = await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline, backoffMs: 300 });
    expect(result.attempts).toBe(2);
    expect(time.clock()).toBeLessThanOrEqual(deadline);
  });

  it('does not retry once the deadline has passed', async () => {
    const time = fakeTime();
    const { attempt, calls } = attempts(time, 10, [-1, 0]);
    await withRetry(attempt, { clock: time.clock, sleep: time.sleep, deadline: time.clock() - 1, backoffMs: 300 });
    expect(calls()).toBe(1);
  });
});
