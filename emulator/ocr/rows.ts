/**
 * OCR runs grouped into the rows of the card by their boxes: a label and its value, or 性别 男 民族 汉, are
 * separate runs on one row. The runs can arrive in any order; only geometry decides.
 */
import type { OcrLine } from './types';

export interface Row {
  /** Left to right. */
  runs: OcrLine[];
  top: number;
  bottom: number;
  left: number;
  right: number;
  /** The runs' texts joined left to right, spaces dropped (no value on a card holds a space). */
  text: string;
}

const centreY = (line: OcrLine) => line.box.y + line.box.height / 2;

/** How much two vertical spans overlap, relative to the shorter one. */
function verticalOverlap(aTop: number, aBottom: number, bTop: number, bBottom: number): number {
  const overlap = Math.min(aBottom, bBottom) - Math.max(aTop, bTop);
  return overlap / Math.max(1, Math.min(aBottom - aTop, bBottom - bTop));
}

/**
 * Half a glyph that detection cut off (often from a widely spaced label such as 住 址): clearly lower than the
 * row's print and read without confidence. It would otherwise put a stray `X` or `?` in front of a value.
 */
function isFragment(run: OcrLine, rowHeight: number): boolean {
  return run.box.height < 0.75 * rowHeight && run.score < 0.8;
}

/** Groups runs into rows, top to bottom. A run joins the row it overlaps most, if by at least half its height. */
export function groupRows(lines: OcrLine[]): Row[] {
  const rows: Row[] = [];
  const byHeight = [...lines].filter((line) => line.text.trim() !== '').sort((a, b) => b.box.height - a.box.height);
  // Tallest first: a tall run fixes the band, the short ones (a lone 女, a split label) then fall into it.
  for (const line of byHeight) {
    const top = line.box.y;
    const bottom = line.box.y + line.box.height;
    let best: Row | null = null;
    let bestOverlap = 0.5;
    for (const row of rows) {
      const centred = centreY(line) > row.top && centreY(line) < row.bottom;
      const overlap = verticalOverlap(top, bottom, row.top, row.bottom);
      if (centred && overlap >= bestOverlap) {
        best = row;
        bestOverlap = overlap;
      }
    }
    if (best) {
      best.runs.push(line);
    } else {
      rows.push({ runs: [line], top, bottom, left: 0, right: 0, text: '' });
    }
  }
  for (const row of rows) {
    const tallest = Math.max(...row.runs.map((r) => r.box.height));
    row.runs = row.runs.filter((run) => !isFragment(run, tallest));
    row.runs.sort((a, b) => a.box.x - b.box.x);
    row.top = Math.min(...row.runs.map((r) => r.box.y));
    row.bottom = Math.max(...row.runs.map((r) => r.box.y + r.box.height));
    row.left = Math.min(...row.runs.map((r) => r.box.x));
    row.right = Math.max(...row.runs.map((r) => r.box.x + r.box.width));
    row.text = row.runs.map((r) => r.text.replace(/\s+/g, '')).join('');
  }
  return rows.sort((a, b) => a.top + a.bottom - (b.top + b.bottom));
}

/** The typical height of a row of small print (the median), to scale gaps by. */
export function typicalRowHeight(rows: Row[]): number {
  const heights = rows.map((row) => row.bottom - row.top).sort((a, b) => a - b);
  return heights.length ? heights[Math.floor(heights.length / 2)] : 0;
}
