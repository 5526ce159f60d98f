/**
 * The end-to-end setup: the BUILT cloud function (cloudfunctions/ocrIdcard/index.js, as deployed) with the real
 * wx-server-sdk, pointed at the emulator by environment variables only, and synthetic cards read by the real
 * on-device OCR engine. Run `npm run build` first (`npm test` does).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { OcrIdcardEvent, OcrIdcardResult } from '../../miniprogram/shared/idcard';

export const BUILT_FUNCTION = path.resolve(__dirname, '..', '..', 'cloudfunctions', 'ocrIdcard', 'index.js');

export interface CloudFunction {
  main(event: OcrIdcardEvent | Record<string, unknown>): Promise<OcrIdcardResult>;
}

/** E2E cards need more than jest's 5 s: a recognition takes about a second, several on a busy machine. */
export const E2E_TIMEOUT_MS = 120_000;

/**
 * The built function, seeing `env` merged over the process environment. Load it once per test file: jest gives
 * each file its own module registry, so this is a cold start in a process of its own, as in the cloud, where one
 * instance reads its settings on its first call. (The SDK reads the gateway address on every request, so
 * pointing `TCB_CONTEXT_CNFG` at another emulator later works; other settings need a test file of their own.)
 */
export function loadFunction(env: Record<string, string | undefined>): CloudFunction {
  if (!fs.existsSync(BUILT_FUNCTION)) throw new Error(`${BUILT_FUNCTION} is missing: run npm run build`);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployable CommonJS bundle, loaded as the cloud loads it
  return require(BUILT_FUNCTION) as CloudFunction;
}

/** Restores the process environment after a test file changed it. */
export function snapshotEnv(): () => void {
  const saved = { ...process.env };
  return () => {
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
  };
}

/**
 * Collects what the function writes with console.log (its one JSON line per call) instead of printing it.
 * Returns the lines so far; call `restore` when done.
 */
export function captureLogLines(): { lines: string[]; restore: () => void } {
  const lines: string[] = [];
  const spy = jest.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
    lines.push(args.map(String).join(' '));
  });
  return { lines, restore: () => spy.mockRestore() };
}
