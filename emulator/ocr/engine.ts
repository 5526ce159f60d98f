/**
 * The card reader: image bytes -> OCR lines of the card, upright -> WeChat's answer.
 *
 * 1. Decode once (EXIF orientation applied), capped at `sourceEdge`: every later crop samples this raster.
 * 2. Locate: detect text on a small copy; the text axis, the group of runs that is the card, and (from the
 *    direction classifier) whether the card reads along the axis or upside down. No OCR pass per orientation.
 * 3. Read the card region upright into a raster of `cardEdge` and detect again: background cut, skew removed,
 *    text at a size the detector likes whatever the card's size in the photo.
 * 4. Recognise each run straight from the full-size source, so small print keeps its detail; read a label with
 *    no value after it again, stretched over the value the detector missed.
 * 5. Parse the lines into fields.
 */
import { locateCardText, runsInside } from './card-region';
import { DEFAULT_THRESHOLDS, detectText, dominantAxis, regionRects, type DetectionThresholds } from './detect';
import { toFrame, uprightFrame, type OrientedRect } from './geometry';
import type { OcrModels } from './models';
import { readingDirection } from './orientation';
import { parseCard } from './parser';
import { decodeRaster, sampleRaster, UndecodableImageError, type Raster } from './raster';
import { readRuns, type ReadText } from './recognize';
import { bareLabelStretches, type ReadRun } from './bare-labels';
import { CERTIFICATE_NOT_FOUND, INVALID_IMAGE_DATA, type OcrLine, type OcrMode, type RecognizeAnswer, type StepTimings } from './types';

export interface EngineOptions {
  /** Long edge the image is decoded to (never enlarged). */
  sourceEdge?: number;
  /** Long edge of the whole-image detection that finds the card. */
  locateEdge?: number;
  /** Long edge of the card region for the second detection. */
  cardEdge?: number;
  /** Runs read with less mean confidence than this are dropped. */
  minScore?: number;
  /** DB thresholds of the card-region detection (the overview uses PaddleOCR's defaults). */
  detection?: DetectionThresholds;
}

export interface CardReading {
  answer: RecognizeAnswer;
  /** The lines the parser saw, in the upright card frame. */
  lines: OcrLine[];
  timings: StepTimings;
}

/**
 * Measured on synthetic cards (bench/ocr.ts): 640/736 read every field of cards down to 30% of a photo's width
 * at about 40% less CPU than 800/960; 512/640 lost the smallest cards.
 */
const DEFAULTS: Required<EngineOptions> = {
  sourceEdge: 2048,
  locateEdge: 640,
  cardEdge: 736,
  minScore: 0.5,
  detection: DEFAULT_THRESHOLDS,
};
/** Residual skew after cropping is a few degrees; anything larger is a misfit of the axis, not the card. */
const MAX_RESIDUAL_SKEW = 0.35;

/** The card region read upright, and how its pixels map back to the source. */
interface CardView {
  source: Raster;
  raster: Raster;
  region: OrientedRect;
  /** Source pixels per card-view pixel. */
  scale: number;
}

function cardView(source: Raster, textRegion: OrientedRect, cardEdge: number): CardView {
  const scale = Math.max(textRegion.width, textRegion.height) / cardEdge;
  const width = Math.max(32, Math.round(textRegion.width / scale));
  const height = Math.max(32, Math.round(textRegion.height / scale));
  // Round the region to whole view pixels so both axes share one scale.
  const region = { ...textRegion, width: width * scale, height: height * scale };
  const taps = Math.min(3, Math.max(1, Math.ceil(scale - 0.25)));
  return { source, raster: sampleRaster(source, uprightFrame(region, width, height), width, height, taps), region, scale };
}

/** A rect of the card view, as a rect of the source. */
function toSource(view: CardView, rect: OrientedRect): OrientedRect {
  const { region, scale } = view;
  const cos = Math.cos(region.angle);
  const sin = Math.sin(region.angle);
  const u = rect.cx * scale - region.width / 2;
  const v = rect.cy * scale - region.height / 2;
  return {
    cx: region.cx + u * cos - v * sin,
    cy: region.cy + u * sin + v * cos,
    width: rect.width * scale,
    height: rect.height * scale,
    angle: region.angle + rect.angle,
  };
}

/** Reads ID cards with models loaded once. Concurrent reads are correct but fight over the same cores: queue them. */
export class CardReader {
  readonly #models: OcrModels;
  readonly #options: Required<EngineOptions>;

