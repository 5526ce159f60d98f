/**
 * <idcard-capture>: the way from a tap to a result. Camera and album, compression of large photos, upload under a
 * random path, the call of ocrIdcard, cancels, the camera permission and retry.
 */
import { ERROR_TABLE } from '../../miniprogram/shared/errors';
import { PHONE_FAILURES } from '../../miniprogram/utils/failure';
import { backResult } from './support/results';
import { attr, isShown, mount, screenText, tap, text } from './support/view';
import { ALBUM_PHOTO, CAMERA_PHOTO, cancelled, loadFromRoot, settle, stubWx, type WxStubs } from './support/wx';

const capture = loadFromRoot('components/idcard-capture/index');
const UPLOAD_PATH = /^idcard-upload\/[0-9a-z]{24}\.(jpg|png)$/;
let wxStubs: WxStubs;
let warn: jest.SpyInstance;

beforeEach(() => {
  wxStubs = stubWx();
  warn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
});

afterEach(() => jest.restoreAllMocks());

describe('front, shot with the camera', () => {
  test('a large photo is compressed, uploaded under a random path, and read as the front', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#shutter');

    expect(isShown(comp, '#camera')).toBe(false);
    expect(wxStubs.getFileInfo).toHaveBeenCalledWith(expect.objectContaining({ filePath: CAMERA_PHOTO.path }));
    expect(wxStubs.compressImage).toHaveBeenCalledWith({ src: CAMERA_PHOTO.path, quality: 80, compressedWidth: 1600 });
    const [{ cloudPath, filePath }] = wxStubs.uploadFile.mock.calls[0];
    expect(filePath).toBe('wxfile://tmp/camera-shot-compressed.jpg');
    expect(cloudPath).toMatch(UPLOAD_PATH);
    expect(wxStubs.callFunction).toHaveBeenCalledWith({
      name: 'ocrIdcard',
      data: { fileID: `cloud://test-env.7465/${cloudPath}`, type: 'photo', side: 'Front' },
    });

    expect(text(comp, '#state-Front')).toBe('已识别');
    expect(attr(comp, '#input-name', 'value')).toBe('林测试');
    expect(attr(comp, '#input-gender', 'value')).toBe('男');
    expect(attr(comp, '#input-nationality', 'value')).toBe('汉');
    expect(attr(comp, '#input-birth', 'value')).toBe('1990-03-07');
    expect(attr(comp, '#input-addr', 'value')).toBe('北京市东城区测试路1号');
    expect(text(comp, '#value-id')).toBe('1101**********1233');
  });

  test('two uploads never share a path', async () => {
    const comp = mount(capture);
    await tap(comp, '#album-Front');
    await tap(comp, '#album-Front');
    const [first, second] = wxStubs.uploadFile.mock.calls.map(([call]) => call.cloudPath);
    expect(first).toMatch(UPLOAD_PATH);
    expect(second).toMatch(UPLOAD_PATH);
    expect(second).not.toBe(first);
  });

  test('a photo whose size cannot be read is compressed to be safe', async () => {
    wxStubs.getFileInfo.mockImplementation(({ fail }) => fail?.({ errMsg: 'getFileInfo:fail' }));
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#shutter');
    expect(wxStubs.compressImage).toHaveBeenCalledTimes(1);
  });

  test('when compression fails the original photo is sent (the function shrinks it)', async () => {
    wxStubs.compressImage.mockRejectedValue({ errMsg: 'compressImage:fail' });
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#shutter');
    expect(wxStubs.uploadFile.mock.calls[0][0].filePath).toBe(CAMERA_PHOTO.path);
    expect(text(comp, '#state-Front')).toBe('已识别');
  });

  test('a failed shot says so and offers the album', async () => {
    wxStubs.takePhoto.mockImplementation(({ fail }) => fail?.({ errMsg: 'takePhoto:fail camera busy' }));
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#shutter');
    expect(isShown(comp, '#camera')).toBe(false);
    expect(text(comp, '#failure-Front')).toBe(PHONE_FAILURES.CAMERA.message);
    expect(isShown(comp, '#retry-Front')).toBe(false); // no photo to send again: shooting again is the retry
    expect(text(comp, '#shoot-Front')).toBe('重拍');
    expect(isShown(comp, '#album-Front')).toBe(true);
    expect(wxStubs.uploadFile).not.toHaveBeenCalled();
  });
});

