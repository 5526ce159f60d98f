/**
 * Text recognition: each detected run is read upright straight out of the source raster into a 48-pixel-high
 * strip, strips of similar width are batched, and PP-OCRv4's CTC output is decoded with the dictionary.
 * The direction classifier works on the same strips and says which runs are upside down.
 */
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { uprightFrame, type OrientedRect } from './geometry';
import { sampleRaster, type Raster } from './raster';

const LINE_HEIGHT = 48;
const MAX_LINE_WIDTH = 1600;
const BATCH_SIZE = 8;
const DIRECTION_WIDTH = 192;

export interface ReadText {
  text: string;
  /** Mean probability of the characters read; 0 when nothing was read. */
  score: number;
}

/** A run read upright as a strip `LINE_HEIGHT` high, its width following the run's aspect ratio. */
function strip(source: Raster, rect: OrientedRect, maxWidth: number): Raster {
  const width = Math.max(8, Math.min(maxWidth, Math.round((LINE_HEIGHT * rect.width) / rect.height)));
  const taps = Math.min(4, Math.max(1, Math.ceil(rect.height / LINE_HEIGHT)));
  return sampleRaster(source, uprightFrame(rect, width, LINE_HEIGHT), width, LINE_HEIGHT, taps);
}

/** Writes strips into one NCHW batch, BGR planes scaled to [-1, 1]; the right is padded with 0 (mid grey). */
function batchTensor(strips: Raster[], width: number): Tensor {
  const plane = LINE_HEIGHT * width;
  const data = new Float32Array(strips.length * 3 * plane);
  strips.forEach((s, n) => {
    const base = n * 3 * plane;
    for (let y = 0; y < s.height; y++) {
      for (let x = 0; x < s.width; x++) {
        const q = (y * s.width + x) * 3;
        const p = y * width + x;
        data[base + p] = s.data[q + 2] / 127.5 - 1;
        data[base + plane + p] = s.data[q + 1] / 127.5 - 1;
        data[base + 2 * plane + p] = s.data[q] / 127.5 - 1;
      }
    }
  });
  return new Tensor('float32', data, [strips.length, 3, LINE_HEIGHT, width]);
}

/** Greedy CTC decoding: best class per step, repeats merged, blanks dropped. */
function decode(probabilities: Float32Array, offset: number, steps: number, classes: number, dictionary: string[]): ReadText {
  let text = '';
  let sum = 0;
  let count = 0;
  let previous = -1;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = probabilities[row];
    for (let k = 1; k < classes; k++) {
      const p = probabilities[row + k];
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best !== 0 && best !== previous) {
      text += dictionary[best] ?? '';
      sum += bestP;
      count++;
    }
    previous = best;
  }
  return { text, score: count ? sum / count : 0 };
}

/** Reads every rect of `source`; the answer is in the order of `rects`. */
export async function readRuns(
  session: InferenceSession,
  dictionary: string[],
  source: Raster,
  rects: OrientedRect[],
): Promise<ReadText[]> {
  const strips = rects.map((rect) => strip(source, rect, MAX_LINE_WIDTH));
  const order = strips.map((_, i) => i).sort((a, b) => strips[a].width - strips[b].width);
  const results: ReadText[] = new Array(rects.length);
  for (let start = 0; start < order.length; start += BATCH_SIZE) {
    const indices = order.slice(start, start + BATCH_SIZE);
    const batch = indices.map((i) => strips[i]);
    // Padded to the widest strip of the batch only: PaddleOCR's 320-pixel minimum costs a third more for nothing.
    const width = Math.max(...batch.map((s) => s.width));
    const outputs = await session.run({ [session.inputNames[0]]: batchTensor(batch, width) });
    const output = outputs[session.outputNames[0]];
    const [, steps, classes] = output.dims;
    const probabilities = output.data as Float32Array;
    indices.forEach((i, n) => {
      results[i] = decode(probabilities, n * steps * classes, steps, classes, dictionary);
    });
  }
  return results;
}

/**
 * For each rect, the direction classifier's probability that the run, read along its angle, is upside down.
 */
export async function upsideDownProbabilities(session: InferenceSession, source: Raster, rects: OrientedRect[]): Promise<number[]> {
  if (rects.length === 0) return [];
  const strips = rects.map((rect) => strip(source, rect, DIRECTION_WIDTH));
  const outputs = await session.run({ [session.inputNames[0]]: batchTensor(strips, DIRECTION_WIDTH) });
  const data = outputs[session.outputNames[0]].data as Float32Array;
  return rects.map((_, i) => data[i * 2 + 1]);
}
