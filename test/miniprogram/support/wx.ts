/**
 * The one place that shapes `wx` for the mini-program tests. miniprogram-simulate installs a `wx` whose async
 * APIs succeed with canned values and has no `wx.cloud`; `stubWx()` replaces the calls our services make with
 * jest mocks that behave like the phone by default (permission granted, a photo taken, upload and call succeed),
 * and each test overrides only the call its behaviour is about.
 */
import path from 'node:path';
import simulate from 'miniprogram-simulate';
import { frontResult } from './results';

export const MINIPROGRAM_ROOT = path.resolve(__dirname, '../../../miniprogram');

/** A photo the camera "took": large, so the component compresses it. */
export const CAMERA_PHOTO = { path: 'wxfile://tmp/camera-shot.jpg', size: 3_200_000 };
/** A photo picked from the album: small, sent as it is. */
export const ALBUM_PHOTO = { path: 'wxfile://tmp/album-pick.png', size: 420_000 };

type Callbacks<T> = { success?: (res: T) => void; fail?: (err: unknown) => void };

export interface WxStubs {
  authorize: jest.Mock<Promise<unknown>, [{ scope: string }]>;
  openSetting: jest.Mock<Promise<{ authSetting: Record<string, boolean> }>, [unknown]>;
  chooseMedia: jest.Mock<Promise<{ tempFiles: { tempFilePath: string; size: number }[] }>, [unknown]>;
  compressImage: jest.Mock<Promise<{ tempFilePath: string }>, [{ src: string; quality: number; compressedWidth: number }]>;
  getFileInfo: jest.Mock<void, [{ filePath: string } & Callbacks<{ size: number }>]>;
  takePhoto: jest.Mock<void, [Callbacks<{ tempImagePath: string }>]>;
  uploadFile: jest.Mock<Promise<{ fileID: string; statusCode: number }>, [{ cloudPath: string; filePath: string }]>;
  callFunction: jest.Mock<Promise<{ result: unknown }>, [{ name: string; data: Record<string, unknown> }]>;
  cloudInit: jest.Mock<void, [unknown]>;
}

/** Installs fresh stubs on the global `wx`; call in beforeEach. */
export function stubWx(): WxStubs {
  const stubs: WxStubs = {
    authorize: jest.fn(async (_option: { scope: string }): Promise<unknown> => ({ errMsg: 'authorize:ok' })),
    openSetting: jest.fn(async (_option: unknown) => ({ authSetting: { 'scope.camera': true } as Record<string, boolean> })),
    chooseMedia: jest.fn(async (_option: unknown) => ({ tempFiles: [{ tempFilePath: ALBUM_PHOTO.path, size: ALBUM_PHOTO.size }] })),
    compressImage: jest.fn(async ({ src }) => ({ tempFilePath: src.replace(/\.\w+$/, '-compressed.jpg') })),
    getFileInfo: jest.fn(({ success }) => success?.({ size: CAMERA_PHOTO.size })),
    takePhoto: jest.fn(({ success }) => success?.({ tempImagePath: CAMERA_PHOTO.path })),
    uploadFile: jest.fn(async ({ cloudPath }) => ({ fileID: `cloud://test-env.7465/${cloudPath}`, statusCode: 200 })),
    callFunction: jest.fn(async (_option: { name: string; data: Record<string, unknown> }) => ({ result: frontResult() as unknown })),
    cloudInit: jest.fn(),
  };
  const target = wx as unknown as Record<string, unknown>;
  target.authorize = stubs.authorize;
  target.openSetting = stubs.openSetting;
  target.chooseMedia = stubs.chooseMedia;
  target.compressImage = stubs.compressImage;
  target.getFileSystemManager = () => ({ getFileInfo: stubs.getFileInfo });
  target.createCameraContext = () => ({ takePhoto: stubs.takePhoto });
  target.cloud = { init: stubs.cloudInit, uploadFile: stubs.uploadFile, callFunction: stubs.callFunction };
  return stubs;
}

/** The failure WeChat reports when the user closes a picker. */
export function cancelled(api: string): { errMsg: string } {
  return { errMsg: `${api}:fail cancel` };
}

/** A promise the test settles itself, to hold the flow in a state (uploading, recognizing). */
export function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (err: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** Lets every pending promise callback and setData of the flow run. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await simulate.sleep(0);
}

/** Loads a component or page of the mini-program once (see the simulate note in docs/testing-miniprogram.md). */
export function loadFromRoot(relative: string): string {
  return simulate.load(path.join(MINIPROGRAM_ROOT, relative), { rootPath: MINIPROGRAM_ROOT });
}
