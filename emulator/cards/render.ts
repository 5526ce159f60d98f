/**
 * Draws the two sides of a second-generation resident ID card with @napi-rs/canvas: labels in blue, values in
 * black, at the places a real card prints them (positions in millimetres on the 85.6 x 54 mm card).
 */
import { createCanvas, type Canvas, type SKRSContext2D } from '@napi-rs/canvas';
import {
  CARD_HEIGHT_MM,
  CARD_WIDTH_MM,
  clipCard,
  drawEmblemPlaceholder,
  drawPortraitPlaceholder,
  drawSecurityPattern,
} from './card-art';
import { FONT, registerCardFonts } from './fonts';
import type { Identity } from './types';

export interface RenderOptions {
  /** Card width in pixels (default 1011, a 300 dpi scan); the height follows the card's aspect. */
  width?: number;
}

const LABEL_COLOUR = '#2a7bbd';
const VALUE_COLOUR = '#111111';
const LABEL_SIZE = 2.75;
const VALUE_SIZE = 3.2;
const VALUE_X = 17;

/** A card-sized canvas with the context scaled to `px` pixels a millimetre; corners outside the card stay transparent. */
interface CardPainter {
  canvas: Canvas;
  ctx: SKRSContext2D;
  px: number;
  text(text: string, xMm: number, yMm: number, sizeMm: number, font: string, colour: string): number;
}

function cardCanvas(options: RenderOptions, side: 'Front' | 'Back'): CardPainter {
  const width = options.width ?? 1011;
  if (!Number.isInteger(width) || width < 100 || width > 8000) {
    throw new RangeError(`Expected an integer between 100 and 8000 for width but received ${String(width)}`);
  }
  registerCardFonts();
  const px = width / CARD_WIDTH_MM;
  const canvas = createCanvas(width, Math.round(CARD_HEIGHT_MM * px));
  const ctx = canvas.getContext('2d');
  ctx.save();
  ctx.scale(px, px);
  clipCard(ctx);
  drawSecurityPattern(ctx, side);
  ctx.restore();
  const text = (value: string, xMm: number, yMm: number, sizeMm: number, font: string, colour: string): number => {
    ctx.font = `${(sizeMm * px).toFixed(2)}px ${font}`;
    ctx.fillStyle = colour;
    ctx.fillText(value, xMm * px, yMm * px);
    return ctx.measureText(value).width / px;
  };
  return { canvas, ctx, px, text };
}

/** A label whose characters are spread over `spanMm`, as `姓  名` is on the card. */
function spacedLabel(painter: CardPainter, label: string, xMm: number, yMm: number, spanMm: number): void {
  const chars = [...label];
  const step = chars.length > 1 ? (spanMm - LABEL_SIZE) / (chars.length - 1) : 0;
  chars.forEach((ch, i) => painter.text(ch, xMm + i * step, yMm, LABEL_SIZE, FONT.medium, LABEL_COLOUR));
}

/**
 * The front: 姓名, 性别 and 民族, 出生, 住址 (as wrapped in `identity.addressLines`), 公民身份号码, and a
 * portrait placeholder.
 *
 * @example
 * const canvas = renderFront(generateIdentity(1), { width: 1280 });
 * const png = canvas.toBuffer('image/png');
 */
export function renderFront(identity: Identity, options: RenderOptions = {}): Canvas {
  const painter = cardCanvas(options, 'Front');
  const { text, ctx, px } = painter;
  ctx.save();
  ctx.scale(px, px);
  drawPortraitPlaceholder(ctx);
  ctx.restore();

  spacedLabel(painter, '姓名', 6, 11, 8.2);
  text(identity.name, VALUE_X, 11, 3.7, FONT.medium, VALUE_COLOUR);

  spacedLabel(painter, '性别', 6, 18, 8.2);
  text(identity.gender, VALUE_X, 18, VALUE_SIZE, FONT.medium, VALUE_COLOUR);
  spacedLabel(painter, '民族', 28, 18, 8.2);
  text(identity.nationality, 38.5, 18, VALUE_SIZE, FONT.medium, VALUE_COLOUR);

  spacedLabel(painter, '出生', 6, 25, 8.2);
  let x = VALUE_X;
  const parts = [identity.birth.slice(0, 4), String(Number(identity.birth.slice(4, 6))), String(Number(identity.birth.slice(6, 8)))];
  ['年', '月', '日'].forEach((unit, i) => {
    x += text(parts[i], x, 25, VALUE_SIZE, FONT.medium, VALUE_COLOUR) + 1.2;
    x += text(unit, x, 25, LABEL_SIZE, FONT.medium, LABEL_COLOUR) + 1.6;
  });

  spacedLabel(painter, '住址', 6, 32, 8.2);
  identity.addressLines.forEach((line, i) => text(line, VALUE_X, 32 + i * 4.7, VALUE_SIZE, FONT.medium, VALUE_COLOUR));

  text('公民身份号码', 6, 48.6, LABEL_SIZE, FONT.medium, LABEL_COLOUR);
  // Fixed pitch, like the OCR-B digits of the real card.
  const pitch = 2.75;
  ctx.textAlign = 'center';
  [...identity.id].forEach((ch, i) => text(ch, 28.6 + i * pitch, 48.8, 3.9, FONT.medium, VALUE_COLOUR));
  ctx.textAlign = 'start';
  return painter.canvas;
}

/** The back: 中华人民共和国, 居民身份证, 签发机关 and 有效期限 (`2007.01.05-2027.01.05` or `2010.03.01-长期`). */
export function renderBack(identity: Identity, options: RenderOptions = {}): Canvas {
  const painter = cardCanvas(options, 'Back');
  const { text, ctx, px } = painter;
  ctx.save();
  ctx.scale(px, px);
  drawEmblemPlaceholder(ctx);
  ctx.restore();

  [...'中华人民共和国'].forEach((ch, i) => text(ch, 30.5 + i * 6.6, 14.5, 4.8, FONT.bold, VALUE_COLOUR));
  [...'居民身份证'].forEach((ch, i) => text(ch, 29 + i * 9.9, 27, 7.4, FONT.bold, VALUE_COLOUR));

  text('签发机关', 14, 42.5, LABEL_SIZE, FONT.medium, LABEL_COLOUR);
  text(identity.authority, 29.5, 42.5, VALUE_SIZE, FONT.medium, VALUE_COLOUR);
  text('有效期限', 14, 49, LABEL_SIZE, FONT.medium, LABEL_COLOUR);
  text(printedValidity(identity), 29.5, 49, VALUE_SIZE, FONT.medium, VALUE_COLOUR);
  return painter.canvas;
}

/** `20070105`, `20270105` -> `2007.01.05-2027.01.05`; a long-term card ends in `长期`. */
export function printedValidity(identity: Pick<Identity, 'validFrom' | 'validTo'>): string {
  const dotted = (day: string): string => (/^\d{8}$/.test(day) ? `${day.slice(0, 4)}.${day.slice(4, 6)}.${day.slice(6)}` : day);
  return `${dotted(identity.validFrom)}-${dotted(identity.validTo)}`;
}