describe('back, picked from the album', () => {
  test('a small photo is sent as it is, with its own extension, and read as the back', async () => {
    wxStubs.callFunction.mockResolvedValue({ result: backResult() });
    const comp = mount(capture);
    await tap(comp, '#album-Back');

    expect(wxStubs.chooseMedia).toHaveBeenCalledWith(expect.objectContaining({ count: 1, mediaType: ['image'], sourceType: ['album'] }));
    expect(wxStubs.compressImage).not.toHaveBeenCalled();
    const [{ cloudPath, filePath }] = wxStubs.uploadFile.mock.calls[0];
    expect(filePath).toBe(ALBUM_PHOTO.path);
    expect(cloudPath).toMatch(/\.png$/);
    expect(wxStubs.callFunction.mock.calls[0][0].data).toEqual(expect.objectContaining({ type: 'photo', side: 'Back' }));

    expect(text(comp, '#state-Back')).toBe('已识别');
    expect(attr(comp, '#input-validDate', 'value')).toBe('20200101-20400101');
    expect(text(comp, '#value-validity')).toBe('2020-01-01 至 2040-01-01');
    expect(isShown(comp, '#mark-expired')).toBe(false);
  });

  test('a long-term card shows 长期', async () => {
    wxStubs.callFunction.mockResolvedValue({ result: backResult({ validDate: '20100301-长期', validFrom: '2010-03-01', validTo: null }) });
    const comp = mount(capture);
    await tap(comp, '#album-Back');
    expect(text(comp, '#value-validity')).toBe('2010-03-01 至 长期');
  });
});

test('both sides recognized: the confirm button is enabled', async () => {
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(attr(comp, '#confirm', 'disabled')).toBe(true);
  wxStubs.callFunction.mockResolvedValue({ result: backResult() });
  await tap(comp, '#album-Back');
  expect(attr(comp, '#confirm', 'disabled')).toBe(false);
  expect(isShown(comp, '#confirm-hint')).toBe(false);
});

describe('cancel is not an error', () => {
  test('closing the camera puts the empty tile back, nothing is sent', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#camera-cancel');
    expect(isShown(comp, '#camera')).toBe(false);
    expect(text(comp, '#state-Front')).toBe('未拍摄');
    expect(isShown(comp, '#failure-Front')).toBe(false);
    expect(wxStubs.uploadFile).not.toHaveBeenCalled();
  });

  test('closing the camera on a recognized side keeps its result', async () => {
    const comp = mount(capture);
    await tap(comp, '#album-Front');
    await tap(comp, '#shoot-Front');
    await tap(comp, '#camera-cancel');
    expect(text(comp, '#state-Front')).toBe('已识别');
    expect(attr(comp, '#input-name', 'value')).toBe('林测试');
  });

  test('closing the album changes nothing and reports nothing', async () => {
    wxStubs.chooseMedia.mockRejectedValue(cancelled('chooseMedia'));
    const comp = mount(capture);
    await tap(comp, '#album-Front');
    expect(text(comp, '#state-Front')).toBe('未拍摄');
    expect(isShown(comp, '#failure-Front')).toBe(false);
    expect(wxStubs.uploadFile).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
  });

  test('an album that fails for another reason is a failure of that side', async () => {
    wxStubs.chooseMedia.mockRejectedValue({ errMsg: 'chooseMedia:fail file not readable' });
    const comp = mount(capture);
    await tap(comp, '#album-Back');
    expect(text(comp, '#failure-Back')).toBe(PHONE_FAILURES.ALBUM.message);
    expect(isShown(comp, '#retry-Back')).toBe(false);
  });

  test('a failed re-shoot of a recognized side drops the old result instead of offering to resend it', async () => {
    const comp = mount(capture);
    await tap(comp, '#album-Front');
    wxStubs.takePhoto.mockImplementation(({ fail }) => fail?.({ errMsg: 'takePhoto:fail' }));
    await tap(comp, '#shoot-Front');
    await tap(comp, '#shutter');
    expect(isShown(comp, '#retry-Front')).toBe(false);
    expect(isShown(comp, '#form-Front')).toBe(false);
    expect(isShown(comp, '#tile-Front .tile__photo')).toBe(false);
  });
});

