/**
 * The on-device ID card recognizer: image bytes in, exactly what WeChat's HTTPS `cv/ocr/idcard` answers out.
 * The models run in a worker thread (loaded once, reused for every card); the caller's thread stays free.
 *
 * @example
 * const recognizer = await createIdcardRecognizer();
 * const answer = await recognizer.recognize(fs.readFileSync('card.jpg'), 'photo');
 * // { errcode: 0, errmsg: 'ok', type: 'Front', name: '…', id: '…', addr: '…', gender: '男', nationality: '汉', birth: '…' }
 * await recognizer.close();
 */
import fs from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CardReading, EngineOptions } from './engine';
import type { ModelOptions } from './models';
import { INVALID_IMAGE_DATA, type OcrMode, type RecognizeAnswer } from './types';
import type { WorkerReply, WorkerRequest, WorkerSetup } from './worker-protocol';

export type { CardReading, EngineOptions } from './engine';
export type { ModelOptions } from './models';
export * from './types';

export interface RecognizerOptions extends ModelOptions {
  /** Sizes and thresholds of the pipeline; the defaults are the measured best. */
  engine?: EngineOptions;
}

export interface IdcardRecognizer {
  /** Reads one card side; never rejects for bad image bytes (that is errcode 101002). */
  recognize(image: Buffer, type: OcrMode): Promise<RecognizeAnswer>;
  /** The same, with the lines read and the time each step took: for benchmarks and debugging. */
  inspect(image: Buffer, type: OcrMode): Promise<CardReading>;
  /** How long the worker took to load the models, in milliseconds. */
  readonly loadMs: number;
  /** Stops the worker and frees the models. Pending reads reject. */
  close(): Promise<void>;
}

interface Pending {
  resolve(reading: CardReading): void;
  reject(error: Error): void;
}

function validate(image: unknown, type: unknown): asserts image is Buffer {
  if (!(image instanceof Uint8Array)) {
    throw new TypeError(`Expected a Buffer for image but received ${image === null ? 'null' : typeof image}`);
  }
  if (type !== 'photo' && type !== 'scan') {
    throw new TypeError(`Expected 'photo' or 'scan' for type but received ${JSON.stringify(type)}`);
  }
}

/** The worker entry: TypeScript sources are loaded through tsx's require hook, a built tree runs as is. */
function workerScript(): { code: string; entry: string; tsx: string | null } {
  const ts = path.join(__dirname, 'worker.ts');
  const entry = fs.existsSync(ts) ? ts : path.join(__dirname, 'worker.js');
  const tsx = entry.endsWith('.ts') ? require.resolve('tsx/cjs/api') : null;
  const code = `const { workerData } = require('node:worker_threads');
if (workerData.tsx) require(workerData.tsx).register();
require(workerData.entry);`;
  return { code, entry, tsx };
}

class WorkerRecognizer implements IdcardRecognizer {
  loadMs = 0;
  readonly #setup: WorkerSetup;
  #worker: Worker | null = null;
  #starting: Promise<Worker> | null = null;
  readonly #pending = new Map<number, Pending>();
  #nextId = 1;
  #closed = false;

  constructor(options: RecognizerOptions) {
    const { engine = {}, ...models } = options;
    this.#setup = { models, engine };
  }

  /** Starts the worker (again, if a previous one died) and waits for its models. */
  start(): Promise<Worker> {
    if (this.#worker) return Promise.resolve(this.#worker);
    if (this.#starting) return this.#starting;
    const { code, entry, tsx } = workerScript();
    this.#starting = new Promise<Worker>((resolve, reject) => {
      const worker = new Worker(code, { eval: true, workerData: { ...this.#setup, entry, tsx } });
      let ready = false;
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'ready') {
          ready = true;
          this.loadMs = reply.loadMs;
          this.#worker = worker;
          this.#starting = null;
          // Idle, the worker must not keep the process alive; a pending read refs it again.
          worker.unref();
          resolve(worker);
        } else if (reply.kind === 'load-failed') {
          this.#starting = null;
          void worker.terminate();
          reject(new Error(`OCR models failed to load: ${reply.message}`));
        } else {
          this.#settle(reply);
        }
      });
      worker.on('error', (error) => this.#stopped(worker, error, ready ? null : reject));
      worker.on('exit', (code) => this.#stopped(worker, new Error(`OCR worker exited with code ${code}`), ready ? null : reject));
    });
    return this.#starting;
  }

  #settle(reply: Extract<WorkerReply, { id: number }>): void {
    const pending = this.#pending.get(reply.id);
    if (!pending) return;
    this.#pending.delete(reply.id);
    if (this.#pending.size === 0) this.#worker?.unref();
    if (reply.kind === 'read') pending.resolve(reply.reading);
    else pending.reject(new Error(`OCR failed: ${reply.message}`));
  }

  #stopped(worker: Worker, error: Error, rejectStart: ((error: Error) => void) | null): void {
    if (this.#worker === worker) this.#worker = null;
    if (rejectStart) {
      this.#starting = null;
      rejectStart(error);
    }
    for (const pending of this.#pending.values()) pending.reject(error);
    this.#pending.clear();
  }

  async inspect(image: Buffer, type: OcrMode): Promise<CardReading> {
    validate(image, type);
    if (this.#closed) throw new Error('This recognizer is closed');
    const worker = await this.start();
    const id = this.#nextId++;
    // A copy the worker can own: the caller's Buffer may be a view into Node's shared pool.
    const bytes = new Uint8Array(image);
    const request: WorkerRequest = { kind: 'read', id, image: bytes, mode: type };
    return new Promise<CardReading>((resolve, reject) => {
      this.#pending.set(id, { resolve, reject });
      worker.ref();
      worker.postMessage(request, [bytes.buffer]);
    });
  }

  async recognize(image: Buffer, type: OcrMode): Promise<RecognizeAnswer> {
    validate(image, type);
    if (image.length === 0) return INVALID_IMAGE_DATA;
    return (await this.inspect(image, type)).answer;
  }

  async close(): Promise<void> {
    this.#closed = true;
    const worker = this.#worker ?? (this.#starting ? await this.#starting.catch(() => null) : null);
    this.#worker = null;
    if (worker) await worker.terminate();
  }
}

/**
 * Starts a recognizer: a worker thread with the PP-OCR models loaded (about a second cold).
 * Close it when done, or use `sharedRecognizer()` to share one per process.
 */
export async function createIdcardRecognizer(options: RecognizerOptions = {}): Promise<IdcardRecognizer> {
  const recognizer = new WorkerRecognizer(options);
  await recognizer.start();
  return recognizer;
}

let shared: Promise<IdcardRecognizer> | null = null;

/**
 * The recognizer every caller in this process (this module registry, under jest) shares, so several emulators
 * load the models once. Do not close it yourself; `closeSharedRecognizer()` does, at the end.
 */
export function sharedRecognizer(): Promise<IdcardRecognizer> {
  if (!shared) {
    shared = createIdcardRecognizer();
    // A failed start is not cached: the next caller tries again.
    shared.catch(() => {
      shared = null;
    });
  }
  return shared;
}

/** Stops the shared recognizer, if one was started. */
export async function closeSharedRecognizer(): Promise<void> {
  const current = shared;
  shared = null;
  if (current) await (await current.catch(() => null))?.close();
}
