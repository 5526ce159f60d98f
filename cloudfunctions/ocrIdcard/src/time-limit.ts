/**
 * A time limit on a promise that cannot be cancelled (a hung socket inside wx-server-sdk, a slow download):
 * the caller gets an answer in time, and the work left behind is dropped when the runtime freezes the function.
 */

/**
 * Settles like `work`, or with `onTimeout()` once `ms` have passed, whichever comes first. The timer is cleared
 * as soon as `work` settles, so nothing stays scheduled.
 * @example
 * await withTimeLimit(cloud.downloadFile({ fileID }), 10_000, () => Promise.reject(timeoutError))
 */
export function withTimeLimit<T>(work: Promise<T>, ms: number, onTimeout: () => T | Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<T>((resolve, reject) => {
    timer = setTimeout(() => Promise.resolve().then(onTimeout).then(resolve, reject), ms);
  });
  return Promise.race([work, limit]).finally(() => clearTimeout(timer));
}