  constructor(models: OcrModels, options: EngineOptions = {}) {
    this.#models = models;
    this.#options = { ...DEFAULTS, ...options };
  }

  /**
   * Reads one image. `mode` is WeChat's `type`, accepted for its shape: both modes locate the card the same way,
   * a scan simply has little around it.
   */
  async read(image: Buffer, mode: OcrMode): Promise<CardReading> {
    const timings: StepTimings = { decode: 0, locate: 0, detect: 0, recognize: 0, total: 0 };
    const started = performance.now();
    let mark = started;
    const lap = (step: Exclude<keyof StepTimings, 'total'>) => {
      const now = performance.now();
      timings[step] = now - mark;
      mark = now;
    };
    const done = (answer: RecognizeAnswer, lines: OcrLine[] = []): CardReading => {
      timings.total = performance.now() - started;
      return { answer, lines, timings };
    };

    let source: Raster;
    try {
      source = await decodeRaster(image, this.#options.sourceEdge);
    } catch (error) {
      if (error instanceof UndecodableImageError) return done(INVALID_IMAGE_DATA);
      throw error;
    }
    lap('decode');

    const { detection, recognition, direction, dictionary } = this.#models;
    const overview = await detectText(detection, source, this.#options.locateEdge);
    const axis = dominantAxis(overview.regions) ?? 0;
    const runs = regionRects(overview, axis).map((r) => r.rect);
    const textRegion = locateCardText(runs, axis);
    if (!textRegion) return done(CERTIFICATE_NOT_FOUND);
    const angle = await readingDirection(direction, source, runsInside(runs, textRegion), axis);
    lap('locate');

    const view = cardView(source, { ...textRegion, angle }, this.#options.cardEdge);
    const thresholds = this.#options.detection;
    const detail = await detectText(detection, view.raster, this.#options.cardEdge, thresholds);
    let skew = dominantAxis(detail.regions) ?? 0;
    if (Math.abs(skew) > MAX_RESIDUAL_SKEW) skew = 0;
    const cardRuns = regionRects(detail, skew, thresholds.boxScore).map((r) => r.rect);
    lap('detect');

    const texts = await readRuns(recognition, dictionary, source, cardRuns.map((rect) => toSource(view, rect)));
    const read = cardRuns.map((rect, i) => ({ rect, ...texts[i] })).filter((run) => run.text.trim() && run.score >= this.#options.minScore);
    await this.#readBareLabels(read, view, skew);
    lap('recognize');

    const lines: OcrLine[] = read.map(({ rect, text, score }) => {
      const { u, v } = toFrame(rect.cx, rect.cy, skew);
      return { text, score, box: { x: u - rect.width / 2, y: v - rect.height / 2, width: rect.width, height: rect.height } };
    });
    const fields = parseCard(lines);
    return done(fields ? { errcode: 0, errmsg: 'ok', ...fields } : CERTIFICATE_NOT_FOUND, lines);
  }

  /** Reads label runs with nothing after them again, stretched over their value (see bare-labels.ts). */
  async #readBareLabels(runs: Array<ReadRun & ReadText>, view: CardView, axis: number): Promise<void> {
    const stretches = bareLabelStretches(runs, axis);
    if (stretches.length === 0) return;
    const { recognition, dictionary } = this.#models;
    const again = await readRuns(recognition, dictionary, view.source, stretches.map((s) => toSource(view, s.rect)));
    const replaced = new Set<ReadRun>();
    stretches.forEach(({ index, rect }, k) => {
      const before = runs[index];
      if (again[k].score < this.#options.minScore || [...again[k].text].length <= [...before.text].length) return;
      runs[index] = { rect, ...again[k] };
      replaced.add(runs[index]);
    });
    // Fragments the stretched run now covers would be read twice.
    for (let i = runs.length - 1; i >= 0; i--) {
      if (replaced.has(runs[i])) continue;
      if ([...replaced].some((run) => contains(run.rect, runs[i].rect))) runs.splice(i, 1);
    }
  }
}

/** Whether the centre of `inner` lies inside `outer`. */
function contains(outer: OrientedRect, inner: OrientedRect): boolean {
  const { u, v } = toFrame(inner.cx - outer.cx, inner.cy - outer.cy, outer.angle);
  return Math.abs(u) <= outer.width / 2 && Math.abs(v) <= outer.height / 2;
}