describe('camera permission refused', () => {
  beforeEach(() => {
    wxStubs.authorize.mockRejectedValue({ errMsg: 'authorize:fail auth deny' });
  });

  test('says why the camera is needed, offers the settings and the album, and opens no camera', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    expect(isShown(comp, '#camera')).toBe(false);
    expect(isShown(comp, '#permission')).toBe(true);
    expect(text(comp, '#permission')).toContain('拍摄身份证需要使用手机摄像头');
    expect(text(comp, '#open-setting')).toBe('去设置');
    expect(text(comp, '#permission-album')).toBe('从相册选择');
    expect(text(comp, '#state-Front')).toBe('未拍摄');
  });

  test('granted in the settings: the camera opens for the side asked for', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Back');
    wxStubs.authorize.mockResolvedValue({ errMsg: 'authorize:ok' });
    await tap(comp, '#open-setting');
    expect(wxStubs.openSetting).toHaveBeenCalledTimes(1);
    expect(isShown(comp, '#permission')).toBe(false);
    expect(isShown(comp, '#guide-Back')).toBe(true);
  });

  test('still refused in the settings: the explanation stays', async () => {
    wxStubs.openSetting.mockResolvedValue({ authSetting: { 'scope.camera': false } });
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#open-setting');
    expect(isShown(comp, '#permission')).toBe(true);
    expect(isShown(comp, '#camera')).toBe(false);
  });

  test('the album from the explanation reads that side', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#permission-album');
    expect(isShown(comp, '#permission')).toBe(false);
    expect(wxStubs.callFunction.mock.calls[0][0].data.side).toBe('Front');
    expect(text(comp, '#state-Front')).toBe('已识别');
  });

  test('the explanation can be closed', async () => {
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    await tap(comp, '#permission-cancel');
    expect(isShown(comp, '#permission')).toBe(false);
  });

  test('a <camera> error (permission withdrawn while open) closes the camera and explains', async () => {
    wxStubs.authorize.mockResolvedValue({ errMsg: 'authorize:ok' });
    const comp = mount(capture);
    await tap(comp, '#shoot-Front');
    comp.querySelector('#camera-view')!.dispatchEvent('error', { detail: { errMsg: 'camera:fail auth deny' } });
    await settle();
    expect(isShown(comp, '#camera')).toBe(false);
    expect(isShown(comp, '#permission')).toBe(true);
    expect(text(comp, '#state-Front')).toBe('未拍摄');
  });
});

test('retry sends the same photo again', async () => {
  wxStubs.callFunction.mockResolvedValueOnce({ result: { ...ERROR_TABLE.TIMEOUT } });
  const comp = mount(capture);
  await tap(comp, '#album-Front');
  expect(text(comp, '#failure-Front')).toBe(ERROR_TABLE.TIMEOUT.message);

  await tap(comp, '#retry-Front');
  expect(wxStubs.uploadFile).toHaveBeenCalledTimes(2);
  expect(wxStubs.uploadFile.mock.calls[1][0].filePath).toBe(ALBUM_PHOTO.path);
  expect(text(comp, '#state-Front')).toBe('已识别');
  expect(isShown(comp, '#failure-Front')).toBe(false);
});

test('ocr-type="scan" is passed to the function', async () => {
  const comp = mount(capture, { ocrType: 'scan' });
  await tap(comp, '#album-Front');
  expect(wxStubs.callFunction.mock.calls[0][0].data.type).toBe('scan');
});

test('sides=["Back"]: one tile, and confirm needs only the back', async () => {
  wxStubs.callFunction.mockResolvedValue({ result: backResult() });
  const comp = mount(capture, { sides: ['Back'] });
  expect(isShown(comp, '#tile-Front')).toBe(false);
  expect(screenText(comp)).not.toContain('人像面');
  await tap(comp, '#album-Back');
  expect(attr(comp, '#confirm', 'disabled')).toBe(false);
});
