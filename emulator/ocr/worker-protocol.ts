/**
 * Messages between the recognizer and its worker thread. The models live in the worker, so the thread that
 * serves HTTP (the emulator) stays responsive while a card is read, and every caller in a process shares them.
 */
import type { CardReading, EngineOptions } from './engine';
import type { ModelOptions } from './models';
import type { OcrMode } from './types';

/** Given to the worker when it starts. */
export interface WorkerSetup {
  models: ModelOptions;
  engine: EngineOptions;
}

export interface ReadRequest {
  kind: 'read';
  id: number;
  /** The image bytes; the buffer is transferred, not copied. */
  image: Uint8Array;
  mode: OcrMode;
}

export type WorkerRequest = ReadRequest;

export type WorkerReply =
  | { kind: 'ready'; loadMs: number }
  | { kind: 'load-failed'; message: string }
  | { kind: 'read'; id: number; reading: CardReading }
  | { kind: 'read-failed'; id: number; message: string };
