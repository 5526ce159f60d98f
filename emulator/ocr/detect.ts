/**
 * Text detection: PP-OCRv4's DB model turns an image into a text-probability map; connected regions of that map
 * are the text runs. All runs of an ID card share one direction, so instead of fitting each run on its own (a
 * single character like 男 has no direction of its own) the runs are measured along the card's dominant axis.
 */
import { Tensor, type InferenceSession } from 'onnxruntime-node';
import type { OrientedRect } from './geometry';
import { resizeRaster, type Raster } from './raster';

/** DB post-processing: a map pixel is text above `binary`; a region is kept when its mean is above `boxScore`. */
export interface DetectionThresholds {
  binary: number;
  boxScore: number;
}

/** PaddleOCR's DB post-processing defaults. */
export const DEFAULT_THRESHOLDS: DetectionThresholds = { binary: 0.3, boxScore: 0.6 };
const UNCLIP_RATIO = 1.5;
const MIN_SIDE = 3;
/** ImageNet mean/std, applied to B, G, R planes in that order as PaddleOCR does on cv2 images. */
const MEAN = [0.485, 0.456, 0.406];
const STD = [0.229, 0.224, 0.225];

/** One connected region of the probability map. */
export interface TextRegion {
  /** Pixels of the map. */
  area: number;
  /** Mean text probability over the region. */
  score: number;
  cx: number;
  cy: number;
  /** Orientation of the region's long axis (radians, mod PI) and how elongated it is (>= 1). */
  axis: number;
  elongation: number;
  label: number;
}

/** The probability map after labelling, in map pixels. */
export interface TextMap {
  width: number;
  height: number;
  /** Map pixel -> image pixel. */
  scaleX: number;
  scaleY: number;
  labels: Int32Array;
  regions: TextRegion[];
}

/** Runs detection on `raster` shrunk so its long edge is at most `maxEdge` (sides rounded to multiples of 32). */
export async function detectText(
  session: InferenceSession,
  raster: Raster,
  maxEdge: number,
  thresholds: DetectionThresholds = DEFAULT_THRESHOLDS,
): Promise<TextMap> {
  const scale = Math.min(1, maxEdge / Math.max(raster.width, raster.height));
  const width = Math.max(32, Math.round((raster.width * scale) / 32) * 32);
  const height = Math.max(32, Math.round((raster.height * scale) / 32) * 32);
  const input = await resizeRaster(raster, width, height);
  const plane = width * height;
  const tensor = new Float32Array(plane * 3);
  const { data } = input;
  for (let p = 0, q = 0; p < plane; p++, q += 3) {
    tensor[p] = (data[q + 2] / 255 - MEAN[0]) / STD[0];
    tensor[plane + p] = (data[q + 1] / 255 - MEAN[1]) / STD[1];
    tensor[2 * plane + p] = (data[q] / 255 - MEAN[2]) / STD[2];
  }
  const outputs = await session.run({ [session.inputNames[0]]: new Tensor('float32', tensor, [1, 3, height, width]) });
  const probability = outputs[session.outputNames[0]].data as Float32Array;
  return {
    ...labelRegions(probability, width, height, thresholds.binary),
    scaleX: raster.width / width,
    scaleY: raster.height / height,
  };
}

