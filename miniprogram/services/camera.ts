/**
 * The phone camera: the permission it needs and the shot taken from the page's `<camera>`.
 */

const CAMERA_SCOPE = 'scope.camera';

/**
 * Asks for the camera permission. WeChat prompts the first time only; once refused, `wx.authorize` fails at
 * once and only the settings page can grant it again, so false means "send the user to wx.openSetting".
 */
export async function requestCameraPermission(): Promise<boolean> {
  try {
    await wx.authorize({ scope: CAMERA_SCOPE });
    return true;
  } catch {
    // A refusal is an answer, not an error: the caller explains why the camera is needed.
    return false;
  }
}

/** Opens the mini-program's settings page (must follow a tap); resolves with whether the camera is now allowed. */
export async function openCameraSettings(): Promise<boolean> {
  const res = await wx.openSetting({});
  return res.authSetting[CAMERA_SCOPE] === true;
}

/** Takes a photo with the `<camera>` shown on the page; resolves with its temporary file. */
export async function takePhoto(): Promise<string> {
  const res = await new Promise<WechatMiniprogram.TakePhotoSuccessCallbackResult>((resolve, reject) => {
    wx.createCameraContext().takePhoto({ quality: 'high', success: resolve, fail: reject });
  });
  return res.tempImagePath;
}
