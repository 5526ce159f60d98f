/**
 * The two tiles, 人像面 and 国徽面: each shows where its side is in the flow.
 */
import type { CardSide } from '../shared/idcard';
import type { ShownFailure } from './failure';

export type TileState = 'empty' | 'shooting' | 'uploading' | 'recognizing' | 'done' | 'failed';

export interface TileView {
  side: CardSide;
  /** 人像面 / 国徽面 */
  title: string;
  /** What to shoot, under the title and in the camera's guide frame. */
  hint: string;
  state: TileState;
  /** The state in words, for the badge. */
  stateText: string;
  /** Local path of the photo being (or last) recognized, as a thumbnail; '' before any. */
  photo: string;
  failure: ShownFailure | null;
  /** Uploading or recognizing: the buttons are hidden so one side runs once at a time. */
  busy: boolean;
}

const SIDES: Record<CardSide, { title: string; hint: string }> = {
  Front: { title: '人像面', hint: '请拍摄带有照片的一面' },
  Back: { title: '国徽面', hint: '请拍摄带有国徽的一面' },
};

export const STATE_TEXT: Record<TileState, string> = {
  empty: '未拍摄',
  shooting: '拍摄中',
  uploading: '上传中…',
  recognizing: '识别中…',
  done: '已识别',
  failed: '识别失败',
};

/** A side's tile before anything was shot. */
export function emptyTile(side: CardSide): TileView {
  return { side, ...SIDES[side], state: 'empty', stateText: STATE_TEXT.empty, photo: '', failure: null, busy: false };
}

/** The tile in a new state; a failure is kept only in the failed state. */
export function tileIn(tile: TileView, state: TileState, change: Partial<Pick<TileView, 'photo' | 'failure'>> = {}): TileView {
  const next = { ...tile, ...change, state, stateText: STATE_TEXT[state], busy: state === 'uploading' || state === 'recognizing' };
  if (state !== 'failed') next.failure = null;
  return next;
}

/** The sides a host asked for, in card order, without repeats or unknown names (both when none are valid). */
export function requestedSides(sides: unknown): CardSide[] {
  const asked = Array.isArray(sides) ? sides : [];
  const known = (['Front', 'Back'] as const).filter((side) => asked.includes(side));
  return known.length ? known : ['Front', 'Back'];
}
