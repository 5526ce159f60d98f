/**
 * <idcard-capture>: what each tile shows in each state of the flow: empty, shooting, uploading, recognizing,
 * done, failed. The WXML is compiled by WeChat's own wcc.
 */
import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { backResult, frontResult } from './support/results';
import { attr, isShown, mount, screenText, tap, text } from './support/view';
import { deferred, loadFromRoot, stubWx, type WxStubs } from './support/wx';

const capture = loadFromRoot('components/idcard-capture/index');
let wxStubs: WxStubs;

beforeEach(() => {
  wxStubs = stubWx();
  jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

test('empty: two tiles, 人像面 and 国徽面, each asking for its side with shoot and album buttons', () => {
  const comp = mount(capture);
  expect(text(comp, '#tile-Front .tile__title')).toBe('人像面');
  expect(text(comp, '#tile-Back .tile__title')).toBe('国徽面');
  for (const side of ['Front', 'Back']) {
    expect(text(comp, `#state-${side}`)).toBe('未拍摄');
    expect(text(comp, `#shoot-${side}`)).toBe('拍摄');
    expect(text(comp, `#album-${side}`)).toBe('相册');
    expect(isShown(comp, `#retry-${side}`)).toBe(false);
  }
  expect(screenText(comp)).toContain('请拍摄带有照片的一面');
  expect(screenText(comp)).toContain('请拍摄带有国徽的一面');
  expect(isShown(comp, '#camera')).toBe(false);
  expect(isShown(comp, '#form-Front')).toBe(false);
  expect(attr(comp, '#confirm', 'disabled')).toBe(true);
  expect(text(comp, '#confirm-hint')).toBe('请先完成人像面和国徽面的识别');
});

test('shooting: the back camera under a card-shaped guide for the side asked for, with a flash toggle', async () => {
  const comp = mount(capture);
  await tap(comp, '#shoot-Back');

  expect(wxStubs.authorize).toHaveBeenCalledWith({ scope: 'scope.camera' });
  expect(text(comp, '#state-Back')).toBe('拍摄中');
  expect(attr(comp, '#camera-view', 'device-position')).toBe('back');
  expect(isShown(comp, '#guide-Back')).toBe(true);
  expect(isShown(comp, '#guide-Back .guide__emblem')).toBe(true);
  expect(isShown(comp, '#guide-Front')).toBe(false);
  expect(text(comp, '#camera .camera__hint')).toContain('请将国徽面放入框内');
  expect(isShown(comp, '#shoot-Back')).toBe(false); // no second camera while this one is open

  expect(attr(comp, '#camera-view', 'flash')).toBe('off');
  expect(text(comp, '#flash-toggle')).toBe('闪光灯 关');
  await tap(comp, '#flash-toggle');
  expect(attr(comp, '#camera-view', 'flash')).toBe('torch');
  expect(text(comp, '#flash-toggle')).toBe('闪光灯 开');
});

test('uploading: the photo as a thumbnail under a progress layer, no buttons', async () => {
  const upload = deferred<{ fileID: string; statusCode: number }>();
  wxStubs.uploadFile.mockReturnValue(upload.promise);
  const comp = mount(capture);
  await tap(comp, '#album-Front');

  expect(text(comp, '#state-Front')).toBe('上传中…');
  expect(text(comp, '#progress-Front')).toBe('上传中…');
  expect(attr(comp, '#tile-Front .tile__photo', 'src')).toBe('wxfile://tmp/album-pick.png');
  expect(isShown(comp, '#shoot-Front')).toBe(false);
  expect(isShown(comp, '#album-Front')).toBe(false);
  expect(text(comp, '#state-Back')).toBe('未拍摄'); // the other side is free meanwhile
  expect(isShown(comp, '#shoot-Back')).toBe(true);
});

test('recognizing: after the upload, while the function reads the card', async () => {
  const call = deferred<{ result: unknown }>();
  wxStubs.callFunction.mockReturnValue(call.promise);
  const comp = mount(capture);
  await tap(comp, '#album-Front');

  expect(text(comp, '#state-Front')).toBe('识别中…');
  expect(text(comp, '#progress-Front')).toBe('识别中…');
  expect(isShown(comp, '#form-Front')).toBe(false);

  call.resolve({ result: frontResult() });
  await tap(comp, '#state-Front'); // any tap: lets the answer land
  expect(text(comp, '#state-Front')).toBe('已识别');
});

test('done: the badge, the photo, the form of that side, and a re-shoot button', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: backResult() });
  const comp = mount(capture);
  await tap(comp, '#album-Back');

  expect(text(comp, '#state-Back')).toBe('已识别');
  expect(isShown(comp, '#progress-Back')).toBe(false);
  expect(isShown(comp, '#form-Back')).toBe(true);
  expect(isShown(comp, '#form-Front')).toBe(false);
  expect(text(comp, '#shoot-Back')).toBe('重拍');
  expect(text(comp, '#confirm-hint')).toBe('请先完成人像面的识别');
});

test('failed: the message, a retry and the ways to shoot again', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: { ...ERROR_TABLE.CERTIFICATE_NOT_FOUND } });
  const comp = mount(capture);
  await tap(comp, '#album-Front');

  expect(text(comp, '#state-Front')).toBe('识别失败');
  expect(text(comp, '#failure-Front')).toBe(ERROR_TABLE.CERTIFICATE_NOT_FOUND.message);
  expect(text(comp, '#retry-Front')).toBe('重试');
  expect(text(comp, '#shoot-Front')).toBe('重拍');
  expect(isShown(comp, '#album-Front')).toBe(true);
  expect(isShown(comp, '#form-Front')).toBe(false);
});