/** 8-connected labelling of `probability > threshold`, with the moments of every region. */
export function labelRegions(probability: Float32Array, width: number, height: number, threshold: number) {
  const labels = new Int32Array(width * height).fill(-1);
  const stack = new Int32Array(width * height);
  const regions: TextRegion[] = [];
  for (let start = 0; start < labels.length; start++) {
    if (labels[start] !== -1 || probability[start] <= threshold) continue;
    const label = regions.length;
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    let n = 0;
    let sx = 0;
    let sy = 0;
    let sxx = 0;
    let syy = 0;
    let sxy = 0;
    let sp = 0;
    while (top > 0) {
      const p = stack[--top];
      const x = p % width;
      const y = (p - x) / width;
      n++;
      sx += x;
      sy += y;
      sxx += x * x;
      syy += y * y;
      sxy += x * y;
      sp += probability[p];
      for (let dy = -1; dy <= 1; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if (xx < 0 || xx >= width) continue;
          const q = yy * width + xx;
          if (labels[q] === -1 && probability[q] > threshold) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    const cx = sx / n;
    const cy = sy / n;
    const mxx = sxx / n - cx * cx + 1 / 12;
    const myy = syy / n - cy * cy + 1 / 12;
    const mxy = sxy / n - cx * cy;
    const spread = Math.sqrt(((mxx - myy) / 2) ** 2 + mxy * mxy);
    const major = (mxx + myy) / 2 + spread;
    const minor = Math.max((mxx + myy) / 2 - spread, 1e-6);
    regions.push({
      area: n,
      score: sp / n,
      cx,
      cy,
      axis: 0.5 * Math.atan2(2 * mxy, mxx - myy),
      elongation: Math.sqrt(major / minor),
      label,
    });
  }
  return { width, height, labels, regions };
}

/**
 * The direction (mod PI) most text runs follow: the area-weighted circular mean of the axes of clearly
 * elongated regions (doubling the angle folds opposite directions together). Null when no region is elongated.
 */
export function dominantAxis(regions: TextRegion[]): number | null {
  let c = 0;
  let s = 0;
  for (const region of regions) {
    if (region.elongation < 2.5) continue;
    c += region.area * Math.cos(2 * region.axis);
    s += region.area * Math.sin(2 * region.axis);
  }
  if (c === 0 && s === 0) return null;
  return 0.5 * Math.atan2(s, c);
}

/** A span along the axis (u) and across it (v). */
interface Extent {
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

/**
 * Grown boxes of two runs on one line may reach into each other (a label close to its value): the strip read
 * for the value would then start with half a label character, which OCR reads as a stray character. Each
 * grown box stops halfway across the gap between the two kernels.
 */
function separateNeighbours(runs: Array<{ kernel: Extent; grown: Extent }>): void {
  for (const a of runs) {
    for (const b of runs) {
      if (a === b || b.kernel.u0 < a.kernel.u1) continue;
      const overlap = Math.min(a.kernel.v1, b.kernel.v1) - Math.max(a.kernel.v0, b.kernel.v0);
      if (overlap < 0.5 * Math.min(a.kernel.v1 - a.kernel.v0, b.kernel.v1 - b.kernel.v0)) continue;
      const middle = (a.kernel.u1 + b.kernel.u0) / 2;
      if (a.grown.u1 > middle) a.grown.u1 = middle;
      if (b.grown.u0 < middle) b.grown.u0 = middle;
    }
  }
}

/**
 * Every region as a rectangle along `angle`, grown the way DB grows its shrunk text kernels
 * (by area * 1.5 / perimeter), in image pixels. Faint or tiny regions are dropped.
 */
export function regionRects(
  map: TextMap,
  angle: number,
  minBoxScore = DEFAULT_THRESHOLDS.boxScore,
): Array<{ region: TextRegion; rect: OrientedRect }> {
  const count = map.regions.length;
  const uMin = new Float64Array(count).fill(Infinity);
  const uMax = new Float64Array(count).fill(-Infinity);
  const vMin = new Float64Array(count).fill(Infinity);
  const vMax = new Float64Array(count).fill(-Infinity);
  // Measure in image pixels so that a map resized unevenly still gives true shapes.
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const { labels, width, height, scaleX, scaleY } = map;
  for (let y = 0, p = 0; y < height; y++) {
    for (let x = 0; x < width; x++, p++) {
      const label = labels[p];
      if (label < 0) continue;
      const ix = (x + 0.5) * scaleX;
      const iy = (y + 0.5) * scaleY;
      const u = ix * cos + iy * sin;
      const v = -ix * sin + iy * cos;
      if (u < uMin[label]) uMin[label] = u;
      if (u > uMax[label]) uMax[label] = u;
      if (v < vMin[label]) vMin[label] = v;
      if (v > vMax[label]) vMax[label] = v;
    }
  }
  const pixel = (Math.abs(cos) * scaleX + Math.abs(sin) * scaleY + Math.abs(sin) * scaleX + Math.abs(cos) * scaleY) / 2;
  const kept: Array<{ region: TextRegion; kernel: Extent; grown: Extent }> = [];
  for (const region of map.regions) {
    const l = region.label;
    if (region.score < minBoxScore) continue;
    const kernel = { u0: uMin[l] - pixel / 2, u1: uMax[l] + pixel / 2, v0: vMin[l] - pixel / 2, v1: vMax[l] + pixel / 2 };
    const w = kernel.u1 - kernel.u0;
    const h = kernel.v1 - kernel.v0;
    if (Math.min(w, h) < MIN_SIDE * pixel) continue;
    const grow = (w * h * UNCLIP_RATIO) / (2 * (w + h));
    kept.push({ region, kernel, grown: { u0: kernel.u0 - grow, u1: kernel.u1 + grow, v0: kernel.v0 - grow, v1: kernel.v1 + grow } });
  }
  separateNeighbours(kept);
  const result: Array<{ region: TextRegion; rect: OrientedRect }> = [];
  for (const { region, grown } of kept) {
    const uc = (grown.u0 + grown.u1) / 2;
    const vc = (grown.v0 + grown.v1) / 2;
    result.push({
      region,
      rect: { cx: uc * cos - vc * sin, cy: uc * sin + vc * cos, width: grown.u1 - grown.u0, height: grown.v1 - grown.v0, angle },
    });
  }
  return result;
}
