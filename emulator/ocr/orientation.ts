/**
 * Which way the card reads. Detection gives the axis of the text (mod 180°): 0° for a card upright or upside
 * down, 90° for one turned a quarter. The direction classifier, asked about the longest runs read along that
 * axis, says whether they are upside down; together that is the full turn, from one detection pass.
 */
import type { InferenceSession } from 'onnxruntime-node';
import type { OrientedRect } from './geometry';
import type { Raster } from './raster';
import { upsideDownProbabilities } from './recognize';

/** Runs asked about: the longest ones carry the clearest direction; a dozen is plenty and cheap. */
const RUNS_ASKED = 12;

/**
 * The reading direction of runs that lie along `axis`: `axis` itself, or `axis + PI` when the longest runs,
 * weighted by length, read upside down.
 */
export async function readingDirection(
  classifier: InferenceSession,
  source: Raster,
  runs: OrientedRect[],
  axis: number,
): Promise<number> {
  const asked = runs
    .filter((run) => run.width >= 1.5 * run.height)
    .sort((a, b) => b.width / b.height - a.width / a.height)
    .slice(0, RUNS_ASKED)
    .map((run) => ({ ...run, angle: axis }));
  if (asked.length === 0) return axis;
  const flipped = await upsideDownProbabilities(classifier, source, asked);
  let weight = 0;
  let vote = 0;
  asked.forEach((run, i) => {
    weight += run.width;
    vote += run.width * flipped[i];
  });
  return vote / weight > 0.5 ? axis + Math.PI : axis;
}
