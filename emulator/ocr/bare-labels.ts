/**
 * Values the detector misses. DB detection barely responds to a lone glyph that looks like a frame (回, 口, 田)
 * printed apart from everything else, which is exactly how 民族 and 性别 values are printed. When a label run has
 * no value run after it on its line, the run is read again stretched over where the value must be.
 */
import { fromFrame, toFrame, type OrientedRect } from './geometry';

/** Labels followed on the same line by a short value, and how far (in print heights) the value can reach. */
const LABEL_REACH: ReadonlyArray<{ label: string; reach: number }> = [
  { label: '民族', reach: 4.5 },
  { label: '性别', reach: 2.5 },
  { label: '姓名', reach: 5 },
];
/** A run this much lower than the label is a fragment (half a glyph), not a value. */
const FRAGMENT_HEIGHT = 0.75;

export interface ReadRun {
  rect: OrientedRect;
  text: string;
}

interface Span {
  u0: number;
  u1: number;
  v: number;
  h: number;
}

function span(rect: OrientedRect, axis: number): Span {
  const { u, v } = toFrame(rect.cx, rect.cy, axis);
  return { u0: u - rect.width / 2, u1: u + rect.width / 2, v, h: rect.height };
}

/**
 * For every run that ends in a label and has no value after it, the run stretched over the value's place
 * (stopping short of the next run on the line). All rects lie along `axis`.
 */
export function bareLabelStretches(runs: ReadRun[], axis: number): Array<{ index: number; rect: OrientedRect }> {
  const spans = runs.map((run) => span(run.rect, axis));
  const stretches: Array<{ index: number; rect: OrientedRect }> = [];
  runs.forEach((run, index) => {
    const text = run.text.replace(/[\s:：|]/g, '');
    const entry = LABEL_REACH.find(({ label }) => text.endsWith(label));
    if (!entry) return;
    const own = spans[index];
    let limit = own.u1 + entry.reach * own.h;
    for (const [j, other] of spans.entries()) {
      if (j === index || Math.abs(other.v - own.v) > own.h / 2 || other.u0 < own.u1 - own.h / 2) continue;
      if (other.h < FRAGMENT_HEIGHT * own.h) continue;
      limit = Math.min(limit, other.u0);
    }
    // A value run close after the label: nothing is missing.
    if (limit - own.u1 < 1.2 * own.h) return;
    const centre = fromFrame((own.u0 + limit) / 2, own.v, axis);
    stretches.push({ index, rect: { cx: centre.x, cy: centre.y, width: limit - own.u0, height: own.h, angle: axis } });
  });
  return stretches;
}
