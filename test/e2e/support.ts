/**
 * The end-to-end setup: the BUILT cloud function (cloudfunctions/ocrIdcard/index.js, as deployed) with the real
 * wx-server-sdk, pointed at the emulator by environment variables only, and synthetic cards read by the real
 * on-device OCR engine. Run `npm run build` first (`npm test` does).
 */
import fs from 'node:fs';
import path from 'node:path';
import { startEmulator, type Emulator, type EmulatorOptions } from '../../emulator';
import { closeSharedRecognizer } from '../../emulator/ocr';
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

/** An emulator and the built function pointed at it, as a test file sees them. */
export interface EmulatedFunction {
  readonly emulator: Emulator;
  readonly fn: CloudFunction;
  /** The function's log lines of the current test. */
  readonly logs: string[];
}

/**
 * The setup every end-to-end file shares: an emulator and the built function loaded against it before the file's
 * tests, calls, faults and captured log lines cleared before each test, everything stopped and the environment
 * restored after. `env` adds settings (or picks the HTTPS mode) on top of what the emulator gives.
 */
export function useEmulatedFunction(
  options: { emulator?: EmulatorOptions; env?: (emulator: Emulator) => Record<string, string | undefined> } = {},
): EmulatedFunction {
  const restoreEnv = snapshotEnv();
  const logs = captureLogLines();
  const context = { logs: logs.lines } as { emulator: Emulator; fn: CloudFunction; logs: string[] };
  beforeAll(async () => {
    context.emulator = await startEmulator(options.emulator);
    context.fn = loadFunction(options.env ? options.env(context.emulator) : context.emulator.env());
  });
  afterAll(async () => {
    await context.emulator?.stop();
    await closeSharedRecognizer();
    restoreEnv();
    logs.restore();
  });
  beforeEach(() => {
    context.emulator.calls.clear();
    context.emulator.faults.clear();
    logs.lines.length = 0;
  });
  return context;
}
