/**
 * pages/idcard/index: the demo host. It reads its query, passes it to <idcard-capture>, and keeps what the user
 * confirmed (masked on screen, full in `data.confirmed`, and through the opener's event channel).
 */
import { VALID_ID, backResult } from './support/results';
import { attr, isShown, mount, node, screenText, tap, text } from './support/view';
import { loadFromRoot, stubWx, type WxStubs } from './support/wx';
import type { ConfirmedIdcard } from '../../miniprogram/utils/confirm';

const page = loadFromRoot('pages/idcard/index');
let wxStubs: WxStubs;

type PageInstance = { onLoad(query?: Record<string, string>): void; getOpenerEventChannel?: () => { emit: jest.Mock } };

beforeEach(() => {
  wxStubs = stubWx();
});

function open(query: Record<string, string> = {}) {
  const comp = mount(page);
  (comp.instance as unknown as PageInstance).onLoad(query);
  return comp;
}

test('the page hosts the capture component with both sides', () => {
  const comp = open();
  expect(isShown(comp, '#capture')).toBe(true);
  const capture = node(comp, '#capture');
  expect(isShown(capture, '#tile-Front')).toBe(true);
  expect(isShown(capture, '#tile-Back')).toBe(true);
  expect(screenText(comp)).toContain('拍摄身份证');
});

test('query type=scan and sides=Front reach the component', async () => {
  const comp = open({ type: 'scan', sides: 'Front' });
  const capture = node(comp, '#capture');
  expect(isShown(capture, '#tile-Back')).toBe(false);
  await tap(capture, '#album-Front');
  expect(wxStubs.callFunction.mock.calls[0][0].data).toEqual(expect.objectContaining({ type: 'scan', side: 'Front' }));
});

test('confirm: the page keeps the fields, shows a masked summary and tells its opener', async () => {
  const comp = open();
  const emit = jest.fn();
  (comp.instance as unknown as PageInstance).getOpenerEventChannel = () => ({ emit });
  const capture = node(comp, '#capture');
  await tap(capture, '#album-Front');
  wxStubs.callFunction.mockResolvedValueOnce({ result: backResult({ expired: true, validTo: '2021-01-01' }) });
  await tap(capture, '#album-Back');
  expect(isShown(comp, '#summary')).toBe(false);
  await tap(capture, '#confirm');

  const confirmed = comp.data.confirmed as ConfirmedIdcard;
  expect(confirmed.front?.id).toBe(VALID_ID);
  expect(confirmed.back?.expired).toBe(true);
  expect(emit).toHaveBeenCalledWith('confirm', confirmed);

  const summary = text(comp, '#summary');
  expect(summary).toContain('林**');
  expect(summary).toContain('1101**********1233');
  expect(summary).toContain('2021-01-01（已过期）');
  expect(summary).not.toContain(VALID_ID);
  expect(attr(capture, '#confirm', 'disabled')).toBe(false);
});
