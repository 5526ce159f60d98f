/**
 * Textured surfaces a card lies on in a phone photo: wood, a desk laminate, fabric. Procedural and seeded, drawn at
 * the size of the photo so the texture has real high-frequency detail for the engine's card finder to cope with.
 */
import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import type { Random } from './random';

export type Background = 'wood' | 'desk' | 'fabric';
export const BACKGROUNDS: readonly Background[] = ['wood', 'desk', 'fabric'];

/** Fine grain: a seeded grey noise tile repeated over the surface. */
function grain(ctx: SKRSContext2D, random: Random, width: number, height: number, alpha: number): void {
  const size = 256;
  const tile = createCanvas(size, size);
  const tileCtx = tile.getContext('2d');
  const image = tileCtx.createImageData(size, size);
  for (let i = 0; i < image.data.length; i += 4) {
    const value = random.next() < 0.5 ? 0 : 255;
    image.data[i] = value;
    image.data[i + 1] = value;
    image.data[i + 2] = value;
    image.data[i + 3] = Math.round(random.next() * 255 * alpha);
  }
  tileCtx.putImageData(image, 0, 0);
  const pattern = ctx.createPattern(tile, 'repeat');
  if (!pattern) return;
  ctx.fillStyle = pattern;
  ctx.fillRect(0, 0, width, height);
}

function wood(ctx: SKRSContext2D, random: Random, width: number, height: number): void {
  const tones = [['#b07a4a', '#8a5a33'], ['#c9a27a', '#a57c55'], ['#7a4a2a', '#5c3520'], ['#d8b68c', '#b8915f']];
  const [light, dark] = random.pick(tones);
  ctx.fillStyle = light;
  ctx.fillRect(0, 0, width, height);
  const unit = width / 1000;
  const plank = height / random.int(3, 5);
  for (let line = 0; line < 260; line++) {
    const y0 = random.float(-0.05, 1.05) * height;
    const amplitude = random.float(0.5, 6) * unit;
    const wavelength = random.float(80, 400) * unit;
    const phase = random.float(0, Math.PI * 2);
    ctx.beginPath();
    for (let x = 0; x <= width + 20 * unit; x += 20 * unit) {
      const y = y0 + amplitude * Math.sin(x / wavelength + phase);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.strokeStyle = random.chance(0.7) ? dark : '#f3dcc0';
    ctx.globalAlpha = random.float(0.05, 0.3);
    ctx.lineWidth = random.float(0.5, 4) * unit;
    ctx.stroke();
  }
  ctx.globalAlpha = 0.5;
  ctx.strokeStyle = '#3a2413';
  ctx.lineWidth = 2 * unit;
  for (let y = plank; y < height; y += plank) {
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
    ctx.stroke();
  }
  ctx.globalAlpha = 1;
  grain(ctx, random, width, height, 0.08);
}

function desk(ctx: SKRSContext2D, random: Random, width: number, height: number): void {
  ctx.fillStyle = random.pick(['#e4e2dc', '#d6d3cc', '#ecebe6', '#9c9c98', '#c7ccd1']);
  ctx.fillRect(0, 0, width, height);
  for (let i = 0; i < 12; i++) {
    const x = random.float(0, width);
    const y = random.float(0, height);
    const radius = random.float(0.1, 0.4) * width;
    const blotch = ctx.createRadialGradient(x, y, 0, x, y, radius);
    const shade = random.chance(0.5) ? '255, 255, 255' : '0, 0, 0';
    blotch.addColorStop(0, `rgba(${shade}, ${random.float(0.03, 0.08).toFixed(3)})`);
    blotch.addColorStop(1, `rgba(${shade}, 0)`);
    ctx.fillStyle = blotch;
    ctx.fillRect(0, 0, width, height);
  }
  grain(ctx, random, width, height, 0.06);
}

function fabric(ctx: SKRSContext2D, random: Random, width: number, height: number): void {
  const base = random.pick(['#3b4a6b', '#6b3b3b', '#4d5d4a', '#8a8f96', '#c9b99a']);
  ctx.fillStyle = base;
  ctx.fillRect(0, 0, width, height);
  const pitch = Math.max(2, Math.round(width / 700));
  ctx.lineWidth = pitch / 2;
  for (let x = 0; x < width; x += pitch) {
    ctx.strokeStyle = `rgba(255, 255, 255, ${random.float(0.02, 0.1).toFixed(3)})`;
    ctx.beginPath();
    ctx.moveTo(x, 0);
    ctx.lineTo(x, height);
    ctx.stroke();
  }
  for (let y = 0; y < height; y += pitch) {
    ctx.strokeStyle = `rgba(0, 0, 0, ${random.float(0.04, 0.14).toFixed(3)})`;
    ctx.beginPath();
    ctx.moveTo(0, y);
    ctx.lineTo(width, y);
    ctx.stroke();
  }
  // Soft folds.
  for (let i = 0; i < 5; i++) {
    const x = random.float(0, width);
    const fold = ctx.createLinearGradient(x - width * 0.1, 0, x + width * 0.1, height * random.float(0, 0.3));
    fold.addColorStop(0, 'rgba(0, 0, 0, 0)');
    fold.addColorStop(0.5, `rgba(0, 0, 0, ${random.float(0.08, 0.2).toFixed(3)})`);
    fold.addColorStop(1, 'rgba(0, 0, 0, 0)');
    ctx.fillStyle = fold;
    ctx.fillRect(0, 0, width, height);
  }
  grain(ctx, random, width, height, 0.1);
}

/** Fills the whole context with a seeded surface. */
export function drawBackground(ctx: SKRSContext2D, kind: Background, random: Random, width: number, height: number): void {
  if (kind === 'wood') wood(ctx, random, width, height);
  else if (kind === 'desk') desk(ctx, random, width, height);
  else fabric(ctx, random, width, height);
}
