/**
 * Finding the card in a photo: the runs of one card lie close together along one axis, background texture that
 * passes for text lies scattered. Runs are linked when the gap between them is small for their height, and the
 * group holding the most text is the card. The crop around it cuts the background before the careful pass.
 */
import { fromFrame, toFrame, type OrientedRect } from './geometry';

interface Placed {
  rect: OrientedRect;
  /** Extent along the axis (u) and across it (v). */
  u0: number;
  u1: number;
  v0: number;
  v1: number;
}

/** Across the axis, the back's title sits about five print heights above 签发机关; along it, 性别 … 民族 gaps. */
const GAP_ACROSS = 6;
const GAP_ALONG = 6;
/** Room left around the text so a run the first pass clipped is whole in the second. */
const MARGIN = 1.5;

function place(rect: OrientedRect, axis: number): Placed {
  const { u, v } = toFrame(rect.cx, rect.cy, axis);
  return { rect, u0: u - rect.width / 2, u1: u + rect.width / 2, v0: v - rect.height / 2, v1: v + rect.height / 2 };
}

function linked(a: Placed, b: Placed): boolean {
  const height = Math.min(a.v1 - a.v0, b.v1 - b.v0);
  const gapAlong = Math.max(0, Math.max(a.u0, b.u0) - Math.min(a.u1, b.u1));
  const gapAcross = Math.max(0, Math.max(a.v0, b.v0) - Math.min(a.v1, b.v1));
  return gapAlong <= GAP_ALONG * height && gapAcross <= GAP_ACROSS * height;
}

/**
 * The region holding the card's text, as a rect along `axis` with a margin, or null when there are no runs.
 * The group chosen is the one with the most run area.
 */
export function locateCardText(runs: OrientedRect[], axis: number): OrientedRect | null {
  if (runs.length === 0) return null;
  const placed = runs.map((rect) => place(rect, axis));
  const group = new Int32Array(placed.length).fill(-1);
  let best: Placed[] = [];
  let bestArea = 0;
  for (let seed = 0; seed < placed.length; seed++) {
    if (group[seed] !== -1) continue;
    const members: Placed[] = [];
    const queue = [seed];
    group[seed] = seed;
    while (queue.length) {
      const current = placed[queue.pop() as number];
      members.push(current);
      for (let other = 0; other < placed.length; other++) {
        if (group[other] === -1 && linked(current, placed[other])) {
          group[other] = seed;
          queue.push(other);
        }
      }
    }
    const area = members.reduce((sum, m) => sum + m.rect.width * m.rect.height, 0);
    if (area > bestArea) {
      best = members;
      bestArea = area;
    }
  }
  const heights = best.map((m) => m.v1 - m.v0).sort((a, b) => a - b);
  const margin = MARGIN * heights[Math.floor(heights.length / 2)];
  const u0 = Math.min(...best.map((m) => m.u0)) - margin;
  const u1 = Math.max(...best.map((m) => m.u1)) + margin;
  const v0 = Math.min(...best.map((m) => m.v0)) - margin;
  const v1 = Math.max(...best.map((m) => m.v1)) + margin;
  const centre = fromFrame((u0 + u1) / 2, (v0 + v1) / 2, axis);
  return { cx: centre.x, cy: centre.y, width: u1 - u0, height: v1 - v0, angle: axis };
}

/** The runs that lie inside `region` (their centres do). */
export function runsInside(runs: OrientedRect[], region: OrientedRect): OrientedRect[] {
  return runs.filter((run) => {
    const { u, v } = toFrame(run.cx - region.cx, run.cy - region.cy, region.angle);
    return Math.abs(u) <= region.width / 2 && Math.abs(v) <= region.height / 2;
  });
}
