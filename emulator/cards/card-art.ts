/**
 * The printed artwork of a card that carries no data: the card outline, the light security pattern, the portrait
 * placeholder and the emblem placeholder. Everything is drawn in millimetres on a context scaled to the card.
 */
import type { SKRSContext2D } from '@napi-rs/canvas';

/** ISO/IEC 7810 ID-1, the size of a second-generation resident ID card. */
export const CARD_WIDTH_MM = 85.6;
export const CARD_HEIGHT_MM = 54;
const CORNER_RADIUS_MM = 3.18;

/** Clips drawing to the card's rounded outline. */
export function clipCard(ctx: SKRSContext2D): void {
  ctx.beginPath();
  ctx.roundRect(0, 0, CARD_WIDTH_MM, CARD_HEIGHT_MM, CORNER_RADIUS_MM);
  ctx.clip();
}

/** The pale tint and fine wavy guilloche lines of the card stock; `side` changes the tint, not the method. */
export function drawSecurityPattern(ctx: SKRSContext2D, side: 'Front' | 'Back'): void {
  const tint = ctx.createLinearGradient(0, 0, CARD_WIDTH_MM, CARD_HEIGHT_MM);
  if (side === 'Front') {
    tint.addColorStop(0, '#e6eff0');
    tint.addColorStop(0.45, '#f5f1ea');
    tint.addColorStop(1, '#e4edf1');
  } else {
    tint.addColorStop(0, '#e8f0ec');
    tint.addColorStop(0.5, '#f3f3ea');
    tint.addColorStop(1, '#e6eef2');
  }
  ctx.fillStyle = tint;
  ctx.fillRect(0, 0, CARD_WIDTH_MM, CARD_HEIGHT_MM);

  ctx.lineWidth = 0.07;
  ctx.strokeStyle = side === 'Front' ? 'rgba(96, 156, 186, 0.22)' : 'rgba(110, 165, 150, 0.22)';
  for (let row = -2; row < 64; row++) {
    ctx.beginPath();
    for (let x = 0; x <= CARD_WIDTH_MM; x += 0.8) {
      const y = row * 0.9 + 0.55 * Math.sin(x * 0.32 + row * 0.7) + 0.3 * Math.sin(x * 0.11);
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }

  // A rosette, as the real card has behind its text, in a warm tint.
  const [cx, cy] = side === 'Front' ? [34, 30] : [52, 38];
  ctx.strokeStyle = side === 'Front' ? 'rgba(214, 150, 140, 0.16)' : 'rgba(190, 150, 120, 0.14)';
  for (let i = 0; i < 48; i++) {
    ctx.beginPath();
    ctx.ellipse(cx, cy, 22, 8, (i * Math.PI) / 48, 0, Math.PI * 2);
    ctx.stroke();
  }
}

/** A grey head-and-shoulders silhouette where the holder's photo would be: no face, nothing to identify. */
export function drawPortraitPlaceholder(ctx: SKRSContext2D): void {
  const left = 55;
  const top = 5.5;
  const width = 24;
  const height = 32;
  ctx.fillStyle = 'rgba(236, 240, 242, 0.9)';
  ctx.fillRect(left, top, width, height);
  ctx.fillStyle = '#a9b1b6';
  ctx.beginPath();
  ctx.ellipse(left + width / 2, top + 12, 5.6, 7, 0, 0, Math.PI * 2);
  ctx.fill();
  ctx.beginPath();
  ctx.moveTo(left + 1, top + height);
  ctx.bezierCurveTo(left + 1.5, top + 24, left + 7, top + 22, left + width / 2 - 2.6, top + 19.5);
  ctx.lineTo(left + width / 2 + 2.6, top + 19.5);
  ctx.bezierCurveTo(left + width - 7, top + 22, left + width - 1.5, top + 24, left + width - 1, top + height);
  ctx.closePath();
  ctx.fill();
}

function star(ctx: SKRSContext2D, cx: number, cy: number, outer: number, rotation: number): void {
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? outer : outer * 0.38;
    const angle = rotation - Math.PI / 2 + (i * Math.PI) / 5;
    const x = cx + radius * Math.cos(angle);
    const y = cy + radius * Math.sin(angle);
    if (i === 0) ctx.moveTo(x, y);
    else ctx.lineTo(x, y);
  }
  ctx.closePath();
  ctx.fill();
}

/** A red and gold roundel with stars standing in for the national emblem (deliberately not a copy of it). */
export function drawEmblemPlaceholder(ctx: SKRSContext2D): void {
  const cx = 14.5;
  const cy = 14.5;
  ctx.fillStyle = '#d3242c';
  ctx.beginPath();
  ctx.arc(cx, cy, 8.2, 0, Math.PI * 2);
  ctx.fill();
  ctx.strokeStyle = '#f0c341';
  ctx.lineWidth = 0.7;
  ctx.beginPath();
  ctx.arc(cx, cy, 7.3, 0, Math.PI * 2);
  ctx.stroke();
  ctx.fillStyle = '#f0c341';
  star(ctx, cx, cy - 2.6, 2.2, 0);
  for (let i = 0; i < 4; i++) {
    const angle = (-150 + i * 40) * (Math.PI / 180);
    star(ctx, cx + 4.3 * Math.cos(angle) * 1.05, cy - 2.2 + 3.2 * Math.sin(angle), 0.8, angle);
  }
  ctx.fillRect(cx - 4.2, cy + 1.6, 8.4, 0.7);
  ctx.fillRect(cx - 3.2, cy + 2.6, 6.4, 2.4);
  ctx.fillStyle = '#d3242c';
  for (let i = -1; i <= 1; i++) ctx.fillRect(cx + i * 2 - 0.4, cy + 3.3, 0.8, 1.7);
}
