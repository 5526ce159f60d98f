/**
 * Photo mode: a rendered card lying on a textured surface, shot slightly askew: rotated by a small angle, scaled,
 * optionally foreshortened (the top edge narrower, as when the phone leans back), with a soft shadow and uneven light.
 */
import { createCanvas, type Canvas } from '@napi-rs/canvas';
import { BACKGROUNDS, drawBackground, type Background } from './backgrounds';
import { CARD_HEIGHT_MM, CARD_WIDTH_MM } from './card-art';
import type { Random } from './random';

/** Where the card lies in the photo. */
export interface PhotoLayout {
  width: number;
  height: number;
  background: Background;
  /** Clockwise rotation of the card, degrees. */
  angle: number;
  /** Top edge shortened by this fraction of the card width (0 = flat). */
  perspective: number;
  /** Card centre, pixels. */
  centreX: number;
  centreY: number;
}

export type Point = [number, number];

/** The photo choices a caller may pin; the rest are drawn from the scene's random source. */
export interface PhotoChoices {
  longEdge: number;
  background?: Background;
  angle?: number;
  cardScale?: number;
  perspective?: number | boolean;
}

/** A 4:3 landscape photo with the card somewhere inside it, whatever its tilt. */
export function layoutPhoto(random: Random, choices: PhotoChoices): PhotoLayout & { cardWidth: number } {
  const width = choices.longEdge;
  const height = Math.round((width * 3) / 4);
  const cardWidth = Math.round(width * (choices.cardScale ?? random.float(0.6, 0.85)));
  const cardHeight = (cardWidth * CARD_HEIGHT_MM) / CARD_WIDTH_MM;
  const angle = choices.angle ?? random.float(-8, 8);
  const radians = (Math.abs(angle) * Math.PI) / 180;
  const spanX = cardWidth * Math.cos(radians) + cardHeight * Math.sin(radians);
  const spanY = cardWidth * Math.sin(radians) + cardHeight * Math.cos(radians);
  const perspective = choices.perspective === true ? random.float(0.03, 0.08) : typeof choices.perspective === 'number' ? choices.perspective : 0;
  const slackX = Math.max(0, (width - spanX) / 2 - width * 0.02);
  const slackY = Math.max(0, (height - spanY) / 2 - height * 0.02);
  const background = choices.background ?? random.pick(BACKGROUNDS);
  const centreX = width / 2 + random.float(-slackX, slackX);
  const centreY = height / 2 + random.float(-slackY, slackY);
  return { width, height, cardWidth, background, angle, perspective, centreX, centreY };
}

/** The card with its top edge narrowed by `perspective`, row by row, so no seam shows when it is later rotated. */
function foreshorten(card: Canvas, perspective: number): Canvas {
  if (perspective <= 0) return card;
  const { width, height } = card;
  const out = createCanvas(width, height);
  const ctx = out.getContext('2d');
  for (let y = 0; y < height; y++) {
    const scale = 1 - perspective * (1 - y / height);
    ctx.drawImage(card, 0, y, width, 1, (width * (1 - scale)) / 2, y, width * scale, 1);
  }
  return out;
}

/**
 * Draws the photo and returns it with the card's corners (top-left, top-right, bottom-right, bottom-left, in
 * photo pixels).
 */
export function composePhoto(card: Canvas, layout: PhotoLayout, random: Random): { canvas: Canvas; corners: Point[] } {
  const { width, height } = layout;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  drawBackground(ctx, layout.background, random, width, height);

  const angle = (layout.angle * Math.PI) / 180;
  const w = card.width;
  const h = card.height;
  ctx.save();
  ctx.translate(layout.centreX, layout.centreY);
  ctx.rotate(angle);
  ctx.shadowColor = 'rgba(0, 0, 0, 0.45)';
  ctx.shadowBlur = width * 0.012;
  ctx.shadowOffsetX = width * 0.004;
  ctx.shadowOffsetY = width * 0.006;
  ctx.drawImage(foreshorten(card, layout.perspective), -w / 2, -h / 2);
  ctx.restore();

  unevenLight(canvas, random);

  const inset = (w * layout.perspective) / 2;
  const local: Point[] = [[-w / 2 + inset, -h / 2], [w / 2 - inset, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]];
  const corners = local.map(([x, y]): Point => [
    layout.centreX + x * Math.cos(angle) - y * Math.sin(angle),
    layout.centreY + x * Math.sin(angle) + y * Math.cos(angle),
  ]);
  return { canvas, corners };
}

/** Uneven light: brighter where the lamp is, darker at the far edge. */
function unevenLight(canvas: Canvas, random: Random): void {
  const { width, height } = canvas;
  const ctx = canvas.getContext('2d');
  const lx = random.float(0, width);
  const ly = random.float(0, height * 0.5);
  const light = ctx.createRadialGradient(lx, ly, 0, lx, ly, Math.hypot(width, height));
  light.addColorStop(0, 'rgba(255, 255, 255, 0.10)');
  light.addColorStop(0.6, 'rgba(0, 0, 0, 0)');
  light.addColorStop(1, 'rgba(0, 0, 0, 0.22)');
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, width, height);
}

/** A bare surface, lit like the photos: the no-card case. */
export function photoOfSurface(background: Background, random: Random, width: number, height: number): Canvas {
  const canvas = createCanvas(width, height);
  drawBackground(canvas.getContext('2d'), background, random, width, height);
  unevenLight(canvas, random);
  return canvas;
}
