/**
 * When the user may confirm, and what the host receives then.
 */
import type { CardSide } from '../shared/idcard';
import { backProblem, confirmedBack, type BackForm, type ConfirmedBack } from './back-form';
import { confirmedFront, frontProblem, type ConfirmedFront, type FrontForm } from './front-form';
import type { TileView } from './tile';

/** The `detail` of the component's `confirm` event, also kept in its `confirmed` data. */
export interface ConfirmedIdcard {
  /** Present when the host asked for the front. */
  front?: ConfirmedFront;
  /** Present when the host asked for the back. */
  back?: ConfirmedBack;
}

export interface ConfirmState {
  canConfirm: boolean;
  /** Why not yet, '' when ready. */
  hint: string;
}

/** Every asked side must be recognized and its form must hold what a card holds. */
export function confirmState(tiles: TileView[], front: FrontForm | null, back: BackForm | null): ConfirmState {
  const waiting = tiles.filter((tile) => tile.state !== 'done').map((tile) => tile.title);
  if (waiting.length) return { canConfirm: false, hint: `请先完成${waiting.join('和')}的识别` };
  const problem = (needs(tiles, 'Front') && front ? frontProblem(front) : '') || (needs(tiles, 'Back') && back ? backProblem(back) : '');
  return { canConfirm: !problem, hint: problem };
}

/** The confirmed fields of the asked sides. */
export function confirmedIdcard(tiles: TileView[], front: FrontForm | null, back: BackForm | null): ConfirmedIdcard {
  const confirmed: ConfirmedIdcard = {};
  if (needs(tiles, 'Front') && front) confirmed.front = confirmedFront(front);
  if (needs(tiles, 'Back') && back) confirmed.back = confirmedBack(back);
  return confirmed;
}

function needs(tiles: TileView[], side: CardSide): boolean {
  return tiles.some((tile) => tile.side === side);
}
