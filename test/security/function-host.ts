/**
 * The built cloud function (cloudfunctions/ocrIdcard/index.js, as deployed) with the real wx-server-sdk against
 * the emulator, for the security tests: fresh function instances, a recognizer that answers as WeChat would for
 * the synthetic card being sent, and a capture of everything written to the console.
 * Run `npm run build` first (`npm test` does); SECURITY_FN points at another build.
 */
import fs from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import { startEmulator, type Emulator, type IdcardAnswer, type Recognizer } from '../../emulator';
import type { CardImage } from '../../emulator/cards';
import type { OcrIdcardResult, OcrType } from '../../miniprogram/shared/idcard';

export const BUILT_FUNCTION = process.env.SECURITY_FN ?? path.resolve(__dirname, '..', '..', 'cloudfunctions', 'ocrIdcard', 'index.js');

export interface CloudFunction {
  main(event: unknown): Promise<OcrIdcardResult>;
}

/**
 * A fresh instance of the built function, as a cold start loads it (its own module registry, its own
 * wx-server-sdk), after `env` is merged into the process environment (undefined removes a variable).
 */
export function loadFunction(env: Record<string, string | undefined> = {}): CloudFunction {
  if (!fs.existsSync(BUILT_FUNCTION)) throw new Error(`${BUILT_FUNCTION} is missing: run npm run build`);
  for (const [name, value] of Object.entries(env)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  let fn: CloudFunction | undefined;
  jest.isolateModules(() => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- the deployable CommonJS bundle
    fn = require(BUILT_FUNCTION) as CloudFunction;
  });
  if (!fn) throw new Error('the built function did not load');
  return fn;
}

/** WeChat's answer for a synthetic card: what its HTTPS API returns, without the generator's extra fields. */
export function answerFor(card: CardImage): IdcardAnswer {
  const expected = card.expected;
  if (expected.type === 'Front') {
    const { name, id, addr, gender, nationality } = expected;
    return { errcode: 0, errmsg: 'ok', type: 'Front', name, id, addr, gender, nationality };
  }
  return { errcode: 0, errmsg: 'ok', type: 'Back', valid_date: expected.valid_date };
}

/** Stands in for WeChat's recognition (the one part that cannot run here): answers for the card the test sends. */
export class CardRecognizer implements Recognizer {
  answer: IdcardAnswer = { errcode: 101001, errmsg: 'certificate not found' };
  calls = 0;

  async recognize(_image: Buffer, _type: OcrType): Promise<IdcardAnswer> {
    this.calls++;
    return this.answer;
  }
}

export interface Cloud {
  emulator: Emulator;
  recognizer: CardRecognizer;
  /** Stops the emulator and puts the process environment back as it was. */
  stop(): Promise<void>;
}

/** Starts the emulator with a CardRecognizer and points the process environment at it. */
export async function startCloud(): Promise<Cloud> {
  const saved = { ...process.env };
  const recognizer = new CardRecognizer();
  const emulator = await startEmulator({ recognizer });
  Object.assign(process.env, emulator.env());
  return {
    emulator,
    recognizer,
    async stop() {
      await emulator.stop();
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    },
  };
}

export interface Capture {
  /** Every console call and every direct write to stdout/stderr since the capture started, one entry each. */
  readonly lines: string[];
  restore(): void;
}

/** Captures (and silences) everything the process writes to the console while it runs. */
export function captureOutput(): Capture {
  const lines: string[] = [];
  const spies = (['log', 'info', 'warn', 'error', 'debug', 'trace'] as const).map((method) =>
    jest.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(format(...args))),
  );
  const streams = [process.stdout, process.stderr].map((stream) =>
    jest.spyOn(stream, 'write').mockImplementation((chunk: string | Uint8Array) => {
      lines.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      return true;
    }),
  );
  return {
    lines,
    restore: () => [...spies, ...streams].forEach((spy) => spy.mockRestore()),
  };
}

/**
 * The personal data of a card a log must never hold: the name, the ID number and long pieces of it, the
 * address and each of its lines, and pieces of the image's bytes and base64.
 */
export function secretsOf(card: CardImage): string[] {
  const secrets: string[] = [];
  if (card.expected.type === 'Front') {
    const { name, id, addr } = card.expected;
    secrets.push(name, id, id.slice(0, 17), id.slice(6), addr, ...card.identity.addressLines.filter((l) => l.length >= 4));
  }
  const base64 = card.buffer.toString('base64');
  for (const at of [0, Math.floor(base64.length / 2), base64.length - 48]) secrets.push(base64.slice(at, at + 40));
  secrets.push(card.buffer.subarray(200, 232).toString('latin1'));
  return secrets;
}

/** What in `lines` looks like image data: magic numbers or a long base64 run. */
export function imageDataIn(lines: string[]): string[] {
  const found: string[] = [];
  for (const line of lines) {
    if (/\xff\xd8\xff|JFIF|Exif\0|\x89PNG|IHDR|IDAT|RIFF....WEBP/.test(line)) found.push(line.slice(0, 80));
    const run = /[A-Za-z0-9+/]{120,}={0,2}/.exec(line);
    if (run) found.push(run[0].slice(0, 80));
  }
  return found;
}
