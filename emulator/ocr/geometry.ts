/**
 * Rotated rectangles: where a line or a card sits in an image, and how to read it upright.
 */
import type { SamplingFrame } from './raster';

/** A rectangle turned by `angle` (radians, the reading direction; 0 = left to right along +x). */
export interface OrientedRect {
  cx: number;
  cy: number;
  /** Along the reading direction. */
  width: number;
  /** Across it. */
  height: number;
  angle: number;
}

/** The frame that reads `rect` upright into an `outWidth x outHeight` raster. */
export function uprightFrame(rect: OrientedRect, outWidth: number, outHeight: number): SamplingFrame {
  const cos = Math.cos(rect.angle);
  const sin = Math.sin(rect.angle);
  const sx = rect.width / outWidth;
  const sy = rect.height / outHeight;
  return {
    originX: rect.cx - (cos * rect.width) / 2 + (sin * rect.height) / 2,
    originY: rect.cy - (sin * rect.width) / 2 - (cos * rect.height) / 2,
    xStepX: cos * sx,
    xStepY: sin * sx,
    yStepX: -sin * sy,
    yStepY: cos * sy,
  };
}

/** The point `(x, y)` of the plane seen from a frame turned by `angle` around the origin. */
export function toFrame(x: number, y: number, angle: number): { u: number; v: number } {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return { u: x * cos + y * sin, v: -x * sin + y * cos };
}

/** The inverse of `toFrame`. */
export function fromFrame(u: number, v: number, angle: number): { x: number; y: number } {
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  return { x: u * cos - v * sin, y: u * sin + v * cos };
}
