/**
 * Fakes for the calls that cannot run here: WeChat's ocr.idcard, cloud storage and the URL fetch. The clock
 * is fake too, so budgets and backoffs are checked without waiting. The image pipeline is never faked.
 */
import type { HandlerDeps, HandlerLimits } from '../../../cloudfunctions/ocrIdcard/src/handler';
import type { CallLogLine } from '../../../cloudfunctions/ocrIdcard/src/log';
import type { OcrRequest, PreparedImage } from '../../../cloudfunctions/ocrIdcard/src/platform';

export const ENV = 'test-env-5f6e';
export const fileIdOf = (name: string) => `cloud://${ENV}.7465-${ENV}-1300000000/idcard/${name}`;
/** 2024-06-15 12:00 in China. */
export const START = Date.parse('2024-06-15T04:00:00Z');

/** One answer of the fake WeChat: resolves with `answer`, or rejects with `thrown`; takes `ms` of fake time. */
export type OcrScript = { answer: unknown; ms?: number } | { thrown: unknown; ms?: number };

export interface FakePlatformOptions {
  /** Answers in order; the last one repeats. */
  ocr?: OcrScript[];
  mode?: 'cloud' | 'https';
  /** Stored files by fileID. */
  files?: Record<string, Buffer>;
  /** What files.remove rejects with, if anything. */
  removeFails?: unknown;
  /** What the URL fetch gives, or rejects with. */
  fetched?: Buffer | { thrown: unknown };
  /** Fake time a download takes. */
  downloadMs?: number;
  limits?: Partial<HandlerLimits>;
  prepareImage: HandlerDeps['prepareImage'];
}

export function fakePlatform(options: FakePlatformOptions) {
  let now = START;
  const calls = {
    ocr: [] as OcrRequest[],
    downloads: [] as string[],
    removed: [] as string[],
    fetched: [] as { url: string; timeoutMs: number; maxBytes: number }[],
    slept: [] as number[],
    prepared: [] as PreparedImage[],
  };
  const logs: CallLogLine[] = [];
  const script = options.ocr ?? [{ answer: { errCode: 0, errMsg: 'openapi.ocr.idcard:ok', type: 'Back', validDate: '20170105-20270105' } }];
  const deps: HandlerDeps = {
    ocr: {
      mode: options.mode ?? 'cloud',
      async idcard(request) {
        const step = script[Math.min(calls.ocr.length, script.length - 1)];
        calls.ocr.push(request);
        now += step.ms ?? 800;
        if ('thrown' in step) throw step.thrown;
        return step.answer;
      },
    },
    files: {
      async download(fileID) {
        calls.downloads.push(fileID);
        now += options.downloadMs ?? 100;
        const bytes = options.files?.[fileID];
        if (!bytes) throw Object.assign(new Error('downloadFile:fail storage file not exists'), { errCode: -1, errMsg: 'downloadFile:fail storage file not exists', code: 'STORAGE_FILE_NONEXIST' });
        return bytes;
      },
      async remove(fileID) {
        calls.removed.push(fileID);
        if (options.removeFails) throw options.removeFails;
      },
    },
    async fetchImage(url, opts) {
      calls.fetched.push({ url, ...opts });
      if (!options.fetched) throw new Error('no URL fetch expected');
      if ('thrown' in options.fetched) throw options.fetched.thrown;
      return options.fetched;
    },
    async prepareImage(input, prepareOptions) {
      const image = await options.prepareImage(input, prepareOptions);
      calls.prepared.push(image);
      return image;
    },
    envId: ENV,
    clock: () => now,
    async sleep(ms) {
      calls.slept.push(ms);
      now += ms;
    },
    log: (line) => logs.push({ ...line }),
    limits: { budgetMs: 15_000, maxBytes: 2_000_000, maxInputBytes: 20_000_000, backoffMs: 300, ...options.limits },
  };
  return { deps, calls, logs, elapsed: () => now - START };
}
